"""The text outbox with the in-memory backend: stored with the caller's data, sent after commit,
only to mobiles, never at night, retried then failed, erased once final, withdrawn on purge."""

import logging
from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

import pytest

from portal import sms
from portal.models import OutboundText
from portal.sms.exceptions import ProviderUnreachable

pytestmark = pytest.mark.django_db

Status = OutboundText.Status
PARIS = ZoneInfo("Europe/Paris")
MOBILE, E164 = "06 12 34 56 78", "+33612345678"
BODY = "Rappel : atelier des parents mardi 3 mars 14h, Maison des familles. Infos : ccas.example/i/Ab3"
TOPIC = "events.registration:42"


def paris(*args):
    return datetime(*args, tzinfo=PARIS)


def queue(to=MOBILE, body=BODY, **kwargs):
    kwargs.setdefault("kind", "reminder")
    kwargs.setdefault("topic", TOPIC)
    return sms.queue_text(to, body, **kwargs)


def send_queued_texts(*args):
    out = StringIO()
    call_command("send_queued_texts", *args, stdout=out)
    return out.getvalue().strip()


class FlakyBackend:
    """Fails with a lost connection while `failures` lasts, then records like locmem."""

    failures = 0
    sent = []

    def __init__(self, **options):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        pass

    def send(self, message):
        if FlakyBackend.failures:
            FlakyBackend.failures -= 1
            raise ProviderUnreachable()
        FlakyBackend.sent.append(message)
        return f"flaky-{len(FlakyBackend.sent)}"


@pytest.fixture
def flaky(settings):
    settings.SMS_BACKEND = "tests.portal.test_sms_outbox.FlakyBackend"
    FlakyBackend.failures, FlakyBackend.sent = 0, []
    return FlakyBackend


@pytest.fixture
def daytime(time_machine):
    time_machine.move_to(paris(2030, 3, 12, 10, 0), tick=False)


def test_a_text_leaves_after_commit_to_the_e164_number_then_keeps_no_number_or_words(
    daytime, sms_outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        row = queue()
        assert sms_outbox == []
        assert OutboundText.objects.get().status == Status.PENDING
    assert sms_outbox == []
    callbacks[0]()  # the commit

    (message,) = sms_outbox
    assert (message.to, message.sender, message.body) == (E164, "CCAS Test", BODY)
    row.refresh_from_db()
    assert (row.status, row.kind, row.topic, row.segments, row.attempts) == (Status.SENT, "reminder", TOPIC, 1, 1)
    assert (row.recipient, row.body) == ("", "")
    assert row.sent_at == timezone.now() and row.provider_message_id == "locmem-1"


def test_a_rolled_back_booking_sends_nothing(daytime, sms_outbox, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        queue()
        raise RuntimeError("the booking failed")
    assert callbacks == [] and sms_outbox == [] and not OutboundText.objects.exists()


@pytest.mark.parametrize("number", ["01 23 45 67 89", "09 71 23 45 67", "0639 98 00 11", "+44 7911 123456", ""])
def test_a_landline_or_an_impossible_number_gets_no_text_and_no_row(number, daytime, sms_outbox):
    assert queue(to=number) is None
    assert not OutboundText.objects.exists()


def test_a_text_about_something_already_started_is_not_queued(daytime):
    assert queue(deadline=timezone.now()) is None
    assert not OutboundText.objects.exists()


def test_a_body_needing_three_segments_is_refused_in_the_caller():
    with pytest.raises(ValueError, match="3 segments"):
        queue(body="Un texte bien trop long. " * 13)
    assert not OutboundText.objects.exists()


def test_a_provider_failure_is_retried_with_back_off_then_the_text_is_marked_failed(
    settings, flaky, time_machine, django_capture_on_commit_callbacks, caplog
):
    settings.SMS_MAX_ATTEMPTS = 3
    flaky.failures = 10
    start = paris(2030, 3, 12, 10, 0)
    time_machine.move_to(start, tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        row = queue()  # attempt 1, at commit
    row.refresh_from_db()
    assert (row.status, row.attempts, row.last_error) == (Status.PENDING, 1, "ProviderUnreachable")
    assert row.not_before == start + timedelta(minutes=1)

    time_machine.move_to(start + timedelta(seconds=30), tick=False)
    assert send_queued_texts() == "0 SMS envoyé(s), 0 non envoyé(s)."  # not due yet
    time_machine.move_to(start + timedelta(minutes=1), tick=False)
    assert send_queued_texts() == "0 SMS envoyé(s), 1 non envoyé(s)."  # attempt 2
    row.refresh_from_db()
    assert row.not_before == start + timedelta(minutes=3)
    time_machine.move_to(start + timedelta(minutes=3), tick=False)
    send_queued_texts()  # attempt 3, the last
    row.refresh_from_db()
    assert (row.status, row.attempts, row.recipient, row.body) == (Status.FAILED, 3, "", "")

    flaky.failures = 0
    time_machine.move_to(start + timedelta(hours=5), tick=False)
    assert send_queued_texts() == "0 SMS envoyé(s), 0 non envoyé(s)."
    assert flaky.sent == []
    assert E164 not in caplog.text and "612345678" not in caplog.text and "atelier" not in caplog.text
    assert f"Text {row.pk} not sent (attempt 3): ProviderUnreachable" in caplog.text


def test_a_retry_that_would_fall_at_night_waits_for_the_morning(
    flaky, time_machine, django_capture_on_commit_callbacks
):
    flaky.failures = 1
    time_machine.move_to(paris(2030, 3, 12, 19, 59, 30), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        row = queue()
    row.refresh_from_db()
    assert row.not_before == paris(2030, 3, 13, 8, 0)


def test_a_text_still_waiting_at_its_deadline_is_never_sent(flaky, time_machine, django_capture_on_commit_callbacks):
    flaky.failures = 1
    time_machine.move_to(paris(2030, 3, 12, 13, 50), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        row = queue(deadline=paris(2030, 3, 12, 13, 51))
    time_machine.move_to(paris(2030, 3, 12, 13, 52), tick=False)
    assert send_queued_texts() == "0 SMS envoyé(s), 1 non envoyé(s)."
    row.refresh_from_db()
    assert (row.status, row.recipient, row.body) == (Status.EXPIRED, "", "")
    assert flaky.sent == []


def test_without_a_provider_the_text_is_marked_failed_at_once_and_the_booking_goes_on(
    settings, daytime, django_capture_on_commit_callbacks
):
    settings.SMS_BACKEND = "portal.sms.backends.disabled"
    with django_capture_on_commit_callbacks(execute=True):
        row = queue()
    row.refresh_from_db()
    assert (row.status, row.attempts, row.last_error) == (Status.FAILED, 1, "ProviderNotConfigured")
    assert (row.recipient, row.body) == ("", "")


def test_a_task_queue_that_is_down_loses_nothing(daytime, sms_outbox, monkeypatch, django_capture_on_commit_callbacks):
    def queue_down(*args, **kwargs):
        raise ConnectionError("task queue unreachable")

    monkeypatch.setattr(type(sms.outbox.deliver_text_task), "enqueue", queue_down)
    with django_capture_on_commit_callbacks(execute=True):
        row = queue()  # does not raise: the on_commit hook is robust
    assert sms_outbox == [] and OutboundText.objects.get(pk=row.pk).status == Status.PENDING
    assert send_queued_texts() == "1 SMS envoyé(s), 0 non envoyé(s)."
    assert len(sms_outbox) == 1


def test_a_text_another_worker_is_sending_is_left_to_it_until_its_claim_is_ten_minutes_old(time_machine, sms_outbox):
    start = paris(2030, 3, 12, 10, 0)
    time_machine.move_to(start, tick=False)
    row = OutboundText.objects.create(
        recipient=E164, body=BODY, kind="reminder", topic=TOPIC, not_before=start,
        status=Status.SENDING, claimed_at=start, attempts=1,
    )  # fmt: skip
    time_machine.move_to(start + timedelta(minutes=9), tick=False)
    assert sms.deliver_text(row.pk) is False
    assert send_queued_texts() == "0 SMS envoyé(s), 0 non envoyé(s)."
    time_machine.move_to(start + timedelta(minutes=11), tick=False)
    assert send_queued_texts() == "1 SMS envoyé(s), 0 non envoyé(s)."
    assert len(sms_outbox) == 1
    assert OutboundText.objects.get(pk=row.pk).attempts == 2


def test_dry_run_counts_due_and_later_texts_and_sends_nothing(
    time_machine, sms_outbox, django_capture_on_commit_callbacks
):
    time_machine.move_to(paris(2030, 3, 12, 10, 0), tick=False)
    with django_capture_on_commit_callbacks(execute=False):
        queue()
        queue()
    time_machine.move_to(paris(2030, 3, 12, 22, 0), tick=False)
    queue()
    assert send_queued_texts("--dry-run") == "2 SMS à envoyer maintenant, 1 programmé(s) plus tard."
    assert sms_outbox == []


def test_a_delivery_receipt_updates_a_sent_text(daytime, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        row = queue()
    assert sms.record_receipt("locmem-1", "ENROUTE") is False
    assert sms.record_receipt("unknown", "DELIVRD") is False
    assert sms.record_receipt("locmem-1", "DELIVRD") is True
    row.refresh_from_db()
    assert (row.status, row.receipt_at) == (Status.DELIVERED, timezone.now())
    assert sms.record_receipt("locmem-1", 5) is True
    assert OutboundText.objects.get(pk=row.pk).status == Status.UNDELIVERABLE


def test_staff_find_the_texts_of_one_booking_and_a_cancelled_session_withdraws_its_pending_texts(time_machine):
    time_machine.move_to(paris(2030, 3, 12, 22, 0), tick=False)
    confirmation = queue(kind="registration_confirmed")
    reminder = queue(kind="reminder")
    other = queue(topic="events.registration:43")
    assert list(sms.texts_for(TOPIC)) == [reminder, confirmation]
    assert sms.cancel_texts(TOPIC, kinds=["reminder"]) == 1
    assert list(sms.texts_for(TOPIC)) == [confirmation]
    assert sms.cancel_texts(TOPIC) == 1
    assert list(OutboundText.objects.all()) == [other]


def test_the_purge_leaves_nothing_personal_but_keeps_counts_per_kind(
    daytime, time_machine, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sent = queue(kind="registration_confirmed")
    time_machine.move_to(paris(2030, 3, 12, 23, 0), tick=False)
    queue(kind="reminder")  # waiting for the morning
    kept = queue(topic="events.registration:43")

    assert sms.erase_texts(TOPIC) == 2
    assert list(OutboundText.objects.filter(topic=TOPIC)) == []
    sent.refresh_from_db()
    assert (sent.topic, sent.recipient, sent.body, sent.provider_message_id) == ("", "", "", "")
    assert (sent.kind, sent.status) == ("registration_confirmed", Status.SENT)
    assert OutboundText.objects.get(pk=kept.pk).recipient == E164


def test_the_console_backend_prints_the_text_for_make_run(
    settings, daytime, capsys, django_capture_on_commit_callbacks
):
    settings.SMS_BACKEND = "portal.sms.backends.console"
    with django_capture_on_commit_callbacks(execute=True):
        queue(body="Inscription confirmée : atelier 5 €.")
    out = capsys.readouterr().out
    assert "de CCAS Test à +33612345678 (gsm7, 1 segment(s), 37 unités)" in out
    assert "Inscription confirmée : atelier 5 €." in out


def test_logging_of_a_sent_text_mentions_neither_number_nor_words(daytime, caplog, django_capture_on_commit_callbacks):
    caplog.set_level(logging.DEBUG)
    with django_capture_on_commit_callbacks(execute=True):
        queue()
    assert "612345678" not in caplog.text and "atelier" not in caplog.text
