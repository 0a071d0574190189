"""Claire creates an event in the Wagtail admin, with sessions generated from a repeat rule."""

from django.urls import reverse
from django.utils import timezone

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

import pytest

from events.models import EventPage
from tests.factories import VenueFactory

pytestmark = pytest.mark.django_db


def event_form(**fields):
    data = {
        "title": "Groupe de parents : souffler et partager",
        "slug": "groupe-parents-souffler",
        "summary": "Un temps d'échange entre parents, un mardi sur deux.",
        "event_format": "groupe-parents",
        "attendance_mode": "sur-place",
        "is_free": "on",
        "registration_scope": "session",
        "max_people_per_registration": "4",
        "waiting_list": "on",
        "body": streamfield([]),
        "sessions": inline_formset([]),
        **fields,
    }
    return nested_form_data(data)


def test_a_repeat_rule_creates_every_session_of_a_cycle(admin_client, agenda):
    venue = VenueFactory(name="Maison des familles")
    url = reverse("wagtailadmin_pages:add", args=("events", "eventpage", agenda.pk))

    response = admin_client.post(
        url,
        event_form(
            repeat_first_start="2027-03-02 18:30",
            repeat_end_time="20:00",
            repeat_rule="biweekly",
            repeat_count="6",
            repeat_venue=str(venue.pk),
            **{"action-publish": "publish"},
        ),
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    event = EventPage.objects.get(slug="groupe-parents-souffler")
    sessions = list(event.sessions.order_by("start"))
    assert [s.start.strftime("%d/%m") for s in sessions] == ["02/03", "16/03", "30/03", "13/04", "27/04", "11/05"]
    assert {timezone.localtime(s.start).strftime("%H:%M") for s in sessions} == {"18:30"}
    assert all(s.venue == venue for s in sessions)
    assert all(s.end - s.start == sessions[0].end - sessions[0].start for s in sessions)
    assert [s.sort_order for s in sessions] == list(range(6))  # listed in date order

    # The editor sees them in the session list of the edit form.
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=(event.pk,))).content.decode()
    assert edit.count('name="sessions-') > 6
    assert 'name="sessions-1-start" value="16/03/2027 18:30"' in edit


def test_a_series_added_after_a_session_already_listed_follows_it_in_the_edit_form(admin_client, agenda):
    url = reverse("wagtailadmin_pages:add", args=("events", "eventpage", agenda.pk))
    listed = {"start": "2027-02-23 18:30", "end": "2027-02-23 20:00", "status": "scheduled", "note": ""}

    response = admin_client.post(
        url,
        event_form(
            sessions=inline_formset([listed]),
            repeat_first_start="2027-03-02 18:30",
            repeat_end_time="20:00",
            repeat_rule="weekly",
            repeat_count="3",
            **{"action-publish": "publish"},
        ),
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    event = EventPage.objects.get(slug="groupe-parents-souffler")
    sessions = list(event.sessions.order_by("sort_order"))
    assert [s.start.strftime("%d/%m") for s in sessions] == ["23/02", "02/03", "09/03", "16/03"]
    assert len({s.sort_order for s in sessions}) == 4


def test_an_incomplete_repeat_rule_is_explained_and_nothing_is_created(admin_client, agenda):
    url = reverse("wagtailadmin_pages:add", args=("events", "eventpage", agenda.pk))

    response = admin_client.post(url, event_form(repeat_first_start="2027-03-02 18:30", repeat_rule="weekly"))

    assert response.status_code == 200
    assert "Remplissez ce champ pour créer la série" in response.content.decode()
    assert not EventPage.objects.filter(slug="groupe-parents-souffler").exists()


def test_an_end_time_before_the_start_is_refused(admin_client, agenda):
    url = reverse("wagtailadmin_pages:add", args=("events", "eventpage", agenda.pk))

    response = admin_client.post(
        url,
        event_form(
            repeat_first_start="2027-03-02 18:30", repeat_end_time="17:00", repeat_rule="weekly", repeat_count="3"
        ),
    )

    assert response.status_code == 200
    assert "L&#x27;heure de fin doit être après l&#x27;heure de début." in response.content.decode()
    assert not EventPage.objects.exists()
