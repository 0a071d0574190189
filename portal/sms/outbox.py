"""The text outbox: queue in the caller's transaction, send after commit, retry, never twice.

See the package docstring (portal/sms/__init__.py) for what callers can rely on.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from django_tasks import task

from .. import phones
from ..models import OutboundText
from ..signals import text_failed
from . import gsm, schedule
from .backends import TextMessage, get_backend
from .exceptions import ProviderUnavailable

logger = logging.getLogger("portal.sms")

Status = OutboundText.Status
# A text claimed longer ago than this was lost by a crashed worker: it may be claimed again.
STALE_CLAIM = timedelta(minutes=10)
FINAL = (Status.SENT, Status.DELIVERED, Status.UNDELIVERABLE, Status.FAILED, Status.EXPIRED)
# What a final row keeps: no number, no words.
ERASED = {"recipient": "", "body": ""}


def queue_text(to, body, *, kind, topic, deadline=None, now=None, sender=None):
    """Store a text for `to` in the current transaction; it is sent after commit.

    Returns the OutboundText row, or None when nothing is to be sent: `to` is not a French
    mobile number (a landline, an impossible number: see portal.phones.is_mobile) or
    `deadline` has already passed. The body goes through `gsm.prepare()`; a body that would
    still need more than two segments raises ValueError (a template to shorten, in the caller).
    The text leaves at once, or at the end of the quiet hours (see portal.sms.schedule).
    """
    recipient = phones.mobile_e164(to)
    now = now or timezone.now()
    if recipient is None or (deadline is not None and deadline <= now):
        return None
    body = gsm.prepare(body)
    info = gsm.measure(body)
    if info.segments > gsm.MAX_SEGMENTS:
        raise ValueError(f"A {kind} text needs {info.segments} segments ({info.units} {info.encoding} units).")
    text = OutboundText.objects.create(
        recipient=recipient,
        sender=sender or settings.SMS_SENDER,
        body=body,
        kind=kind,
        topic=topic,
        segments=info.segments,
        not_before=schedule.send_time(now, deadline=deadline),
        deadline=deadline,
    )
    text_id, not_before = text.pk, text.not_before
    # robust: if the task queue is unreachable the form still succeeds; the cron sends the text.
    transaction.on_commit(lambda: _enqueue(text_id, not_before), robust=True)
    return text


def _enqueue(text_id, not_before):
    job = deliver_text_task
    if not_before > timezone.now():
        if not job.get_backend().supports_defer:
            return  # send_queued_texts sends it when it is due
        job = job.using(run_after=not_before)
    job.enqueue(text_id)


def _claim(text_id, now):
    """Take the text for this worker; False if it is not due, taken by another worker, or gone."""
    claimable = Q(status=Status.PENDING, not_before__lte=now) | Q(
        status=Status.SENDING, claimed_at__lt=now - STALE_CLAIM
    )
    return bool(
        OutboundText.objects.filter(claimable, pk=text_id).update(
            status=Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
        )
    )


def _finish(text, **fields):
    """Write the outcome of this worker's attempt (only while the row is still its claim)."""
    return OutboundText.objects.filter(pk=text.pk, status=Status.SENDING, claimed_at=text.claimed_at).update(**fields)


def _failed(text, error, now):
    permanent = getattr(error, "permanent", False)
    label = error.label if hasattr(error, "label") else type(error).__name__
    if permanent or text.attempts >= settings.SMS_MAX_ATTEMPTS:
        if _finish(text, status=Status.FAILED, last_error=label[:200], **ERASED):
            text_failed.send(sender=OutboundText, kind=text.kind, topic=text.topic)
    else:
        retry = schedule.retry_time(now, text.attempts, deadline=text.deadline)
        _finish(text, status=Status.PENDING, not_before=retry, last_error=label[:200])
    logger.warning("Text %s not sent (attempt %s): %s", text.pk, text.attempts, label)


def deliver_text(text_id, *, backend=None):
    """Send one queued text through `backend` (the configured one by default). True once sent.

    The row is claimed with an atomic UPDATE first, so two workers never both send it. A text
    past its deadline is marked expired instead. On failure it goes back to pending (retried
    with back-off by send_queued_texts) or to failed after SMS_MAX_ATTEMPTS or a permanent
    error; the exception is not re-raised so a batch goes on.
    """
    now = timezone.now()
    if not _claim(text_id, now):
        return False
    text = OutboundText.objects.get(pk=text_id)
    if text.deadline is not None and text.deadline <= now:
        _finish(text, status=Status.EXPIRED, **ERASED)
        logger.info("Text %s expired before it could be sent", text.pk)
        return False
    message = TextMessage(
        id=text.pk,
        to=text.recipient,
        body=text.body,
        sender=text.sender or settings.SMS_SENDER,
        deadline=text.deadline,
        receipt=settings.SMS_DELIVERY_RECEIPTS,
    )
    backend = backend or get_backend()
    try:
        provider_id = backend.send(message)
    except Exception as error:  # noqa: BLE001 - any provider or network failure is retried later
        _failed(text, error, timezone.now())
        backend.unavailable = isinstance(error, ProviderUnavailable)
        return False
    _finish(
        text, status=Status.SENT, sent_at=timezone.now(), provider_message_id=provider_id or "", last_error="", **ERASED
    )
    return True


@task()
def deliver_text_task(text_id):
    """Background task: send one queued text (see `deliver_text`)."""
    return deliver_text(text_id)


def waiting_texts(now=None):
    """Texts a worker may send now: pending and due, or claimed by a worker that died."""
    now = now or timezone.now()
    return OutboundText.objects.filter(
        Q(status=Status.PENDING, not_before__lte=now) | Q(status=Status.SENDING, claimed_at__lt=now - STALE_CLAIM)
    )


def send_queued_texts(limit=500):
    """Send the texts that are due (cron). Returns (sent, not_sent).

    One backend connection is shared by the batch when the backend supports it. Once the
    provider proves unreachable the batch stops: the texts not tried keep their attempts for
    the next run instead of each waiting for a timeout.
    """
    ids = list(waiting_texts().order_by("not_before", "pk").values_list("pk", flat=True)[:limit])
    sent = 0
    if ids:
        with get_backend() as backend:
            for pk in ids:
                sent += deliver_text(pk, backend=backend)
                if getattr(backend, "unavailable", False):
                    break
    return sent, len(ids) - sent


# Delivery receipts: SMPP `stat:` values (and message_state numbers) → the status staff see.
RECEIPT_STATES = {
    "DELIVRD": Status.DELIVERED,
    "UNDELIV": Status.UNDELIVERABLE,
    "EXPIRED": Status.UNDELIVERABLE,
    "REJECTD": Status.UNDELIVERABLE,
    "DELETED": Status.UNDELIVERABLE,
    2: Status.DELIVERED,
    3: Status.UNDELIVERABLE,
    4: Status.UNDELIVERABLE,
    5: Status.UNDELIVERABLE,
    8: Status.UNDELIVERABLE,
}


def record_receipt(provider_message_id, state, *, at=None):
    """Record a delivery receipt for the text the provider knows as `provider_message_id`.

    `state` is an SMPP `stat:` word ("DELIVRD", "UNDELIV", "EXPIRED", "REJECTD", "DELETED") or a
    message_state number; intermediate states ("ACCEPTD", "ENROUTE", "UNKNOWN") change nothing.
    Returns True if a sent text was updated. For a two-part text the id is the first part's.
    """
    status = RECEIPT_STATES.get(state.strip().upper() if isinstance(state, str) else state)
    if status is None or not provider_message_id:
        return False
    rows = OutboundText.objects.filter(
        provider_message_id=provider_message_id, status__in=(Status.SENT, Status.DELIVERED, Status.UNDELIVERABLE)
    )
    newly_lost = []
    if status == Status.UNDELIVERABLE:
        newly_lost = list(rows.exclude(status=status).values_list("kind", "topic"))
    updated = rows.update(status=status, receipt_at=at or timezone.now())
    for kind, topic in newly_lost:
        text_failed.send(sender=OutboundText, kind=kind, topic=topic)
    return bool(updated)


def texts_for(topic):
    """The texts about one object (the caller's topic), newest first: what staff are shown."""
    return OutboundText.objects.filter(topic=topic).order_by("-created_at", "-pk")


def cancel_texts(topic, *, kinds=None):
    """Withdraw the texts about `topic` that have not left yet (e.g. the session was cancelled).

    Only pending rows are deleted; a text a worker is sending at this instant may still leave.
    Returns how many were withdrawn.
    """
    pending = OutboundText.objects.filter(topic=topic, status=Status.PENDING)
    if kinds is not None:
        pending = pending.filter(kind__in=list(kinds))
    return pending.delete()[0]


def erase_texts(*topics):
    """For a feature app's purge: nothing about these objects' texts stays personal.

    Texts not yet final are deleted (they will never be sent); final ones lose their topic
    and provider id, keeping only kind, status, segments and times for the indicators.
    Returns the number of rows deleted or detached.
    """
    rows = OutboundText.objects.filter(topic__in=topics)
    deleted = rows.exclude(status__in=FINAL).delete()[0]
    detached = rows.filter(status__in=FINAL).update(topic="", provider_message_id="", **ERASED)
    return deleted + detached
