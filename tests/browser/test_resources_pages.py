"""Resources and the partners directory in a real browser: axe, keyboard, screenshots, print."""

import pytest

from resources.models import PartnerPage, ResourcePage
from tests.browser.conftest import tab_to

from .conftest import save_screenshot

# Read-only: the demo site is built once for all such tests (tests/browser/conftest.py: demo_server).
pytestmark = [pytest.mark.browser]


def test_resources_and_partners_pages_are_accessible_and_a_resource_prints_cleanly(demo_page):
    resource = ResourcePage.objects.live().filter(easy_read_version__isnull=False, documents__isnull=False).first()
    twin = resource.easy_read_version
    partner = PartnerPage.objects.live().filter(resources__isnull=False).order_by("title").first()
    pages = [
        ("resources-index", "/ressources/", "Ressources"),
        ("resources-filtered", "/ressources/?theme=aidants&format=falc", "Ressources"),
        ("resources-filter-error", "/ressources/?format=inconnu&q=aidant", "Ressources"),
        ("resource-page", resource.url, resource.title),
        ("resource-easy-read", twin.url, twin.title),
        ("partners-index", "/annuaire/", "Annuaire des partenaires"),
        ("partner-page", partner.url, partner.title),
    ]
    for name, path, title in pages:
        response = demo_page.goto(path)
        assert response.status == 200, path
        assert demo_page.tab.locator("h1").inner_text() == title
        demo_page.check_page(name)

    tab = demo_page.tab
    demo_page.goto(resource.url)
    tab.get_by_role("link", name=f"Version facile à lire : {twin.title}").click()
    tab.wait_for_url(f"**{twin.url}")
    tab.get_by_role("link", name=f"Version complète : {resource.title}").click()
    tab.wait_for_url(f"**{resource.url}")

    tab.emulate_media(media="print")
    save_screenshot(tab, "resource-page-print")
    hidden = tab.evaluate(
        "['.main-nav', '.site-search', '.breadcrumbs', '.twin-link']"
        ".map(s => getComputedStyle(document.querySelector(s)).display)"
    )
    partner_link = tab.locator(".partner-summary__title a").first
    written_out = partner_link.evaluate("a => getComputedStyle(a, '::after').content")
    assert hidden == ["none"] * 4
    assert written_out == f'" ({partner_link.get_attribute("href")})"'


def test_a_resident_filters_the_resources_and_the_directory_with_the_keyboard_only(demo_page):
    tab = demo_page.tab

    demo_page.goto("/ressources/")
    tab_to(tab, "document.activeElement.id === 'id_q'")
    tab.keyboard.type("aidant")
    tab_to(tab, "document.activeElement.id === 'id_format'")
    tab.keyboard.press("ArrowDown")
    tab_to(tab, "document.activeElement.textContent.trim() === 'Afficher'")
    tab.keyboard.press("Enter")
    tab.wait_for_url("**q=aidant**")
    assert "dans cette sélection" in tab.locator("[role=status]").inner_text()

    demo_page.goto("/ressources/?format=falc")
    tab.locator(".card__link").first.focus()
    title = tab.evaluate("document.activeElement.textContent.trim()")
    tab.keyboard.press("Enter")
    tab.wait_for_load_state()
    assert tab.locator("h1").inner_text() == title

    demo_page.goto("/annuaire/")
    tab_to(tab, "document.activeElement.id === 'id_commune'")
    tab.keyboard.press("ArrowDown")
    selected = tab.evaluate("document.activeElement.value")
    tab_to(tab, "document.activeElement.textContent.trim() === 'Afficher'")
    tab.keyboard.press("Enter")
    tab.wait_for_url(f"**commune={selected}**")
    assert "dans cette sélection" in tab.locator("[role=status]").inner_text()
    tab.locator(".partner-summary__title a").first.focus()
    name = tab.evaluate("document.activeElement.textContent.trim()")
    tab.keyboard.press("Enter")
    tab.wait_for_load_state()
    assert tab.locator("h1").inner_text() == name
