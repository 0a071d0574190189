"""Odette asks for an appointment with the keyboard only; the quick exit leaves with Shift ×3."""

import re

from django.core import mail
from django.test import override_settings

import pytest

from appointments.models import AppointmentRequest
from tests.browser.conftest import tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEUTRAL = "**/robots.txt"


@pytest.fixture(autouse=True)
def neutral_site(settings, live_server):
    """The quick exit's neutral site, on the live server: this machine reaches no other."""
    settings.QUICK_EXIT_URL = live_server.url + "/robots.txt"


def _fill_in_with_the_keyboard(tab):
    """The request form filled in and sent to the check step, with the keyboard alone."""
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
    assert tab.evaluate("document.activeElement.id") == "id_no_texts"  # "Je ne veux pas recevoir de SMS"
    tab.keyboard.press("Tab")
    tab.keyboard.type("odette.lambert@example.org")
    tab_to(tab, "el.id === 'id_consent'")
    tab.keyboard.press("Space")
    tab_to(tab, "el.textContent.trim() === 'Continuer'")
    with tab.expect_navigation():
        tab.keyboard.press("Enter")


@override_settings(PUBLIC_FORM_RATE_LIMITS={"appointment": 1000})
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

    _fill_in_with_the_keyboard(tab)

    # Check answers: a "Modifier" link per answer, then send.
    assert tab.url.endswith("/rendez-vous/verifier/")
    assert tab.locator(".check-answers__action a").count() == 12
    assert "Lambert" in tab.inner_text("main")
    browser_page.check_page("appointment-check-answers")
    tab_to(tab, "el.textContent.trim() === 'Envoyer ma demande'")
    with tab.expect_navigation():
        tab.keyboard.press("Enter")

    assert tab.url.endswith("/rendez-vous/confirmation/")
    request = AppointmentRequest.objects.get(email="odette.lambert@example.org")
    assert request.reference in tab.inner_text("main")
    assert request.phone == "+33639980077" and request.availability == ["mon-am"]
    browser_page.check_page("appointment-confirmation")
    assert any(request.reference in message.subject for message in mail.outbox)

    # The page shows no status link (it is in the email), then withdraw with the keyboard.
    assert "/rendez-vous/suivi/" not in tab.content()
    acknowledgement = next(message for message in mail.outbox if request.reference in message.subject)
    link = re.search(r"/rendez-vous/suivi/[\w-]+/", acknowledgement.body).group(0)
    browser_page.goto(link)
    browser_page.check_page("appointment-status")
    tab_to(tab, "el.textContent.trim() === 'Retirer ma demande'")
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    # A confirmation step first (RGAA 11.12): nothing is withdrawn yet.
    assert tab.locator("h1").inner_text() == "Retirer votre demande de rendez-vous ?"
    browser_page.check_page("appointment-withdraw-confirm")
    tab_to(tab, "el.textContent.trim() === 'Oui, retirer ma demande'")
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    assert "Votre demande est retirée" in tab.inner_text("main")
    request.refresh_from_db()
    assert request.status == "dropped"


def test_shift_three_times_leaves_for_a_neutral_site(demo, browser_page):
    tab = browser_page.tab
    browser_page.goto("/rendez-vous/")
    tab.locator("#id_first_name").focus()

    with tab.expect_navigation():
        for _ in range(3):
            tab.keyboard.press("Shift")

    assert tab.url.endswith("/robots.txt")


def test_the_quick_exit_link_works_with_the_keyboard(demo, browser_page):
    tab = browser_page.tab
    browser_page.goto("/rendez-vous/")

    tab_to(tab, "el.hasAttribute('data-quick-exit')")
    with tab.expect_navigation():
        tab.keyboard.press("Enter")

    assert tab.url.endswith("/robots.txt")


SECRETS = ("Quintard", "enceinte", "06 39 98 00 77", "639980077", "/rendez-vous/suivi/")
FLOW = ("/rendez-vous/", "/rendez-vous/verifier/", "/rendez-vous/confirmation/")


def fill_and_continue(tab):
    tab.select_option("#id_subject", index=1)
    tab.fill("#id_message", "Je suis enceinte et sans logement.")
    tab.check("#id_contact_preference_0")
    tab.check("#id_place_0")
    tab.fill("#id_first_name", "Odette")
    tab.fill("#id_last_name", "Quintard")
    tab.select_option("#id_commune", index=1)
    tab.fill("#id_phone", "06 39 98 00 77")
    tab.check("#id_consent")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Continuer").click()
    assert tab.url.endswith("/rendez-vous/verifier/") and "enceinte" in tab.inner_text("main")


def assert_nothing_left(browser_page):
    """Back, reload and every page of the flow: no answer, no link; nothing in the database."""
    from django.contrib.sessions.models import Session

    from appointments.models import PendingAnswers

    tab = browser_page.tab
    tab.go_back()
    tab.reload()
    for path in FLOW:
        browser_page.goto(path)
        html = tab.content()
        assert not any(secret in html for secret in SECRETS), (path, [s for s in SECRETS if s in html])
        assert tab.input_value("#id_message") == "" and tab.input_value("#id_last_name") == ""
    stored = " ".join(str(session.get_decoded()) for session in Session.objects.all())
    assert not any(secret in stored for secret in SECRETS)
    assert not PendingAnswers.objects.exists()


@pytest.mark.parametrize("how", ["button", "shift"])
def test_quick_exit_from_the_check_step_leaves_nothing_in_the_browser_or_the_session(demo, browser_page, how):
    tab = browser_page.tab
    browser_page.goto("/rendez-vous/")
    fill_and_continue(tab)

    with tab.expect_navigation(url=NEUTRAL):
        if how == "button":
            tab.get_by_role("link", name="Quitter rapidement cette page").click()
        else:
            for _ in range(3):
                tab.keyboard.press("Shift")

    assert_nothing_left(browser_page)
    assert not AppointmentRequest.objects.filter(last_name="Quintard").exists()


@override_settings(PUBLIC_FORM_RATE_LIMITS={"appointment": 1000})
def test_after_sending_nothing_of_the_request_is_shown_again_in_the_browser(demo, browser_page):
    tab = browser_page.tab
    browser_page.goto("/rendez-vous/")
    fill_and_continue(tab)
    with tab.expect_navigation():
        tab.get_by_role("button", name="Envoyer ma demande").click()
    request = AppointmentRequest.objects.get(last_name="Quintard")
    main = tab.inner_text("main")
    assert request.reference in main
    # No email: the status link is behind a deliberate "Afficher", once.
    assert not tab.get_by_role("link", name="Suivre ma demande").is_visible()
    tab.get_by_text("Afficher le lien pour suivre ma demande").click()
    assert tab.get_by_role("link", name="Suivre ma demande").is_visible()

    tab.reload()
    assert request.reference not in tab.content()
    assert_nothing_left(browser_page)
