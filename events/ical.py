"""iCalendar files of sessions (feeds, event files, emails) through the one builder, portal.ical."""

from portal import ical as portal_ical
from portal.ical import CONTENT_TYPE, CalendarEvent  # noqa: F401 - CONTENT_TYPE re-exported for the views

PRODUCT = "Agenda des temps ressources"


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


def session_event(session, *, host, url):
    """A session as a CalendarEvent; a postponed session will not happen at this time either."""
    description = session.event.summary
    if session.note:
        description = f"{description}\n\n{session.note}"
    return CalendarEvent(
        uid=session_uid(session, host),
        start=session.start,
        end=session.end,
        summary=session_summary(session),
        description=description,
        location=session_location(session),
        url=url,
        status="CONFIRMED" if session.status == session.Status.SCHEDULED else "CANCELLED",
        sequence=session.sequence,
        last_modified=session.updated_at,
    )


def build_calendar(sessions, *, calendar_name, host, url_for):
    """The sessions as one VCALENDAR, as bytes (`url_for(session)`: its event page's address)."""
    events = [session_event(session, host=host, url=url_for(session)) for session in sessions]
    return portal_ical.build_calendar(events, product=PRODUCT, calendar_name=calendar_name)
