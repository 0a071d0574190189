"""Models of the calendar (`calendar.py`) and of online registration (`registrations.py`)."""

from .calendar import AttendanceMode, EventFormat, EventIndexPage, EventPage, EventSession, Venue
from .registrations import Registration

__all__ = ["AttendanceMode", "EventFormat", "EventIndexPage", "EventPage", "EventSession", "Registration", "Venue"]
