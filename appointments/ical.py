"""The .ics of a proposed appointment (RFC 5545), in the conventions of `events.ical`.

Only what the resident already knows: the date, the place and the reference. No subject, no
name, no message: a calendar file is often synced to other devices and services.
"""

import secrets

from django.utils import timezone

from icalendar import Calendar, Event, vText

PRODID = "-//Portail action sociale//Rendez-vous//FR"
DURATION_MINUTES = 45


def appointment_uid(host):
    return f"appointment-{secrets.token_hex(12)}@{host}"


def build_proposal(request, *, host, organisation):
    """A VCALENDAR with one VEVENT for the proposed appointment, in Europe/Paris, as bytes."""
    start = timezone.localtime(request.proposed_start)
    end = start + timezone.timedelta(minutes=DURATION_MINUTES)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", appointment_uid(host))
    event.add("dtstamp", timezone.now())
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", f"Rendez-vous – {organisation}" if organisation else "Rendez-vous")
    event.add("description", f"Référence de votre demande : {request.reference}")
    event.add("location", vText(request.proposed_place))
    event.add("status", "TENTATIVE")
    calendar.add_component(event)
    calendar.add_missing_timezones(
        first_date=start.date().replace(month=1, day=1), last_date=end.date().replace(month=12, day=31)
    )
    return calendar.to_ical()
