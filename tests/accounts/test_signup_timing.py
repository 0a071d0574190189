"""Sign-up answers in the same time whether an address has an account or not (no enumeration)."""

import statistics
import time

from django.core.cache import cache
from django.test import Client, override_settings

import pytest

pytestmark = pytest.mark.django_db

PASSWORD = "une phrase de passe longue"
PRODUCTION_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]


def timed_signup(email, number):
    # allauth allows one message per address every 3 minutes and 20 sign-ups a minute per visitor:
    # forget those counters, only the time of the answer is measured here.
    cache.clear()
    client = Client(REMOTE_ADDR=f"203.0.113.{number}")
    started = time.perf_counter()
    response = client.post("/compte/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD})
    elapsed = time.perf_counter() - started
    assert response.status_code == 302 and response["Location"] == "/compte/confirm-email/"
    return elapsed


@override_settings(PASSWORD_HASHERS=PRODUCTION_HASHERS)
def test_known_and_unknown_addresses_answer_in_the_same_time(django_user_model, site):
    django_user_model.objects.create_user("amina", "amina@example.org", PASSWORD)
    timed_signup("echauffement@example.org", 200)  # first request: imports, template compilation

    known, unknown = [], []
    for number in range(10):
        known.append(timed_signup("amina@example.org", number))
        unknown.append(timed_signup(f"nouveau{number}@example.org", 100 + number))

    # What this guards against (a password hashed for one kind of address only, a message sent
    # inline for one only) costs a whole hash, about the answer's time itself: one kind would take
    # twice as long. 50 ms on a quiet machine; under load (the suite's other worker, a browser)
    # every answer slows down unevenly, so up to 30 % of the answer's time is noise, not a leak.
    known_time, unknown_time = statistics.median(known), statistics.median(unknown)
    allowed = max(0.050, 0.30 * min(known_time, unknown_time))
    assert abs(known_time - unknown_time) < allowed, f"known {known_time:.3f} s, unknown {unknown_time:.3f} s"
