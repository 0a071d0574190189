"""The demo content: subjects, the page in the menu, requests in several statuses, no email."""

import os
from datetime import datetime
from zoneinfo import ZoneInfo

from django.core import mail
from django.core.management import call_command

import pytest
import time_machine

from appointments.models import AppointmentRequest, AppointmentRequestPage, AppointmentSubject
from portal.models import OutboundEmail

pytestmark = pytest.mark.django_db

# The indicators' past season runs from January of last year to last month: its size depends on
# the date, so the demo is built on a fixed one.
SEEDED_ON = datetime(2027, 3, 20, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))


@pytest.fixture
def demo_on_a_fixed_date(db):
    from tests.conftest import ensure_root

    with time_machine.travel(SEEDED_ON, tick=False), open(os.devnull, "w") as devnull:
        ensure_root()
        call_command("seed_demo", stdout=devnull)
        yield


def test_the_demo_is_complete_idempotent_and_silent(demo_on_a_fixed_date, client):
    page = AppointmentRequestPage.objects.get()
    statuses = set(AppointmentRequest.objects.values_list("status", flat=True))
    counts = (AppointmentSubject.objects.count(), AppointmentRequest.objects.count())

    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115

    assert page.url == "/rendez-vous/" and page.show_in_menus and page.title == "Prendre rendez-vous"
    # 6 from the appointments demo, the rest from the indicators' past season (14 months).
    past_season = AppointmentRequest.objects.filter(reference__startswith="RDV-H").count()
    assert counts[1] - past_season == 6
    assert past_season == 44  # one to four requests a month, the same on any day the suite runs
    assert (AppointmentSubject.objects.count(), AppointmentRequest.objects.count()) == counts
    assert statuses == {"new", "in_progress", "proposed", "closed", "dropped"}
    assert all(r.email.endswith("@example.org") or not r.email for r in AppointmentRequest.objects.all())
    assert all(r.phone.startswith("0639") or not r.phone for r in AppointmentRequest.objects.all())
    assert not mail.outbox and not OutboundEmail.objects.exists()
    assert client.get("/rendez-vous/").status_code == 200
