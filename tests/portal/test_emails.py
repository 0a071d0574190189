"""The email outbox through a real SMTP server: queued in the transaction, sent after commit,
kept when the server is down, retried by `send_queued_emails`, never sent twice."""

import email
import email.policy
import socket
from datetime import timedelta
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.utils import timezone

import pytest
from aiosmtpd.controller import Controller

from portal.emails import send_templated_email
from portal.models import OutboundEmail

pytestmark = pytest.mark.django_db

TEST_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
RESIDENT = "jean.dupont@example.org"
ICS = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Atelier\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"


def unused_port():
    """A local port nothing listens on (the OS just handed it out and it was released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(autouse=True)
def _email_settings(settings):
    """Find the test templates; send through SMTP, to a closed port unless `smtp_server` is used."""
    templates = [dict(engine) for engine in settings.TEMPLATES]
    templates[0]["DIRS"] = [*templates[0]["DIRS"], TEST_TEMPLATES]
    settings.TEMPLATES = templates
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = unused_port()
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5


class RecordingHandler:
    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on 127.0.0.1, the one the portal sends to; yields the envelopes received."""
    handler = RecordingHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=unused_port(), server_hostname="smtp.test")
    controller.start()
    settings.EMAIL_PORT = controller.port
    yield handler.envelopes
    controller.stop()


def parse(envelope):
    return email.message_from_bytes(envelope.content, policy=email.policy.default)


def subject(message):
    """The subject as a mail client shows it.

    Django 5.2 (through `email.header.Header`) moves a long encoded subject to a continuation
    line, leaving "Subject:" alone on the first; unfolding keeps one leading space, which mail
    clients drop.
    """
    return message["Subject"].strip()


def send_sample(**kwargs):
    return send_templated_email(
        "emails/tests/sample",
        [RESIDENT],
        {
            "first_name": "Jean",
            "workshop": "Être parent",
            "date": "mardi 14 octobre à 14 h",
            "place": "Maison des familles de l'Étang",
        },
        **kwargs,
    )


def queued(**fields):
    """An outbox row as a form would have left it."""
    return OutboundEmail.objects.create(
        to=[RESIDENT], subject="Rappel de rendez-vous", body_text="Bonjour,\nÀ demain.", **fields
    )


def send_queued_emails(*args):
    out = StringIO()
    call_command("send_queued_emails", *args, stdout=out)
    return out.getvalue().strip()


def test_a_templated_email_reaches_the_smtp_server_in_french_with_its_attachment(
    settings, smtp_server, site_settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_sample(attachments=[("seance.ics", ICS, "text/calendar")])

    assert len(smtp_server) == 1
    envelope = smtp_server[0]
    assert envelope.rcpt_tos == [RESIDENT]
    message = parse(envelope)
    assert subject(message) == "Votre inscription à l'atelier « Être parent »"
    assert message["From"] == settings.DEFAULT_FROM_EMAIL
    assert message["To"] == RESIDENT
    assert message["Auto-Submitted"] == "auto-generated"

    text = message.get_body(preferencelist=("plain",))
    assert text.get_content_type() == "text/plain"
    body = text.get_content()
    assert "Bonjour Jean," in body
    assert "Votre inscription à l'atelier « Être parent » est confirmée" in body
    assert "à la Maison des familles de l'Étang." in body
    assert "&#x27;" not in body
    assert "&amp;" not in body
    assert "CCAS de Bourg-Test" in body  # the signature of the base template

    html = message.get_body(preferencelist=("html",))
    assert html.get_content_type() == "text/html"
    html_body = html.get_content()
    assert '<html lang="fr">' in html_body
    assert "<p>Bonjour Jean,</p>" in html_body
    assert "Votre inscription à l'atelier « Être parent » est confirmée" in html_body
    assert "Maison des familles de l&#x27;Étang" in html_body  # HTML is escaped, as it must be
    assert "CCAS de Bourg-Test" in html_body

    (attachment,) = message.iter_attachments()
    assert attachment.get_filename() == "seance.ics"
    assert attachment.get_content_type() == "text/calendar"
    assert "BEGIN:VCALENDAR" in attachment.get_content()
    assert "SUMMARY:Atelier" in attachment.get_content()

    assert not OutboundEmail.objects.exists()


def test_nothing_leaves_before_the_transaction_commits(smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        send_sample()
        assert smtp_server == []
        assert OutboundEmail.objects.get().status == OutboundEmail.Status.PENDING

    assert smtp_server == []
    for callback in callbacks:  # the commit (the settings row it created also renews the page cache)
        callback()
    assert len(smtp_server) == 1
    assert not OutboundEmail.objects.exists()


def test_an_smtp_server_down_loses_nothing_and_the_cron_sends_each_message_once(
    settings, smtp_server, django_capture_on_commit_callbacks, caplog
):
    server_port = settings.EMAIL_PORT
    settings.EMAIL_PORT = unused_port()

    with django_capture_on_commit_callbacks(execute=True):
        queued_row = send_sample()  # does not raise: the resident still sees the confirmation

    row = OutboundEmail.objects.get(pk=queued_row.pk)
    assert row.status == OutboundEmail.Status.PENDING
    assert row.attempts == 1
    assert row.last_error == "ConnectionRefusedError"
    assert "@" not in row.last_error
    assert RESIDENT not in caplog.text
    assert smtp_server == []

    settings.EMAIL_PORT = server_port
    assert send_queued_emails() == "1 e-mail(s) envoyé(s), 0 toujours en attente."
    assert len(smtp_server) == 1
    assert subject(parse(smtp_server[0])) == "Votre inscription à l'atelier « Être parent »"

    assert send_queued_emails() == "0 e-mail(s) envoyé(s), 0 toujours en attente."
    assert len(smtp_server) == 1
    assert not OutboundEmail.objects.exists()


def test_a_message_is_marked_failed_after_the_maximum_attempts_and_no_longer_retried(
    settings, smtp_server, django_capture_on_commit_callbacks
):
    server_port = settings.EMAIL_PORT
    settings.EMAIL_PORT = unused_port()
    settings.EMAIL_MAX_ATTEMPTS = 3

    with django_capture_on_commit_callbacks(execute=True):
        row = send_sample()  # attempt 1
    assert send_queued_emails() == "0 e-mail(s) envoyé(s), 1 toujours en attente."  # attempt 2
    row.refresh_from_db()
    assert (row.status, row.attempts) == (OutboundEmail.Status.PENDING, 2)

    send_queued_emails()  # attempt 3, the last one
    row.refresh_from_db()
    assert (row.status, row.attempts) == (OutboundEmail.Status.FAILED, 3)
    assert row.last_error == "ConnectionRefusedError"

    settings.EMAIL_PORT = server_port
    assert send_queued_emails() == "0 e-mail(s) envoyé(s), 0 toujours en attente."
    assert smtp_server == []
    row.refresh_from_db()
    assert (row.status, row.attempts) == (OutboundEmail.Status.FAILED, 3)


def test_a_message_another_worker_is_sending_is_left_to_it(smtp_server):
    row = queued(status=OutboundEmail.Status.SENDING, claimed_at=timezone.now(), attempts=1)

    assert send_queued_emails() == "0 e-mail(s) envoyé(s), 0 toujours en attente."

    assert smtp_server == []
    row.refresh_from_db()
    assert (row.status, row.attempts) == (OutboundEmail.Status.SENDING, 1)


def test_a_message_claimed_by_a_crashed_worker_is_sent_once_the_claim_is_ten_minutes_old(smtp_server, time_machine):
    start = timezone.now()
    time_machine.move_to(start)
    row = queued(status=OutboundEmail.Status.SENDING, claimed_at=start, attempts=1)

    time_machine.move_to(start + timedelta(minutes=9))
    send_queued_emails()
    assert smtp_server == []

    time_machine.move_to(start + timedelta(minutes=11))
    assert send_queued_emails() == "1 e-mail(s) envoyé(s), 0 toujours en attente."
    assert len(smtp_server) == 1
    assert subject(parse(smtp_server[0])) == "Rappel de rendez-vous"
    assert not OutboundEmail.objects.filter(pk=row.pk).exists()


def test_dry_run_counts_the_waiting_messages_and_sends_nothing(smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        send_sample()
        send_sample()
    queued(status=OutboundEmail.Status.FAILED, attempts=8)

    assert send_queued_emails("--dry-run") == "2 e-mail(s) en attente."

    assert smtp_server == []
    assert list(OutboundEmail.objects.order_by("pk").values_list("status", "attempts")) == [
        (OutboundEmail.Status.PENDING, 0),
        (OutboundEmail.Status.PENDING, 0),
        (OutboundEmail.Status.FAILED, 8),
    ]
