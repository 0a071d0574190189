"""The partners directory at /annuaire/ and a partner's page."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from resources.models import PartnerKind
from tests.factories import AudienceFactory, CommuneFactory, ThemeFactory

from .factories import PartnerPageFactory

pytestmark = pytest.mark.django_db

NAMES = ("CAF de Saint-Aubin", "Mission locale", "Parents en chemin")


def text(response):
    return re.sub(r"\s+", " ", response.content.decode()).replace("&#x27;", "'")


def listed(html, titles=NAMES):
    return {title for title in titles if f">{title}</a>" in html}


@pytest.fixture
def partners(partner_index):
    brecy = CommuneFactory(name="Brécy-la-Rivière", slug="brecy")
    aubin = CommuneFactory(name="Saint-Aubin", slug="saint-aubin")
    parents = ThemeFactory(name="Parentalité", slug="parentalite")
    young = AudienceFactory(name="Jeunes", slug="jeunes")
    caf = PartnerPageFactory(parent=partner_index, title=NAMES[0], kind=PartnerKind.CAF, commune=aubin)
    caf.themes.set([parents])
    caf.save()
    mission = PartnerPageFactory(
        parent=partner_index,
        title=NAMES[1],
        kind=PartnerKind.EMPLOYMENT,
        commune=brecy,
        description="Emploi des jeunes.",
    )
    mission.audiences.set([young])
    mission.save()
    association = PartnerPageFactory(
        parent=partner_index, title=NAMES[2], commune=brecy, description="Groupes de parole."
    )
    association.themes.set([parents])
    association.save()
    return caf, mission, association


def test_the_directory_lists_every_partner_with_its_kind_commune_and_phone(client, partners):
    html = text(client.get("/annuaire/"))

    assert '<p class="result-count" role="status">3 partenaires.</p>' in html
    assert listed(html) == set(NAMES)
    assert "CAF · Saint-Aubin" in html
    assert "Emploi et insertion · Brécy-la-Rivière" in html
    assert 'href="tel:0353017700"' in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("type=caf", {"CAF de Saint-Aubin"}),
        ("commune=brecy", {"Mission locale", "Parents en chemin"}),
        ("theme=parentalite", {"CAF de Saint-Aubin", "Parents en chemin"}),
        ("public=jeunes", {"Mission locale"}),
        ("commune=brecy&theme=parentalite", {"Parents en chemin"}),
        ("q=parole", {"Parents en chemin"}),
        ("type=caf&commune=brecy", set()),
    ],
)
def test_each_filter_narrows_the_directory(client, partners, query, expected):
    html = text(client.get(f"/annuaire/?{query}"))

    assert listed(html) == expected
    if not expected:
        assert "Aucun partenaire dans cette sélection." in html


def test_a_wrong_filter_value_is_explained_and_the_other_filters_still_apply(client, partners):
    html = text(client.get("/annuaire/?type=banque&commune=brecy"))

    assert "<title>Erreur : Annuaire des partenaires" in html
    assert '<a href="#id_type">' in html
    assert listed(html) == {"Mission locale", "Parents en chemin"}


def test_a_partner_page_shows_how_to_reach_it_and_the_resources_that_mention_it(client, partners, make_resource):
    caf = partners[0]
    caf.address = "5 avenue de la Gare"
    caf.email = "accueil@caf.example"
    caf.website = "https://caf.example"
    caf.opening_hours = "Lundi : 8 h 30 – 12 h"
    caf.save()
    resource = make_resource("Vos droits CAF")
    resource.related_partners.set([caf])
    resource.save()

    html = text(client.get("/annuaire/caf-de-saint-aubin/"))

    assert "<h1>CAF de Saint-Aubin</h1>" in html
    assert "5 avenue de la Gare<br>71990 Saint-Aubin" in html
    assert '<a href="mailto:accueil@caf.example">accueil@caf.example</a>' in html
    assert '<a href="https://caf.example">https://caf.example</a>' in html
    assert "Lundi : 8 h 30 – 12 h" in html
    assert '<a class="card__link" href="/ressources/vos-droits-caf/">Vos droits CAF</a>' in html


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


PARTNER_URLS = [
    "/annuaire/",
    "/annuaire/?commune=brecy&theme=parentalite",
    "/annuaire/?q=association",
    "/annuaire/?page=2",
]


def test_directory_query_counts_do_not_grow_with_the_number_of_partners(client, settings, partner_index):
    settings.PAGE_CACHE_ENABLED = False  # the rendering is measured, not the page cache
    communes = [
        CommuneFactory(name="Brécy-la-Rivière", slug="brecy"),
        CommuneFactory(name="Les Aulnaies", slug="aulnaies"),
    ]
    theme = ThemeFactory(name="Parentalité", slug="parentalite")

    def add_partners(count, offset):
        for number in range(count):
            partner = PartnerPageFactory(
                parent=partner_index, title=f"Association {offset + number}", commune=communes[number % 2]
            )
            partner.themes.set([theme])
            partner.save()

    add_partners(10, 0)
    client.get("/annuaire/")  # first request: creates the site settings row, fills Wagtail's caches
    client.get("/annuaire/")  # the settings row was a change: this one refills the memo (portal.cache)
    small = {url: count_queries(client, url) for url in PARTNER_URLS}
    add_partners(90, 10)
    client.get("/annuaire/")  # first request after a change: refills the per-worker memo (portal.cache)
    large = {url: count_queries(client, url) for url in PARTNER_URLS}

    print(f"queries with 10 partners: {small}; with 100: {large}")  # noqa: T201
    assert small == large
