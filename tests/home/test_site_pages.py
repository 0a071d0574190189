"""Search, site map, sitemap.xml, robots.txt and the demo content."""

import io
import re

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from wagtail.models import get_page_models

import pytest
from allauth.account.models import EmailAddress

from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def test_search_finds_published_pages_by_their_words(client, home_page):
    StandardPageFactory(parent=home_page, title="Aide au permis de conduire", slug="permis")
    StandardPageFactory(parent=home_page, title="Épicerie solidaire", slug="epicerie")

    html = client.get("/recherche/", {"q": "permis"}).content.decode()

    assert "1 résultat pour « permis »." in html
    assert 'href="/permis/"' in html
    assert "Épicerie solidaire" not in html


def test_search_without_result_says_so_and_suggests_the_site_map(client, home_page):
    html = client.get("/recherche/", {"q": "zzzzzz"}).content.decode()

    assert "Aucun résultat pour « zzzzzz »." in html
    assert 'href="/plan-du-site/"' in html


def test_search_never_shows_unpublished_pages(client, home_page):
    draft = StandardPageFactory(parent=home_page, title="Projet confidentiel de permis", slug="projet")
    draft.unpublish()

    html = client.get("/recherche/", {"q": "confidentiel"}).content.decode()

    assert "Aucun résultat" in html


def test_search_results_are_paginated_and_a_wrong_page_number_is_harmless(client, home_page):
    for number in range(12):
        StandardPageFactory(parent=home_page, title=f"Atelier parentalité {number}", slug=f"atelier-{number}")

    first = client.get("/recherche/", {"q": "parentalité"}).content.decode()
    wrong = client.get("/recherche/", {"q": "parentalité", "page": "abc"})

    assert "12 résultats" in first
    assert "Page 1 sur 2" in first
    assert "q=parentalit%C3%A9&amp;page=2" in first
    assert wrong.status_code == 200


def test_site_map_lists_the_page_tree_in_one_bounded_set_of_queries(client, home_page, django_assert_max_num_queries):
    parent = StandardPageFactory(parent=home_page, title="Le CCAS", slug="le-ccas")
    for number in range(15):
        StandardPageFactory(parent=parent, title=f"Mission {number}", slug=f"mission-{number}")
    # The content types of the page models, which a server process reads once and keeps: whether
    # an earlier test of this worker read them must not change the count.
    ContentType.objects.get_for_models(*get_page_models())

    with django_assert_max_num_queries(12):
        html = re.sub(r">\s+<", "><", client.get("/plan-du-site/").content.decode())

    assert "<h1>Plan du site</h1>" in html
    assert '<a href="/le-ccas/">Le CCAS</a><ul><li><a href="/le-ccas/mission-0/">Mission 0</a>' in html


def test_sitemap_xml_and_robots_txt(client, home_page):
    StandardPageFactory(parent=home_page, title="Contact", slug="contact")

    sitemap = client.get("/sitemap.xml")
    robots = client.get("/robots.txt").content.decode()

    assert sitemap["Content-Type"].startswith("application/xml")
    assert "/contact/</loc>" in sitemap.content.decode()
    assert "Disallow: /admin/" in robots
    assert "Sitemap: http://testserver/sitemap.xml" in robots


def test_ensure_admin_creates_one_superuser_and_prints_the_login(db, monkeypatch):
    monkeypatch.setenv("ADMIN_USERNAME", "claire")
    monkeypatch.setenv("ADMIN_PASSWORD", "un-mot-de-passe-solide-2026")
    out = io.StringIO()

    call_command("ensure_admin", stdout=out)
    call_command("ensure_admin", stdout=out)

    user = get_user_model().objects.get(username="claire")
    assert user.is_superuser and user.is_staff
    assert user.check_password("un-mot-de-passe-solide-2026")
    assert get_user_model().objects.filter(username="claire").count() == 1
    assert "Administration (superutilisateur) : admin@example.org" in out.getvalue()
    assert "/compte/login/" in out.getvalue()
    assert EmailAddress.objects.get(user=user).verified  # allauth lets the demo admin log in


def test_before_any_site_exists_a_missing_address_answers_404_not_a_server_error(client):
    from wagtail.models import Site

    assert not Site.objects.exists()  # a fresh install before its home page (tests/conftest.py)

    response = client.get("/nulle-part/")

    assert response.status_code == 404
    assert "Plan du site" in response.content.decode()  # the footer, without the site's details
