from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.test import Client

import pytest
import time_machine

from tests.auth import login_with_second_factor
from tests.events.staff_helpers import book, make_staff
from tests.factories import EventIndexPageFactory, EventPageFactory, EventSessionFactory

PARIS = ZoneInfo("Europe/Paris")
# Saturday 20 March 2027, 10:00 in Paris: a week before the change to summer time (28 March).
NOW = datetime(2027, 3, 20, 10, 0, tzinfo=PARIS)


def at(days, hour=14, minute=0):
    """An aware datetime `days` after NOW's date, at a local wall-clock time."""
    day = (NOW + timedelta(days=days)).date()
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=PARIS)


@pytest.fixture
def frozen_now():
    with time_machine.travel(NOW, tick=False):
        yield NOW


@pytest.fixture
def agenda(home_page):
    return EventIndexPageFactory(parent=home_page)


@pytest.fixture
def make_event(agenda):
    """Create a published event under the agenda with sessions at the given day offsets."""

    def make(title="Café des parents", days=(3,), themes=(), audiences=(), venue=None, **fields):
        event = EventPageFactory(parent=agenda, title=title, **fields)
        if themes:
            event.themes.set(themes)
        if audiences:
            event.audiences.set(audiences)
        if themes or audiences:
            event.save()
        extra = {"venue": venue} if venue is not None else {}
        sessions = [EventSessionFactory(event=event, start=at(d), end=at(d, 16), **extra) for d in days]
        return event, sessions

    return make


@pytest.fixture
def workshop(make_event):
    """An event open to online registration: 8 places per session, waiting list on."""
    event, sessions = make_event(
        "Atelier budget",
        days=(3, 10),
        registration_required=True,
        online_registration=True,
        capacity=8,
        max_people_per_registration=4,
    )
    return event, sessions


@pytest.fixture
def staff_client(django_user_model):
    client = Client()
    login_with_second_factor(client, make_staff(django_user_model))
    return client


@pytest.fixture
def full_session(make_event):
    """Two places, both taken by a couple; then a single person and a family on the waiting list."""
    event, [session] = make_event(
        "Groupe d'aidants", days=(4,), registration_required=True, online_registration=True, capacity=2
    )
    holder = book(event, session, "Claire", adults=2)
    first = book(event, session, "Bruno")
    second = book(event, session, "Inès")
    return event, session, holder, first, second
