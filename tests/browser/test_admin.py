"""The Wagtail admin works under its own Content-Security-Policy, and so does the editor's userbar."""

from django.contrib.auth import get_user_model

import pytest

from home.models import HomePage
from tests.auth import current_code, enrol_totp, verify_email

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def editor(demo):
    user = get_user_model().objects.create_superuser("claire", "claire@example.org", "un-mot-de-passe-solide")
    verify_email(user)
    enrol_totp(user)
    return user


def test_an_editor_logs_in_and_saves_a_draft_without_any_csp_violation(editor, browser_page):
    tab = browser_page.tab
    browser_page.goto("/admin/login/")
    tab.fill("#id_login", "claire@example.org")
    tab.fill("#id_password", "un-mot-de-passe-solide")
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    # The second factor: the code an authenticator app would show.
    tab.fill("#id_code", current_code(valid_for=5))
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    tab.wait_for_url("**/admin/")

    home = HomePage.objects.get()
    browser_page.goto(f"/admin/pages/{home.pk}/edit/")
    tab.wait_for_selector("#id_hero_title")
    tab.fill("#id_hero_title", "Le CIAS vous accompagne")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Enregistrer le brouillon").click()
    browser_page.goto("/")

    assert "Le CIAS vous accompagne" not in tab.locator("h1").inner_text()  # a draft is not published
    assert tab.locator("wagtail-userbar").count() == 1
    assert browser_page.csp_violations == []
