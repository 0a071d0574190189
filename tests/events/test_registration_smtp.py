"""The registration email over real SMTP, including when the server is down for a while."""

import email
import re
from email import policy

from django.core.management import call_command

import pytest
from aiosmtpd.controller import Controller

from portal.models import OutboundEmail
from tests.portal.test_emails import RecordingHandler, unused_port

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

FORM = {"first_name": "Jean", "last_name": "Moreau", "email": "jean.moreau@example.org", "adults": "2", "children": "0"}


@pytest.fixture
def smtp_settings(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = unused_port()  # nothing listens there yet: the server is "down"
    return settings


def test_smtp_down_the_registration_is_confirmed_and_the_email_arrives_once_the_server_is_back(
    client, workshop, smtp_settings, django_capture_on_commit_callbacks
):
    event, [session, _] = workshop

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{event.url}inscription/?seance={session.pk}", {**FORM, "consent": "on"})
    page = client.get(response["Location"]).content.decode()

    assert "Votre place est confirmée" in page
    assert OutboundEmail.objects.get().status == OutboundEmail.Status.PENDING

    handler = RecordingHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=smtp_settings.EMAIL_PORT)
    controller.start()
    try:
        call_command("send_queued_emails", stdout=open("/dev/null", "w"))  # noqa: SIM115
        call_command("send_queued_emails", stdout=open("/dev/null", "w"))  # noqa: SIM115
    finally:
        controller.stop()

    [envelope] = handler.envelopes
    message = email.message_from_bytes(envelope.content, policy=policy.default)
    assert message["Subject"].strip() == "Votre place est confirmée – Atelier budget"
    assert message.get_body(preferencelist=("plain",)).get_content().startswith("Bonjour Jean,")
    assert "Votre place est confirmée" in message.get_body(preferencelist=("html",)).get_content()
    [attachment] = list(message.iter_attachments())
    assert attachment.get_filename() == "seance.ics"
    assert attachment.get_content_type() == "text/calendar"
    assert re.search(r"DTSTART;TZID=Europe/Paris:20270323T140000", attachment.get_content())
    assert OutboundEmail.objects.count() == 0
