"""The resources listing at /ressources/: filters, search, pagination, result count."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from resources.listing import RESOURCES_PER_PAGE
from tests.factories import AudienceFactory, ThemeFactory

from .factories import ResourceFormatFactory, ResourcePageFactory

pytestmark = pytest.mark.django_db


def text(response):
    return re.sub(r"\s+", " ", response.content.decode()).replace("&#x27;", "'")


def listed(html, titles):
    return {title for title in titles if f">{title}</a>" in html}


@pytest.fixture
def three_resources(make_resource):
    parents = ThemeFactory(name="Parentalité", slug="parentalite")
    housing = ThemeFactory(name="Logement", slug="logement")
    caregivers = AudienceFactory(name="Aidants", slug="aidants")
    young = AudienceFactory(name="Jeunes", slug="jeunes")
    guide = ResourceFormatFactory(name="Guide", slug="guide")
    easy = ResourceFormatFactory(name="FALC", slug="falc")
    make_resource("Les écrans à la maison", themes=[parents], audiences=[caregivers], formats=[guide])
    make_resource("Payer son loyer", themes=[housing], audiences=[young], formats=[easy])
    make_resource("Souffler quand on aide un proche", themes=[parents, housing], audiences=[caregivers], formats=[easy])
    return ("Les écrans à la maison", "Payer son loyer", "Souffler quand on aide un proche")


def test_every_published_resource_is_listed_alphabetically_with_a_count(client, three_resources):
    html = text(client.get("/ressources/"))

    assert '<p class="result-count" role="status">3 ressources.</p>' in html
    positions = [html.index(f">{title}</a>") for title in three_resources]
    assert positions == sorted(positions)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("theme=parentalite", {"Les écrans à la maison", "Souffler quand on aide un proche"}),
        ("public=jeunes", {"Payer son loyer"}),
        ("format=falc", {"Payer son loyer", "Souffler quand on aide un proche"}),
        ("theme=logement&public=aidants&format=falc", {"Souffler quand on aide un proche"}),
        ("theme=logement&format=guide", set()),
    ],
)
def test_each_filter_narrows_the_resources(client, three_resources, query, expected):
    html = text(client.get(f"/ressources/?{query}"))

    assert listed(html, three_resources) == expected
    if expected:
        assert "dans cette sélection." in html
    else:
        assert "Aucune ressource dans cette sélection." in html
        assert "voyez toutes les ressources" in html


def test_a_resource_in_two_themes_is_listed_once(client, three_resources):
    html = text(client.get("/ressources/?theme=parentalite"))

    assert html.count(">Souffler quand on aide un proche</a>") == 1
    assert "2 ressources dans cette sélection." in html


def test_a_wrong_filter_value_is_explained_and_the_other_filters_still_apply(client, three_resources):
    response = client.get("/ressources/?format=inconnu&public=jeunes")
    html = text(response)

    assert response.status_code == 200
    assert "<title>Erreur : Ressources" in html
    assert "Il y a un problème" in html
    assert '<a href="#id_format">' in html
    assert listed(html, three_resources) == {"Payer son loyer"}


def test_the_filters_are_a_plain_get_form_that_keeps_the_chosen_values(client, three_resources):
    html = text(client.get("/ressources/?theme=logement&q=loyer"))

    assert '<form class="filters" action="/ressources/" method="get"' in html
    assert '<option value="logement" selected>Logement</option>' in html
    assert 'value="loyer"' in html


def test_search_finds_words_of_the_title_summary_and_body(client, make_resource):
    make_resource("Payer son loyer", summary="Les aides pour le logement.")
    make_resource("Le chèque énergie", summary="Une aide pour payer les factures.")

    by_title = text(client.get("/ressources/?q=loyer"))
    by_summary = text(client.get("/ressources/?q=factures"))

    assert listed(by_title, ["Payer son loyer", "Le chèque énergie"]) == {"Payer son loyer"}
    assert "1 ressource pour « loyer » dans cette sélection." in by_title
    assert listed(by_summary, ["Payer son loyer", "Le chèque énergie"]) == {"Le chèque énergie"}


def test_search_combines_with_the_filters(client, three_resources):
    html = text(client.get("/ressources/?q=proche&format=guide"))

    assert listed(html, three_resources) == set()
    html = text(client.get("/ressources/?q=proche&format=falc"))
    assert listed(html, three_resources) == {"Souffler quand on aide un proche"}


# What "parent" finds depends on the database: PostgreSQL's full-text search with the French
# configuration stems words ("parents" → "parent", but "parentalité" → "parental"), SQLite's FTS5
# matches whole words only. Measured, not wished for: neither finds "parentalité".
PARENT_WORDS = {
    "Être parent aujourd'hui": "parent",
    "Groupe de parents": "parents",
    "Le soutien à la parentalité": "parentalité",
    "Une aide parentale": "parentale",
}
EXPECTED_FOR_PARENT = {
    "postgresql": {"Être parent aujourd'hui", "Groupe de parents"},
    "sqlite": {"Être parent aujourd'hui"},
}


def test_what_the_word_parent_finds_on_each_database(client, make_resource):
    for title in PARENT_WORDS:
        make_resource(title, summary="Une fiche du CIAS.")

    html = text(client.get("/ressources/?q=parent"))

    assert connection.vendor in EXPECTED_FOR_PARENT, f"No expectation written for {connection.vendor}"
    assert listed(html, PARENT_WORDS) == EXPECTED_FOR_PARENT[connection.vendor]


def test_parentalite_also_finds_parentale_only_with_postgresql_stemming(client, make_resource):
    for title in PARENT_WORDS:
        make_resource(title, summary="Une fiche du CIAS.")

    html = text(client.get("/ressources/?q=parentalité"))

    expected = {
        "postgresql": {"Le soutien à la parentalité", "Une aide parentale"},
        "sqlite": {"Le soutien à la parentalité"},
    }
    assert listed(html, PARENT_WORDS) == expected[connection.vendor]


def test_results_are_paginated_and_the_pages_keep_the_filters(client, make_resource):
    theme = ThemeFactory(name="Budget", slug="budget")
    for number in range(RESOURCES_PER_PAGE + 3):
        make_resource(f"Fiche budget {number:02d}", themes=[theme])

    first = text(client.get("/ressources/?theme=budget"))
    second = text(client.get("/ressources/?theme=budget&page=2"))

    assert f"{RESOURCES_PER_PAGE + 3} ressources dans cette sélection." in first
    assert "Page 1 sur 2" in first
    assert 'href="?theme=budget&amp;page=2"' in first
    assert second.count('class="card__link"') == 3
    assert "Page 2 sur 2" in second


def test_unpublished_resources_are_not_listed(client, make_resource):
    draft = make_resource("Brouillon")
    draft.unpublish()

    assert "Brouillon" not in text(client.get("/ressources/"))


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


RESOURCE_URLS = [
    "/ressources/",
    "/ressources/?theme=parentalite&format=guide",
    "/ressources/?q=fiche",
    "/ressources/?page=2",
]


def test_resource_listing_query_counts_do_not_grow_with_the_number_of_resources(client, settings, resource_index):
    settings.PAGE_CACHE_ENABLED = False  # the rendering is measured, not the page cache
    theme = ThemeFactory(name="Parentalité", slug="parentalite")
    formats = [ResourceFormatFactory(name="Guide", slug="guide"), ResourceFormatFactory(name="FALC", slug="falc")]

    def add_resources(count, offset):
        for number in range(count):
            resource = ResourcePageFactory(parent=resource_index, title=f"Fiche {offset + number}")
            resource.themes.set([theme])
            resource.formats.set(formats)
            resource.save()

    def measure():
        client.get("/ressources/")  # the first request creates the site settings row: a change
        for url in RESOURCE_URLS:  # fills the per-worker memo (portal.cache) and the cards
            client.get(url)
        return {url: count_queries(client, url) for url in RESOURCE_URLS}

    add_resources(10, 0)
    small = measure()
    add_resources(90, 10)
    large = measure()

    print(f"queries with 10 resources: {small}; with 100: {large}")  # noqa: T201
    assert small == large


def test_cards_change_at_once_and_restricted_resources_never_show(client, settings, resource_index):
    settings.PAGE_CACHE_ENABLED = False  # cards are kept per content version, not per page
    from wagtail.models import PageViewRestriction

    guide = ResourceFormatFactory(name="Guide", slug="guide")
    resource = ResourcePageFactory(parent=resource_index, title="Fiche logement", summary="Trouver un logement.")
    private = ResourcePageFactory(parent=resource_index, title="Fiche réservée")
    assert listed(text(client.get("/ressources/")), ["Fiche logement", "Fiche réservée"]) == {
        "Fiche logement",
        "Fiche réservée",
    }

    resource.title = "Fiche logement social"
    resource.summary = "Les démarches, pas à pas."
    resource.formats.set([guide])
    resource.save_revision().publish()
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    html = text(client.get("/ressources/"))
    assert listed(html, ["Fiche logement social", "Fiche logement", "Fiche réservée"]) == {"Fiche logement social"}
    assert "Les démarches, pas à pas." in html
    assert '<p class="card__meta">Guide</p>' in html
    assert client.get(private.url).status_code == 302  # to the login page, as Wagtail does
