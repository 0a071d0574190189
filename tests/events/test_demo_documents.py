"""Printed documents of the demo site: a poster for every event, the busiest month's programme."""

import time

import pytest

from events import listing as queries
from events.models import EventIndexPage, EventPage
from tests.pdf_tools import pdf_info, pdf_text, qr_codes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

PDF = "/agenda/programme/pdf/"


def test_every_published_demo_event_has_a_poster(client, demo_site):
    events = list(EventPage.objects.live())

    for event in events:
        response = client.get(f"{event.url}affiche/", HTTP_HOST="localhost")
        assert response.status_code == 200, event.url
        assert response["Content-Type"] == "application/pdf"
    assert len(events) > 20


def test_the_demo_s_busiest_month_is_rendered_quickly_with_all_its_sessions(client, demo_site):
    index_page = EventIndexPage.objects.live().get()

    def titles(month):
        sessions = queries.in_month(queries.published_sessions(index_page), 2027, month).exclude(status="cancelled")
        return list(sessions.values_list("event__title", flat=True))

    month = max(range(1, 7), key=lambda month: len(titles(month)))
    expected = titles(month)
    started = time.perf_counter()
    response = client.get(PDF, {"mois": f"2027-{month:02d}"}, HTTP_HOST="localhost")
    elapsed = time.perf_counter() - started
    text = pdf_text(response.content)

    print(f"\nDemo programme, 2027-{month:02d}: {len(expected)} sessions rendered in {elapsed:.2f} s")  # noqa: T201
    assert expected
    for title in set(expected):
        assert text.count(title) >= expected.count(title), title
    assert pdf_info(response.content)["Tagged"] == "yes"
    assert len(qr_codes(response.content)) >= 1
    assert elapsed < 10  # the target is 2 s; a loose bound against a shared, busy machine
