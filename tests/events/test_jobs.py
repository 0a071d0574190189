"""Scheduled jobs: reminders (sent once) and the registration data purge (exact boundaries)."""

import io
from datetime import timedelta

from django.core import mail
from django.core.management import call_command

import pytest
import time_machine
from dateutil.relativedelta import relativedelta

from events.models import EventSession, Registration
from events.services import Attendee, register

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def book(event, session, number, **fields):
    attendee = Attendee("Jean", f"Moreau{number}", email=f"jean{number}@example.org", **fields)
    return register(event, [session.pk], attendee).registrations[0]


def run(command, *args):
    out = io.StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def test_reminders_go_once_to_confirmed_people_of_sessions_in_the_next_48_hours(
    make_event, django_capture_on_commit_callbacks
):
    event, [soon, later] = make_event(
        "Atelier budget", days=(1, 10), registration_required=True, online_registration=True, capacity=1
    )
    confirmed = book(event, soon, 1)
    book(event, soon, 2)  # waiting list: no reminder
    book(event, later, 3)  # too far ahead
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        first = run("send_reminders")
    with django_capture_on_commit_callbacks(execute=True):
        second = run("send_reminders")

    assert first.startswith("1 rappel(s) envoyé(s).")
    assert second.startswith("0 rappel(s) envoyé(s).")
    [message] = mail.outbox
    assert message.to == [confirmed.email]
    assert message.subject == "Rappel : Atelier budget, dimanche 21 mars à 14 h"
    assert "/inscription/" in message.body


def test_no_reminder_after_the_session_was_cancelled(make_event, django_capture_on_commit_callbacks):
    event, [soon] = make_event("Atelier budget", days=(1,), registration_required=True, online_registration=True)
    book(event, soon, 1)
    with django_capture_on_commit_callbacks(execute=True):
        soon.status = EventSession.Status.CANCELLED
        soon.save()
    mail.outbox.clear()

    assert run("send_reminders").startswith("0 rappel(s)")
    assert mail.outbox == []


def test_dry_run_counts_reminders_without_sending(make_event):
    event, [soon] = make_event("Atelier budget", days=(1,), registration_required=True, online_registration=True)
    book(event, soon, 1)
    mail.outbox.clear()

    assert run("send_reminders", "--dry-run").startswith("1 rappel(s) à envoyer.")
    assert mail.outbox == []


def test_needs_are_erased_thirty_days_after_the_session_and_names_after_twelve_months(make_event, frozen_now):
    event, [session] = make_event("Atelier budget", days=(3,), registration_required=True, online_registration=True)
    registration = book(event, session, 1, needs_childcare=True, needs_details="2 enfants de 3 et 6 ans", children=2)
    session_end = session.end

    with time_machine.travel(session_end + timedelta(days=29), tick=False):
        assert run("purge_registration_data").startswith("0 inscription(s) : besoins effacés. 0")
    with time_machine.travel(session_end + timedelta(days=31), tick=False):
        assert run("purge_registration_data", "--dry-run").startswith("1 inscription(s) dont les besoins")
        assert run("purge_registration_data").startswith("1 inscription(s) : besoins effacés. 0")
        assert run("purge_registration_data").startswith("0 inscription(s) : besoins effacés. 0")
    registration.refresh_from_db()
    assert not registration.needs_childcare and registration.needs_details == ""
    assert registration.first_name == "Jean"

    twelve_months = relativedelta(months=12)
    with time_machine.travel(session_end + twelve_months - timedelta(days=1), tick=False):
        assert run("purge_registration_data").endswith("0 inscription(s) anonymisée(s).\n")
    with time_machine.travel(session_end + twelve_months + timedelta(days=1), tick=False):
        assert run("purge_registration_data").endswith("1 inscription(s) anonymisée(s).\n")
    registration.refresh_from_db()
    assert (registration.first_name, registration.last_name, registration.email, registration.phone) == ("", "", "", "")
    # What the indicators need stays: the headcount, the session, the status.
    assert registration.people == 3 and registration.session_id == session.pk
    assert Registration.objects.filter(email__icontains="jean").count() == 0
