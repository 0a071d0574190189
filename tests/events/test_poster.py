"""Event posters (/agenda/<event>/affiche/): their QR code, and bookings made through it."""

import re

from django.utils import timezone

import pytest
import time_machine

from events.models import Registration
from indicators.figures import Period, participants_figures
from tests.pdf_tools import pdf_info, pdf_language, pdf_text, qr_codes

from .conftest import NOW

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

FORM = {"first_name": "Nadia", "last_name": "Benali", "email": "nadia@example.org", "adults": "1", "children": "0"}
FORM |= {"consent": "on", "heard_from": "site"}


def html_text(response):
    return re.sub(r"\s+", " ", response.content.decode()).replace("&#x27;", "'")


@pytest.fixture
def one_date(make_event):
    return make_event(
        "Atelier budget",
        days=(3,),
        registration_required=True,
        online_registration=True,
        capacity=8,
        contact_phone="03 53 01 42 10",
    )


def test_the_poster_shows_the_event_and_its_qr_code_leads_to_booking_with_the_poster_marker(client, one_date):
    event, _ = one_date

    response = client.get(f"{event.url}affiche/")
    text = pdf_text(response.content)

    assert response["Content-Type"] == "application/pdf"
    assert "Atelier budget" in text and event.summary in text
    assert "Mardi 23 mars, 14 h – 16 h" in text
    assert "Gratuit · Sur inscription" in text and "03 53 01 42 10" in text
    assert qr_codes(response.content) == ["http://localhost/agenda/atelier-budget/inscription/?source=affiche"]
    info = pdf_info(response.content)
    assert info["Tagged"] == "yes" and info["Title"].startswith("Atelier budget – affiche")
    assert "A4" in info["Page size"] and info["Pages"] == "1"
    assert pdf_language(response.content) == "fr"


def test_the_a3_poster_is_a3(client, one_date):
    event, _ = one_date

    content = client.get(f"{event.url}affiche/a3/").content

    assert "A3" in pdf_info(content)["Page size"]
    assert qr_codes(content, dpi=100) == ["http://localhost/agenda/atelier-budget/inscription/?source=affiche"]


def test_an_event_without_online_booking_gets_a_poster_leading_to_its_page(client, make_event):
    event, _ = make_event("Forum santé", days=(4,))

    content = client.get(f"{event.url}affiche/").content

    assert qr_codes(content) == ["http://localhost/agenda/forum-sante/?source=affiche"]
    assert "Entrée libre" in pdf_text(content)


def test_booking_through_the_poster_address_does_not_ask_and_records_the_poster(client, one_date):
    event, [session] = one_date
    url = f"{event.url}inscription/?source=affiche"

    form = html_text(client.get(url))
    response = client.post(url, FORM)

    assert "Comment avez-vous connu" not in form
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.session == session
    assert registration.heard_from == Registration.HeardFrom.POSTER


def test_without_the_marker_the_question_is_asked_and_the_answer_kept(client, one_date):
    event, _ = one_date
    url = f"{event.url}inscription/"

    assert "Comment avez-vous connu" in html_text(client.get(url))
    client.post(url, FORM)

    assert Registration.objects.get().heard_from == Registration.HeardFrom.WEBSITE


def test_with_several_dates_the_poster_address_asks_which_one_and_keeps_the_marker(client, make_event):
    event, sessions = make_event("Café des parents", days=(3, 10), registration_required=True, online_registration=True)

    html = html_text(client.get(f"{event.url}inscription/?source=affiche"))

    assert "Choisissez la date qui vous convient." in html
    for session in sessions:
        assert f'href="/agenda/cafe-des-parents/inscription/?seance={session.pk}&amp;source=affiche"' in html
    client.post(f"{event.url}inscription/?seance={sessions[1].pk}&source=affiche", FORM)
    assert Registration.objects.get(session=sessions[1]).heard_from == Registration.HeardFrom.POSTER


def test_the_indicators_count_bookings_per_source(client, one_date):
    event, _ = one_date
    client.post(f"{event.url}inscription/?source=affiche", FORM)
    client.post(f"{event.url}inscription/", {**FORM, "email": "jean@example.org", "first_name": "Jean"})

    with time_machine.travel(NOW.replace(month=4), tick=False):
        section = participants_figures(Period.year(2027), now=timezone.now())
    [table] = [table for table in section.tables if table.key == "participants-par-source"]
    rows = {row[0]: row[1] for row in table.rows}

    assert rows["Par une affiche ou un flyer"] == 1
    assert rows["Sur ce site"] == 1
    assert rows["Par une connaissance"] == 0
