"""The one-page summary for the board: the key figures of each section, both periods and the difference."""

import re
import subprocess
import tempfile
from datetime import datetime
from html import unescape
from pathlib import Path

import pytest
import time_machine

from indicators.figures import Period, all_sections
from tests.pdf_tools import pdf_info, pdf_language, pdf_text

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


@pytest.fixture
def board_day():
    with time_machine.travel(BOARD_DAY, tick=False):
        yield BOARD_DAY


@pytest.fixture
def demo(board_day, demo_site):
    return demo_site


@pytest.fixture
def board_member(db, django_user_model):
    """Someone allowed to read the indicators, beside the demo's own accounts."""
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("lecture-synthese", "lecture-synthese@example.org", "x")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin"),
        Permission.objects.get(codename="view_indicators", content_type__app_label="indicators"),
    )
    return user


def layout_lines(content):
    """The PDF's lines as `pdftotext -layout` lays them out, whitespace collapsed (table rows stay whole)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "summary.pdf"
        path.write_bytes(content)
        text = subprocess.run(  # noqa: S603
            ["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"],  # noqa: S607
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def test_the_pdf_summary_fits_on_one_a4_page_with_the_demo_data(client, demo, board_member):
    staff_login(client, board_member)
    response = client.get(PDF_URL)  # the year to date, on 1 December 2026
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "indicateurs-synthese-2026-01-01-au-2026-12-01.pdf" in response["Content-Disposition"]
    info = pdf_info(response.content)
    assert info["Pages"] == "1"
    assert info["Page size"].startswith("595")  # A4: 595 × 842 pts
    assert info["Tagged"] == "yes"
    assert info["Title"].startswith("Synthèse des indicateurs : du 1er janvier au 1er décembre 2026")
    assert pdf_language(response.content) == "fr"
    text = pdf_text(response.content)
    assert "Synthèse des indicateurs" in text
    assert (
        "Chiffres du 1er janvier au 1er décembre 2026, comparés à la même période de 2025 "
        "(du 1er janvier au 1er décembre 2025)."
    ) in text
    assert "2026 (1er janv. – 1er déc.)" in text
    assert "2025 (1er janv. – 1er déc.)" in text
    lines = layout_lines(response.content)
    period = Period.year(2026).until(BOARD_DAY.date())
    for section in all_sections(period):
        assert section.title in lines
        for figure in section.key_figures:
            row = f"{figure.label} {figure.current_text} {figure.previous_text} {figure.change_text}"
            assert " ".join(row.split()) in lines
    rate = next(line for line in lines if line.startswith("Taux de présence "))
    assert rate.endswith((" pts", " pt", "stable"))  # a difference of rates is in percentage points
