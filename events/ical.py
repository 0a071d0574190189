"""iCalendar (RFC 5545) files of sessions: one builder for the feeds, the event files and emails."""

from django.utils import timezone

from icalendar import Calendar, Event, vText

PRODID = "-//Portail action sociale//Agenda des temps ressources//FR"
CONTENT_TYPE = "text/calendar; charset=utf-8"


def session_uid(session, host):
    """Globally unique and stable across edits: calendar apps update the event they already have."""
    return f"session-{session.pk}@{host}"


def session_location(session):
    if session.venue_id:
        return session.venue.full_address
    return "En ligne"


def session_summary(session):
    if session.status == session.Status.CANCELLED:
        return f"Annulé : {session.event.title}"
    if session.status == session.Status.POSTPONED:
        return f"Reporté : {session.event.title}"
    return session.event.title


def build_event(session, *, host, url, stamp):
    event = Event()
    event.add("uid", session_uid(session, host))
    event.add("dtstamp", stamp)
    event.add("dtstart", timezone.localtime(session.start))
    event.add("dtend", timezone.localtime(session.end))
    event.add("sequence", session.sequence)
    event.add("last-modified", session.updated_at)
    event.add("summary", session_summary(session))
    description = session.event.summary
    if session.note:
        description = f"{description}\n\n{session.note}"
    event.add("description", description)
    event.add("location", vText(session_location(session)))
    event.add("url", url)
    # A postponed session will not happen at this time either: calendar apps must drop it.
    event.add("status", "CONFIRMED" if session.status == session.Status.SCHEDULED else "CANCELLED")
    return event


def build_calendar(sessions, *, calendar_name, host, url_for):
    """The sessions as one VCALENDAR, in Europe/Paris with its VTIMEZONE, as bytes.

    `url_for(session)` gives the absolute address of the session's event page. DTSTAMP is the
    same for every event of the file (the time the file was made).
    """
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", calendar_name)
    calendar.add("x-wr-timezone", timezone.get_current_timezone_name())
    stamp = timezone.now()
    sessions = list(sessions)
    for session in sessions:
        calendar.add_component(build_event(session, host=host, url=url_for(session), stamp=stamp))
    if sessions:
        # Only the time-zone transitions of the years the sessions span, not 1970–2038.
        first = min(timezone.localtime(s.start) for s in sessions).date().replace(month=1, day=1)
        last = max(timezone.localtime(s.end) for s in sessions).date().replace(month=12, day=31)
        calendar.add_missing_timezones(first_date=first, last_date=last)
    return calendar.to_ical()
