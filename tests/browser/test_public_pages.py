"""Every page type in a real browser: accessibility, keyboard, small screens, CSP."""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("name", "path", "heading"),
    [
        ("home", "/", "Le CIAS des Trois Vallons à vos côtés"),
        ("standard-page", "/le-cias/", "Le CIAS"),
        ("child-page", "/le-cias/nos-missions/", "Nos missions"),
        ("contact", "/contact/", "Contact"),
        ("search-results", "/recherche/?q=permis", "Rechercher sur le site"),
        ("search-empty", "/recherche/?q=zzzz", "Rechercher sur le site"),
        ("site-map", "/plan-du-site/", "Plan du site"),
        ("not-found", "/page-inconnue/", "Page introuvable"),
    ],
)
def test_page_type_is_accessible_at_desktop_and_mobile_widths(demo, browser_page, name, path, heading):
    response = browser_page.goto(path)

    assert response.status == (404 if name == "not-found" else 200)
    assert browser_page.tab.locator("h1").all_inner_texts() == [heading]
    assert browser_page.tab.locator("html").get_attribute("lang") == "fr"
    browser_page.check_page(name)


def test_first_tab_reaches_the_skip_link_which_moves_focus_to_the_content(demo, browser_page):
    browser_page.goto("/")
    tab = browser_page.tab

    tab.keyboard.press("Tab")
    focused = tab.evaluate("document.activeElement.textContent.trim()")
    tab.keyboard.press("Enter")

    assert focused == "Aller au contenu"
    assert tab.evaluate("document.activeElement.id") == "contenu"
    assert tab.locator(".skip-link").is_visible() is False or tab.url.endswith("#contenu")


def test_keyboard_alone_reaches_every_link_of_the_home_page_with_a_visible_focus(demo, browser_page):
    browser_page.goto("/")
    tab = browser_page.tab
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


def test_site_search_from_the_header_works_with_the_keyboard(demo, browser_page):
    browser_page.goto("/")
    tab = browser_page.tab

    tab.get_by_label("Rechercher sur le site").fill("permis")
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/recherche/?q=permis")

    assert re.match(r"\d+ résultats? pour « permis »\.", tab.locator(".search-count").inner_text())
    tab.get_by_role("link", name="Aides et accompagnement").first.click()
    assert tab.locator("h1").inner_text() == "Aides et accompagnement"


def test_pages_stay_readable_at_200_percent_zoom(demo, browser_page):
    # 200 % zoom on a 1280 px window is a 640 CSS px viewport with the same content.
    browser_page.tab.set_viewport_size({"width": 640, "height": 450})
    for path in ("/", "/le-cias/", "/contact/"):
        browser_page.goto(path)
        assert not browser_page.has_horizontal_scroll(), path
