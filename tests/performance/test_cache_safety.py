"""The page cache can only ever show what was saved and published, and never weakens security."""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone

from wagtail.models import PageViewRestriction, get_page_models
from wagtail.test.utils.form_data import querydict_from_html

import pytest
from allauth.account.models import EmailAddress

from home.models import SiteSettings, StandardPage
from portal import cache as page_cache
from portal.settings.base import shared_caches
from tests.auth import login_with_second_factor
from tests.factories import StandardPageFactory

from .conftest import text

pytestmark = pytest.mark.django_db

PASSWORD = "une phrase de passe longue"


def cache_status(response):
    return response.headers.get("X-Page-Cache")


def test_a_settings_edit_refused_by_validation_changes_nothing_visitors_see(client, site_settings, django_user_model):
    editor = django_user_model.objects.create_user("admin-role", "admin-role@example.org", "x")
    editor.groups.add(Group.objects.get(name="Administration"))
    staff = login_with_second_factor(Client(), editor)
    before = Client().get("/theme.css").content.decode()
    url = f"/admin/settings/home/sitesettings/{site_settings.site_id}/"
    data = querydict_from_html(staff.get(url).content.decode(), form_id="w-editor-form")
    data["primary_colour"] = "#ffff00"

    refused = staff.post(url, data)

    assert refused.status_code == 200 and "contraste" in text(refused).lower()
    for visitor in (Client(), client):  # a new visitor and one whose worker served the admin
        css = visitor.get("/theme.css").content.decode()
        assert "#ffff00" not in css.lower()
        assert css == before
    assert SiteSettings.objects.get(pk=site_settings.pk).primary_colour != "#ffff00"


def test_every_model_editors_change_renews_the_pages_and_nothing_private_does():
    content = set(page_cache.content_models())

    page_models = {model._meta.label_lower for model in get_page_models()}
    assert page_models <= content
    assert {"home.sitesettings", "home.theme", "home.commune", "events.venue", "events.eventsession"} <= content
    assert {"wagtailimages.image", "wagtaildocs.document", "wagtailcore.pageviewrestriction"} <= content
    assert {"aids.tariffgrid", "aids.aidstatus", "aids.quotientsettings"} <= content
    private = {
        "events.registration",
        "appointments.appointmentrequest",
        "appointments.pendinganswers",
        "sessions.session",
        "auth.user",
        "portal.outboundemail",
        "resources.diffusioncount",
        "indicators.aidtally",
        "wagtailcore.revision",
        "wagtailcore.pagelogentry",
    }
    assert not private & content


@pytest.fixture
def database_caches():
    """Production's caches without Redis (shared_caches(database=True)), page copies capped at 300."""
    tables = shared_caches(database=True)
    tables["pages"]["OPTIONS"]["MAX_ENTRIES"] = 300
    with override_settings(CACHES=tables):
        call_command("createcachetable")
        yield


def page_rows():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM portal_page_cache")
        return cursor.fetchone()[0]


def fill_the_page_cache(count):
    visitor = Client()
    for number in range(count):
        assert cache_status(visitor.get(f"/robots.txt?x={number}")) == "miss"


def test_filling_the_page_cache_never_unlocks_a_locked_account(database_caches, site, django_user_model):
    user = django_user_model.objects.create_user("amina", "amina@example.org", PASSWORD)
    EmailAddress.objects.create(user=user, email="amina@example.org", verified=True, primary=True)
    attacker = Client()
    for _attempt in range(5):
        attacker.post("/compte/login/", {"login": "amina@example.org", "password": "mauvais"})
    right = {"login": "amina@example.org", "password": PASSWORD}
    assert "Trop de tentatives" in text(attacker.post("/compte/login/", right))

    fill_the_page_cache(1000)

    assert page_rows() <= 301  # the page table culled its own entries, only them
    refused = attacker.post("/compte/login/", right)
    assert "Trop de tentatives" in text(refused)
    assert "_auth_user_id" not in attacker.session


@override_settings(PUBLIC_FORM_RATE_LIMITS={"registration": 1})
def test_filling_the_page_cache_never_resets_a_form_limit(database_caches, workshop, frozen_now):
    event, [session, _] = workshop
    url = f"{event.url}inscription/?seance={session.pk}"
    form = {"first_name": "Jean", "last_name": "Roux", "adults": "1", "children": "0", "consent": "on"}
    resident = Client()
    assert resident.post(url, {**form, "email": "jean@example.org"}).status_code == 302

    fill_the_page_cache(1000)

    assert resident.post(url, {**form, "email": "jean2@example.org"}).status_code == 429


def stored_values():
    return list(page_cache.store()._cache.values())


def test_a_preview_never_enters_the_page_cache(admin_client, client, home_page):
    from tests.admin_forms import page_edit_data

    page = StandardPageFactory(parent=home_page, title="Le CCAS", slug="le-ccas")
    client.get("/le-ccas/")
    data = page_edit_data(admin_client, page)
    data["title"] = ["Brouillon confidentiel"]
    preview_url = f"/admin/pages/{page.pk}/edit/preview/"
    assert admin_client.post(preview_url, data).json()["is_valid"]

    preview = admin_client.get(preview_url).content.decode()
    assert '<span aria-current="page">Brouillon confidentiel</span>' in preview  # its own breadcrumbs

    assert not any(b"Brouillon confidentiel" in value for value in stored_values())
    assert "Brouillon confidentiel" not in text(client.get("/le-ccas/"))


@pytest.fixture
def restricted_pages(home_page):
    """One page of each kind of restriction, each with a word that must never leak."""
    pages = {}
    for kind in ("password", "login", "groups"):
        page = StandardPageFactory(parent=home_page, title=f"Espace réservé {kind}", slug=f"reserve-{kind}")
        page.introduction = f"Contenu-secret-{kind}"
        page.save_revision().publish()
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=kind, password="motdepasse" if kind == "password" else ""
        )
        if kind == "groups":
            restriction.groups.add(Group.objects.get(name="Communication"))
        pages[kind] = page
    return pages


@pytest.mark.parametrize("kind", ["password", "login", "groups"])
def test_a_restricted_page_is_never_served_from_the_cache_to_an_anonymous_visitor(client, restricted_pages, kind):
    page = restricted_pages[kind]
    for _visit in range(2):
        response = client.get(page.url)
        assert f"Contenu-secret-{kind}" not in response.content.decode()
        assert cache_status(response) != "hit"
    assert not any(f"Contenu-secret-{kind}".encode() in value for value in stored_values())


@pytest.mark.parametrize("url", ["/", "/plan-du-site/", "/recherche/?q=reserve", "/sitemap.xml"])
def test_restricted_pages_stay_out_of_listings_search_and_the_sitemap_through_the_cache(client, restricted_pages, url):
    for _visit in range(2):
        html = client.get(url).content.decode()
        assert "Espace réservé" not in html and "reserve-" not in html, url


def test_a_restriction_added_later_takes_the_page_out_of_the_cache_at_once(client, home_page):
    page = StandardPageFactory(parent=home_page, title="Comptes rendus", slug="comptes-rendus")
    client.get(page.url)  # the first view creates the site settings row: a change of content
    client.get(page.url)
    assert cache_status(client.get(page.url)) == "hit"

    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)

    assert client.get(page.url).status_code == 302


def test_a_second_site_never_sees_the_first_sites_copies(client, home_page):
    from wagtail.models import Site

    other_home = StandardPageFactory(parent=home_page.get_parent(), title="CCAS voisin", slug="ccas-voisin")
    Site.objects.create(hostname="voisin.example", port=80, root_page=other_home, site_name="CCAS voisin")
    first = client.get("/", HTTP_HOST="localhost")
    second = client.get("/", HTTP_HOST="voisin.example")

    assert cache_status(first) == "miss" and cache_status(second) == "miss"
    assert first.content != second.content


def test_a_page_scheduled_for_the_past_is_published_by_the_command_and_listed_at_once(client, home_page):
    page = StandardPageFactory(parent=home_page, title="Plan canicule", slug="plan-canicule", live=False)
    revision = page.save_revision()
    revision.approved_go_live_at = timezone.now() - timedelta(minutes=5)
    revision.save()
    client.get("/plan-du-site/")  # the first view creates the site settings row: a change of content
    assert "Plan canicule" not in text(client.get("/plan-du-site/"))
    assert cache_status(client.get("/plan-du-site/")) == "hit"

    call_command("publish_scheduled")

    assert StandardPage.objects.get(pk=page.pk).live
    assert "Plan canicule" in text(client.get("/plan-du-site/"))
    assert client.get("/plan-canicule/").status_code == 200


def test_a_page_cache_down_serves_pages_uncached(client, home_page, monkeypatch):
    def unreachable(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(type(page_cache.store()), "get_many", unreachable)

    response = client.get("/")

    assert response.status_code == 200 and cache_status(response) is None
