"""Many people booking the last places at once, through the live server: never overbooked.

Real threads, one HTTP request and one database connection each (the live server is
threaded). On PostgreSQL the session row lock serialises bookings; on SQLite the IMMEDIATE
transaction mode does. The control test removes the lock and shows the race happen.
"""

import secrets
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from django.db import connection, transaction
from django.test import override_settings

import pytest

from events import services
from events.models import EventSession, Registration
from tests.conftest import ensure_root
from tests.factories import EventIndexPageFactory, EventPageFactory, EventSessionFactory, HomePageFactory

pytestmark = [pytest.mark.concurrency, pytest.mark.django_db(transaction=True)]

NO_RATE_LIMIT = override_settings(PUBLIC_FORM_RATE_LIMITS={"registration": 10_000})


@pytest.fixture
def patient_lock(monkeypatch):
    """Bookings wait up to 30 s for the session's lock instead of 3 s before answering "busy".

    Forty bookings queued on one lock on a loaded machine (the suite's other worker, a browser)
    can wait longer than production's 3 s and get the 503 "try again" page: these tests count
    places, the 3 s answer itself is tested on its own below.
    """
    monkeypatch.setattr(services, "LOCK_TIMEOUT_SECONDS", 30)


@pytest.fixture
def open_session(transactional_db):
    from datetime import timedelta

    from django.utils import timezone

    from wagtail.models import Site

    root = ensure_root()
    home = HomePageFactory(parent=root, slug="accueil")
    Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": home})
    agenda = EventIndexPageFactory(parent=home)

    def make(capacity):
        event = EventPageFactory(parent=agenda, registration_required=True, online_registration=True, capacity=capacity)
        start = timezone.now() + timedelta(days=3)
        return event, EventSessionFactory(event=event, start=start, end=start + timedelta(hours=2))

    return make


def post_registration(url, number, people=1):
    """One browser submitting the form: its own CSRF cookie and token."""
    secret = secrets.token_hex(16)  # 32 characters: an unmasked CSRF secret
    data = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": secret,
            "first_name": f"Personne {number}",
            "last_name": "Test",
            "email": f"personne{number}-{secrets.token_hex(3)}@example.org",
            "adults": str(people),
            "children": "0",
            "consent": "on",
        }
    ).encode()
    request = urllib.request.Request(url, data=data, headers={"Cookie": f"csrftoken={secret}"})
    opener = urllib.request.build_opener(NoRedirect)
    try:
        return opener.open(request, timeout=60).status
    except urllib.error.HTTPError as error:
        return error.code


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def book_all_at_once(url, count, people=1):
    barrier = threading.Barrier(count)

    def worker(number):
        barrier.wait(timeout=30)
        return post_registration(url, number, people)

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(worker, range(count)))


def confirmed_people(session):
    return sum(r.people for r in Registration.objects.filter(session=session, status="confirmed"))


@NO_RATE_LIMIT
def test_forty_simultaneous_registrations_for_eight_places_confirm_exactly_eight(
    live_server, open_session, patient_lock
):
    for _ in range(3):
        event, session = open_session(capacity=8)
        url = f"{live_server.url}{event.url}inscription/?seance={session.pk}"

        statuses = book_all_at_once(url, 40)

        assert statuses.count(302) == 40, statuses
        assert Registration.objects.filter(session=session, status="confirmed").count() == 8
        waiting = list(Registration.objects.filter(session=session, status="waiting"))
        assert len(waiting) == 32
        assert sorted(services.waiting_position(r) for r in waiting) == list(range(1, 33))


@NO_RATE_LIMIT
def test_groups_of_two_never_exceed_seven_places(live_server, open_session, patient_lock):
    event, session = open_session(capacity=7)
    url = f"{live_server.url}{event.url}inscription/?seance={session.pk}"

    statuses = book_all_at_once(url, 20, people=2)

    assert all(status < 500 for status in statuses), statuses
    assert confirmed_people(session) == 6  # three groups of two; a fourth would need 8 places


@NO_RATE_LIMIT
def test_control_without_the_lock_the_race_overbooks(live_server, open_session):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's IMMEDIATE transactions serialise writers whatever the code does")
    overbooked = 0
    with override_settings(EVENTS_BOOKING_LOCK=False, EVENTS_TEST_RACE_DELAY=0.1):
        for _ in range(5):
            event, session = open_session(capacity=8)
            book_all_at_once(f"{live_server.url}{event.url}inscription/?seance={session.pk}", 40)
            overbooked += confirmed_people(session) > 8
    assert overbooked >= 1


def test_ten_identical_registrations_at_once_give_one_row(open_session):
    event, session = open_session(capacity=8)
    attendee = services.Attendee("Jean", "Moreau", email="jean@example.org")
    barrier = threading.Barrier(10)
    outcomes = []

    def worker():
        barrier.wait(timeout=30)
        try:
            services.register(event, [session.pk], attendee)
            outcomes.append("ok")
        except services.RegistrationError as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert outcomes.count("ok") == 1
    assert set(outcomes) <= {"ok", "duplicate", "busy"}
    assert Registration.objects.filter(session=session).count() == 1


def test_a_double_cancellation_at_once_frees_the_places_once(open_session):
    event, session = open_session(capacity=1)
    holder = services.register(event, [session.pk], services.Attendee("A", "A", email="a@example.org"))
    for number in range(3):
        services.register(event, [session.pk], services.Attendee("W", "W", email=f"w{number}@example.org"))
    barrier = threading.Barrier(2)

    def worker():
        barrier.wait(timeout=30)
        try:
            services.cancel([holder.registrations[0].pk])
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert Registration.objects.filter(session=session, status="confirmed").count() == 1
    assert Registration.objects.filter(session=session, status="waiting").count() == 2


def test_a_lock_held_too_long_answers_try_again_with_503_and_saves_nothing(live_server, open_session):
    if connection.vendor != "postgresql":
        pytest.skip("the 3 s lock timeout is PostgreSQL's lock_timeout; SQLite waits up to its busy timeout")
    event, session = open_session(capacity=8)
    url = f"{live_server.url}{event.url}inscription/?seance={session.pk}"
    holding = threading.Event()
    release = threading.Event()

    def hold_lock():
        with transaction.atomic():
            list(EventSession.objects.select_for_update().filter(pk=session.pk))
            holding.set()
            release.wait(10)
        connection.close()

    holder = threading.Thread(target=hold_lock)
    holder.start()
    holding.wait(10)
    started = time.monotonic()
    status = post_registration(url, 1)
    elapsed = time.monotonic() - started
    release.set()
    holder.join(15)

    assert status == 503
    assert 2.5 < elapsed < 9
    assert Registration.objects.count() == 0
