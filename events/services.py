"""Booking rules: register, cancel, promote the waiting list, approve — never overbooking.

Every function that changes places runs its check-and-write inside one transaction, after
locking the session rows it counts (`select_for_update` on PostgreSQL; on SQLite the
`IMMEDIATE` transaction mode takes the database write lock at BEGIN). People are told through
`events.notify`: texts are stored in the same transaction, emails leave after commit.
"""

import time
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.cache import renew

from . import notify, texts
from .models import EventSession, Registration
from .models.registrations import (
    ACTIVE_STATUSES,
    SHORT_TOKEN_LENGTH,
    hash_token,
    new_token_key,
    short_token_for_key,
    token_for_key,
)

# A person holds places while confirmed or awaiting approval; the waiting list holds none.
HOLDING_STATUSES = (Registration.Status.CONFIRMED, Registration.Status.PENDING)
# How long a booking waits for another one on the same session before giving up (pretix uses 3 s).
LOCK_TIMEOUT_SECONDS = 3


class RegistrationError(Exception):
    """A booking that cannot be made; `message` is the French text shown to the resident."""

    MESSAGES = {
        "closed": _("Les inscriptions en ligne ne sont pas ouvertes pour cette séance."),
        "not_open_yet": _("Les inscriptions ne sont pas encore ouvertes. Revenez à partir de la date indiquée."),
        "past": _("Cette séance a déjà eu lieu."),
        "cancelled": _("Cette séance est annulée : il n'est plus possible de s'y inscrire."),
        "full": _("Cette séance est complète et n'a pas de liste d'attente."),
        "duplicate": _(
            "Vous êtes déjà inscrit ou inscrite à cette séance avec cette adresse e-mail ou ce numéro. "
            "Pour modifier votre inscription, utilisez le lien reçu par e-mail ou appelez-nous."
        ),
        "too_many": _("Une inscription compte %(max)s personnes au plus. Pour un groupe plus grand, appelez-nous."),
        "no_session": _("Aucune séance à venir n'est ouverte aux inscriptions."),
        "busy": _("Beaucoup de personnes s'inscrivent en même temps. Réessayez dans un instant."),
        "move_impossible": _(
            "Cette inscription ne peut pas aller sur cette séance : elle est passée, annulée ou d'un autre "
            "temps ressources, ou l'inscription n'est plus active."
        ),
    }

    def __init__(self, code, **params):
        self.code = code
        self.message = self.MESSAGES[code] % params if params else self.MESSAGES[code]
        super().__init__(code)


@dataclass
class Attendee:
    """What the form collected about the person who registers."""

    first_name: str
    last_name: str
    email: str = ""
    phone: str = ""
    commune_id: int | None = None
    adults: int = 1
    children: int = 0
    needs_childcare: bool = False
    needs_accessibility: bool = False
    needs_interpreter: bool = False
    needs_details: str = ""
    heard_from: str = ""
    contact_by: str = Registration.ContactBy.EMAIL

    @property
    def people(self):
        return self.adults + self.children


@dataclass
class Booking:
    """The result of `register`: the rows created and the personal link's token (shown once)."""

    registrations: list
    token: str

    @property
    def status(self):
        return self.registrations[0].status


# --- Locks and counts -------------------------------------------------------------------------


def _lock_sessions(session_ids):
    """Lock the sessions (in id order, so two bookings never deadlock) and return them.

    Must run inside `transaction.atomic()`. On PostgreSQL a lock that cannot be had within
    LOCK_TIMEOUT_SECONDS raises RegistrationError("busy") instead of waiting forever.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("Session locks are only meaningful inside transaction.atomic().")
    sessions = EventSession.objects.filter(pk__in=session_ids).select_related("event").order_by("pk")
    if getattr(settings, "EVENTS_BOOKING_LOCK", True):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # set_config(…, true) is SET LOCAL in a form that also accepts a parameter bound by
                # the server (SET does not).
                cursor.execute("SELECT set_config('lock_timeout', %s, true)", [f"{LOCK_TIMEOUT_SECONDS}s"])
        sessions = sessions.select_for_update(of=("self",))
    try:
        locked = list(sessions)
    except OperationalError as error:
        raise RegistrationError("busy") from error
    # Whatever the caller changes next (a booking, a cancellation, a promotion) changes the
    # places these events' pages show: renew those pages in the page cache, and only those.
    renew(*sorted({places_tag(session.event_id) for session in locked}))
    return locked


def places_tag(event_id):
    """The page-cache tag of what shows an event's places (its page: see views.annotate_booking)."""
    return f"places:{event_id}"


def places_taken(session):
    """People holding places (confirmed or awaiting approval) at this session."""
    return (
        session.registrations.filter(status__in=HOLDING_STATUSES).aggregate(total=Sum("adults") + Sum("children"))[
            "total"
        ]
        or 0
    )


def places_left(session, taken=None):
    """Free places, or None when the session has no limit."""
    if session.places is None:
        return None
    taken = places_taken(session) if taken is None else taken
    return max(session.places - taken, 0)


def _has_waiting(session):
    return session.registrations.filter(status=Registration.Status.WAITING).exists()


def waiting_position(registration):
    """1 for the first person on the waiting list of the session, and so on."""
    if registration.status != Registration.Status.WAITING:
        return None
    earlier = Registration.objects.filter(
        session_id=registration.session_id, status=Registration.Status.WAITING
    ).filter(Q(created_at__lt=registration.created_at) | Q(created_at=registration.created_at, pk__lt=registration.pk))
    return earlier.count() + 1


def _race_delay():
    # Test-only: widens the window between counting and writing, to prove the lock matters.
    delay = getattr(settings, "EVENTS_TEST_RACE_DELAY", 0)
    if delay:
        time.sleep(delay)


# --- Registering ------------------------------------------------------------------------------


def bookable_sessions(event, now=None):
    """Sessions of `event` open to online registration now (scheduled, not started, window open)."""
    now = now or timezone.now()
    if not event.online_registration:
        return []
    if event.registration_opens_at and now < event.registration_opens_at:
        return []
    if event.registration_closes_at and now >= event.registration_closes_at:
        return []
    return list(event.sessions.filter(status=EventSession.Status.SCHEDULED, start__gt=now).order_by("start", "pk"))


def check_open(event, session, now=None, *, by_staff=False):
    """Raise RegistrationError when `session` cannot take registrations now.

    Staff registering someone by phone or at the desk are not bound by the online settings
    (online registration on, opening and closing dates), only by the session itself.
    """
    now = now or timezone.now()
    if session.status == EventSession.Status.CANCELLED:
        raise RegistrationError("cancelled")
    if session.start <= now:
        raise RegistrationError("past")
    if by_staff:
        if session.status != EventSession.Status.SCHEDULED:
            raise RegistrationError("closed")
        return
    if not event.online_registration or session.status != EventSession.Status.SCHEDULED:
        raise RegistrationError("closed")
    if event.registration_opens_at and now < event.registration_opens_at:
        raise RegistrationError("not_open_yet")
    if event.registration_closes_at and now >= event.registration_closes_at:
        raise RegistrationError("closed")


def register(event, session_ids, attendee, *, channel=Registration.Channel.WEB, user=None):
    """Book places for `attendee` at the given sessions of `event` (one, or the whole cycle).

    Guarantees: never more people holding places than a session's capacity, even under
    concurrent requests; nobody overtakes people already on the waiting list; one active
    registration per email or phone and session. The outcome is the same for every session
    of a cycle: confirmed (or pending approval) everywhere when there is room everywhere,
    otherwise on the waiting list everywhere. Staff registrations (phone, desk) are bound by
    the session only, not by the online settings. Raises RegistrationError.
    """
    by_staff = channel != Registration.Channel.WEB
    if attendee.people > event.max_people_per_registration and not by_staff:
        raise RegistrationError("too_many", max=event.max_people_per_registration)
    if not session_ids:
        raise RegistrationError("no_session")
    token_key = new_token_key()
    token = token_for_key(token_key)
    try:
        with transaction.atomic():
            sessions = _lock_sessions(session_ids)
            if len(sessions) != len(set(session_ids)) or any(s.event_id != event.pk for s in sessions):
                raise RegistrationError("closed")
            for session in sessions:
                check_open(event, session, by_staff=by_staff)
            fits = all(
                session.places is None or (not _has_waiting(session) and places_left(session) >= attendee.people)
                for session in sessions
            )
            if fits:
                status = Registration.Status.PENDING if event.requires_approval else Registration.Status.CONFIRMED
            elif event.waiting_list:
                status = Registration.Status.WAITING
            else:
                raise RegistrationError("full")
            _race_delay()
            now = timezone.now()
            registrations = [
                Registration.objects.create(
                    session=session,
                    token_key=token_key,
                    token_hash=hash_token(token),
                    short_hash=hash_token(short_token_for_key(token_key)),
                    status=status,
                    channel=channel,
                    user=user,
                    confirmed_at=now if status == Registration.Status.CONFIRMED else None,
                    **attendee.__dict__,
                )
                for session in sessions
            ]
            ids = [registration.pk for registration in registrations]
            notify.tell("registration_received", ids)
    except IntegrityError as error:
        # The unique constraints: the same address or phone number already holds this session.
        raise RegistrationError("duplicate") from error
    except OperationalError as error:
        # SQLite: the write lock could not be had within the busy timeout.
        raise RegistrationError("busy") from error
    return Booking(registrations, token)


# --- Cancelling and promoting -----------------------------------------------------------------


def registrations_for_token(token):
    """The registrations behind a personal link (all sessions of a cycle), or an empty list."""
    if not token or len(token) > 100:
        return []
    return list(
        Registration.objects.filter(token_hash=hash_token(token))
        .select_related("session__event", "session__venue__commune")
        .order_by("session__start", "pk")
    )


def registration_for_short_token(short):
    """The first registration behind a text's short link, or None."""
    if not short or len(short) != SHORT_TOKEN_LENGTH:
        return None
    return Registration.objects.filter(short_hash=hash_token(short)).order_by("pk").first()


def attach_to_account(registration_ids, user):
    """Attach the registrations of one personal link to a signed-in resident's account.

    Called from the link itself (proof that the person holds it): an email address alone never
    attaches anything. True when they are (now) the account's, False if another account has them.
    """
    Registration.objects.filter(pk__in=registration_ids, user__isnull=True).update(user=user)
    return not Registration.objects.filter(pk__in=registration_ids).exclude(user=user).exists()


def promote_waiting_list(session):
    """Give freed places to the waiting list, first come first served. Call with the session locked.

    Rule: people are taken in order; a registration that does not fit (a family of 3 for 2
    free places) keeps its rank and the next one that fits goes first. Returns the promoted
    registrations; they are emailed after commit.
    """
    candidates = list(session.registrations.filter(status=Registration.Status.WAITING).order_by("created_at", "pk"))
    free = places_left(session)
    promoted = []
    now = timezone.now()
    for registration in candidates:
        if free is not None and registration.people > free:
            continue
        registration.status = (
            Registration.Status.PENDING if session.event.requires_approval else Registration.Status.CONFIRMED
        )
        registration.confirmed_at = now if registration.status == Registration.Status.CONFIRMED else None
        registration.save(update_fields=["status", "confirmed_at", "updated_at"])
        promoted.append(registration.pk)
        if free is not None:
            free -= registration.people
            if free <= 0:
                break
    if promoted:
        notify.tell("registration_promoted", promoted)
    return promoted


def cancel(registration_ids, *, by=Registration.CancelledBy.RESIDENT, tell=True):
    """Cancel these registrations, free their places and promote the waiting list.

    Idempotent: a registration already cancelled is left as it is, so a double click (or two
    concurrent requests) frees the places once. Returns the registrations actually cancelled.
    """
    with transaction.atomic():
        session_ids = list(
            Registration.objects.filter(pk__in=registration_ids).values_list("session_id", flat=True).distinct()
        )
        sessions = _lock_sessions(session_ids)
        # Re-read after the lock: the status decides, not what the caller saw before.
        cancelled = list(
            Registration.objects.filter(pk__in=registration_ids, status__in=ACTIVE_STATUSES).select_for_update()
        )
        now = timezone.now()
        for registration in cancelled:
            registration.status = Registration.Status.CANCELLED
            registration.cancelled_by = by
            registration.cancelled_at = now
            registration.save(update_fields=["status", "cancelled_by", "cancelled_at", "updated_at"])
        for session in sessions:
            if session.status == EventSession.Status.SCHEDULED:
                promote_waiting_list(session)
        ids = [registration.pk for registration in cancelled]
        texts.withdraw(ids)
        if ids and tell and by != Registration.CancelledBy.SESSION:
            notify.tell("registration_cancelled", ids)
    return cancelled


def cancel_session_registrations(session_id):
    """A session was cancelled by staff: cancel its registrations and tell each person once."""
    ids = list(
        Registration.objects.filter(session_id=session_id, status__in=ACTIVE_STATUSES).values_list("pk", flat=True)
    )
    if not ids:
        return []
    cancelled = cancel(ids, by=Registration.CancelledBy.SESSION)
    cancelled_ids = [registration.pk for registration in cancelled]
    if cancelled_ids:
        with transaction.atomic():
            notify.tell("session_cancelled", cancelled_ids)
    return cancelled


def approve(registration_id):
    """Staff accept a request awaiting approval; the person is told their place is confirmed."""
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration_id)
        if registration.status != Registration.Status.PENDING:
            return registration
        registration.status = Registration.Status.CONFIRMED
        registration.confirmed_at = timezone.now()
        registration.save(update_fields=["status", "confirmed_at", "updated_at"])
        notify.tell("registration_promoted", [registration_id])
    return registration


def refuse(registration_id):
    """Staff decline a request; its places go to the waiting list."""
    with transaction.atomic():
        registration = Registration.objects.get(pk=registration_id)
        [session] = _lock_sessions([registration.session_id])
        updated = Registration.objects.filter(pk=registration_id, status__in=ACTIVE_STATUSES).update(
            status=Registration.Status.REFUSED, cancelled_by=Registration.CancelledBy.STAFF, cancelled_at=timezone.now()
        )
        if updated:
            promote_waiting_list(session)
            notify.tell("registration_refused", [registration_id])
    registration.refresh_from_db()
    return registration


def set_attendance(registration_id, attended):
    """Facilitators mark who came (True), who did not (False), or clear the mark (None)."""
    Registration.objects.filter(pk=registration_id).update(attended=attended, updated_at=timezone.now())
