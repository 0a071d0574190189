"""Models of the calendar (`calendar.py`) and of online registration (`registrations.py`)."""

from .calendar import AttendanceMode, EventFormat, EventIndexPage, EventPage, EventSession, Venue
from .embeds import AgendaEmbedSettings
from .feeds import ImportedEvent, ImportedSession, PartnerFeed
from .registrations import Registration

__all__ = [
    "AgendaEmbedSettings",
    "AttendanceMode",
    "EventFormat",
    "EventIndexPage",
    "EventPage",
    "EventSession",
    "ImportedEvent",
    "ImportedSession",
    "PartnerFeed",
    "Registration",
    "Venue",
]
