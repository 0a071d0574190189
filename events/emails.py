"""Emails about registrations: one function per message, each grouping a booking's sessions.

Functions take registration ids (never instances: they run after commit, in a task or a
command) and reload what they need. A message names the event, the dates, the places and the
personal link; never the needs or any other detail the person typed.
"""

from django.urls import reverse

from portal.emails import send_templated_email

from .ical import build_calendar
from .models import Registration
from .models.registrations import bookings


def _context(registrations):
    from .services import waiting_position

    first = registrations[0]
    event = first.session.event
    return {
        "first_name": first.first_name,
        "event": event,
        "event_url": event.full_url,
        "registrations": registrations,
        "status": first.status,
        "position": waiting_position(first),
        "people": first.people,
        "manage_path": reverse("events:manage-registration", args=[first.token]),
    }


def _ics(registrations):
    sessions = [registration.session for registration in registrations]
    event = sessions[0].event
    site = event.get_site()
    content = build_calendar(
        sessions,
        calendar_name=event.title,
        host=site.hostname if site else "localhost",
        url_for=lambda session: session.event.full_url,
    )
    return (
        "seances.ics" if len(sessions) > 1 else "seance.ics",
        content,
        "text/calendar; charset=utf-8; method=PUBLISH",
    )


# Messages the team must give by phone to someone without an email address.
CALL_REASONS = {
    "registration_promoted": Registration.CallReason.PROMOTED,
    "registration_moved": Registration.CallReason.MOVED,
    "registration_refused": Registration.CallReason.REFUSED,
    "session_cancelled": Registration.CallReason.SESSION_CANCELLED,
    "staff_message": Registration.CallReason.STAFF_MESSAGE,
}


def _send(template, registration_ids, *, attach_ics=False, extra=None):
    """One message per booking that wants emails; returns how many were queued.

    A booking that neither email nor text reaches (no address, a landline) is flagged for a
    call instead (`Registration.call_reason`), shown on the session page until the team has
    phoned. Texts are queued apart, in the caller's transaction (events.texts).
    """
    sent = 0
    for registrations in bookings(registration_ids):
        first = registrations[0]
        if not first.wants_email:
            if template in CALL_REASONS and not first.reachable:
                Registration.objects.filter(pk__in=[r.pk for r in registrations]).update(
                    call_reason=CALL_REASONS[template]
                )
            continue
        attachments = [_ics(registrations)] if attach_ics else []
        send_templated_email(
            f"emails/events/{template}",
            [first.email],
            {**_context(registrations), **(extra or {})},
            site=first.session.event.get_site(),
            attachments=attachments,
        )
        sent += 1
    return sent


def send_registration_received(registration_ids):
    """Confirmed, on the waiting list, or awaiting approval: what happened and the personal link."""
    _send("registration_received", registration_ids, attach_ics=True)


def send_promoted(registration_ids):
    """A place was freed (or staff approved the request): the place is now confirmed."""
    _send("registration_promoted", registration_ids, attach_ics=True)


def send_registration_cancelled(registration_ids):
    _send("registration_cancelled", registration_ids)


def send_registration_refused(registration_ids):
    _send("registration_refused", registration_ids)


def send_session_cancelled(registration_ids):
    """Staff cancelled the session: one clear message, nothing to do."""
    _send("session_cancelled", registration_ids)


def send_reminder(registration_ids):
    _send("reminder", registration_ids, attach_ics=True)


def send_registration_moved(registration_ids):
    """Staff moved the booking to another session: the new date (and the waiting list, if so)."""
    _send("registration_moved", registration_ids, attach_ics=True)


def send_staff_message(registration_ids, *, subject, body):
    """A facilitator's message to a session's registrants, one email each. Returns how many."""
    return _send("staff_message", registration_ids, extra={"staff_subject": subject, "staff_body": body})
