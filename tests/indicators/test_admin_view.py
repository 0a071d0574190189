"""The "Indicateurs" admin page: who sees it, what it shows, its exports, and its query budget."""

import csv
import io
import re
from datetime import date, datetime, time, timedelta
from html import unescape

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest
from openpyxl import load_workbook

from events.models import EventSession, Registration
from indicators.figures import Period, all_sections
from indicators.models import DiversityAnswer, FeedbackAnswer, NeedsTally, PaperCopy
from portal.exports import Percent
from resources.models import DiffusionCount

from .conftest import at, register, staff_login

pytestmark = pytest.mark.django_db

URL = "/admin/indicateurs/"
YEAR_QUERY = "?du=2026-01-01&au=2026-12-31"


def test_the_view_is_refused_to_a_user_without_the_permission(client, season, communication):
    staff_login(client, communication)
    assert client.get(URL).status_code == 403
    assert client.get(URL + "?export=xlsx").status_code == 403
    admin_home = client.get("/admin/")
    assert admin_home.status_code == 200
    assert URL.encode() not in admin_home.content


def test_the_menu_shows_the_page_to_those_who_may_see_it(client, season, viewer):
    staff_login(client, viewer)
    assert URL.encode() in client.get("/admin/").content


def test_anonymous_visitors_are_sent_to_the_login(client, season):
    response = client.get(URL)
    assert response.status_code == 302


def test_the_page_defaults_to_the_year_to_date_compared_with_the_same_dates_of_last_year(client, season, viewer):
    staff_login(client, viewer)
    response = client.get(URL)  # on 15 December 2026 (conftest.NOW)
    assert response.status_code == 200
    period, previous = response.context["period"], response.context["previous"]
    assert (period.start, period.end) == (date(2026, 1, 1), date(2026, 12, 15))
    assert (previous.start, previous.end) == (date(2025, 1, 1), date(2025, 12, 15))
    html = response.content.decode()
    assert (
        "Chiffres du 1er janvier au 15 décembre 2026, comparés à la même période de 2025 "
        "(du 1er janvier au 15 décembre 2025)."
    ) in html
    assert "Séances qui ont eu lieu" in html
    assert "Des idées pour le coucher" in html
    assert html.count("<svg") >= 4
    assert 'role="img"' in html


def test_an_unfinished_year_stops_today_and_is_compared_with_the_same_dates(client, season, viewer):
    staff_login(client, viewer)
    response = client.get(URL + YEAR_QUERY)
    html = response.content.decode()
    assert (
        "L&#x27;année 2026 n&#x27;est pas terminée : les chiffres s&#x27;arrêtent au 15 décembre 2026 "
        "et sont comparés aux mêmes dates de 2025, pour que l&#x27;évolution ait un sens."
    ) in html
    supports = response.context["sections"][2]["section"]
    # The 5 views of 31 December 2025 are after 15 December: not in the comparison.
    consultations = next(figure for figure in supports.key_figures if figure.label == "Consultations des fiches")
    assert (consultations.current, consultations.previous) == (18, 0)
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
    assert "Indicateur 2026 (1er janv. – 15 déc.) 2025 (1er janv. – 15 déc.) Évolution" in text


def test_the_period_can_be_chosen(client, season, viewer):
    staff_login(client, viewer)
    response = client.get(URL + "?du=2025-01-01&au=2025-12-31")
    assert response.context["period"] == Period.year(2025)
    sessions = response.context["sections"][0]["section"]
    assert sessions.key_figures[0].current == 1


def test_an_invalid_period_says_so_and_shows_the_current_year(client, season, viewer):
    staff_login(client, viewer)
    response = client.get(URL + "?du=2026-05-01&au=2026-01-01")
    assert response.status_code == 200
    assert response.context["period"] == Period.year(2026).until(date(2026, 12, 15))
    assert "La date de fin doit être après la date de début." in response.content.decode()


def test_csv_export_of_a_table_holds_the_same_numbers_as_the_page(client, season, viewer):
    staff_login(client, viewer)
    response = client.get(URL + YEAR_QUERY + "&export=csv&table=temps-par-format")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "indicateurs-temps-par-format-2026-01-01-au-2026-12-15.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [
        "Format",
        "Ont eu lieu, 2026 (1er janv. – 15 déc.)",
        "Ont eu lieu, 2025 (1er janv. – 15 déc.)",
        "Annulées, 2026 (1er janv. – 15 déc.)",
    ]
    assert rows[1:] == [
        ["Groupe de parents", "2", "0", "1"],
        ["Réunion d'information", "1", "1", "0"],
        ["Atelier", "1", "0", "0"],
    ]


def spreadsheet_value(value):
    """What openpyxl reads back for a table cell: percentages as shares, dates as midnight."""
    if isinstance(value, Percent):
        return value.value
    if isinstance(value, date):
        return datetime.combine(value, time.min)
    return None if value in ("", None) else value


def test_xlsx_export_holds_every_table_with_the_same_numbers(client, season, viewer):
    staff_login(client, viewer)
    response = client.get(URL + YEAR_QUERY + "&export=xlsx")
    assert response.status_code == 200
    assert "indicateurs-2026-01-01-au-2026-12-15.xlsx" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    period = Period.year(2026).until(date(2026, 12, 15))
    tables = [table for section in all_sections(period) for table in section.all_tables()]
    about, *sheets = workbook.worksheets
    assert len(sheets) == len(tables)
    for sheet, table in zip(sheets, tables, strict=True):
        values = [list(row) for row in sheet.iter_rows(values_only=True)]
        assert values[0] == [str(column) for column in table.columns]
        assert values[1:] == [[spreadsheet_value(value) for value in row] for row in table.rows]
    about_rows = {row[0]: row[1] for row in about.iter_rows(min_row=2, values_only=True)}
    assert about_rows["Période"] == "du 1er janvier au 15 décembre 2026"
    assert about_rows["Comparaison"] == (
        "Chiffres du 1er janvier au 15 décembre 2026, comparés à la même période de 2025 "
        "(du 1er janvier au 15 décembre 2025)."
    )
    assert about_rows["Onglet « Séances par format »"] == "Séances par format"


def test_the_workbook_tabs_have_readable_unique_names(client, season, viewer):
    staff_login(client, viewer)
    workbook = load_workbook(io.BytesIO(client.get(URL + YEAR_QUERY + "&export=xlsx").content))
    names = workbook.sheetnames
    assert names == [
        "À propos",
        "Séances – chiffres clés",
        "Séances par format",
        "Séances par thème",
        "Séances par commune",
        "Séances par mois",
        "Participants – chiffres clés",
        "Participants par public",
        "Participants par commune",
        "Inscriptions par canal",
        "Source des inscriptions",
        "Publics – âge",
        "Publics – situation familiale",
        "Publics – aidants",
        "Besoins exprimés",
        "Personnes inscrites par mois",
        "Supports – chiffres clés",
        "Supports par format",
        "Supports par thème",
        "Téléchargements par fichier",
        "Programmes et affiches papier",
        "Ressources les plus diffusées",
        "Supports par mois",
        "Retours – chiffres clés",
        "Retours – utilité",
        "Retours – reviendraient",
        "Retours – commentaires",
        "Rendez-vous – chiffres clés",
        "Rendez-vous par objet",
        "Rendez-vous par statut",
        "Rendez-vous par mois",
        "SMS par type",
        "Aides consultées",
        "Parcours aides",
        "Abonnements",
        "Prévenez-moi",
        "Veille sociale – chiffres clés",
        "Registre par commune",
        "Appels de veille",
        "Veilles",
    ]
    assert all(len(name) <= 31 for name in names)


def test_rates_are_percentages_and_dates_are_dates_in_the_workbook(client, season, viewer):
    staff_login(client, viewer)
    workbook = load_workbook(io.BytesIO(client.get(URL + YEAR_QUERY + "&export=xlsx").content))
    keys = workbook["Participants – chiffres clés"]
    assert [cell.value for cell in keys[1]] == [
        "Indicateur",
        "2026 (1er janv. – 15 déc.)",
        "2025 (1er janv. – 15 déc.)",
        "Évolution (en points pour un taux)",
    ]
    rate = next(row for row in keys.iter_rows(min_row=2) if row[0].value == "Taux de présence")
    assert [cell.value for cell in rate[1:]] == [0.75, 1.0, -25.0]
    assert rate[1].number_format == "0.0%"
    comments = workbook["Retours – commentaires"]
    assert comments["A2"].value.date() == date(2026, 3, 10)
    assert comments["A2"].number_format == "DD/MM/YYYY"


def test_every_table_has_its_own_csv_and_xlsx_download(client, season, viewer):
    staff_login(client, viewer)
    tables = [table for section in all_sections(Period.year(2026)) for table in section.all_tables()]
    html = client.get(URL + YEAR_QUERY).content.decode()
    for table in tables:
        if table.key.endswith("chiffres-cles"):
            continue  # the key figures are in the full workbook
        assert f"export=csv&amp;table={table.key}" in html
        assert f"export=xlsx&amp;table={table.key}" in html
    one = client.get(URL + YEAR_QUERY + "&export=xlsx&table=supports-top")
    sheet = load_workbook(io.BytesIO(one.content)).worksheets[0]
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        "Guide des parents FALC",
        "Fiche budget",
        "Annuaire",
    ]
    assert client.get(URL + YEAR_QUERY + "&export=csv&table=inconnu").status_code == 404


def test_a_comment_starting_like_a_formula_is_neutralised_in_exports(client, season, viewer):
    FeedbackAnswer.objects.create(
        session=season.s1, event_title="x", session_day=date(2026, 3, 10), usefulness=3, takeaway="=HYPERLINK(1)"
    )
    staff_login(client, viewer)
    response = client.get(URL + YEAR_QUERY + "&export=csv&table=avis-commentaires")
    assert "'=HYPERLINK(1)" in response.content.decode("utf-8-sig")


def add_data(season, copies, offset=0):
    """`copies` more of every kind of record the figures read, spread over the year."""
    sessions = []
    for number in range(offset, offset + copies):
        day = date(2026, 1, 2) + timedelta(days=13 * number)
        session = EventSession.objects.create(
            event=season.events[number % 3], start=at(day), end=at(day, 16), venue=season.s1.venue
        )
        sessions.append(session)
        for person in range(3):
            register(session, f"P{number}-{person}", email=f"p{number}-{person}@example.org", attended=person != 0)
        DiversityAnswer.objects.create(session=session, session_day=day, age_band="18-25", caregiver="oui")
        NeedsTally.objects.create(session=session, session_day=day, childcare=1, interpreter=2)
        FeedbackAnswer.objects.create(session=session, event_title="x", session_day=day, usefulness=4, takeaway="Bien")
        DiffusionCount.objects.create(resource=season.r1, kind="view", day=day + timedelta(days=1), count=3)
        PaperCopy.objects.create(resource=season.r3, quantity=2, day=day, place="Mairie")
    return sessions


def count_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL + YEAR_QUERY)
    assert response.status_code == 200
    return len(queries)


def test_the_page_needs_under_36_queries_whatever_the_amount_of_data(client, season, viewer):
    staff_login(client, viewer)
    client.get(URL)  # warm the per-process caches (content types, site root paths)
    add_data(season, 1)
    small = count_queries(client)
    add_data(season, 10, offset=1)
    large = count_queries(client)
    print(f"queries: 1x={small} 10x={large}")  # noqa: T201 - reported by -s
    assert Registration.objects.count() >= 40
    assert large == small
    # 30 before the register of vulnerable people's section (3 queries), the aids guide's (1)
    # and news' (2)
    assert large < 36


def test_staff_record_paper_copies_in_the_admin(client, season, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.org", "x")
    staff_login(client, user)
    url = reverse("exemplaires_papier:add")
    response = client.post(
        url, {"resource": season.r1.pk, "quantity": "12", "day": "2026-06-03", "place": "", "session": season.s7.pk}
    )
    assert response.status_code == 302
    copy = PaperCopy.objects.get(quantity=12)
    assert copy.recorded_by == user
    assert client.post(url, {"resource": season.r1.pk, "quantity": "3", "day": "2026-06-03"}).status_code == 200
    assert not PaperCopy.objects.filter(quantity=3).exists()  # neither a place nor a session
