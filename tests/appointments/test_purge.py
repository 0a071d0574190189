"""Retention: requests closed more than N months ago are deleted, anonymous counts stay."""

from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

from django.core.management import call_command
from django.test import override_settings

import pytest
import time_machine
from dateutil.relativedelta import relativedelta

from appointments import services
from appointments.models import AppointmentEvent, AppointmentNote, AppointmentRequest, AppointmentStat, Status

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2027, 6, 15, 10, 0, tzinfo=PARIS)


@pytest.fixture
def make_request(form_data, appointment_page, site, social_worker):
    def make(last_name, closed_at=None, status=Status.CLOSED):
        data = {
            **form_data,
            "subject": int(form_data["subject"]),
            "commune": int(form_data["commune"]),
            "last_name": last_name,
            "phone": "+33639980011",
            "email": f"{last_name.lower()}@example.org",
            "needs": [],
        }
        with time_machine.travel(datetime(2026, 3, 10, 9, 0, tzinfo=PARIS), tick=False):
            request = services.submit_request(site=site, page=appointment_page, data=data).request
            services.add_note(request.pk, f"Note sur {last_name}", user=social_worker)
            services.record_view(request.pk, user=social_worker)
        AppointmentRequest.objects.filter(pk=request.pk).update(status=status, closed_at=closed_at)
        return request

    return make


def run(*args):
    out = StringIO()
    with time_machine.travel(NOW, tick=False):
        call_command("purge_appointment_requests", *args, stdout=out)
    return out.getvalue()


@override_settings(APPOINTMENTS_RETENTION_MONTHS=12)
def test_purge_boundaries_counts_dry_run_and_second_run(make_request):
    limit = NOW - relativedelta(months=12)
    kept = make_request("Gardee", closed_at=limit + relativedelta(days=1))
    deleted = make_request("Effacee", closed_at=limit - relativedelta(days=1), status=Status.DROPPED)
    still_open = make_request("Ouverte", closed_at=None, status=Status.IN_PROGRESS)

    dry = run("--dry-run")
    assert "1 demande(s)" in dry and "seraient" in dry
    assert AppointmentRequest.objects.count() == 3 and not AppointmentStat.objects.exists()

    assert "1 demande(s)" in run()
    assert set(AppointmentRequest.objects.values_list("pk", flat=True)) == {kept.pk, still_open.pk}
    assert not AppointmentEvent.objects.filter(request_id=deleted.pk).exists()
    assert not AppointmentNote.objects.filter(request_id=deleted.pk).exists()
    [stat] = AppointmentStat.objects.all()
    assert (stat.month.year, stat.month.month, stat.count) == (2026, 3, 1)
    assert stat.subject_name == "Logement" and stat.commune_name == "Saint-Aubin-des-Vallons"
    assert stat.status == Status.DROPPED

    assert "0 demande(s)" in run()
    assert AppointmentStat.objects.get().count == 1


@override_settings(APPOINTMENTS_RETENTION_MONTHS=6)
def test_the_setting_decides_and_counts_add_up(make_request):
    six_months = NOW - relativedelta(months=6)
    make_request("Un", closed_at=six_months - relativedelta(days=1))
    make_request("Deux", closed_at=six_months - relativedelta(days=2))
    make_request("Trois", closed_at=six_months + relativedelta(days=1))

    run()

    assert AppointmentRequest.objects.count() == 1
    assert AppointmentStat.objects.get().count == 2


def test_purge_is_deep(make_request):
    make_request("Zebulon", closed_at=NOW - relativedelta(months=13))

    run()

    assert not AppointmentRequest.objects.exists()
    assert not AppointmentNote.objects.exists() and not AppointmentEvent.objects.exists()
    for stat in AppointmentStat.objects.values():
        assert "Zebulon" not in str(stat) and "zebulon" not in str(stat)


def test_an_abandoned_check_step_leaves_nothing_in_the_database_after_thirty_minutes(client, form_data):
    from django.contrib.sessions.models import Session

    from appointments.models import PendingAnswers

    with time_machine.travel(NOW, tick=False):
        client.post("/rendez-vous/", {**form_data, "message": "Je suis enceinte et sans logement."})
        assert "enceinte" in client.get("/rendez-vous/verifier/").content.decode()
    assert PendingAnswers.objects.count() == 1
    # The session row holds a random key only, never the answers.
    assert not any("enceinte" in str(session.get_decoded()) for session in Session.objects.all())

    with time_machine.travel(NOW + relativedelta(minutes=29), tick=False):
        call_command("purge_appointment_requests", stdout=StringIO())
    assert PendingAnswers.objects.count() == 1
    with time_machine.travel(NOW + relativedelta(minutes=31), tick=False):
        assert client.get("/rendez-vous/verifier/")["Location"] == "/rendez-vous/"  # too old: refused
        out = StringIO()
        call_command("purge_appointment_requests", stdout=out)

    assert "1 saisie(s) abandonnée(s) depuis plus de 30 minutes supprimée(s)." in out.getvalue()
    assert not PendingAnswers.objects.exists()
    assert AppointmentRequest.objects.count() == 0


def test_the_quick_exit_erases_the_answers_at_once_and_ends_the_session(client, form_data):
    from appointments.models import PendingAnswers

    client.post("/rendez-vous/", form_data)
    response = client.get("/quitter/")

    assert response.status_code == 302 and response["Location"] == "https://www.meteofrance.com/"
    assert response["Clear-Site-Data"] == '"cache", "cookies", "storage"'
    assert "no-store" in response["Cache-Control"]
    assert not PendingAnswers.objects.exists()
    assert client.get("/rendez-vous/verifier/")["Location"] == "/rendez-vous/"
    assert "Benali" not in client.get("/rendez-vous/").content.decode()
