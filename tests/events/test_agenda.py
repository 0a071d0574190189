"""The agenda at /agenda/: list, month, filters, archive — as a visitor sees it."""

import re

import pytest

from events.models import EventFormat, EventSession
from tests.factories import AudienceFactory, CommuneFactory, EventPageFactory, ThemeFactory, VenueFactory

from .conftest import at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def text(response):
    return re.sub(r"\s+", " ", response.content.decode())


def test_upcoming_sessions_are_listed_by_day_with_times_written_out(client, make_event):
    make_event("Café des parents", days=(3, 10))
    make_event("Atelier budget", days=(3,))

    html = text(client.get("/agenda/"))

    assert "3 séances à venir." in html
    assert "Mardi 23 mars</h2>" in html
    assert "Mardi 30 mars</h2>" in html
    assert html.count("14 h – 16 h") == 3
    assert html.index("Café des parents") < html.index("Mardi 30 mars")


def test_past_sessions_leave_the_list_for_the_archive(client, make_event):
    make_event("Forum santé", days=(-5,))
    make_event("Café des parents", days=(2,))

    agenda_html = text(client.get("/agenda/"))
    archive_html = text(client.get("/agenda/archives/"))

    assert "Forum santé" not in agenda_html and "Café des parents" in agenda_html
    assert "Forum santé" in archive_html and "Café des parents" not in archive_html
    assert "1 séance passée." in archive_html


def test_cancelled_and_postponed_sessions_stay_visible_and_are_marked_in_words(client, make_event):
    _, sessions = make_event("Groupe d'aidants", days=(2, 4, 6))
    EventSession.objects.filter(pk=sessions[0].pk).update(status="cancelled", note="L'intervenante est malade.")
    EventSession.objects.filter(pk=sessions[1].pk).update(status="postponed")

    html = text(client.get("/agenda/"))

    assert "3 séances à venir." in html
    assert '<span class="status status--cancelled">Annulée</span>' in html
    assert '<span class="status status--postponed">Reportée</span>' in html
    assert "L'intervenante est malade." in html or "L&#x27;intervenante est malade." in html


def test_unpublished_events_do_not_appear(client, make_event):
    event, _ = make_event("Brouillon", days=(2,))
    event.unpublish()

    assert "Brouillon" not in text(client.get("/agenda/"))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("theme=parentalite", {"Café des parents"}),
        ("public=aidants", {"Groupe d'aidants"}),
        ("commune=brecy", {"Groupe d'aidants"}),
        ("format=atelier", {"Atelier budget"}),
        ("inscription=on", {"Atelier budget"}),
        ("du=2027-03-24", {"Groupe d'aidants", "Atelier budget"}),
        ("au=2027-03-23", {"Café des parents"}),
        ("du=2027-03-24&au=2027-03-25", {"Groupe d'aidants"}),
        ("q=budget", {"Atelier budget"}),
        ("q=Brécy", {"Groupe d'aidants"}),
        ("theme=parentalite&format=atelier", set()),
    ],
)
def test_each_filter_narrows_the_agenda(client, make_event, query, expected):
    parents = ThemeFactory(name="Parentalité", slug="parentalite")
    caregivers = AudienceFactory(name="Aidants", slug="aidants")
    brecy = VenueFactory(commune=CommuneFactory(name="Brécy-la-Rivière", slug="brecy"))
    make_event("Café des parents", days=(3,), themes=[parents])
    make_event("Groupe d'aidants", days=(4,), audiences=[caregivers], venue=brecy)
    make_event("Atelier budget", days=(6,), event_format=EventFormat.WORKSHOP, registration_required=True)
    draft, _sessions = make_event("Atelier en préparation", days=(6,), themes=[parents], registration_required=True)
    draft.unpublish()

    html = text(client.get(f"/agenda/?{query}")).replace("&#x27;", "'")
    assert "Atelier en préparation" not in html
    listed = {title for title in ("Café des parents", "Groupe d'aidants", "Atelier budget") if f">{title}</a>" in html}

    assert listed == expected
    if expected:
        assert "pour cette sélection." in html
    else:
        assert "Aucun temps ressources à venir pour cette sélection." in html


def test_a_wrong_filter_value_is_explained_and_the_other_filters_still_apply(client, make_event):
    make_event("Café des parents", days=(3,))

    response = client.get("/agenda/?theme=inconnu&du=32/13/2027")
    html = text(response)

    assert response.status_code == 200
    assert "<title>Erreur : Agenda" in html
    assert "Il y a un problème" in html
    assert 'href="#id_theme"' in html and 'href="#id_du"' in html
    assert "Café des parents" in html


def test_filters_keep_their_values_and_give_shareable_links(client, make_event):
    ThemeFactory(name="Parentalité", slug="parentalite")
    make_event("Café des parents", days=(3,))

    html = text(client.get("/agenda/?theme=parentalite&q=caf%C3%A9"))

    assert '<option value="parentalite" selected>Parentalité</option>' in html
    assert 'value="café"' in html
    assert 'href="/agenda/?vue=mois&amp;theme=parentalite&amp;q=caf%C3%A9"' in html
    assert 'href="/agenda/ical/?theme=parentalite&amp;q=caf%C3%A9"' in html
    assert 'href="webcal://' in html


def test_month_view_is_a_table_with_a_caption_and_the_sessions_on_their_day(client, make_event):
    make_event("Café des parents", days=(3, 14))  # 23 March and 3 April

    html = text(client.get("/agenda/?vue=mois&mois=2027-03"))

    assert '<table class="month">' in html
    assert '<caption class="month__caption">Mars 2027</caption>' in html
    assert '<th scope="col"><abbr title="lundi">lun.</abbr></th>' in html
    assert "1 séance en mars 2027." in html
    assert "mardi 23 mars" in html
    assert "14 h · Café des parents" in html
    assert 'href="?vue=mois&amp;mois=2027-04"' in html
    assert 'href="?vue=mois&amp;mois=2027-02"' in html


def test_month_view_defaults_to_the_current_month_and_ignores_a_wrong_month(client, make_event):
    make_event("Café des parents", days=(3,))

    assert "Mars 2027</caption>" in text(client.get("/agenda/?vue=mois"))
    assert "Mars 2027</caption>" in text(client.get("/agenda/?vue=mois&mois=2027-13"))


def test_the_list_is_paginated(client, make_event):
    make_event("Groupe de parents", days=range(1, 36))

    first = text(client.get("/agenda/"))
    second = text(client.get("/agenda/?page=2"))

    assert "35 séances à venir." in first
    assert "Page 1 sur 2" in first
    assert "Page 2 sur 2" in second
    assert "<title>Agenda – page 2" in second


def count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


AGENDA_URLS = ["/agenda/", "/agenda/?vue=mois", "/agenda/?theme=parentalite&q=parents", "/agenda/archives/"]


def test_agenda_query_counts_do_not_grow_with_the_number_of_events(client, settings, agenda):
    settings.PAGE_CACHE_ENABLED = False  # the rendering is measured, not the page cache
    theme = ThemeFactory(name="Parentalité", slug="parentalite")
    venues = [VenueFactory() for _ in range(3)]

    def add_events(count, offset):
        for number in range(count):
            event = EventPageFactory(parent=agenda, title=f"Groupe de parents {offset + number}")
            event.themes.set([theme])
            event.save()
            for day in (number % 20 + 1, -(number % 20 + 1)):
                EventSession.objects.create(event=event, start=at(day), end=at(day, 16), venue=venues[number % 3])

    add_events(10, 0)
    client.get("/agenda/")  # first request: creates the site settings row, fills Wagtail's caches
    client.get("/agenda/")  # the settings row was a change: this one refills the memo (portal.cache)
    small = {url: count_queries(client, url) for url in AGENDA_URLS}
    add_events(290, 10)
    client.get("/agenda/")  # first request after a change: refills the per-worker memo (portal.cache)
    large = {url: count_queries(client, url) for url in AGENDA_URLS}

    assert EventSession.objects.count() == 600
    assert small == large


def test_a_renamed_event_shows_at_once_in_the_agenda(client, make_event):
    event, [session] = make_event("Café des parents", days=(3,))
    assert "Café des parents" in client.get("/agenda/").content.decode()

    event.title = "Café des familles"
    event.save_revision().publish()
    session.note = "Salle du haut"
    session.save()

    html = client.get("/agenda/").content.decode()
    assert "Café des familles" in html and "Café des parents" not in html
    assert "Salle du haut" in html
