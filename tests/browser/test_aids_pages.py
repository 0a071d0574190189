"""The aids guide in a real browser: axe at 1280 and 320 px, the question path by keyboard only."""

import pytest

from aids.models import AidPage
from tests.browser.conftest import tab_to

# Read-only: the demo site is built once for all such tests (tests/browser/conftest.py: demo_server).
pytestmark = [pytest.mark.browser]

PATH = "/aides/quelles-aides-pour-moi/"
CALCULATOR = "/aides/quotient-familial/"


def test_the_aids_guide_pages_are_accessible_at_both_widths(demo_page):
    aid = AidPage.objects.get(slug="bourse-au-permis-de-conduire")
    pages = [
        ("aids-index", "/aides/", "Le guide des aides"),
        ("aids-index-filtered", "/aides/?commune=brecy-la-riviere&situation=retraite", "Le guide des aides"),
        ("aid-page", aid.url, aid.title),
        ("aid-page-easy-read", "/aides/aide-d-urgence-facile-a-lire/", "L'aide d'urgence (facile à lire)"),
        ("aids-path-step-3", f"{PATH}?commune=brecy-la-riviere&age=65&etape=3", "Quelles aides pour moi ?"),
        ("aids-path-step-4", f"{PATH}?etape=4", "Quelles aides pour moi ?"),
        ("aids-path-error", f"{PATH}?age=cent&etape=3", "Quelles aides pour moi ?"),
        (
            "aids-path-results",
            f"{PATH}?commune=brecy-la-riviere&age=65&couple=non&enfants=0&etape=resultats",
            "Quelles aides pour moi ?",
        ),
        ("aids-calculator", CALCULATOR, "Calculer mon quotient familial"),
        (
            "aids-calculator-result",
            f"{CALCULATOR}?revenus=24000&prestations=200&couple=oui&enfants=2&enfants_handicapes=0",
            "Calculer mon quotient familial",
        ),
        ("aids-calculator-error", f"{CALCULATOR}?revenus=-5&couple=oui&enfants=abc", "Calculer mon quotient familial"),
        ("event-tariff-grid", "/agenda/atelier-cuisine-petit-budget/", None),
    ]
    for name, path, title in pages:
        response = demo_page.goto(path)
        assert response.status == 200, path
        if title:
            assert demo_page.tab.locator("h1").inner_text() == title
        demo_page.check_page(name)
    assert demo_page.context.cookies() == []


def test_a_resident_answers_the_question_path_with_the_keyboard_only(demo_page):
    tab = demo_page.tab
    demo_page.goto("/aides/")
    tab_to(tab, "el.textContent.includes('Quelles aides pour moi ?') && el.tagName === 'A'")
    tab.keyboard.press("Enter")
    tab.wait_for_url(f"**{PATH}")

    tab_to(tab, "el.id === 'id_commune'")
    while tab.evaluate("document.activeElement.value") != "brecy-la-riviere":
        tab.keyboard.press("ArrowDown")
    tab_to(tab, "el.textContent.trim() === 'Question suivante'")
    tab.keyboard.press("Enter")
    tab.wait_for_url("**etape=2**")

    tab_to(tab, "el.id === 'id_age'")
    tab.keyboard.type("65")
    tab.keyboard.press("Enter")
    tab.wait_for_url("**etape=3**")

    tab_to(tab, "el.name === 'couple'")
    tab.keyboard.press("Space")  # the first option: seul·e
    tab_to(tab, "el.id === 'id_enfants'")
    tab.keyboard.type("0")
    tab.keyboard.press("Enter")
    tab.wait_for_url("**etape=4**")

    tab_to(tab, "el.textContent.trim() === 'Voir les aides maintenant'")
    tab.keyboard.press("Enter")
    tab.wait_for_url("**etape=resultats**")
    assert "1 aide correspond à vos réponses" in tab.locator("[role=status]").inner_text()
    matches = tab.locator("#match-title + ul .card__link").all_inner_texts()
    assert matches == ["Microcrédit personnel"]
    assert "Jardins familiaux" not in tab.locator("main").inner_text()

    tab_to(tab, "el.textContent.trim() === 'Microcrédit personnel'")
    tab.keyboard.press("Enter")
    tab.wait_for_load_state()
    assert tab.locator("h1").inner_text() == "Microcrédit personnel"
    demo_page.screenshot("aids-keyboard-aid")
    assert demo_page.context.cookies() == []


def test_the_calculator_works_with_the_keyboard_and_shows_the_result(demo_page):
    tab = demo_page.tab
    demo_page.goto(CALCULATOR)
    tab_to(tab, "el.id === 'id_revenus'")
    tab.keyboard.type("24 000")
    tab_to(tab, "el.id === 'id_prestations'")
    tab.keyboard.type("200")
    tab_to(tab, "el.name === 'couple'")
    tab.keyboard.press("ArrowDown")  # en couple
    tab_to(tab, "el.id === 'id_enfants'")
    tab.keyboard.press("Control+a")
    tab.keyboard.type("2")
    tab.keyboard.press("Enter")
    tab.wait_for_url("**revenus=**")
    assert "733 €" in tab.locator("#result-title").inner_text()
    tab.set_viewport_size({"width": 320, "height": 900})
    demo_page.screenshot("aids-calculator-keyboard-320")
