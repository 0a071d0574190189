"""The one way the portal sends email: render now, store in the outbox, send in a task.

A form view calls `send_templated_email()` inside its transaction; the message is written to
the outbox in the same transaction and handed to the task backend only after commit. A slow
or failing SMTP server therefore never slows or breaks the form: the resident sees the
confirmation, and `send_queued_emails` (cron) retries what could not be sent.

Nothing is sent twice: a message is claimed with an atomic UPDATE before sending, and deleted
once the SMTP server has accepted it.
"""

import base64
import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation
from django.utils.module_loading import import_string

from django_tasks import task

from .models import OutboundEmail

logger = logging.getLogger("portal.emails")

# A message claimed longer ago than this was lost by a crashed worker: it may be claimed again.
STALE_CLAIM = timedelta(minutes=10)


def _render_plain(template_name, context):
    """Render a text template without HTML escaping ("l'atelier", not "l&#x27;atelier")."""
    return get_template(template_name).template.render(Context(context, autoescape=False))


def render_email(template_prefix, context):
    """Render `<prefix>_subject.txt`, `<prefix>_body.txt` and `<prefix>_body.html` in French."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = _render_plain(f"{template_prefix}_subject.txt", context)
        text = _render_plain(f"{template_prefix}_body.txt", context)
        html = render_to_string(f"{template_prefix}_body.html", context)
    # A subject is a single line: templates end with a newline, editors may add more.
    subject = " ".join(subject.split())
    return subject, text, html


def email_context(site=None):
    """What every email template may use: the site's address and who sends it.

    The sender (organisation name, site settings) comes from the EMAIL_SENDER_CONTEXT callable
    (`home.emails.sender_context`), given the site: this module knows no app.
    """
    sender = import_string(settings.EMAIL_SENDER_CONTEXT)(site) if settings.EMAIL_SENDER_CONTEXT else {}
    return {"base_url": settings.BASE_URL, "organisation_name": "", "site_settings": None, **sender}


def send_templated_email(template_prefix, to, context=None, *, site=None, attachments=(), reply_to=(), headers=None):
    """Queue an email rendered from templates; it leaves after the current transaction commits.

    `to` is a list of addresses; `attachments` a list of `(filename, bytes, mimetype)`; `site`
    chooses whose name signs the message (the default site otherwise); `headers` adds message
    headers (a digest's List-Unsubscribe). Returns the outbox row.
    Rendering errors raise here, in the caller, where they belong.
    """
    context = {**email_context(site), **(context or {})}
    subject, text, html = render_email(template_prefix, context)
    return queue_email(to, subject, text, html, attachments=attachments, reply_to=reply_to, headers=headers)


def queue_email(to, subject, text, html="", *, attachments=(), reply_to=(), headers=None):
    """Store an already rendered message in the outbox; it is sent after the transaction commits."""
    message = OutboundEmail.objects.create(
        to=list(to),
        reply_to=list(reply_to),
        headers=dict(headers or {}),
        subject=subject,
        body_text=text,
        body_html=html,
        attachments=[
            {"filename": name, "mimetype": mimetype, "content": base64.b64encode(content).decode()}
            for name, content, mimetype in attachments
        ],
    )
    message_id = message.pk
    # robust: if the task queue is unreachable the form still succeeds; the cron sends the message.
    transaction.on_commit(lambda: deliver_email.enqueue(message_id), robust=True)
    return message


def _build_message(outbound, connection):
    message = EmailMultiAlternatives(
        subject=outbound.subject,
        body=outbound.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=outbound.to,
        reply_to=outbound.reply_to or None,
        connection=connection,
        headers={"Auto-Submitted": "auto-generated", **outbound.headers},
    )
    if outbound.body_html:
        message.attach_alternative(outbound.body_html, "text/html")
    for attachment in outbound.attachments:
        message.attach(attachment["filename"], base64.b64decode(attachment["content"]), attachment["mimetype"])
    return message


def _claim(message_id):
    """Take the message for this worker; False if another worker has it or it is gone."""
    now = timezone.now()
    claimable = Q(status=OutboundEmail.Status.PENDING) | Q(
        status=OutboundEmail.Status.SENDING, claimed_at__lt=now - STALE_CLAIM
    )
    return bool(
        OutboundEmail.objects.filter(claimable, pk=message_id).update(
            status=OutboundEmail.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
        )
    )


def deliver(message_id):
    """Send one outbox message through the configured backend. Returns True once sent.

    On failure the message goes back to `pending` (or `failed` after EMAIL_MAX_ATTEMPTS) and
    the error class is recorded; the exception is not re-raised so a batch goes on.
    """
    if not _claim(message_id):
        return False
    outbound = OutboundEmail.objects.get(pk=message_id)
    try:
        _build_message(outbound, get_connection()).send()
    except Exception as error:  # noqa: BLE001 - any SMTP or network failure is retried later
        failed = outbound.attempts >= settings.EMAIL_MAX_ATTEMPTS
        OutboundEmail.objects.filter(pk=message_id).update(
            status=OutboundEmail.Status.FAILED if failed else OutboundEmail.Status.PENDING,
            last_error=type(error).__name__[:200],
        )
        logger.warning("Email %s not sent (attempt %s): %s", message_id, outbound.attempts, type(error).__name__)
        return False
    OutboundEmail.objects.filter(pk=message_id).delete()
    return True


@task()
def deliver_email(message_id):
    """Background task: send one queued email (see `deliver`)."""
    return deliver(message_id)


def waiting_emails():
    """Messages that a worker may send now: pending, or claimed by a worker that died."""
    cutoff = timezone.now() - STALE_CLAIM
    return OutboundEmail.objects.filter(
        Q(status=OutboundEmail.Status.PENDING) | Q(status=OutboundEmail.Status.SENDING, claimed_at__lt=cutoff)
    )


def send_queued_emails(limit=500):
    """Retry the messages still waiting (cron). Returns (sent, still_waiting).

    Each message opens its own SMTP connection (Django's backend closes it after a send), so
    one dropped connection costs one attempt of one message, not the whole batch.
    """
    ids = list(waiting_emails().order_by("created_at").values_list("pk", flat=True)[:limit])
    sent = sum(deliver(pk) for pk in ids)
    return sent, len(ids) - sent
