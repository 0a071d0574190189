"""Pages served with their route kept per content version (home.routing)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from portal import cache as page_cache
from tests.factories import EventIndexPageFactory, EventPageFactory, EventSessionFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_ENABLED = False  # the page view itself is tested, not copies of pages


def kept_routes():
    return {key[2] for store in page_cache._memo.values() for key in store if key[0] == "route"}


def test_a_second_view_finds_the_page_without_walking_the_tree(client, home_page):
    page = StandardPageFactory(parent=home_page, title="Le CCAS", slug="le-ccas")
    client.get("/le-ccas/")
    client.get("/le-ccas/")  # the first view created the settings row: a change of content

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/le-ccas/")

    assert response.status_code == 200 and "Le CCAS" in response.content.decode()
    assert [query["sql"] for query in queries.captured_queries] == []
    assert page.url == "/le-ccas/"


def test_a_moved_renamed_or_unpublished_page_is_routed_anew_at_once(client, home_page):
    page = StandardPageFactory(parent=home_page, title="Le CCAS", slug="le-ccas")
    assert client.get("/le-ccas/").status_code == 200

    page.slug = "qui-sommes-nous"
    page.save_revision().publish()

    assert client.get("/le-ccas/").status_code == 404
    assert client.get("/qui-sommes-nous/").status_code == 200

    page.unpublish()
    assert client.get("/qui-sommes-nous/").status_code == 404


def test_sub_pages_with_a_parameter_and_unknown_addresses_are_not_kept(client, home_page):
    agenda = EventIndexPageFactory(parent=home_page, title="Agenda", slug="agenda")
    event = EventPageFactory(parent=agenda, title="Café des parents", slug="cafe-des-parents")
    session = EventSessionFactory(event=event)
    client.get("/")  # the first view creates the settings row: a change of content

    assert client.get("/agenda/").status_code == 200
    assert client.get("/agenda/cafe-des-parents/").status_code == 200
    assert client.get(f"/agenda/cafe-des-parents/seances/{session.pk}/ical/").status_code == 200
    assert client.get("/agenda/cafe-des-parents/seances/999999/ical/").status_code == 404
    assert client.get("/nulle-part/").status_code == 404

    kept = kept_routes()
    assert {"agenda/", "agenda/cafe-des-parents/"} <= kept
    assert not {path for path in kept if "seances" in path or "nulle-part" in path}


def test_each_request_gets_its_own_copy_of_a_kept_page(client, home_page, rf):
    from home.routing import serve

    StandardPageFactory(parent=home_page, title="Le CCAS", slug="le-ccas")
    client.get("/le-ccas/")

    first, second = rf.get("/le-ccas/"), rf.get("/le-ccas/")
    for request in (first, second):
        request.user = client.get("/le-ccas/").wsgi_request.user
        serve(request, "le-ccas/")

    first_page, second_page = first._wagtail_route_for_request.page, second._wagtail_route_for_request.page
    assert first_page.pk == second_page.pk
    assert first_page is not second_page
