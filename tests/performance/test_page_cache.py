"""The anonymous page cache: fast copies that never show stale content or anyone's private page."""

from django.contrib.auth import get_user_model
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

import pytest

from events.models import EventSession, Registration
from events.services import Attendee, cancel, register
from home.models import HomePage, SiteSettings, Theme
from portal.cache import CONTENT, PageCacheMiddleware, content_version, renew
from resources.models import DiffusionCount

from .conftest import at, text

# One worker runs them all (tests/xdist_groups.py), so that the portal is built once (`portal_module`).
pytestmark = pytest.mark.django_db


@pytest.fixture
def portal(kept_portal):
    """The portal built once for this module (tests/performance/conftest.py)."""
    return kept_portal


@pytest.fixture
def home_page(portal_module, db):
    """The module portal's home page, under the `site` and `site_settings` fixtures."""
    return HomePage.objects.get(pk=portal_module.home.pk)


BROWSER = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36"


def cache_status(response):
    return response.headers.get("X-Page-Cache")


def test_a_second_anonymous_visit_gets_the_stored_copy_without_any_query(client, portal):
    first = client.get("/agenda/")

    with CaptureQueriesContext(connection) as queries:
        second = client.get("/agenda/")

    assert cache_status(first) == "miss"
    assert cache_status(second) == "hit"
    assert second.content == first.content
    assert len(queries) == 0


def test_the_security_headers_are_fresh_on_every_copy(client, portal):
    client.get("/agenda/")
    second = client.get("/agenda/")

    assert cache_status(second) == "hit"
    assert "frame-ancestors 'none'" in second.headers["Content-Security-Policy"]
    assert second.headers["X-Frame-Options"] == "DENY"
    assert "Permissions-Policy" in second.headers


def test_each_address_query_string_and_host_has_its_own_copy(client, portal):
    client.get("/agenda/")

    filtered = client.get("/agenda/?theme=parentalite")
    other_host = client.get("/agenda/", HTTP_HOST="127.0.0.1")

    assert cache_status(filtered) == "miss"
    assert cache_status(other_host) == "miss"
    assert cache_status(client.get("/agenda/?theme=parentalite")) == "hit"


def test_publishing_a_new_event_shows_at_once(client, portal):
    assert "Groupe des aidants" not in text(client.get("/agenda/"))

    event = portal._event("Groupe des aidants")
    EventSession.objects.create(event=event, start=at(2), end=at(2, 16), venue=portal.venues[0])
    event.save_revision().publish()

    assert "Groupe des aidants" in text(client.get("/agenda/"))


def test_unpublishing_a_page_removes_it_at_once(client, portal):
    assert client.get(portal.resource.url).status_code == 200

    portal.resource.unpublish()

    assert client.get(portal.resource.url).status_code == 404
    assert "Fiche budget 0" not in text(client.get("/ressources/"))


def test_a_changed_session_shows_at_once(client, portal):
    session = portal.event.sessions.order_by("start").filter(end__gte=at(0)).first()
    client.get(portal.event.url)

    session.note = "Salle 2, au premier étage"
    session.save()

    assert "Salle 2, au premier étage" in text(client.get(portal.event.url))


def test_a_booking_and_a_cancellation_show_at_once_on_the_event_page(
    client, portal, django_capture_on_commit_callbacks
):
    session = portal.event.sessions.order_by("start").first()
    Registration.objects.all().delete()
    EventSession.objects.filter(event=portal.event).exclude(pk=session.pk).delete()
    assert "10 places restantes" in text(client.get(portal.event.url))
    assert cache_status(client.get(portal.event.url)) == "hit"

    for url in ("/", "/agenda/", "/ressources/"):
        client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        booking = register(portal.event, [session.pk], Attendee(first_name="Jean", last_name="M.", adults=2))
    assert "8 places restantes" in text(client.get(portal.event.url))
    # Nothing else shows the places: the rest of the site stays in the cache.
    assert [cache_status(client.get(url)) for url in ("/", "/agenda/", "/ressources/")] == ["hit"] * 3

    with django_capture_on_commit_callbacks(execute=True):
        cancel([registration.pk for registration in booking.registrations])
    assert "10 places restantes" in text(client.get(portal.event.url))


def test_site_settings_and_snippets_show_at_once(client, portal, site_settings):
    client.get("/agenda/")

    site_settings.organisation_name = "CIAS des Trois Vallons"
    site_settings.save()
    theme = Theme.objects.get(slug="sante")
    theme.name = "Santé et bien-être"
    theme.save()

    page = text(client.get("/agenda/"))
    assert "CIAS des Trois Vallons" in page
    assert "Santé et bien-être" in page
    assert SiteSettings.objects.get().organisation_name == "CIAS des Trois Vallons"


def test_a_change_renews_the_version_again_when_its_transaction_commits(django_capture_on_commit_callbacks):
    before = content_version()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        renew(CONTENT)
    during = content_version()
    for callback in callbacks:
        callback()

    assert len({before, during, content_version()}) == 3


def test_signed_in_users_are_never_served_a_copy_and_their_pages_are_never_stored(client, portal):
    user = get_user_model().objects.create_user("nadia", "nadia@example.org", "un mot de passe solide")
    client.force_login(user)
    signed_in = client.get("/agenda/")
    client.logout()
    client.cookies.clear()
    anonymous = client.get("/agenda/")
    client.force_login(user)
    signed_in_again = client.get("/agenda/")

    assert cache_status(signed_in) is None
    assert cache_status(anonymous) == "miss"
    assert cache_status(signed_in_again) is None


def test_a_visitor_with_pending_messages_gets_a_fresh_page(client, portal):
    client.get("/agenda/")
    storage = CookieStorage(RequestFactory().get("/"))
    response = HttpResponse()
    storage.add(constants.SUCCESS, "Votre inscription est annulée.")
    storage.update(response)
    client.cookies["messages"] = response.cookies["messages"].value

    page = client.get("/agenda/")

    assert cache_status(page) is None
    assert "Votre inscription est annulée." in text(page)


@pytest.mark.parametrize("name", ["appointment form"])
def test_pages_with_a_form_and_csrf_token_are_never_stored(client, portal, name):
    url = portal.urls()[name]
    first, second = client.get(url), client.get(url)

    assert "csrfmiddlewaretoken" in text(first)
    assert cache_status(first) is None
    assert cache_status(second) is None


def test_the_registration_form_is_never_stored(client, portal):
    url = f"{portal.event.url}inscription/"
    client.get(url)

    assert cache_status(client.get(url)) is None


def test_responses_that_set_a_cookie_or_say_no_store_are_never_stored(rf, settings):
    def view_with_cookie(request):
        response = HttpResponse("bonjour")
        response.set_cookie("choix", "1")
        return response

    def private_view(request):
        response = HttpResponse("votre inscription")
        response["Cache-Control"] = "no-store"
        return response

    for view in (view_with_cookie, private_view):
        middleware = PageCacheMiddleware(view)
        middleware(rf.get("/page/"))
        assert middleware(rf.get("/page/")).headers.get("X-Page-Cache") is None


def test_posts_are_never_served_a_copy(client, portal):
    client.get("/recherche/?q=atelier")

    assert client.post("/recherche/?q=atelier").status_code == 405


def test_a_copy_of_a_resource_page_still_counts_the_view(client, portal):
    url = portal.resource.url
    client.get(url, HTTP_USER_AGENT="Googlebot/2.1")  # the first view stores the documents' sizes
    DiffusionCount.objects.all().delete()
    renew(CONTENT)

    first = client.get(url, HTTP_USER_AGENT=BROWSER)
    second = client.get(url, HTTP_USER_AGENT=BROWSER)
    head = client.head(url, HTTP_USER_AGENT=BROWSER)
    robot = client.get(url, HTTP_USER_AGENT="Googlebot/2.1")

    assert [cache_status(r) for r in (first, second, head, robot)] == ["miss", "hit", "hit", "hit"]
    views = DiffusionCount.objects.get(resource=portal.resource, kind=DiffusionCount.Kind.VIEW)
    assert views.count == 2


def test_the_cache_can_be_switched_off(client, portal, settings):
    settings.PAGE_CACHE_ENABLED = False
    client.get("/agenda/")

    assert cache_status(client.get("/agenda/")) is None


class CountingStores:
    """Every cache alias, counting the round trips a request makes to them."""

    def __init__(self, monkeypatch):
        from django.core.cache import caches

        self.calls, self.depth = [], 0
        for alias in caches:
            store = caches[alias]
            for name in ("get", "get_many", "set", "set_many", "add", "delete"):
                monkeypatch.setattr(store, name, self._counting(f"{alias}.{name}", getattr(store, name)))

    def _counting(self, name, method):
        def call(*args, **kwargs):
            if not self.depth:  # the local-memory store's get_many calls its own get: one trip
                self.calls.append(name)
            self.depth += 1
            try:
                return method(*args, **kwargs)
            finally:
                self.depth -= 1

        return call


@pytest.mark.parametrize("page", ["home", "agenda", "event"])
def test_a_copy_costs_one_round_trip_to_the_store_alert_list_and_places_included(client, portal, monkeypatch, page):
    url = {"home": "/", "agenda": "/agenda/", "event": portal.event.url}[page]
    client.get(url)
    client.get(url)  # the event page: this process now knows its copy shows the event's places
    stores = CountingStores(monkeypatch)

    response = client.get(url)

    assert cache_status(response) == "hit"
    assert stores.calls == ["pages.get_many"]


def test_a_booking_still_renews_the_event_page_whose_places_are_read_in_the_first_round_trip(
    client, portal, django_capture_on_commit_callbacks
):
    session = portal.event.sessions.order_by("start").first()
    client.get(portal.event.url)
    assert cache_status(client.get(portal.event.url)) == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        register(portal.event, [session.pk], Attendee(first_name="Jean", last_name="M.", adults=2))

    assert cache_status(client.get(portal.event.url)) == "miss"
    assert cache_status(client.get(portal.event.url)) == "hit"


# What a page not kept in the cache (signed in, cache off, a new address) still takes from the store.

# The menu's and the breadcrumbs' own query: only what a link needs.
MENU_OR_BREADCRUMBS = "SELECT " + ", ".join(
    f'"wagtailcore_page"."{field}"' for field in ("id", "path", "depth", "title", "url_path")
)


def test_a_page_not_kept_reads_its_header_and_breadcrumbs_from_the_store(client, portal, settings):
    settings.PAGE_CACHE_ENABLED = False
    client.get(portal.event.url)

    with CaptureQueriesContext(connection) as warm:
        assert client.get(portal.event.url).status_code == 200
    renew(CONTENT)
    with CaptureQueriesContext(connection) as cold:
        assert client.get(portal.event.url).status_code == 200

    assert [query["sql"] for query in warm if query["sql"].startswith(MENU_OR_BREADCRUMBS + " FROM")] == []
    assert len([query for query in cold if query["sql"].startswith(MENU_OR_BREADCRUMBS + " FROM")]) == 2


@pytest.mark.parametrize("page", ["agenda", "event"])
def test_a_page_not_kept_reads_the_content_version_once(client, portal, settings, monkeypatch, page):
    from portal import cache as page_cache

    url = {"agenda": "/agenda/", "event": portal.event.url}[page]
    settings.PAGE_CACHE_ENABLED = False
    client.get(url)
    reads, versions = [], page_cache.versions
    monkeypatch.setattr(page_cache, "versions", lambda tags: reads.append(tuple(tags)) or versions(tags))

    assert client.get(url).status_code == 200

    # Header, footer, breadcrumbs, filters and lines share it; the event's places version is
    # read only for a copy that will record it.
    assert reads == [(CONTENT,)]
