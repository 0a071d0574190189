"""The demo content: subjects, the page in the menu, requests in several statuses, no email."""

from django.core import mail
from django.core.management import call_command

import pytest

from appointments.models import AppointmentRequest, AppointmentRequestPage, AppointmentSubject
from portal.models import OutboundEmail

pytestmark = pytest.mark.django_db


def test_the_demo_is_complete_idempotent_and_silent(demo_site, client):
    page = AppointmentRequestPage.objects.get()
    statuses = set(AppointmentRequest.objects.values_list("status", flat=True))
    counts = (AppointmentSubject.objects.count(), AppointmentRequest.objects.count())

    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert page.url == "/rendez-vous/" and page.show_in_menus and page.title == "Prendre rendez-vous"
    # 6 from the appointments demo, 59 from the indicators' past season.
    assert counts == (7, 65)
    assert (AppointmentSubject.objects.count(), AppointmentRequest.objects.count()) == counts
    assert statuses == {"new", "in_progress", "proposed", "closed", "dropped"}
    assert all(r.email.endswith("@example.org") or not r.email for r in AppointmentRequest.objects.all())
    assert all(r.phone.startswith("0639") or not r.phone for r in AppointmentRequest.objects.all())
    assert not mail.outbox and not OutboundEmail.objects.exists()
    assert client.get("/rendez-vous/").status_code == 200
