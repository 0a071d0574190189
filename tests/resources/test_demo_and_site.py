"""The demo content of the resources, the home page's featured resources and the site search."""

import re

import pytest

from resources.demo import simple_pdf

from .factories import PartnerPageFactory

pytestmark = pytest.mark.django_db


def text(response):
    return re.sub(r"\s+", " ", response.content.decode()).replace("&#x27;", "'")


def test_the_generated_pdf_is_well_formed():
    pdf = simple_pdf(["Guide de l'aidant", "Répit (accueil de jour) : 03 53 01 72 00"])

    startxref = int(pdf.rsplit(b"startxref\n", 1)[1].split(b"\n", 1)[0])
    assert pdf.startswith(b"%PDF-1.4\n") and pdf.endswith(b"%%EOF\n")
    # Eight fixed objects (catalog, pages, page, content, font, structure root, document, parent
    # tree), one structure element per line and the information dictionary (title).
    assert pdf[startxref:].startswith(b"xref\n0 12\n")
    offsets = [int(line[:10]) for line in pdf[startxref:].split(b"\n")[3:14]]
    assert [pdf[offset:].split(b"\n", 1)[0] for offset in offsets] == [f"{n} 0 obj".encode() for n in range(1, 12)]
    assert b"R\xe9pit \\(accueil de jour\\)" in pdf


def test_the_home_page_shows_featured_resources_first(client, make_resource):
    make_resource("Fiche ordinaire")
    make_resource("Fiche à la une", featured=True)

    html = text(client.get("/"))

    assert '<h2 id="home-resources-title">Ressources utiles</h2>' in html
    assert html.index(">Fiche à la une</a>") < html.index(">Fiche ordinaire</a>")
    assert '<a class="button button--secondary" href="/ressources/">Voir toutes les ressources</a>' in html


def test_the_site_search_finds_resources_and_partners_with_their_summary(client, make_resource, partner_index):
    make_resource("Payer son loyer", summary="Les aides au logement pour les jeunes.")
    PartnerPageFactory(
        parent=partner_index, title="Vallons Habitat", description="Le bailleur social : un logement à loyer modéré."
    )

    html = text(client.get("/recherche/?q=logement"))

    assert '<a href="/ressources/payer-son-loyer/">Payer son loyer</a>' in html
    assert "Les aides au logement pour les jeunes." in html
    assert '<a href="/annuaire/vallons-habitat/">Vallons Habitat</a>' in html
