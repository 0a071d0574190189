"""The .ics of a proposed appointment, through the portal's one iCalendar builder (portal.ical).

Only what the resident already knows: the date, the place and the reference. No subject, no
name, no message: a calendar file is often synced to other devices and services.
"""

import secrets

from django.utils import timezone

from portal.ical import CalendarEvent, build_calendar

DURATION_MINUTES = 45


def appointment_uid(host):
    return f"appointment-{secrets.token_hex(12)}@{host}"


def build_proposal(request, *, host, organisation):
    """A VCALENDAR with one VEVENT for the proposed appointment, as bytes."""
    start = request.proposed_start
    event = CalendarEvent(
        uid=appointment_uid(host),
        start=start,
        end=start + timezone.timedelta(minutes=DURATION_MINUTES),
        summary=f"Rendez-vous – {organisation}" if organisation else "Rendez-vous",
        description=f"Référence de votre demande : {request.reference}",
        location=request.proposed_place,
        status="TENTATIVE",
    )
    return build_calendar([event], product="Rendez-vous")
