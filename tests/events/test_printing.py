"""The month's programme on paper (/agenda/programme/): what it holds, read back from the PDF."""

import re

from django.db.models import Q

import pytest

from events import listing as queries
from events.models import EventIndexPage, EventSession
from tests.factories import CommuneFactory, ThemeFactory, VenueFactory
from tests.pdf_tools import font_sizes, pdf_info, pdf_language, pdf_text, qr_codes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

PDF = "/agenda/programme/pdf/"


def html_text(response):
    return re.sub(r"\s+", " ", response.content.decode()).replace("&#x27;", "'")


@pytest.fixture
def month(make_event):
    """March 2027 (NOW is Saturday 20 March): a café in Brécy on the 10th and 23rd (and 3 April),
    a caregivers' group in Les Aulnaies on the 25th (its 28 March session cancelled), a forum in
    February, a draft event."""
    brecy = CommuneFactory(name="Brécy-la-Rivière", slug="brecy")
    aulnaies = CommuneFactory(name="Les Aulnaies", slug="aulnaies")
    parents = ThemeFactory(name="Parentalité", slug="parentalite")
    cafe, cafe_sessions = make_event(
        "Café des parents",
        days=(-10, 3, 14),
        venue=VenueFactory(commune=brecy, name="Salle des fêtes de Brécy", hearing_loop=True),
        themes=[parents],
        registration_required=True,
        online_registration=True,
        contact_phone="03 53 01 42 10",
    )
    aidants, aidants_sessions = make_event(
        "Groupe d'aidants", days=(5, 8), venue=VenueFactory(commune=aulnaies, name="Maison des familles")
    )
    EventSession.objects.filter(pk=aidants_sessions[1].pk).update(status="cancelled")
    make_event("Forum santé", days=(-25,))
    draft, _ = make_event("Atelier en préparation", days=(4,))
    draft.unpublish()
    return {"cafe": (cafe, cafe_sessions), "aidants": (aidants, aidants_sessions)}


def test_the_programme_is_a_pdf_holding_every_session_of_the_month_and_no_other(client, month):
    response = client.get(PDF, {"mois": "2027-03"})
    text = pdf_text(response.content)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "Programme de mars 2027" in text
    assert "Mercredi 10 mars" in text and "Mardi 23 mars" in text and "Jeudi 25 mars" in text
    assert text.count("Café des parents") == 2
    assert text.count("Groupe d'aidants") == 1
    assert "Dimanche 28 mars" not in text  # cancelled
    assert "avril" not in text and "Forum santé" not in text and "Atelier en préparation" not in text
    assert "14 h – 16 h" in text
    assert "Salle des fêtes de Brécy, 2 place de l'Église, 71990 Brécy-la-Rivière" in text
    assert "Accessibilité du lieu : accès de plain-pied, boucle magnétique." in text
    assert "Sur inscription en ligne (code QR) ou au 03 53 01 42 10" in text


def test_the_sessions_printed_are_the_agenda_month_view_s(client, month):
    index_page = EventIndexPage.objects.get()
    expected = (
        queries.in_month(queries.published_sessions(index_page), 2027, 3)
        .filter(~Q(status="cancelled"))
        .values_list("event__title", flat=True)
    )

    text = pdf_text(client.get(PDF, {"mois": "2027-03"}).content)

    assert sorted(re.findall(r"Café des parents|Groupe d'aidants", text)) == sorted(expected)


def test_filters_narrow_the_programme_as_they_narrow_the_agenda(client, month):
    by_commune = pdf_text(client.get(PDF, {"mois": "2027-03", "commune": "brecy"}).content)
    by_theme = pdf_text(client.get(PDF, {"mois": "2027-03", "theme": "parentalite"}).content)

    for text in (by_commune, by_theme):
        assert text.count("Café des parents") == 2
        assert "Groupe d'aidants" not in text
    assert "Commune : Brécy-la-Rivière" in by_commune
    assert "Thème : Parentalité" in by_theme


def test_each_session_on_registration_has_a_qr_code_to_its_booking_form(client, month):
    cafe, sessions = month["cafe"]

    codes = qr_codes(client.get(PDF, {"mois": "2027-03"}).content)

    assert sorted(codes) == sorted(
        f"http://localhost/agenda/cafe-des-parents/inscription/?seance={session.pk}&source=programme"
        for session in sessions[:2]
    )


def test_the_organisation_and_its_contact_block_come_from_the_site_settings(client, month, site_settings):
    site_settings.organisation_name = "CIAS du Val d'Essai"
    site_settings.save()

    text = pdf_text(client.get(PDF, {"mois": "2027-03"}).content)

    assert text.count("CIAS du Val d'Essai") >= 2  # header and contact block
    assert "03 53 01 00 00" in text and "contact@ccas-test.example" in text
    assert "1 place de la Mairie 71000 Bourg-Test" in text


def test_the_pdf_is_tagged_titled_and_in_french(client, month, site_settings):
    content = client.get(PDF, {"mois": "2027-03"}).content

    info = pdf_info(content)
    assert info["Tagged"] == "yes"
    assert info["Title"] == "Programme de mars 2027 – CCAS de Bourg-Test"
    assert pdf_language(content) == "fr"


def test_the_large_print_programme_writes_everything_at_16_points_or_more(client, month):
    content = client.get(PDF, {"mois": "2027-03", "grands-caracteres": "1"}).content
    standard = client.get(PDF, {"mois": "2027-03"}).content

    sizes = font_sizes(content)
    assert sizes and min(sizes) >= 16
    assert min(font_sizes(standard)) < 16
    assert pdf_text(content).count("Café des parents") == 2


def test_a_month_with_nothing_says_so_plainly(client, month):
    response = client.get(PDF, {"mois": "2027-06"})

    assert response.status_code == 200
    assert "Aucun temps ressources n'est prévu en juin 2027." in pdf_text(response.content)


@pytest.mark.parametrize(
    "params",
    [{"mois": "2027-13"}, {"mois": "mars"}, {"mois": "1999-01"}, {"commune": "atlantis"}, {"theme": "inconnu"}],
)
def test_bad_input_gets_the_french_not_found_page(client, month, params):
    for url in (PDF, "/agenda/programme/"):
        response = client.get(url, params)

        assert response.status_code == 404
        assert "Page introuvable" in html_text(response)


def test_the_print_ready_page_shows_the_programme_and_links_to_its_pdfs(client, month):
    response = client.get("/agenda/programme/", {"mois": "2027-03", "commune": "brecy"})
    html = html_text(response)

    assert response.status_code == 200
    assert '<html lang="fr"' in html and "<h1" in html
    assert html.count("Café des parents</h3>") == 2
    assert "/agenda/programme/pdf/?mois=2027-03&amp;commune=brecy" in html
    assert "grands-caracteres=1" in html
    assert "<svg" in html and "<title>Code QR : s'inscrire en ligne à « Café des parents »</title>" in html


def test_the_agenda_links_to_the_month_s_programme_with_its_filters(client, month):
    html = html_text(client.get("/agenda/", {"vue": "mois", "mois": "2027-03", "commune": "brecy"}))

    assert "Imprimer le programme du mois (mars 2027)" in html
    assert 'href="/agenda/programme/?mois=2027-03&amp;commune=brecy"' in html
    assert 'href="/agenda/programme/pdf/?mois=2027-03&amp;commune=brecy&amp;grands-caracteres=1"' in html
