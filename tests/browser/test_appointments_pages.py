"""Odette asks for an appointment with the keyboard only; the quick exit leaves with Shift ×3."""

import re

from django.core import mail
from django.test import override_settings

import pytest

from appointments.models import AppointmentRequest
from tests.browser.conftest import tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEUTRAL = "https://www.meteofrance.com/**"


@override_settings(APPOINTMENTS_RATE_LIMIT=1000)
def test_request_an_appointment_with_the_keyboard_only(demo, browser_page):
    tab = browser_page.tab
    browser_page.goto("/rendez-vous/")
    assert tab.title().startswith("Prendre rendez-vous")
    browser_page.check_page("appointment-form")

    # The empty form: the error summary takes focus and links to each field in order.
    tab_to(tab, "el.textContent.trim() === 'Continuer'")
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    assert tab.title().startswith("Erreur : ")
    assert tab.evaluate("document.activeElement.classList.contains('error-summary')")
    hrefs = [a.get_attribute("href") for a in tab.locator(".error-summary a").all()]
    assert hrefs[0] == "#id_subject" and "#id_first_name" in hrefs and hrefs[-1] == "#id_consent"
    browser_page.check_page("appointment-form-errors")
    tab.keyboard.press("Tab")
    tab.keyboard.press("Enter")
    assert tab.evaluate("document.activeElement.id") == "id_subject"

    # Filling it in.
    tab.keyboard.press("ArrowDown")
    assert tab.evaluate("document.getElementById('id_subject').selectedIndex") >= 1
    tab_to(tab, "el.id === 'id_message'")
    tab.keyboard.type("J'ai reçu un courrier que je ne comprends pas.")
    tab_to(tab, "el.id === 'id_contact_preference_0'")
    tab.keyboard.press("Space")
    tab_to(tab, "el.id === 'id_availability_0'")
    tab.keyboard.press("Space")
    tab_to(tab, "el.id === 'id_place_0'")
    tab.keyboard.press("Space")
    tab_to(tab, "el.id === 'id_first_name'")
    tab.keyboard.type("Odette")
    tab.keyboard.press("Tab")
    tab.keyboard.type("Lambert")
    tab.keyboard.press("Tab")
    tab.keyboard.press("ArrowDown")
    tab_to(tab, "el.id === 'id_phone'")
    tab.keyboard.type("06 39 98 00 77")
    tab.keyboard.press("Tab")
    tab.keyboard.type("odette.lambert@example.org")
    tab_to(tab, "el.id === 'id_consent'")
    tab.keyboard.press("Space")
    tab_to(tab, "el.textContent.trim() === 'Continuer'")
    with tab.expect_navigation():
        tab.keyboard.press("Enter")

    # Check answers: a "Modifier" link per answer, then send.
    assert tab.url.endswith("/rendez-vous/verifier/")
    assert tab.locator(".check-answers__action a").count() == 11
    assert "Lambert" in tab.inner_text("main")
    browser_page.check_page("appointment-check-answers")
    tab_to(tab, "el.textContent.trim() === 'Envoyer ma demande'")
    with tab.expect_navigation():
        tab.keyboard.press("Enter")

    assert tab.url.endswith("/rendez-vous/confirmation/")
    request = AppointmentRequest.objects.get(email="odette.lambert@example.org")
    assert request.reference in tab.inner_text("main")
    assert request.phone == "0639980077" and request.availability == ["mon-am"]
    browser_page.check_page("appointment-confirmation")
    assert any(request.reference in message.subject for message in mail.outbox)

    # The private status link, then withdraw with the keyboard.
    link = re.search(r"/rendez-vous/suivi/[\w-]+/", tab.content()).group(0)
    browser_page.goto(link)
    browser_page.check_page("appointment-status")
    tab_to(tab, "el.textContent.trim() === 'Retirer ma demande'")
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    assert "Votre demande est retirée" in tab.inner_text("main")
    request.refresh_from_db()
    assert request.status == "dropped"


def test_shift_three_times_leaves_for_a_neutral_site(demo, browser_page):
    tab = browser_page.tab
    tab.route(NEUTRAL, lambda route: route.fulfill(body="ok", content_type="text/plain"))
    browser_page.goto("/rendez-vous/")
    tab.locator("#id_first_name").focus()

    with tab.expect_navigation():
        for _ in range(3):
            tab.keyboard.press("Shift")

    assert tab.url.startswith("https://www.meteofrance.com")


def test_the_quick_exit_link_works_with_the_keyboard(demo, browser_page):
    tab = browser_page.tab
    tab.route(NEUTRAL, lambda route: route.fulfill(body="ok", content_type="text/plain"))
    browser_page.goto("/rendez-vous/")

    tab_to(tab, "el.hasAttribute('data-quick-exit')")
    with tab.expect_navigation():
        tab.keyboard.press("Enter")

    assert tab.url.startswith("https://www.meteofrance.com")
