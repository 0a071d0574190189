"""The one iCalendar (RFC 5545) builder: feeds, event files and email attachments alike.

Feature apps describe what to put in the file as `CalendarEvent`s (the agenda's sessions, a
proposed appointment) and get bytes back, always in the portal's time zone with its VTIMEZONE.
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from icalendar import Calendar, Event, vText

CONTENT_TYPE = "text/calendar; charset=utf-8"
PRODID = "-//Portail action sociale//{name}//FR"


@dataclass(frozen=True)
class CalendarEvent:
    """One VEVENT. `uid` must be globally unique and stable (calendar apps update by it)."""

    uid: str
    start: datetime
    end: datetime
    summary: str
    description: str = ""
    location: str = ""
    url: str = ""
    status: str = "CONFIRMED"  # CONFIRMED, TENTATIVE or CANCELLED
    sequence: int | None = None
    last_modified: datetime | None = None


def _vevent(item, stamp):
    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", timezone.localtime(item.start))
    event.add("dtend", timezone.localtime(item.end))
    if item.sequence is not None:
        event.add("sequence", item.sequence)
    if item.last_modified is not None:
        event.add("last-modified", item.last_modified)
    event.add("summary", item.summary)
    if item.description:
        event.add("description", item.description)
    if item.location:
        event.add("location", vText(item.location))
    if item.url:
        event.add("url", item.url)
    event.add("status", item.status)
    return event


def build_calendar(items, *, product, calendar_name=""):
    """The `items` (CalendarEvent) as one VCALENDAR, as bytes.

    `product` names the file's origin in PRODID ("Agenda des temps ressources"); DTSTAMP is the
    same for every event of the file (the time it was made); only the time-zone transitions of
    the years the events span are included, not 1970–2038.
    """
    calendar = Calendar()
    calendar.add("prodid", PRODID.format(name=product))
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if calendar_name:
        calendar.add("x-wr-calname", calendar_name)
        calendar.add("x-wr-timezone", timezone.get_current_timezone_name())
    stamp = timezone.now()
    items = list(items)
    for item in items:
        calendar.add_component(_vevent(item, stamp))
    if items:
        first = min(timezone.localtime(item.start) for item in items).date().replace(month=1, day=1)
        last = max(timezone.localtime(item.end) for item in items).date().replace(month=12, day=31)
        calendar.add_missing_timezones(first_date=first, last_date=last)
    return calendar.to_ical()
