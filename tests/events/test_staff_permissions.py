"""Staff registration screens: who may do what, and the optional questions asked on the phone."""

import re

from django.test import Client
from django.urls import reverse

import pytest

from events.models import Registration
from tests.auth import assert_admin_refusal, login_with_second_factor
from tests.events.staff_helpers import action_url, book, make_staff, session_url, text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

INDEX = "/admin/inscriptions/"


# --- Who may do what --------------------------------------------------------------------------


def test_staff_without_the_permission_get_no_menu_item_and_no_personal_data(staff_client, workshop):
    event, [session, _] = workshop
    registration = book(event, session, "Nadia", "Benali")
    before = Registration.objects.values().get()

    dashboard = staff_client.get("/admin/")
    urls = [
        INDEX,
        INDEX + "?export=csv",
        INDEX + "?export=xlsx",
        reverse("inscriptions:inspect", args=[registration.pk]),
        reverse("inscriptions:edit", args=[registration.pk]),
        session_url(session),
        reverse("events-admin:event", args=[event.pk]),
    ]
    responses = [staff_client.get(url) for url in urls]
    posts = [
        staff_client.post(action_url(session), {"registration": registration.pk, "action": action})
        for action in ("approve", "refuse", "cancel", "present", "absent")
    ]
    posts.append(
        staff_client.post(
            session_url(session),
            {
                "staff-first_name": "Odette",
                "staff-last_name": "Lambert",
                "staff-phone": "0612345678",
                "staff-adults": "1",
                "staff-children": "0",
                "staff-channel": "phone",
            },
        )
    )
    posts.append(staff_client.post(reverse("inscriptions:delete", args=[registration.pk])))

    assert dashboard.status_code == 200
    assert INDEX not in dashboard.content.decode()
    for response in responses + posts:
        assert_admin_refusal(response)
        assert "Benali" not in response.content.decode()
    assert list(Registration.objects.values()) == [before]


def test_view_permission_shows_the_list_but_not_the_action_buttons(django_user_model, workshop):
    event, [session, _] = workshop
    registration = book(event, session, "Nadia", "Benali")
    client = Client()
    login_with_second_factor(client, make_staff(django_user_model, "view_registration"))

    dashboard = client.get("/admin/")
    page = text(client.get(session_url(session)))
    post = client.post(action_url(session), {"registration": registration.pk, "action": "cancel"})

    assert INDEX in dashboard.content.decode()
    assert "Benali" in page
    assert 'value="cancel"' not in page and "Inscrire une personne" not in page
    assert_admin_refusal(post)
    assert Registration.objects.get(pk=registration.pk).is_active


def test_get_never_changes_anything(admin_client, full_session):
    _, session, holder, *_ = full_session
    before = list(Registration.objects.order_by("pk").values())

    admin_client.get(session_url(session))
    admin_client.get(action_url(session) + f"?registration={holder.pk}&action=cancel")
    admin_client.get(INDEX + "?export=csv")
    admin_client.get(reverse("inscriptions:delete", args=[holder.pk]))

    assert list(Registration.objects.order_by("pk").values()) == before


def test_actions_require_the_csrf_token(django_user_model, workshop):
    event, [session, _] = workshop
    registration = book(event, session, "Nadia")
    client = Client(enforce_csrf_checks=True)
    login_with_second_factor(client, django_user_model.objects.create_superuser("sophie", "sophie@example.org", "x"))

    response = client.post(action_url(session), {"registration": registration.pk, "action": "cancel"})

    assert response.status_code == 403
    assert Registration.objects.get(pk=registration.pk).is_active


# --- The optional "mieux vous connaître" questions, asked on the phone or at the desk ----------

STAFF_BOOKING = {
    "staff-first_name": "Odette",
    "staff-last_name": "Lambert",
    "staff-phone": "06 12 34 56 78",
    "staff-adults": "1",
    "staff-children": "0",
    "staff-channel": "desk",
}


def test_the_staff_form_offers_the_optional_diversity_questions(admin_client, workshop):
    from indicators.services import DIVERSITY_FIELDS

    _event, [session, _] = workshop

    html = text(admin_client.get(session_url(session)))

    assert "Pour nous aider à mieux vous connaître (facultatif)" in html
    block = html.split("Pour nous aider à mieux vous connaître")[1].split('<button type="submit"')[0]
    assert block.count("Je préfère ne pas répondre") == 3
    for name in DIVERSITY_FIELDS:
        # Once, in the block: not also among the other fields of the form.
        assert html.count(f'name="staff-{name}"') == len(re.findall(f'name="staff-{name}"', block)) > 0
    assert "checked" not in block


def test_a_staff_booking_stores_the_answers_apart_from_the_person(admin_client, workshop):
    from django.utils import timezone

    from indicators.models import DiversityAnswer

    _event, [session, _] = workshop

    response = admin_client.post(
        session_url(session),
        {**STAFF_BOOKING, "staff-age_band": "60-74", "staff-family_situation": "non-repondu", "staff-caregiver": "oui"},
    )

    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.channel == Registration.Channel.DESK
    answer = DiversityAnswer.objects.get()
    assert (answer.age_band, answer.family_situation, answer.caregiver) == ("60-74", "non-repondu", "oui")
    assert answer.session == session and answer.session_day == timezone.localdate(session.start)
    # Nothing in the answer points to the person or the registration.
    assert {field.name for field in DiversityAnswer._meta.fields} == {
        "id",
        "session",
        "session_day",
        "age_band",
        "family_situation",
        "caregiver",
    }
    assert {field.related_model for field in DiversityAnswer._meta.fields if field.is_relation} == {type(session)}


def test_a_staff_booking_without_answers_stores_none(admin_client, workshop):
    from indicators.models import DiversityAnswer

    _event, [session, _] = workshop

    response = admin_client.post(session_url(session), STAFF_BOOKING)

    assert response.status_code == 302
    assert Registration.objects.count() == 1
    assert DiversityAnswer.objects.count() == 0


def test_a_refused_staff_booking_stores_no_answers(admin_client, make_event):
    from indicators.models import DiversityAnswer

    event, [session] = make_event(
        "Atelier cuisine",
        days=(3,),
        registration_required=True,
        online_registration=True,
        capacity=1,
        waiting_list=False,
    )
    book(event, session, "Nadia")

    response = admin_client.post(session_url(session), {**STAFF_BOOKING, "staff-age_band": "26-39"})

    assert response.status_code == 200
    assert Registration.objects.count() == 1
    assert DiversityAnswer.objects.count() == 0
