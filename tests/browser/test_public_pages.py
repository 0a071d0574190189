"""Every page type in a real browser: accessibility, keyboard, small screens, CSP."""

import re

import pytest

# Read-only: the demo site is built once for all such tests (tests/browser/conftest.py: demo_server).
pytestmark = [pytest.mark.browser]


PAGE_TYPES = [
    ("home", "/", "Le CIAS des Trois Vallons à vos côtés", 200),
    ("standard-page", "/le-cias/", "Le CIAS", 200),
    ("child-page", "/le-cias/nos-missions/", "Nos missions", 200),
    ("contact", "/contact/", "Contact", 200),
    ("search-results", "/recherche/?q=permis", "Rechercher sur le site", 200),
    ("search-empty", "/recherche/?q=zzzz", "Rechercher sur le site", 200),
    ("site-map", "/plan-du-site/", "Plan du site", 200),
    ("not-found", "/page-inconnue/", "Page introuvable", 404),
]


def test_every_page_type_is_accessible_at_desktop_and_mobile_widths(demo_page):
    # One test for all page types: the demo site is built once (about 10 s) rather than eight times.
    for name, path, heading, status in PAGE_TYPES:
        response = demo_page.goto(path)

        assert response.status == status, name
        assert demo_page.tab.locator("h1").all_inner_texts() == [heading], name
        assert demo_page.tab.locator("html").get_attribute("lang") == "fr", name
        demo_page.check_page(name)
    # 200 % zoom on a 1280 px window is a 640 CSS px viewport with the same content.
    demo_page.tab.set_viewport_size({"width": 640, "height": 450})
    for path in ("/", "/le-cias/", "/contact/"):
        demo_page.goto(path)
        assert not demo_page.has_horizontal_scroll(), path


def test_keyboard_alone_reaches_every_link_of_the_home_page_with_a_visible_focus(demo_page):
    demo_page.goto("/")
    tab = demo_page.tab
    # The first Tab reaches the skip link, which moves the focus to the content.
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.textContent.trim()") == "Aller au contenu"
    tab.keyboard.press("Enter")
    assert tab.evaluate("document.activeElement.id") == "contenu"
    demo_page.goto("/")
    visible_links = "Array.from(document.querySelectorAll('a[href]')).filter(a => a.offsetParent)"
    links = tab.evaluate(f"{visible_links}.length")
    without_outline = []

    for _ in range(links + 10):
        tab.keyboard.press("Tab")
        info = tab.evaluate(
            """() => {
                const el = document.activeElement;
                el.dataset.keyboardReached = "yes";
                const style = getComputedStyle(el);
                const visible = style.outlineStyle !== 'none' || style.boxShadow !== 'none';
                return {tag: el.tagName, text: el.textContent.trim(), visible};
            }"""
        )
        if info["tag"] in ("A", "BUTTON", "INPUT") and not info["visible"]:
            without_outline.append(info["text"])

    reached = tab.evaluate(f"{visible_links}.filter(a => a.dataset.keyboardReached).length")
    assert reached == links
    assert without_outline == []


def test_site_search_from_the_header_works_with_the_keyboard(demo_page):
    demo_page.goto("/")
    tab = demo_page.tab

    tab.get_by_label("Rechercher sur le site").fill("permis")
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/recherche/?q=permis")

    assert re.match(r"\d+ résultats? pour « permis »\.", tab.locator(".search-count").inner_text())
    tab.get_by_role("link", name="Aides et accompagnement").first.click()
    assert tab.locator("h1").inner_text() == "Aides et accompagnement"
