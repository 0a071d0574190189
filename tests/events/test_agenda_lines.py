"""The agenda without the page cache: lines kept per content version, never stale or private."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

import pytest

from events.models import EventSession

from .conftest import at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

VIEWS = ["/agenda/", "/agenda/?vue=mois", "/agenda/?inscription=on&vue=mois", "/agenda/?q=parents"]


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_ENABLED = False  # what is tested here is what renders a page


def text(response):
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return len(queries), response.content


def test_each_line_is_rendered_once_and_then_only_placed(client, make_event):
    make_event("Café des parents", days=(3, 4, 5))
    client.get("/agenda/")  # creates the site settings row (a change of content)
    client.get("/agenda/")  # keeps the lines of this content version (portal.fragments)

    warm, _html = queries_of(client, "/agenda/")
    same_lines, _html = queries_of(client, "/agenda/?page=1")
    first, first_html = queries_of(client, "/agenda/?vue=mois")
    second, second_html = queries_of(client, "/agenda/?vue=mois")

    # The lines are loaded (one query for all of them) only while they are not rendered yet.
    assert same_lines == warm
    assert second < first
    assert second_html == first_html
    assert first_html.decode().count("Café des parents</a>") == 3


def test_lines_change_at_once_with_the_event_the_session_and_the_place(client, make_event):
    event, [session] = make_event("Café des parents", days=(3,), registration_required=True)
    for url in VIEWS:
        client.get(url)

    event.title = "Café des familles"
    event.save_revision().publish()
    session.status = EventSession.Status.CANCELLED
    session.save()
    session.venue.name = "Maison des solidarités"
    session.venue.save()

    for url in ("/agenda/", "/agenda/?vue=mois", "/agenda/?inscription=on&vue=mois"):
        html = text(client.get(url))
        assert "Café des familles" in html and "Café des parents" not in html, url
        assert "Annulée" in html, url
    assert "Maison des solidarités" in text(client.get("/agenda/"))


def test_a_line_is_the_same_in_every_listing_it_appears_in(client, make_event):
    make_event("Café des parents", days=(3,), registration_required=True)
    make_event("Forum santé", days=(4,))

    everything = text(client.get("/agenda/"))
    filtered = text(client.get("/agenda/?inscription=on"))

    line = re.search(r'<li class="session">.*?Café des parents.*?</li>', everything)[0]
    assert line in filtered
    assert "Forum santé" not in filtered


def test_a_long_session_already_started_is_listed_until_it_ends(client, make_event):
    # A session lasts 14 days at most: the listing starts looking two weeks back.
    event, _sessions = make_event("Exposition des familles", days=())
    EventSession.objects.create(event=event, start=at(-13, 10), end=at(1, 18), venue=None)
    finished, _sessions = make_event("Semaine bleue", days=())
    EventSession.objects.create(event=finished, start=at(-20, 10), end=at(-7, 18), venue=None)

    html = text(client.get("/agenda/"))
    month = text(client.get("/agenda/?vue=mois"))

    assert "Exposition des familles" in html and "Semaine bleue" not in html
    assert "Exposition des familles" in month


def test_drafts_and_events_of_another_agenda_never_show(client, make_event, agenda, home_page):
    from tests.factories import EventIndexPageFactory, EventPageFactory, EventSessionFactory

    make_event("Café des parents", days=(3,))
    draft, _sessions = make_event("Atelier en préparation", days=(4,))
    draft.unpublish()
    other_agenda = EventIndexPageFactory(parent=home_page, title="Agenda du centre social", slug="centre-social")
    elsewhere = EventPageFactory(parent=other_agenda, title="Sortie du centre social")
    EventSessionFactory(event=elsewhere, start=at(5), end=at(5, 16))

    for url in ("/agenda/", "/agenda/?vue=mois", "/agenda/ical/"):
        html = client.get(url).content.decode()
        assert "Café des parents" in html, url
        assert "Atelier en préparation" not in html and "Sortie du centre social" not in html, url
    assert "1 séance à venir" in text(client.get("/agenda/"))


@pytest.mark.parametrize("url", ["/agenda/", "/agenda/?vue=mois", "/agenda/ical/", "/agenda/?q=groupe"])
def test_events_under_a_view_restriction_never_show(client, make_event, url):
    make_event("Groupe de parole des aidants", days=(3,))
    private, _sessions = make_event("Groupe de parole réservé", days=(4,))
    assert "Groupe de parole réservé" in client.get(url).content.decode()

    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")

    html = client.get(url).content.decode()
    assert "Groupe de parole réservé" not in html
    assert "Groupe de parole des aidants" in html


def test_a_restriction_on_the_agenda_hides_its_events_from_the_home_page_too(client, make_event, agenda):
    make_event("Café des parents", days=(3,))
    assert "Café des parents" in client.get("/").content.decode()

    PageViewRestriction.objects.create(page=agenda, restriction_type=PageViewRestriction.LOGIN)

    assert "Café des parents" not in client.get("/").content.decode()


def test_the_filters_form_shows_the_options_chosen_each_time(client, make_event):
    from tests.factories import ThemeFactory

    ThemeFactory(name="Parentalité", slug="parentalite")
    ThemeFactory(name="Santé", slug="sante")
    make_event("Café des parents", days=(3,))

    for _round in range(2):  # the second round comes from the kept forms
        chosen = text(client.get("/agenda/?theme=sante&inscription=on"))
        plain = text(client.get("/agenda/"))
        assert '<option value="sante" selected>Santé</option>' in chosen
        assert re.search(r'<input type="checkbox" name="inscription"[^>]* checked', chosen)
        assert "selected>Santé" not in plain and " checked" not in plain


def test_typed_filters_and_wrong_values_are_rendered_each_time_and_never_kept(client, make_event):
    from portal import cache as page_cache

    make_event("Café des parents", days=(3,))

    first = text(client.get("/agenda/?q=parents"))
    second = text(client.get("/agenda/?q=%3Cscript%3E"))
    wrong = text(client.get("/agenda/?theme=nulle-part"))

    assert 'value="parents"' in first
    assert 'value="&lt;script&gt;"' in second and "<script>" not in second.split("</main>")[0]
    assert "Erreur : " in wrong
    client.get("/agenda/")  # a form with nothing typed: kept
    kept = [value for value in page_cache.store()._cache.values() if b"filters" in value and b"<html" not in value]
    assert kept and not any(b'value="parents"' in value or b"nulle-part" in value for value in kept)


def test_a_theme_or_registration_change_moves_an_event_in_the_filtered_agenda_at_once(client, make_event):
    from tests.factories import ThemeFactory

    health = ThemeFactory(name="Santé", slug="sante")
    event, _sessions = make_event("Forum santé", days=(3,))
    assert "Forum santé" not in text(client.get("/agenda/?theme=sante&inscription=on"))

    event.themes.set([health])
    event.registration_required = True
    event.save_revision().publish()

    assert "Forum santé" in text(client.get("/agenda/?theme=sante&inscription=on"))


def test_an_edited_template_shows_at_once_under_runserver(client, make_event):
    from pathlib import Path

    from django.utils.autoreload import file_changed

    from portal import cache as page_cache

    make_event("Café des parents", days=(3,))
    client.get("/agenda/")
    before = page_cache.content_version()

    file_changed.send(sender=None, file_path=Path("templates/events/components/session_item.html"))

    assert page_cache.content_version() != before  # nothing rendered before is reused
