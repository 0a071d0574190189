"""The SMPP backend against a real SMPP 3.4 server on 127.0.0.1 (tests/sms/smpp_server.py):
what arrives, refusals, a provider that is down or hangs, two workers, TLS."""

import logging
import threading
from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

from django.core.management import call_command
from django.db import connection

import pytest

from portal import sms
from portal.models import OutboundText
from tests.sms.smpp_server import ESME_RINVDSTADR, ESME_RSYSERR, ESME_RTHROTTLED, SMPPServer, point_portal_at

pytestmark = pytest.mark.django_db

Status = OutboundText.Status
PARIS = ZoneInfo("Europe/Paris")
START = datetime(2030, 3, 12, 10, 0, tzinfo=PARIS)
MOBILE = "06 12 34 56 78"
GSM_BODY = "Inscription confirmée : café des parents mer. 4 mars 9h30, salle Émile-Zola. Participation 2 €."


@pytest.fixture
def smsc(settings):
    """A running SMSC and the portal's SMPP settings pointing at it."""
    server = SMPPServer().start()
    point_portal_at(settings, server)
    yield server
    server.stop()


@pytest.fixture
def at_ten(time_machine):
    time_machine.move_to(START, tick=False)
    return time_machine


def book(body=GSM_BODY, **kwargs):
    """What a booking does: queue in its transaction; the text leaves at commit."""
    kwargs.setdefault("kind", "registration_confirmed")
    kwargs.setdefault("topic", "events.registration:7")
    return sms.queue_text(kwargs.pop("to", MOBILE), body, **kwargs)


def send_queued_texts():
    out = StringIO()
    call_command("send_queued_texts", stdout=out)
    return out.getvalue().strip()


def row_of(text):
    return OutboundText.objects.get(pk=text.pk)


def test_accents_and_the_euro_arrive_intact_in_gsm7_from_the_organisation(
    smsc, at_ten, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        text = book(deadline=datetime(2030, 3, 13, 9, 30, tzinfo=PARIS))

    (message,) = smsc.messages
    assert message["text"] == GSM_BODY
    assert (message["data_coding"], message["parts"], message["esm_class"]) == (0, 1, 0)
    assert (message["source_addr"], message["source_addr_ton"], message["source_addr_npi"]) == ("CCAS Bourg", 5, 0)
    assert (message["destination_addr"], message["dest_addr_ton"], message["dest_addr_npi"]) == ("33612345678", 1, 1)
    assert message["registered_delivery"] == 1
    assert message["validity_period"] == "300313083000000+"  # the deadline, in UTC
    assert smsc.binds == [{"command_id": 0x02, "system_id": "portail", "system_type": "portal"}]
    row = row_of(text)
    assert (row.status, row.provider_message_id, row.body, row.recipient) == (
        Status.SENT,
        message["message_ids"][0],
        "",
        "",
    )


def test_a_text_with_letters_outside_gsm7_arrives_intact_in_ucs2(smsc, at_ten, django_capture_on_commit_callbacks):
    body = "Fête de quartier samedi 14h, goûter offert. Ça vous dit ?"
    with django_capture_on_commit_callbacks(execute=True):
        book(body, to="0690 12 34 56")
    (message,) = smsc.messages
    assert (message["text"], message["data_coding"], message["destination_addr"]) == (body, 8, "590690123456")


@pytest.mark.parametrize("concatenation", ["udh", "sar"])
def test_a_two_part_text_is_reassembled_by_the_provider(
    concatenation, settings, smsc, at_ten, django_capture_on_commit_callbacks
):
    settings.SMPP_CONCATENATION = concatenation
    body = ("Réunion d'information sur les aides au logement, mardi 3 mars 14h, salle Émile-Zola. " * 3).strip()
    with django_capture_on_commit_callbacks(execute=True):
        text = book(body)
    (message,) = smsc.messages
    assert (message["text"], message["parts"], message["concatenation"]) == (body, 2, concatenation)
    assert row_of(text).segments == 2
    assert row_of(text).provider_message_id == message["message_ids"][0]


def test_a_refused_text_is_retried_then_marked_failed(settings, smsc, at_ten, django_capture_on_commit_callbacks):
    settings.SMS_MAX_ATTEMPTS = 3
    smsc.refuse_next(3, ESME_RSYSERR)
    with django_capture_on_commit_callbacks(execute=True):
        text = book()
    assert (row_of(text).status, row_of(text).last_error) == (Status.PENDING, "TextRefused: ESME_RSYSERR")
    for minutes in (1, 3):
        at_ten.move_to(START + timedelta(minutes=minutes), tick=False)
        send_queued_texts()
    row = row_of(text)
    assert (row.status, row.attempts, row.last_error) == (Status.FAILED, 3, "TextRefused: ESME_RSYSERR")
    assert (row.recipient, row.body) == ("", "")
    assert len(smsc.submits) == 3 and smsc.messages == []

    at_ten.move_to(START + timedelta(hours=3), tick=False)
    assert send_queued_texts() == "0 SMS envoyé(s), 0 non envoyé(s)."
    assert len(smsc.submits) == 3


def test_a_throttled_text_leaves_on_the_next_try_exactly_once(smsc, at_ten, django_capture_on_commit_callbacks):
    smsc.refuse_next(1, ESME_RTHROTTLED)
    with django_capture_on_commit_callbacks(execute=True):
        text = book()
    assert row_of(text).last_error == "TextRefused: ESME_RTHROTTLED"
    at_ten.move_to(START + timedelta(minutes=1), tick=False)
    assert send_queued_texts() == "1 SMS envoyé(s), 0 non envoyé(s)."
    assert [message["text"] for message in smsc.messages] == [GSM_BODY]


def test_an_invalid_destination_is_not_retried(smsc, at_ten, django_capture_on_commit_callbacks):
    smsc.refuse_next(1, ESME_RINVDSTADR)
    with django_capture_on_commit_callbacks(execute=True):
        text = book()
    row = row_of(text)
    assert (row.status, row.attempts, row.last_error) == (Status.FAILED, 1, "TextRefused: ESME_RINVDSTADR")


def test_a_provider_down_at_booking_time_delivers_once_it_is_back_nothing_lost_or_doubled(
    smsc, at_ten, django_capture_on_commit_callbacks
):
    smsc.stop()
    with django_capture_on_commit_callbacks(execute=True):
        first = book()
        second = book("Vous êtes inscrite sur la liste d'attente, en position 2.", topic="events.registration:8")
    assert [row_of(first).last_error, row_of(second).last_error] == ["ProviderUnreachable"] * 2

    smsc.start()  # back, on the same port
    at_ten.move_to(START + timedelta(minutes=1), tick=False)
    assert send_queued_texts() == "2 SMS envoyé(s), 0 non envoyé(s)."
    assert send_queued_texts() == "0 SMS envoyé(s), 0 non envoyé(s)."
    assert sorted(message["text"] for message in smsc.messages) == sorted(
        [GSM_BODY, "Vous êtes inscrite sur la liste d'attente, en position 2."]
    )
    assert {row_of(first).status, row_of(second).status} == {Status.SENT}


def test_a_provider_that_hangs_is_given_up_after_the_timeout_and_tried_again(
    smsc, at_ten, django_capture_on_commit_callbacks
):
    smsc.silent = True
    with django_capture_on_commit_callbacks(execute=True):
        text = book()
    assert (row_of(text).status, row_of(text).last_error) == (Status.PENDING, "ProviderUnreachable")
    smsc.silent = False
    at_ten.move_to(START + timedelta(minutes=1), tick=False)
    assert send_queued_texts() == "1 SMS envoyé(s), 0 non envoyé(s)."
    assert len(smsc.messages) == 1


def test_wrong_credentials_are_retried_so_fixing_them_still_sends_the_text(
    settings, smsc, at_ten, django_capture_on_commit_callbacks
):
    settings.SMPP_PASSWORD = "wrong"
    with django_capture_on_commit_callbacks(execute=True):
        text = book()
    assert (row_of(text).status, row_of(text).last_error) == (Status.PENDING, "TextRefused: ESME_RINVPASWD")
    settings.SMPP_PASSWORD = "secret"
    at_ten.move_to(START + timedelta(minutes=1), tick=False)
    assert send_queued_texts() == "1 SMS envoyé(s), 0 non envoyé(s)."


def test_texts_held_overnight_leave_at_08_00_over_one_bound_session(smsc, time_machine):
    time_machine.move_to(datetime(2030, 3, 12, 23, 0, tzinfo=PARIS), tick=False)
    for number in range(3):
        book(f"Rappel : atelier demain 10h. Réf. {number}", topic=f"events.registration:{number}")
    time_machine.move_to(datetime(2030, 3, 13, 7, 59, tzinfo=PARIS), tick=False)
    assert send_queued_texts() == "0 SMS envoyé(s), 0 non envoyé(s)."
    assert smsc.messages == []
    time_machine.move_to(datetime(2030, 3, 13, 8, 0, tzinfo=PARIS), tick=False)
    assert send_queued_texts() == "3 SMS envoyé(s), 0 non envoyé(s)."
    assert len(smsc.messages) == 3 and len(smsc.binds) == 1


@pytest.mark.django_db(transaction=True)
def test_two_workers_delivering_the_same_text_at_once_send_it_once(smsc, at_ten):
    text = OutboundText.objects.create(
        recipient="+33612345678", sender="CCAS Bourg", body=GSM_BODY, kind="reminder", topic="t", not_before=START
    )
    smsc.delay = 0.3  # both workers are in flight together
    barrier, results = threading.Barrier(2), []

    def worker():
        try:
            barrier.wait()
            results.append(sms.deliver_text(text.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert sorted(results) == [False, True]
    assert len(smsc.messages) == 1
    assert (row_of(text).status, row_of(text).attempts) == (Status.SENT, 1)


def test_the_smpp_library_never_logs_numbers_or_words(smsc, at_ten, caplog, django_capture_on_commit_callbacks):
    """smpplib dumps every PDU in hex at DEBUG: its logger is held at WARNING (LOGGING)."""
    caplog.set_level(logging.DEBUG)
    wire = logging.getLogger("portal.sms.wire")
    records = []
    handler = logging.Handler(logging.DEBUG)
    handler.emit = records.append
    wire.addHandler(handler)
    smsc.refuse_next(1, ESME_RSYSERR)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            book()
        at_ten.move_to(START + timedelta(minutes=1), tick=False)
        send_queued_texts()
    finally:
        wire.removeHandler(handler)
    assert len(smsc.messages) == 1
    logged = caplog.text + "".join(record.getMessage() for record in records)
    for secret in ("33612345678", "3333363132333435363738", "Inscription", "caf"):
        assert secret not in logged


def test_a_batch_stops_at_the_first_sign_of_an_outage_and_keeps_the_other_attempts(smsc, at_ten):
    smsc.stop()
    for number in range(3):
        book(topic=f"events.registration:{number}")  # no commit callbacks here: nothing tried yet
    assert send_queued_texts() == "0 SMS envoyé(s), 3 non envoyé(s)."
    assert sorted(OutboundText.objects.values_list("attempts", flat=True)) == [0, 0, 1]
    smsc.start()
    at_ten.move_to(START + timedelta(minutes=1), tick=False)
    assert send_queued_texts() == "3 SMS envoyé(s), 0 non envoyé(s)."
    assert len(smsc.messages) == 3
