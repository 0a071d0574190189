"""Nadia books a workshop with the keyboard only, gets the email, opens her link and cancels."""

import re

from django.core import mail
from django.test import override_settings

import pytest

from events.models import EventPage, Registration
from tests.browser.conftest import tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@override_settings(PUBLIC_FORM_RATE_LIMITS={"registration": 1000})
def test_register_with_the_keyboard_then_cancel_with_the_personal_link(demo, browser_page):
    event = EventPage.objects.get(slug="atelier-budget-factures-d-energie")
    tab = browser_page.tab
    browser_page.goto(event.url)

    # From the event page to the form, keyboard only.
    tab_to(tab, 'el.textContent.trim().startsWith("M\'inscrire")')
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/inscription/?seance=*")
    browser_page.check_page("registration-form")

    # Sending the empty form: the error summary takes focus and links to each field.
    tab_to(tab, "el.textContent.trim() === 'Envoyer mon inscription'")
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    assert tab.title().startswith("Erreur : ")
    assert tab.evaluate("document.activeElement.classList.contains('error-summary')")
    hrefs = [a.get_attribute("href") for a in tab.locator(".error-summary a").all()]
    assert hrefs[:3] == ["#id_first_name", "#id_last_name", "#id_email"]
    assert tab.locator(".error-summary a").first.inner_text() == "Indiquez votre prénom."
    browser_page.check_page("registration-form-errors")
    tab.keyboard.press("Tab")  # first link of the summary
    tab.keyboard.press("Enter")
    assert tab.evaluate("document.activeElement.id") == "id_first_name"

    # Filling it in with the keyboard.
    tab.keyboard.type("Nadia")
    tab.keyboard.press("Tab")
    tab.keyboard.type("Benali")
    tab_to(tab, "el.id === 'id_email'")
    tab.keyboard.type("nadia.benali@example.org")
    tab_to(tab, "el.id === 'id_children'")
    tab.keyboard.press("Control+A")
    tab.keyboard.type("2")
    tab_to(tab, "el.id === 'id_needs_childcare'")
    tab.keyboard.press("Space")
    tab_to(tab, "el.id === 'id_consent'")
    tab.keyboard.press("Space")
    tab_to(tab, "el.textContent.trim() === 'Envoyer mon inscription'")
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/inscription/confirmation/")

    assert tab.locator("h1").inner_text() == "Inscription confirmée"
    assert "Votre place est confirmée" in tab.locator(".panel").inner_text()
    browser_page.check_page("registration-done")
    registration = Registration.objects.get(email="nadia.benali@example.org")
    assert registration.people == 3 and registration.needs_childcare

    # The email carries the personal link; opening it shows the registration.
    message = next(m for m in mail.outbox if m.to == ["nadia.benali@example.org"])
    path = re.search(r"https?://[^/\s]+(/inscription/\S+/)", message.body).group(1)
    browser_page.goto(path)
    assert tab.locator("h1").inner_text() == "Mon inscription : " + event.title
    browser_page.check_page("registration-manage")

    tab_to(tab, "el.textContent.trim() === 'Annuler mon inscription'")
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    # A confirmation step first (RGAA 11.12): nothing is cancelled yet.
    assert tab.locator("h1").inner_text() == "Annuler votre inscription ?"
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    browser_page.check_page("registration-cancel-confirm")
    tab_to(tab, "el.textContent.trim() === 'Oui, annuler mon inscription'")
    with tab.expect_navigation():
        tab.keyboard.press("Enter")

    assert "Votre inscription est annulée" in tab.locator(".messages").inner_text()
    assert "Cette inscription est annulée" in tab.locator(".panel").inner_text()
    browser_page.check_page("registration-cancelled")
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
