"""A resource's printable sheet (/ressources/<resource>/fiche/): the page's text on A4, counted as a download."""

import json
import re
from html import unescape

from django.db.models import Sum

import pytest

from resources.models import DiffusionCount
from tests.pdf_tools import pdf_info, pdf_language, pdf_structure, pdf_text, qr_codes

pytestmark = pytest.mark.django_db

RESIDENT = {"User-Agent": "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36"}
BODY = [
    {"type": "heading", "value": {"text": "Qui peut en bénéficier ?", "level": "h2"}},
    {"type": "paragraph", "value": "<p>Toute personne qui s'occupe d'un proche malade ou âgé.</p>"},
    {
        "type": "callout",
        "value": {"kind": "warning", "title": "", "text": "<p>Faites la demande avant la fin du mois.</p>"},
    },
]


def count(resource, kind):
    return DiffusionCount.objects.filter(resource=resource, kind=kind).aggregate(total=Sum("count"))["total"] or 0


@pytest.fixture
def resource(make_resource, site_settings):
    easy = make_resource("Le droit au répit (facile à lire)", slug="repit-facile")
    return make_resource("Le droit au répit", slug="droit-au-repit", body=json.dumps(BODY), easy_read_version=easy)


def words(text):
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", text))).strip()


def test_the_sheet_holds_the_page_s_text(client, resource):
    page_html = client.get(resource.url, headers=RESIDENT).content.decode()
    main = page_html[page_html.index("<h1") : page_html.index('class="article__updated"')]

    text = pdf_text(client.get(f"{resource.url}fiche/", headers=RESIDENT).content)

    for sentence in (
        "Le droit au répit",
        resource.summary,
        "Qui peut en bénéficier ?",
        "Toute personne qui s'occupe d'un proche malade ou âgé.",
        "Attention",
        "Faites la demande avant la fin du mois.",
    ):
        assert sentence in words(main) and sentence in text, sentence
    assert "http://localhost/ressources/repit-facile/" in text  # the easy-to-read twin, on paper


def test_the_sheet_is_a_tagged_french_pdf_whose_qr_code_leads_to_the_page(client, resource):
    response = client.get(f"{resource.url}fiche/", headers=RESIDENT)

    assert response["Content-Type"] == "application/pdf"
    info = pdf_info(response.content)
    assert info["Tagged"] == "yes" and info["Title"] == "Le droit au répit – CCAS de Bourg-Test"
    assert pdf_language(response.content) == "fr"
    assert "H1" in pdf_structure(response.content) and "H2" in pdf_structure(response.content)
    assert qr_codes(response.content) == ["http://localhost/ressources/droit-au-repit/"]
    assert "CCAS de Bourg-Test" in pdf_text(response.content)


def test_each_download_counts_as_a_download_of_the_sheet_not_as_a_view(client, resource):
    client.get(f"{resource.url}fiche/", headers=RESIDENT)
    response = client.get(f"{resource.url}fiche/", headers=RESIDENT)

    assert count(resource, "download") == 2
    assert DiffusionCount.objects.get(resource=resource, kind="download").file_format == "fiche"
    assert count(resource, "view") == 0
    assert response["Cache-Control"] == "private"  # the page cache never answers in its place


def test_robots_downloading_the_sheet_are_not_counted(client, resource):
    client.get(f"{resource.url}fiche/", headers={"User-Agent": "curl/8.5.0"})

    assert count(resource, "download") == 0


def test_the_page_itself_still_counts_its_views(client, resource):
    client.get(resource.url, headers=RESIDENT)

    assert count(resource, "view") == 1 and count(resource, "download") == 0


def test_the_indicators_name_the_sheet_among_file_types(client, resource):
    from datetime import date

    from indicators.figures import Period, supports_figures

    client.get(f"{resource.url}fiche/", headers=RESIDENT)
    today = DiffusionCount.objects.get().day
    section = supports_figures(Period(date(today.year, 1, 1), date(today.year, 12, 31)))

    [table] = [table for table in section.tables if table.key == "supports-par-type-de-fichier"]
    assert ["Fiche imprimable (PDF)", 1, 0] in table.rows
