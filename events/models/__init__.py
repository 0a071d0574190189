"""Models of the calendar (`calendar.py`) and of online registration (`registrations.py`)."""

from .calendar import AttendanceMode, EventFormat, EventIndexPage, EventPage, EventSession, Venue
from .embeds import AgendaEmbedSettings
from .registrations import Registration

__all__ = [
    "AgendaEmbedSettings",
    "AttendanceMode",
    "EventFormat",
    "EventIndexPage",
    "EventPage",
    "EventSession",
    "Registration",
    "Venue",
]
