"""Everything that changes an appointment request goes through here: one transaction each,
a journal entry each, texts stored in that transaction (appointments.texts), emails queued
after commit with ids (never instances).
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, F
from django.db.models.functions import TruncMonth
from django.utils import timezone

from dateutil.relativedelta import relativedelta

from . import emails, texts
from .models import (
    CLOSED_STATUSES,
    SHORT_TOKEN_LENGTH,
    AppointmentEvent,
    AppointmentNote,
    AppointmentRequest,
    AppointmentStat,
    ContactPreference,
    PendingAnswers,
    Status,
    hash_token,
    new_reference,
    new_token_key,
    short_token_for_key,
    token_for_key,
)

Action = AppointmentEvent.Action


@dataclass
class Submitted:
    """The result of `submit_request`: the row and the status link's token (shown once)."""

    request: AppointmentRequest
    token: str


def _log(request_id, action, user=None, detail=""):
    AppointmentEvent.objects.create(request_id=request_id, action=action, user=user, detail=detail[:150])


def submit_request(*, site, page, data):
    """Save a resident's request (`data` as `AppointmentRequestForm.session_data()`)."""
    token_key = new_token_key()
    token = token_for_key(token_key)
    fields = {
        "site": site,
        "page": page,
        "token_key": token_key,
        "token_hash": hash_token(token),
        "short_hash": hash_token(short_token_for_key(token_key)),
        "subject_id": data["subject"],
        "message": data["message"],
        "contact_preference": data["contact_preference"],
        "availability": list(data["availability"]),
        "place": data["place"],
        "needs_interpreter": "interpreter" in data["needs"],
        "needs_accessibility": "accessibility" in data["needs"],
        "first_name": data["first_name"],
        "last_name": data["last_name"],
        "phone": data["phone"],
        "no_texts": data.get("no_texts", False),
        "email": data["email"],
        "commune_id": data["commune"],
        "consent_at": timezone.now(),
    }
    with transaction.atomic():
        for attempt in range(10):
            try:
                with transaction.atomic():
                    request = AppointmentRequest.objects.create(reference=new_reference(), **fields)
                break
            except IntegrityError:
                if attempt == 9:
                    raise
        _log(request.pk, Action.SUBMITTED)
        texts.queue_received(request)
        request_id = request.pk
        transaction.on_commit(lambda: emails.send_request_received(request_id), robust=True)
    return Submitted(request, token)


# --- Answers between the form and the check step --------------------------------------------------


def pending_minutes():
    return settings.APPOINTMENTS_PENDING_MINUTES


def keep_pending(key, data):
    """Store (or replace) the answers behind `key`; returns the key, a new one if `key` is None."""
    key = key or new_token_key()
    PendingAnswers.objects.update_or_create(
        key_hash=hash_token(key), defaults={"data": data, "saved_at": timezone.now()}
    )
    return key


def pending_answers(key, now=None):
    """The answers behind `key` if they are younger than the limit, else None."""
    if not key:
        return None
    cutoff = (now or timezone.now()) - timedelta(minutes=pending_minutes())
    row = PendingAnswers.objects.filter(key_hash=hash_token(key), saved_at__gte=cutoff).first()
    return row.data if row else None


def pending_expires_at(key):
    """When the answers behind `key` will be erased (None without answers)."""
    row = PendingAnswers.objects.filter(key_hash=hash_token(key)).first() if key else None
    return row.saved_at + timedelta(minutes=pending_minutes()) if row else None


def discard_pending(key):
    if key:
        PendingAnswers.objects.filter(key_hash=hash_token(key)).delete()


def purge_pending(now=None, *, dry_run=False):
    """Delete answers older than the limit (abandoned requests). Returns how many."""
    cutoff = (now or timezone.now()) - timedelta(minutes=pending_minutes())
    expired = PendingAnswers.objects.filter(saved_at__lt=cutoff)
    return expired.count() if dry_run else expired.delete()[0]


def attach_to_account(request_id, user):
    """Attach a request to a signed-in resident's account (called from its own status link).

    Returns True when attached (or already theirs), False when it belongs to another account.
    """
    attached = AppointmentRequest.objects.filter(pk=request_id, account__isnull=True).update(account=user)
    return bool(attached) or AppointmentRequest.objects.filter(pk=request_id, account=user).exists()


def request_for_token(token):
    """The request behind a status link, or None."""
    if not token or len(token) > 100:
        return None
    return AppointmentRequest.objects.select_related("subject").filter(token_hash=hash_token(token)).first()


def request_for_short_token(short):
    """The request behind a text's short link, or None."""
    if not short or len(short) != SHORT_TOKEN_LENGTH:
        return None
    return AppointmentRequest.objects.select_related("page").filter(short_hash=hash_token(short)).first()


def _locked(request_id):
    return AppointmentRequest.objects.select_for_update().get(pk=request_id)


def _set_status(request, status):
    request.status = status
    request.closed_at = timezone.now() if status in CLOSED_STATUSES else None


def change_status(request_id, status, *, user):
    """Move the request to `status`; closing dates it (the purge counts from there)."""
    with transaction.atomic():
        request = _locked(request_id)
        if request.status == status:
            return request
        _set_status(request, status)
        request.save(update_fields=["status", "closed_at", "updated_at"])
        _log(request.pk, Action.STATUS, user, status)
    return request


def assign(request_id, assignee, *, user):
    """Give the request to a staff member (or to nobody with `assignee=None`). The status stays:
    changing it is a decision of its own. Returns the request, unchanged if already theirs."""
    with transaction.atomic():
        request = _locked(request_id)
        if request.assigned_to_id == getattr(assignee, "pk", None):
            return request
        request.assigned_to = assignee
        request.save(update_fields=["assigned_to", "updated_at"])
        label = (assignee.get_full_name() or assignee.get_username()) if assignee else ""
        _log(request.pk, Action.ASSIGNED, user, label)
    return request


def add_note(request_id, text, *, user):
    with transaction.atomic():
        note = AppointmentNote.objects.create(request_id=request_id, author=user, text=text.strip())
        _log(request_id, Action.NOTE, user)
    return note


def propose_appointment(request_id, start, place, *, user):
    """Propose a date and place. A mobile number gets a text with the date, time and place
    (unless texts were refused). The resident is emailed with an .ics only when they asked to
    be contacted by email (or by post) and gave an address: someone who asked to be phoned may
    not want an email about it; the team phones them (the admin page says so)."""
    with transaction.atomic():
        request = _locked(request_id)
        request.proposed_start = start
        request.proposed_place = place.strip()
        _set_status(request, Status.PROPOSED)
        request.save(update_fields=["proposed_start", "proposed_place", "status", "closed_at", "updated_at"])
        _log(request.pk, Action.PROPOSED, user)
        texts.queue_proposal(request)
        if proposal_goes_by_email(request):
            transaction.on_commit(lambda: emails.send_proposal(request_id), robust=True)
    return request


def proposal_goes_by_email(request):
    return bool(request.email) and request.contact_preference != ContactPreference.PHONE


def withdraw(request_id):
    """The resident withdraws the request from the status link. Idempotent."""
    with transaction.atomic():
        request = _locked(request_id)
        if not request.is_open:
            return False
        _set_status(request, Status.DROPPED)
        request.withdrawn_at = timezone.now()
        request.save(update_fields=["status", "closed_at", "withdrawn_at", "updated_at"])
        _log(request.pk, Action.WITHDRAWN)
        texts.withdraw(request.pk)
    return True


# A reload or a return to the page within this time is the same consultation, journaled once.
VIEW_JOURNAL_MINUTES = 30


def record_view(request_id, *, user):
    """Journal that `user` opened the request, once per VIEW_JOURNAL_MINUTES. Returns True if journaled."""
    recent = timezone.now() - timedelta(minutes=VIEW_JOURNAL_MINUTES)
    seen = AppointmentEvent.objects.filter(request_id=request_id, user=user, action=Action.VIEWED, at__gte=recent)
    if seen.exists():
        return False
    _log(request_id, Action.VIEWED, user)
    return True


# --- Retention --------------------------------------------------------------------------------


def retention_months():
    return getattr(settings, "APPOINTMENTS_RETENTION_MONTHS", 12)


def expired_requests(now=None, months=None):
    """Requests closed (clôturée or sans suite) more than `months` months ago."""
    now = now or timezone.now()
    months = retention_months() if months is None else months
    return AppointmentRequest.objects.filter(closed_at__isnull=False, closed_at__lt=now - relativedelta(months=months))


def purge_expired(now=None, months=None, *, dry_run=False):
    """Delete expired requests with their notes and journal, keeping anonymous counts.

    Returns the number of requests deleted (or that would be, with `dry_run`).
    """
    with transaction.atomic():
        expired = expired_requests(now, months)
        if dry_run:
            return expired.count()
        rows = (
            expired.annotate(month=TruncMonth("created_at"))
            .values("month", "status", subject_name=F("subject__name"), commune_name=F("commune__name"))
            .annotate(total=Count("pk"))
        )
        for row in rows:
            stat, _created = AppointmentStat.objects.select_for_update().get_or_create(
                month=row["month"].date() if hasattr(row["month"], "date") else row["month"],
                subject_name=row["subject_name"],
                commune_name=row["commune_name"] or "",
                status=row["status"],
            )
            AppointmentStat.objects.filter(pk=stat.pk).update(count=F("count") + row["total"])
        ids = list(expired.values_list("pk", flat=True))
        texts.erase(ids)
        AppointmentRequest.objects.filter(pk__in=ids).delete()
    return len(ids)
