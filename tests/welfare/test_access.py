"""Nobody but Veille sociale (and Administration) sees anything of the register: the matrix, cell by cell.

Every list, detail, export, print and campaign address, for every role and for anonymous
visitors, and the admin search: a refusal is a 403 or 404 that names nobody.
"""

from django.contrib.auth.models import Group
from django.test import Client

import pytest

from welfare.models import CallLine
from welfare.services import campaigns

from .conftest import staff_client

pytestmark = pytest.mark.django_db

REGISTER_URLS = [
    "/admin/registre/",
    "/admin/registre/results/",
    "/admin/registre/?q=Quintard",
    "/admin/registre/?export=csv",
    "/admin/registre/?export=xlsx",
    "/admin/registre/ajouter/",
    "/admin/registre/{entry}/",
    "/admin/registre/{entry}/modifier/",
    "/admin/registre/{entry}/retirer/",
    "/admin/registre/{entry}/accuse-de-reception.pdf",
    "/admin/registre/{entry}/donnees.json",
    "/admin/registre/veilles/",
    "/admin/registre/veilles/results/",
    "/admin/registre/veilles/declencher/",
    "/admin/registre/veilles/{campaign}/",
    "/admin/registre/veilles/{campaign}/appel/{line}/",
    "/admin/registre/veilles/{campaign}/feuille-d-appels.pdf",
    "/admin/registre/veilles/{campaign}/clore/",
    "/admin/registre/transmission/",
    "/admin/registre/reconfirmation/",
    "/admin/registre/reconfirmation/courriers.pdf",
    "/admin/registre/journal/",
]
POST_URLS = ["/admin/registre/{entry}/accord/", "/admin/registre/{entry}/confirmation/"]
REFUSED_ROLES = ["Communication", "Animation", "Pilotage"]
ALLOWED_ROLES = ["Veille sociale", "Administration"]


@pytest.fixture
def register(make_entry, communes):
    """One entry of a telltale name, on the call list of an open campaign."""
    entry = make_entry("Quintard", first_name="Odette", letter_due=True)
    campaign = campaigns.open_campaign(
        kind="heatwave", communes=[communes["saint-aubin"]], starts_on=entry.created_at.date(), user=None
    )
    line = CallLine.objects.get(campaign=campaign)
    return {"entry": entry.pk, "campaign": campaign.pk, "line": line.pk}


def urls(ids):
    return [url.format(**ids) for url in REGISTER_URLS]


def assert_refused(response, url):
    assert response.status_code in (403, 404), (url, response.status_code)
    assert b"Quintard" not in response.content and b"QUINTARD" not in response.content, url


@pytest.mark.parametrize("role", REFUSED_ROLES)
def test_other_roles_get_403_on_every_register_url(django_user_model, register, role):
    client = staff_client(django_user_model, role)
    for url in urls(register):
        assert_refused(client.get(url), url)
    for url in POST_URLS:
        assert_refused(client.post(url.format(**register), {}), url)


def test_anonymous_visitors_get_403_on_every_register_url(register):
    client = Client()
    for url in urls(register):
        response = client.get(url)
        assert_refused(response, url)
        assert "/compte/login/" not in response.get("Location", "")  # a refusal, not a redirect
    for url in POST_URLS:
        assert_refused(client.post(url.format(**register), {}), url)


@pytest.mark.parametrize("role", ALLOWED_ROLES)
def test_veille_sociale_and_administration_open_every_register_url(django_user_model, register, role):
    client = staff_client(django_user_model, role)
    for url in urls(register):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)


def test_accueil_social_staff_get_veille_sociale_by_default(django_user_model, register):
    client = staff_client(django_user_model, "Accueil social")

    assert client.user.groups.filter(name="Veille sociale").exists()
    assert client.get("/admin/registre/").status_code == 200


def test_an_accueil_social_member_taken_out_of_veille_sociale_sees_nothing(django_user_model, register):
    client = staff_client(django_user_model, "Accueil social")
    client.user.groups.remove(Group.objects.get(name="Veille sociale"))

    for url in urls(register):
        assert_refused(client.get(url), url)
    assert client.get("/admin/rendez-vous/").status_code == 200  # the appointment inbox stays theirs


# The admin's search box searches pages, then offers the other areas (documents, images, users…).
SEARCH_URLS = ["/admin/pages/search/", "/admin/documents/", "/admin/images/", "/admin/users/"]


@pytest.mark.parametrize("role", REFUSED_ROLES)
def test_the_admin_search_finds_nothing_of_the_register_for_other_roles(django_user_model, register, role):
    client = staff_client(django_user_model, role)
    for url in SEARCH_URLS:
        response = client.get(url, {"q": "Quintard"})  # the page repeats the query itself, nothing more
        assert b"Odette" not in response.content and b"QUINTARD" not in response.content, url
        assert b"rue des Lilas" not in response.content and b"REG-TEST" not in response.content, url
        assert b"/admin/registre/" not in response.content, url


def test_the_admin_search_offers_the_register_to_veille_sociale(django_user_model, register):
    client = staff_client(django_user_model, "Administration")
    response = client.get("/admin/pages/search/", {"q": "Quintard"})

    assert response.status_code == 200 and b"/admin/registre/?q=Quintard" in response.content


@pytest.mark.parametrize("role", REFUSED_ROLES)
def test_the_register_is_not_in_the_menu_nor_on_the_dashboard_of_other_roles(django_user_model, register, role):
    response = staff_client(django_user_model, role).get("/admin/")

    assert response.status_code == 200
    assert b"/admin/registre/" not in response.content and b"Quintard" not in response.content


def test_the_register_is_in_the_menu_of_veille_sociale(veille_client, register):
    assert b"/admin/registre/veilles/" in veille_client.get("/admin/").content


def test_the_indicators_get_counts_but_no_name(django_user_model, register):
    response = staff_client(django_user_model, "Pilotage").get("/admin/indicateurs/")

    assert response.status_code == 200
    assert b"Quintard" not in response.content and b"Veille sociale" in response.content


def test_no_register_page_is_ever_cached_or_indexed(veille_client, register, client, signup_page):
    for url in urls(register):
        assert "no-store" in veille_client.get(url)["Cache-Control"], url
    public = client.get("/registre-personnes-vulnerables/")
    assert "no-store" in public["Cache-Control"] and "noindex" in public["X-Robots-Tag"]


def test_the_refusal_of_an_anonymous_visitor_offers_the_login_form(register):
    response = Client().get("/admin/registre/")

    assert response.status_code == 403
    assert b"/compte/login/?next=/admin/registre/" in response.content and "Accès réservé".encode() in response.content
