"""The board summary with the demo's data: one A4 page, tagged, French, every key figure in it.

The demo is seeded once for this module (tests/conftest.py: demo_module).
"""

import subprocess
import tempfile
from pathlib import Path

import pytest
import time_machine

from indicators.figures import Period, all_sections
from tests.conftest import DEMO_SEEDED_ON
from tests.pdf_tools import pdf_info, pdf_language, pdf_text

from .conftest import staff_login
from .test_summary import PDF_URL

# The board meets the day the demo was seeded: a year to date with last year's same months to compare.
BOARD_DAY = DEMO_SEEDED_ON

pytestmark = pytest.mark.django_db


@pytest.fixture
def board_day():
    with time_machine.travel(BOARD_DAY, tick=False):
        yield BOARD_DAY


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


def test_the_pdf_summary_fits_on_one_a4_page_with_the_demo_data(client, demo_site, board_day, board_member):
    staff_login(client, board_member)
    response = client.get(PDF_URL)  # the year to date, on 20 March 2027
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "indicateurs-synthese-2027-01-01-au-2027-03-20.pdf" in response["Content-Disposition"]
    info = pdf_info(response.content)
    assert info["Pages"] == "1"
    assert info["Page size"].startswith("595")  # A4: 595 × 842 pts
    assert info["Tagged"] == "yes"
    assert info["Title"].startswith("Synthèse des indicateurs : du 1er janvier au 20 mars 2027")
    assert pdf_language(response.content) == "fr"
    text = pdf_text(response.content)
    assert "Synthèse des indicateurs" in text
    assert (
        "Chiffres du 1er janvier au 20 mars 2027, comparés à la même période de 2026 (du 1er janvier au 20 mars 2026)."
    ) in text
    assert "2027 (1er janv. – 20 mars)" in text
    assert "2026 (1er janv. – 20 mars)" in text
    lines = layout_lines(response.content)
    period = Period.year(2027).until(BOARD_DAY.date())
    for section in all_sections(period):
        if not section.key_figures:
            continue  # a table-only section (the texts) is on the indicators page, not the summary
        assert section.title in lines
        for figure in section.key_figures:
            row = f"{figure.label} {figure.current_text} {figure.previous_text} {figure.change_text}"
            assert " ".join(row.split()) in lines
    rate = next(line for line in lines if line.startswith("Taux de présence "))
    assert rate.endswith((" pts", " pt", "stable"))  # a difference of rates is in percentage points
