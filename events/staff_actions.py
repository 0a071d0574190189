"""What facilitators do to registrations beyond the booking rules: move, confirm by hand, message.

Each function runs in one transaction on locked sessions (as `services`), tells the person after
commit, and journals the action in Wagtail's audit log (the site history): who, what, when. The
journal names the registration by its number, event and date, never the person (it is kept
longer than names are, see `retention`).
"""

from dataclasses import dataclass

from django.db import models, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import log

from . import emails, notify
from .models import EventSession, Registration
from .models.registrations import ACTIVE_STATUSES
from .services import RegistrationError, _lock_sessions, _race_delay, places_left, promote_waiting_list


class HandReason(models.TextChoices):
    """Why staff gave a place out of the waiting list's order (no free text: it is journaled)."""

    PRIORITY = "priority", _("Situation prioritaire (à voir avec l'équipe)")
    EXTRA_PLACE = "extra-place", _("Une place a été ajoutée (salle plus grande, animateur en plus)")
    LIST_ERROR = "list-error", _("Correction d'une erreur dans la liste")
    OTHER = "other", _("Autre raison, notée au dossier")


class Audience(models.TextChoices):
    """Who receives a message sent to a session's registrants."""

    CONFIRMED = "confirmed", _("Les personnes inscrites (places confirmées)")
    WAITING = "waiting", _("La liste d'attente")
    ALL = "all", _("Tout le monde (inscrits et liste d'attente)")


AUDIENCE_STATUSES = {
    Audience.CONFIRMED: (Registration.Status.CONFIRMED, Registration.Status.PENDING),
    Audience.WAITING: (Registration.Status.WAITING,),
    Audience.ALL: tuple(ACTIVE_STATUSES),
}


def audit_title(registration):
    """ "Inscription n° 42 · Café des parents · 3 mars 2027": no name, the journal outlives them."""
    session = registration.session
    day = date_format(timezone.localtime(session.start), "j F Y")
    return f"Inscription n° {registration.pk} · {session.event.title} · {day}"


def journal(registration, action, user, **data):
    """One entry of the site history for `registration` (actions: see wagtail_hooks.py)."""
    log(registration, action, user=user, title=audit_title(registration), data=data or None)


def _locked_registration(registration_id):
    registration = Registration.objects.select_related("session__event").get(pk=registration_id)
    _lock_sessions([registration.session_id])
    registration.refresh_from_db()
    return registration


def confirm_by_hand(registration_id, *, reason, user):
    """Give a waiting person a confirmed place, out of the list's order and even beyond capacity.

    A staff decision with a reason from `HandReason` (journaled); the person is told as when
    promoted. Returns the registration; nothing changes unless it was on the waiting list.
    """
    reason = HandReason(reason)
    with transaction.atomic():
        registration = _locked_registration(registration_id)
        if registration.status != Registration.Status.WAITING:
            return registration
        registration.status = Registration.Status.CONFIRMED
        registration.confirmed_at = timezone.now()
        registration.save(update_fields=["status", "confirmed_at", "updated_at"])
        journal(registration, "events.registration.confirm_by_hand", user, reason=reason.value)
        notify.tell("registration_promoted", [registration_id])
    return registration


@dataclass
class Moved:
    registration: Registration
    promoted: list  # registrations of the old session given the freed place


def move_registration(registration_id, target_session_id, *, user):
    """Move a booking to another session of the same event, under the same booking rules.

    In the new session the person gets a place if it is free and nobody is waiting, the
    waiting list otherwise; the old session's waiting list moves up. Raises RegistrationError
    ("move_impossible", "duplicate") when the move is not possible; nothing changes then.
    """
    with transaction.atomic():
        registration = Registration.objects.select_related("session__event").get(pk=registration_id)
        old_session_id = registration.session_id
        sessions = {s.pk: s for s in _lock_sessions([old_session_id, target_session_id])}
        registration.refresh_from_db()
        target = sessions.get(target_session_id)
        if (
            target is None
            or target_session_id == old_session_id
            or target.event_id != registration.session.event_id
            or target.status != EventSession.Status.SCHEDULED
            or target.start <= timezone.now()
            or registration.status not in ACTIVE_STATUSES
        ):
            raise RegistrationError("move_impossible")
        clash = Registration.objects.filter(session=target, status__in=ACTIVE_STATUSES)
        if registration.email and clash.filter(email=registration.email).exists():
            raise RegistrationError("duplicate")
        _race_delay()
        free = places_left(target)
        waiting = target.registrations.filter(status=Registration.Status.WAITING).exists()
        fits = free is None or (not waiting and free >= registration.people)
        registration.session = target
        registration.status = Registration.Status.CONFIRMED if fits else Registration.Status.WAITING
        registration.reminder_sent_at = None
        registration.save(update_fields=["session", "status", "reminder_sent_at", "updated_at"])
        promoted = promote_waiting_list(sessions[old_session_id])
        journal(registration, "events.registration.move", user, from_session=old_session_id, to=target_session_id)
        notify.tell("registration_moved", [registration_id])
    return Moved(registration, list(Registration.objects.filter(pk__in=promoted)))


@dataclass
class Message:
    emailed: int
    to_call: list  # registrations without an email address: the team phones them


def message_recipients(session, audience):
    statuses = AUDIENCE_STATUSES[Audience(audience)]
    return list(session.registrations.filter(status__in=statuses).order_by("created_at", "pk"))


def message_registrants(session_id, *, audience, subject, body, user):
    """Email `subject` and `body` to a session's registrants (or its waiting list), each apart.

    Each message carries the session and the person's own link; nobody sees the others'
    addresses. Returns what was sent and who must be phoned; journaled on the session.
    """
    session = EventSession.objects.select_related("event").get(pk=session_id)
    recipients = message_recipients(session, audience)
    with transaction.atomic():
        # Everyone: those without an email address are flagged for a call (events.emails).
        emailed = emails.send_staff_message([r.pk for r in recipients], subject=subject, body=body)
        log(
            session,
            "events.session.message",
            user=user,
            title=f"{session.event.title} · {date_format(timezone.localtime(session.start), 'j F Y')}",
            data={"audience": Audience(audience).value, "emailed": emailed},
        )
    return Message(emailed, [r for r in recipients if not r.wants_email])
