"""Sign-up, login, Mon espace and the staff two-factor set-up, with the keyboard, axe-clean."""

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail

import pytest

from accounts.roles import apply_roles
from tests.auth import current_code
from tests.browser.conftest import tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "une phrase de passe longue"


def press_enter_and_wait(tab):
    with tab.expect_navigation():
        tab.keyboard.press("Enter")


def test_a_resident_signs_up_with_errors_then_reaches_mon_espace_by_keyboard(site, browser_page):
    tab = browser_page.tab
    browser_page.goto("/mon-espace/")
    assert tab.url.endswith("/compte/login/?next=/mon-espace/")
    browser_page.check_page("account-login")

    browser_page.goto("/compte/signup/")
    browser_page.check_page("account-signup")
    tab_to(tab, "el.id === 'id_email'")
    tab.keyboard.type("amina.diallo@example.org")
    tab.keyboard.press("Tab")
    tab.keyboard.type("court")
    tab.keyboard.press("Tab")
    tab.keyboard.type("autre")
    press_enter_and_wait(tab)
    assert tab.title().startswith("Erreur : ")
    assert tab.evaluate("document.activeElement.classList.contains('error-summary')")
    assert tab.locator(".error-summary a").count() >= 1
    browser_page.check_page("account-signup-errors")

    tab.fill("#id_password1", PASSWORD)
    tab.fill("#id_password2", PASSWORD)
    tab.focus("#id_password2")
    press_enter_and_wait(tab)
    assert tab.url.endswith("/compte/confirm-email/")
    browser_page.check_page("account-confirm-code")
    code = re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", mail.outbox[-1].body, re.M).group(1)
    tab.focus("#id_code")
    tab.keyboard.type(code)
    press_enter_and_wait(tab)
    # Verifying the address completes the sign-up: she is signed in; she signs out and back in.
    browser_page.goto("/mon-espace/")
    assert tab.locator("h1").inner_text() == "Mon espace"
    with tab.expect_navigation():
        tab.get_by_role("button", name="Me déconnecter").click()

    browser_page.goto("/compte/login/")
    tab_to(tab, "el.id === 'id_login'")
    tab.keyboard.type("amina.diallo@example.org")
    tab.keyboard.press("Tab")
    tab.keyboard.type(PASSWORD)
    press_enter_and_wait(tab)
    assert tab.url.endswith("/mon-espace/")
    assert tab.locator("h1").inner_text() == "Mon espace"
    browser_page.check_page("mon-espace")

    # Deleting the account, keyboard only: allauth asks for the password again first.
    tab_to(tab, "el.textContent.trim() === 'Supprimer mon compte'")
    press_enter_and_wait(tab)
    assert "/compte/reauthenticate/" in tab.url
    browser_page.check_page("account-reauthenticate")
    tab.focus("#id_password")
    tab.keyboard.type(PASSWORD)
    press_enter_and_wait(tab)
    assert tab.url.endswith("/mon-espace/supprimer-mon-compte/")
    browser_page.check_page("account-delete")
    tab_to(tab, "el.id === 'id_confirm'")
    tab.keyboard.press("Space")
    tab_to(tab, "el.textContent.trim() === 'Supprimer définitivement mon compte'")
    press_enter_and_wait(tab)
    assert tab.url.endswith("/mon-espace/compte-supprime/")
    browser_page.check_page("account-deleted")
    assert not get_user_model().objects.filter(email="amina.diallo@example.org").exists()


@pytest.fixture
def site_with_logo(site, monkeypatch):
    """The set-up page shows the site's logo, an image under MEDIA_URL, served as on `make run`.

    Django's live server answers MEDIA_URL itself, before any middleware; `make run` serves
    media through the URLs, after the middleware, and so does this test.
    """
    from django.test.testcases import _MediaFilesHandler

    from wagtail.images.models import Image

    from home.demo import demo_logo
    from home.models import SiteSettings

    settings_obj = SiteSettings.for_site(site)
    settings_obj.logo = Image.objects.create(title="Logo", file=demo_logo())
    settings_obj.save()
    monkeypatch.setattr(_MediaFilesHandler, "_should_handle", lambda self, path: False)
    return site


@pytest.mark.parametrize("role", ["Communication", "Animation", "Accueil social", "Pilotage", "Administration"])
def test_each_staff_role_sets_up_totp_from_the_page_it_sees_then_reaches_the_admin(site_with_logo, browser_page, role):
    apply_roles()  # transactional tests flush the groups the migration created
    user = get_user_model().objects.create_user("agent", "agent@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name=role))
    from tests.auth import verify_email

    verify_email(user)
    tab = browser_page.tab
    media_requests = []
    tab.on("response", lambda response: "/media/" in response.url and media_requests.append(response.status))
    browser_page.goto("/admin/")
    assert "/compte/login/" in tab.url
    tab.fill("#id_login", "agent@example.org")
    tab.fill("#id_password", PASSWORD)
    tab.focus("#id_password")
    press_enter_and_wait(tab)
    # allauth asks for the password again before changing the second factor.
    assert "/compte/reauthenticate/" in tab.url
    tab.fill("#id_password", PASSWORD)
    tab.focus("#id_password")
    press_enter_and_wait(tab)
    assert "/compte/2fa/totp/activate/" in tab.url
    # The logo has been fetched and shown, as a browser does.
    tab.wait_for_function("[...document.images].some((img) => img.src.includes('/media/') && img.complete)")
    assert media_requests, "the set-up page should show the site logo"
    assert set(media_requests) <= {200, 304}, media_requests  # the logo itself, never a redirect
    browser_page.check_page("account-totp-activate")
    secret = tab.input_value("#authenticator_secret")  # the secret of the QR code on screen
    tab.fill("#id_code", current_code(secret, valid_for=5))
    tab.focus("#id_code")
    press_enter_and_wait(tab)
    assert "/compte/2fa/recovery-codes/" in tab.url, tab.locator("main").inner_text()
    browser_page.check_page("account-recovery-codes")
    browser_page.goto("/admin/")
    assert tab.url.endswith("/admin/")
    assert tab.locator("h1").count() >= 1
    assert browser_page.csp_violations == []
