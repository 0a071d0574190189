"""Sophie (Animation) follows a session in the admin of a real browser, CSRF checks on."""

from datetime import timedelta

from django.utils import timezone

import pytest

from events.models import Registration
from events.services import Attendee, register
from tests.browser.conftest import sign_in_staff
from tests.factories import EventIndexPageFactory, EventPageFactory, EventSessionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def booked_session(home_page):
    agenda = EventIndexPageFactory(parent=home_page)
    event = EventPageFactory(
        parent=agenda, title="Groupe d'aidants", registration_required=True, online_registration=True, capacity=2
    )
    start = timezone.now().replace(microsecond=0) + timedelta(days=2)
    session = EventSessionFactory(event=event, start=start, end=start + timedelta(hours=2))
    for first_name in ("Jean", "Odette", "Bruno"):
        attendee = Attendee(first_name=first_name, last_name="Martin", email=f"{first_name.lower()}@example.org")
        register(event, [session.pk], attendee)
    return session


def test_animation_marks_attendance_and_cancels_from_the_session_page(booked_session, staff_member, browser_page):
    sign_in_staff(browser_page, staff_member("Animation"))
    tab = browser_page.tab
    browser_page.goto(f"/admin/inscriptions/seance/{booked_session.pk}/")

    tab.get_by_role("button", name="Présent(e) : Jean Martin").click()
    tab.wait_for_load_state()
    assert "Jean Martin est noté(e) présent(e)." in tab.locator(".messages").inner_text()
    tab.get_by_role("link", name="Annuler : Odette Martin").click()
    tab.wait_for_load_state()
    assert "On ne peut pas revenir en arrière." in tab.inner_text("main")  # asked first
    tab.get_by_role("button", name="Oui, annuler l'inscription").click()
    tab.wait_for_load_state()

    assert "403" not in tab.title()
    statuses = dict(Registration.objects.values_list("first_name", "status"))
    assert statuses == {
        "Jean": Registration.Status.CONFIRMED,
        "Odette": Registration.Status.CANCELLED,
        "Bruno": Registration.Status.CONFIRMED,  # promoted from the waiting list
    }
    assert Registration.objects.get(first_name="Jean").attended is True
