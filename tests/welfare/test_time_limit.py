"""RGAA 13.1: the register's check step says how long the answers are kept and lets them be kept longer."""

from datetime import timedelta

import pytest
import time_machine

from .conftest import CHECK_URL, FORM_URL, NOW, text

pytestmark = pytest.mark.django_db


def test_the_limit_is_said_and_extended(client, form_data, frozen_now):
    client.post(FORM_URL, form_data)
    check = text(client.get(CHECK_URL))
    assert "vos réponses sont gardées 30 minutes, jusqu'à 10h30." in check
    assert "Garder mes réponses 30 minutes de plus" in check

    with time_machine.travel(NOW + timedelta(minutes=25), tick=False):
        extended = client.post(CHECK_URL, {"prolonger": "1"}, follow=True)
        assert "Vos réponses sont gardées jusqu'à 10h55." in text(extended)
    with time_machine.travel(NOW + timedelta(minutes=50), tick=False):
        assert client.get(CHECK_URL).status_code == 200
    with time_machine.travel(NOW + timedelta(minutes=56), tick=False):
        assert client.get(CHECK_URL)["Location"] == FORM_URL
