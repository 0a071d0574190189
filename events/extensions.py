"""Optional questions other apps add to the registration form (public and desk bookings alike).

The indicators add their "Pour nous aider à mieux vous connaître" questions this way, in their
AppConfig.ready(): the fields join the form, their template is rendered after the form's own
fields, and the answers leave with the `booking_answered` signal once the booking is saved,
never stored with the registration. The calendar imports no app that extends it.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class BookingQuestions:
    """`fields()` returns fresh form fields {name: Field}; `template` is rendered with `form`."""

    name: str
    fields: Callable[[], dict]
    template: str


_registered = {}


def add_booking_questions(questions):
    """Register (or replace, by name) a set of questions; idempotent."""
    _registered[questions.name] = questions


def booking_questions():
    return list(_registered.values())


# Templates other apps add to the event page, below its dates (news: "Prévenez-moi"), and to the
# agenda, below its calendar feed (news: the subscription to new temps ressources). Each is
# rendered with the page's context (event: page, upcoming_sessions with their booking state;
# agenda: page, form, query_string).
_page_panels = {}
_agenda_panels = {}


def add_event_page_panel(name, template):
    """Register (or replace, by name) a template shown on every event page; idempotent."""
    _page_panels[name] = template


def event_page_panels():
    return list(_page_panels.values())


def add_agenda_panel(name, template):
    """Register (or replace, by name) a template shown on the agenda's list and month views."""
    _agenda_panels[name] = template


def agenda_panels():
    return list(_agenda_panels.values())
