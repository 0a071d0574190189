"""Germaine signs up to the register with the keyboard only; a 40-year-old is told who can register.

axe-clean at 1280 and 320 px in every state (empty, errors, refusal, check answers, confirmation,
status link); screenshots of the staff screens and of the PDFs are taken for a look.
"""

import subprocess
import tempfile
from datetime import date
from pathlib import Path

from django.test import override_settings

import pytest

from tests.browser.conftest import SCREENSHOTS, TAKE_SCREENSHOTS, sign_in_staff, tab_to
from welfare.models import RegisterEntry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FORM = "/registre-personnes-vulnerables/"


def type_into(tab, field_id, value):
    tab_to(tab, f"el.id === '{field_id}'")
    tab.keyboard.type(value)


def press_space_on(tab, field_id):
    tab_to(tab, f"el.id === '{field_id}'")
    tab.keyboard.press("Space")


@override_settings(PUBLIC_FORM_RATE_LIMITS={"register": 1000})
def test_sign_up_with_the_keyboard_only(demo, browser_page):
    tab = browser_page.tab
    browser_page.goto("/")
    tab_to(tab, "el.getAttribute('href') === '/registre-personnes-vulnerables/' && el.classList.contains('button')")
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    assert tab.url.endswith(FORM)
    browser_page.check_page("register-form")

    # The empty form: the error summary takes focus and links to each field in order.
    tab_to(tab, "el.textContent.trim() === 'Continuer'")
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    assert tab.title().startswith("Erreur : ")
    assert tab.evaluate("document.activeElement.classList.contains('error-summary')")
    hrefs = [a.get_attribute("href") for a in tab.locator(".error-summary a").all()]
    assert hrefs[0] == "#id_for_whom_0" and "#id_birth_date" in hrefs and hrefs[-1] == "#id_declaration"
    browser_page.check_page("register-form-errors")
    tab.keyboard.press("Tab")
    tab.keyboard.press("Enter")
    assert tab.evaluate("document.activeElement.id") == "id_for_whom_0"

    # Filling it in, with Tab, Space and the arrows only.
    tab.keyboard.press("Space")
    type_into(tab, "id_first_name", "Germaine")
    type_into(tab, "id_last_name", "Aubert")
    type_into(tab, "id_birth_date", "12/05/1950")
    press_space_on(tab, "id_ground_0")
    type_into(tab, "id_address", "4 rue des Lilas")
    tab_to(tab, "el.id === 'id_commune'")
    tab.keyboard.press("ArrowDown")
    type_into(tab, "id_phone", "03 80 12 34 56")
    press_space_on(tab, "id_reach_needs_0")
    press_space_on(tab, "id_declaration")
    tab_to(tab, "el.textContent.trim() === 'Continuer'")
    with tab.expect_navigation():
        tab.keyboard.press("Enter")

    assert tab.url.endswith(FORM + "verifier/"), tab.inner_text("main")[:2000]
    assert "Aubert" in tab.inner_text("main") and "12 mai 1950" in tab.inner_text("main")
    browser_page.check_page("register-check-answers")
    tab_to(tab, "el.textContent.trim() === 'Envoyer la demande'")
    with tab.expect_navigation():
        tab.keyboard.press("Enter")

    assert tab.url.endswith(FORM + "confirmation/")
    entry = RegisterEntry.objects.get(last_name="Aubert")
    assert entry.reference in tab.inner_text("main") and entry.status == "active"
    browser_page.check_page("register-confirmation")

    # The status link, behind a deliberate "Afficher".
    tab_to(tab, "el.tagName === 'SUMMARY'")
    tab.keyboard.press("Enter")
    tab_to(tab, "el.textContent.trim() === 'Suivre la demande'")
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    browser_page.check_page("register-status")


def test_a_40_year_old_is_told_who_can_register(demo, browser_page):
    tab = browser_page.tab
    browser_page.goto(FORM)
    tab.check("#id_for_whom_0")
    tab.fill("#id_first_name", "Lucas")
    tab.fill("#id_last_name", "Girard")
    tab.fill("#id_birth_date", forty_years_ago().strftime("%d/%m/%Y"))
    tab.check("#id_ground_3")
    tab.fill("#id_address", "1 rue Haute")
    tab.select_option("#id_commune", index=1)
    tab.fill("#id_phone", "03 80 12 34 56")
    tab.check("#id_declaration")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Continuer").click()

    main = tab.inner_text("main")
    assert "L'inscription au registre n'est pas possible" in main
    assert tab.get_by_role("link", name="Prendre rendez-vous").first.is_visible()
    browser_page.check_page("register-not-eligible")
    assert not RegisterEntry.objects.filter(last_name="Girard").exists()


def forty_years_ago():
    """A date of birth that makes someone 40 today, whatever today is."""
    today = date.today()  # noqa: DTZ011 - the live server's own "today", as the form sees it
    return today.replace(year=today.year - 40, day=min(today.day, 28))


def pdf_screenshot(content, name):
    """The first page of a PDF as a PNG next to the other screenshots (pdftoppm), with SCREENSHOTS=1."""
    if not TAKE_SCREENSHOTS:
        return
    SCREENSHOTS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(content)
        subprocess.run(  # noqa: S603
            ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(path), str(SCREENSHOTS / name)],  # noqa: S607
            check=True,
        )


def test_the_staff_screens_and_documents_for_a_look(demo, browser_page, staff_member):
    user = staff_member("Veille sociale", "veille@example.org", "Karim", "Haddad")
    sign_in_staff(browser_page, user)  # the register's own addresses answer 403, not the login form
    tab = browser_page.tab
    browser_page.goto("/admin/registre/")
    browser_page.screenshot("register-admin-list-1280")
    pending = RegisterEntry.objects.get(status="pending")
    browser_page.goto(f"/admin/registre/{pending.pk}/")
    assert "En attente" in tab.inner_text("main")
    browser_page.screenshot("register-admin-entry-1280")
    browser_page.goto("/admin/registre/veilles/")
    tab.get_by_role("link", name="Canicule").first.click()
    tab.wait_for_load_state()
    assert "Résultats des appels" in tab.inner_text("main")
    browser_page.screenshot("register-admin-campaign-1280")

    request = tab.context.request
    campaign_url = tab.url
    pdf_screenshot(request.get(campaign_url + "feuille-d-appels.pdf").body(), "register-call-sheet")
    letter = request.get(browser_page.base_url + f"/admin/registre/{pending.pk}/accuse-de-reception.pdf")
    pdf_screenshot(letter.body(), "register-letter")
