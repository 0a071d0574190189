"""RGAA 13.1: the check step says how long the answers are kept and lets the visitor keep them longer."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from appointments.models import AppointmentRequest

from .conftest import text

pytestmark = pytest.mark.django_db

FORM_URL, CHECK_URL = "/rendez-vous/", "/rendez-vous/verifier/"
START = datetime(2027, 3, 8, 14, 0, tzinfo=ZoneInfo("Europe/Paris"))


def test_the_limit_is_said_and_extended_as_often_as_wanted(client, form_data):
    with time_machine.travel(START, tick=False) as clock:
        client.post(FORM_URL, form_data)
        check = text(client.get(CHECK_URL))
        assert "vos réponses sont gardées 30 minutes, jusqu'à 14h30." in check
        assert 'name="prolonger"' in check and "Garder mes réponses 30 minutes de plus" in check
        assert 'role="alert" data-time-limit-warning' in check and "js/time-limit.js" in check

        for _ in range(3):  # 25 minutes, then more time, three times over
            clock.shift(timedelta(minutes=25))
            extended = client.post(CHECK_URL, {"prolonger": "1"}, follow=True)
            assert "Vos réponses sont gardées jusqu'à" in text(extended)
        assert "jusqu'à 15h45." in text(client.get(CHECK_URL))
        assert AppointmentRequest.objects.count() == 0  # extending sends nothing

        clock.shift(timedelta(minutes=29))
        assert client.post(CHECK_URL).status_code == 302
        assert AppointmentRequest.objects.count() == 1


def test_without_more_time_the_answers_are_erased_after_the_limit(client, form_data):
    with time_machine.travel(START, tick=False) as clock:
        client.post(FORM_URL, form_data)
        clock.shift(timedelta(minutes=31))
        assert client.get(CHECK_URL)["Location"] == FORM_URL
