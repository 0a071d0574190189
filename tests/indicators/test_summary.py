"""The one-page summary for the board: the key figures of each section, both periods and the difference."""

import re
from datetime import datetime
from html import unescape

import pytest

from .conftest import PARIS, staff_login

pytestmark = pytest.mark.django_db

URL = "/admin/indicateurs/synthese/"
PDF_URL = "/admin/indicateurs/synthese/pdf/"
# The day of the example: the year is not over.
BOARD_DAY = datetime(2026, 12, 1, 10, tzinfo=PARIS)


def table_rows(html):
    """The text of each table row's cells, tags removed, spaces (no-break ones too) as plain spaces."""
    return [
        [
            " ".join(unescape(re.sub(r"<[^>]+>", "", cell)).split())
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", html, re.S)
    ]


def test_the_summary_is_linked_from_the_indicators_page(client, season, viewer):
    staff_login(client, viewer)
    html = client.get("/admin/indicateurs/").content.decode()
    assert f'<a href="{URL}?du=2026-01-01&amp;au=2026-12-31">Synthèse d\'une page pour le conseil' in html
    assert f'<a href="{PDF_URL}?du=2026-01-01&amp;au=2026-12-31">PDF' in html


def test_the_summary_is_refused_without_the_permission(client, season, communication):
    staff_login(client, communication)
    assert client.get(URL).status_code == 403
    assert client.get(PDF_URL).status_code == 403


def test_the_printable_summary_shows_both_periods_and_the_difference(client, season, viewer):
    staff_login(client, viewer)
    response = client.get(URL + "?du=2026-01-01&au=2026-12-31")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Synthèse des indicateurs : du 1er janvier au 15 décembre 2026 – " in html
    assert "comparés à la même période de 2025 (du 1er janvier au 15 décembre 2025)" in html
    for title in (
        "Temps ressources organisés",
        "Participants et diversité des publics",
        "Supports de prévention diffusés",
        "Retours des participants",
        "Recours aux dispositifs : demandes de rendez-vous",
    ):
        assert title in html
    rows = table_rows(html)
    assert rows[0] == ["Indicateur", "2026 (1er janv. – 15 déc.)", "2025 (1er janv. – 15 déc.)", "Évolution"]
    assert ["Séances qui ont eu lieu", "4", "1", "+3"] in rows
    assert ["Taux de présence", "75,0 %", "100,0 %", "−25,0 pts"] in rows
    assert "75,0\u202f%" in html  # a narrow no-break space before the percent sign
    assert ["Délai médian avant la première prise en charge", "15,0 heures", "48,0 heures", "−33,0 heures"] in rows
    assert ["Supports de prévention diffusés"] in rows
    assert 'href="/admin/indicateurs/synthese/pdf/?du=2026-01-01&amp;au=2026-12-31"' in html
