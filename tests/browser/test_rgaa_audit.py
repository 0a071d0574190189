"""Checks that keep the RGAA audit true, beyond axe: phones first, text spacing, reflow, titles,
consistent navigation, visible focus without trap, status messages, documents, autocomplete."""

import re
from datetime import timedelta

from django.utils import timezone

import pytest

from events.models import EventPage
from news.models import NewsPage, SiteAlert
from resources.models import PartnerPage, ResourcePage
from tests.browser.conftest import BrowserPage, tab_to

from .rgaa_checks import (
    APPLY_STYLE_JS,
    CLIPPED_TEXT_JS,
    FIRST_SCREEN_JS,
    FOCUS_JS,
    HORIZONTAL_SCROLL_JS,
    NAVIGATION_JS,
    TEXT_SPACING_CSS,
)

# Read-only: the demo site is built once for all such tests (tests/browser/conftest.py: demo_server).
# One worker runs them all (tests/xdist_groups.py), so that the sample is visited once (`sample`).
pytestmark = [pytest.mark.browser]

SITE = " – CIAS des Trois Vallons"
PHONE = {"width": 320, "height": 640}


def sample_paths(tab, base_url):
    """The sample's pages that a GET shows (the flows' other steps are reached by their tests)."""
    resource = ResourcePage.objects.live().filter(easy_read_version__isnull=False, documents__isnull=False).first()
    video = ResourcePage.objects.live().get(slug="quand-les-coleres-debordent")
    partner = PartnerPage.objects.live().order_by("title").first()
    event = "/agenda/atelier-budget-factures-d-energie/"
    tab.goto(base_url + event)
    registration = tab.locator("a", has_text="M'inscrire").first.get_attribute("href")
    return [
        "/", "/le-cias/", "/contact/", "/agenda/", "/agenda/?vue=mois", event, registration,
        "/ressources/", resource.url, resource.easy_read_version.url, video.url, "/annuaire/", partner.url,
        "/rendez-vous/", "/registre-personnes-vulnerables/", "/compte/login/", "/compte/signup/",
        "/accessibilite/", "/grille-d-audit-accessibilite/", "/plan-du-site/", "/recherche/?q=permis",
        "/page-inconnue/",
        *feature_paths(),
    ]  # fmt: skip


# The framed agenda: no header, menu or footer of its own (it lives in another site's page).
WIDGET = "/agenda/widget/?commune=villiers-les-ormes"


def feature_paths():
    """The aids guide, the news and the territorial agenda (appended: the indices above stay)."""
    news = max(NewsPage.objects.live(), key=lambda page: len(page.title))  # the longest h1
    full = EventPage.objects.live().get(slug="groupe-de-parents")  # "Prévenez-moi"
    return [
        "/aides/", "/aides/aide-a-l-energie/", "/aides/quelles-aides-pour-moi/",
        "/aides/quelles-aides-pour-moi/?etape=resultats", "/aides/quotient-familial/",
        "/actualites/", news.url, f"/abonnements/prevenez-moi/{full.pk}/", "/abonnements/temps-ressources/",
        "/agenda/integrer/", "/annuaire/france-services-brecy/", "/agenda/gouter-jeux-des-familles/",
    ]  # fmt: skip


def submit_empty(tab, button):
    with tab.expect_navigation():
        tab.get_by_role("button", name=button).click()


REFLOW = {"width": 320, "height": 256}  # 1280 px at 400 % (RGAA 10.11)
WIDE = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def sample(chromium, demo_server, django_db_blocker):
    """Each page of the sample (and the framed agenda) loaded once, with what every check reads.

    The page is opened on a phone (320 × 640), as a phone user meets it; its title, headings and
    navigation are read there; then the window is widened and narrowed for the reflow checks, and
    the text-spacing style applied for the last ones. Each test below asserts on its own part.
    """
    with django_db_blocker.unblock():
        page = BrowserPage(chromium, demo_server)
        tab = page.tab
        try:
            paths = sample_paths(tab, demo_server)
            seen = {path: visit(page, path) for path in [*paths, WIDGET]}
        finally:
            page.close()
    return {"paths": paths, "seen": seen}


def visit(page, path):
    tab = page.tab
    tab.set_viewport_size(PHONE)
    page.goto(path)
    screen = tab.evaluate(FIRST_SCREEN_JS)
    seen = {
        "first screen": first_screen_problems(screen, path) if path != WIDGET else [],
        "h1 bottom": screen["h1Bottom"],
        "title": tab.title(),
        "h1": tab.locator("h1").first.inner_text(),
        "navigation": tab.evaluate(NAVIGATION_JS),
        "reflow": [],
    }
    for viewport in (WIDE, REFLOW):
        tab.set_viewport_size(viewport)
        if tab.evaluate(HORIZONTAL_SCROLL_JS):
            seen["reflow"].append(f"{path} {viewport['width']}: horizontal scrolling")
    tab.evaluate(APPLY_STYLE_JS, TEXT_SPACING_CSS)
    for viewport in (WIDE, REFLOW):
        tab.set_viewport_size(viewport)
        seen["reflow"] += [f"{path} {viewport['width']} spacing: {c}" for c in tab.evaluate(CLIPPED_TEXT_JS)]
        if tab.evaluate(HORIZONTAL_SCROLL_JS):
            seen["reflow"].append(f"{path} {viewport['width']} spacing: horizontal scrolling")
    return seen


def test_on_a_phone_the_title_is_in_the_first_screen_and_the_menu_is_folded(sample, demo_page):
    tab = demo_page.tab
    paths = sample["paths"]
    late = [problem for path in paths for problem in sample["seen"][path]["first screen"]]
    tab.set_viewport_size(PHONE)
    # The forms sent empty: the error summary and the title still fit.
    for path, button in ((paths[6], "Envoyer mon inscription"), ("/rendez-vous/", "Continuer")):
        demo_page.goto(path)
        submit_empty(tab, button)
        assert tab.title().startswith("Erreur : ")
        late += check_first_screen(tab, path + " (erreurs)")
    if sample["seen"][WIDGET]["h1 bottom"] > PHONE["height"]:
        late.append(f"{WIDGET}: h1 ends at {sample['seen'][WIDGET]['h1 bottom']}")
    assert late == []


def test_on_a_phone_the_title_stays_in_the_first_screen_under_a_site_alert(sample, demo_page):
    tab = demo_page.tab
    longest_partner = max(PartnerPage.objects.live(), key=lambda page: len(page.title))
    paths = [*sample["paths"], longest_partner.url]
    tab.set_viewport_size(PHONE)
    now = timezone.now()
    alert = SiteAlert.objects.create(
        level=SiteAlert.Level.IMPORTANT,
        message="Accueil fermé le lundi 7 décembre : les permanences de la semaine sont reportées.",
        starts_at=now - timedelta(minutes=1),
        ends_at=now + timedelta(hours=1),
        link_url="https://www.example.org/fermeture",
        link_text="Lire l'actualité",
    )
    try:
        late, shown = [], []
        for path in paths:
            demo_page.goto(path)
            shown += [path] if tab.locator(".site-alert").count() == 1 else []
            late += check_first_screen(tab, path)
    finally:
        alert.delete()
    assert {"/", paths[-7], paths[-1]} <= set(shown)  # the longest news title and partner name
    assert late == []


def check_first_screen(tab, name):
    return first_screen_problems(tab.evaluate(FIRST_SCREEN_JS), name)


def first_screen_problems(screen, name):
    problems = []
    bottom = screen["h1Bottom"]
    if bottom is None or bottom > PHONE["height"]:
        problems.append(f"{name}: h1 ends at {bottom}")
    if screen["menuEntries"] or not screen["menuButton"]:
        problems.append(f"{name}: the menu is not folded behind its button")
    if not screen["search"]:
        problems.append(f"{name}: the search field is not shown")
    return problems


def test_the_menu_opens_and_closes_by_keyboard_and_click_and_stays_open_on_wide_screens(demo_page):
    tab = demo_page.tab
    tab.set_viewport_size(PHONE)
    demo_page.goto("/agenda/")
    menu, entries = tab.locator("details.main-nav__disclosure"), tab.locator(".main-nav__list")

    # The skip link comes first and still leads to the content.
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.textContent.trim()") == "Aller au contenu"
    assert tab.locator(".skip-link").bounding_box()["y"] >= 0
    tab.keyboard.press("Enter")
    assert tab.evaluate("document.activeElement.id") == "contenu"

    demo_page.goto("/agenda/")
    tab_to(tab, "el.classList.contains('main-nav__toggle')")
    assert tab.evaluate(FOCUS_JS)["visible"]
    tab.keyboard.press("Enter")
    assert menu.evaluate("d => d.open") and entries.is_visible()
    tab.keyboard.press("Tab")  # the first entry follows the button
    assert tab.evaluate("document.activeElement.textContent.trim()") == "Accueil"
    tab.keyboard.press("Shift+Tab")
    tab.keyboard.press("Space")
    assert not menu.evaluate("d => d.open") and not entries.is_visible()
    tab.locator(".main-nav__toggle").click()
    assert entries.is_visible()
    tab.get_by_role("link", name="Ressources", exact=True).click()
    tab.wait_for_url("**/ressources/")
    tab.locator(".main-nav__toggle").click()
    tab.locator(".main-nav__toggle").click()
    assert not entries.is_visible()

    tab.set_viewport_size({"width": 1280, "height": 900})
    assert entries.is_visible() and not tab.locator(".main-nav__toggle").is_visible()
    tab.set_viewport_size({"width": 768, "height": 900})
    assert entries.is_visible()


def test_without_javascript_the_menu_still_folds_on_phones_and_shows_on_wide_screens(
    chromium, demo_server, django_db_blocker
):
    context = chromium.new_context(java_script_enabled=False, viewport=PHONE, locale="fr-FR")
    # The live server reads the demo database (demo_page does the same for its tab).
    with django_db_blocker.unblock():
        try:
            tab = context.new_page()
            tab.goto(demo_server + "/agenda/")
            assert not tab.locator(".main-nav__list").is_visible()
            tab.locator(".main-nav__toggle").click()
            assert tab.get_by_role("link", name="Prendre rendez-vous").is_visible()
            tab.set_viewport_size({"width": 1280, "height": 900})
            tab.goto(demo_server + "/agenda/")
            assert tab.get_by_role("link", name="Prendre rendez-vous").is_visible()
        finally:
            context.close()


def test_text_spacing_and_reflow_at_400_percent_cut_nothing(sample):
    # At 1280 px and at 320 × 256 (1280 px zoomed to 400 %): nothing scrolls sideways, before and
    # after the WCAG 1.4.12 text spacing is applied, and no box cuts the spaced text.
    problems = [problem for seen in sample["seen"].values() for problem in seen["reflow"]]
    assert problems == []


def test_titles_are_unique_and_say_what_the_page_is(sample):
    titles = {}
    for path, seen in sample["seen"].items():
        title, heading = seen["title"], seen["h1"]
        assert title.endswith(SITE), path
        own = title.removesuffix(SITE)
        words = {word[:6] for word in re.findall(r"\w{4,}", own.lower())}
        assert path == "/" or words & {word[:6] for word in re.findall(r"\w{4,}", heading.lower())}, (title, heading)
        titles.setdefault(title, []).append(path)
    assert [paths for paths in titles.values() if len(paths) > 1] == []


def test_every_page_has_the_same_menu_skip_link_search_and_site_map(sample):
    seen = []
    for path in sample["paths"]:
        navigation = sample["seen"][path]["navigation"]
        assert navigation["skip"] == "#contenu" and navigation["skipText"] == "Aller au contenu", path
        assert navigation["target"] and navigation["search"] and navigation["siteMap"], path
        assert navigation["landmarks"] == [1, 1, 1, 1], path
        seen.append(navigation["menu"])
    assert len(seen[0]) == 11  # with the aids guide and the news
    assert all(menu == seen[0] for menu in seen)


def test_the_focus_is_always_visible_and_the_keyboard_reaches_the_end_of_the_page(sample, demo_page):
    tab = demo_page.tab
    registration = sample["paths"][6]
    for width in (1280, 320):
        tab.set_viewport_size({"width": width, "height": 900})
        forms = ("/aides/quelles-aides-pour-moi/", "/aides/quotient-familial/", "/abonnements/temps-ressources/")
        for path in ("/", "/agenda/", registration, "/rendez-vous/", "/compte/signup/", *forms, WIDGET):
            demo_page.goto(path)
            hidden, reached_end = [], False
            for _ in range(250):
                tab.keyboard.press("Tab")
                info = tab.evaluate(FOCUS_JS)
                if info["tag"] != "BODY" and not info["visible"]:
                    hidden.append(info["text"])
                if info["last"]:
                    reached_end = True
                    break
            assert reached_end, f"{path} at {width} px: the keyboard never reached the last link"
            assert hidden == [], f"{path} at {width} px"


def test_status_messages_are_announced(sample, demo_page):
    tab = demo_page.tab
    demo_page.goto("/agenda/?theme=parentalite")
    assert tab.locator(".result-count").get_attribute("role") == "status"
    demo_page.goto("/recherche/?q=permis")
    assert tab.locator(".search-count").get_attribute("role") == "status"
    demo_page.goto("/aides/quelles-aides-pour-moi/?etape=resultats")
    assert "correspondent à vos réponses" in tab.locator("main [role=status]").inner_text()
    registration = sample["paths"][6]
    for path, button in ((registration, "Envoyer mon inscription"), ("/rendez-vous/", "Continuer")):
        demo_page.goto(path)
        submit_empty(tab, button)
        summary = tab.locator(".error-summary")
        assert summary.get_attribute("role") == "alert", path
        assert tab.evaluate("document.activeElement.classList.contains('error-summary')"), path


def test_documents_say_their_format_and_size(demo_page):
    tab = demo_page.tab
    resource = ResourcePage.objects.live().filter(easy_read_version__isnull=False, documents__isnull=False).first()
    for path in (resource.url, resource.easy_read_version.url):
        demo_page.goto(path)
        links = tab.locator("a[href*='/documents/']").all_inner_texts()
        assert links, path
        for text in links:
            assert re.search(r"\((PDF|DOCX|ODT|XLSX|ODS|RTF), [\d,]+ (octets|Ko|Mo)\)", text), text
    demo_page.goto("/agenda/")
    programme = tab.locator("a[href^='/agenda/programme/pdf/']").all_inner_texts()
    assert len(programme) == 2 and all("PDF" in text for text in programme)


AUTOCOMPLETE = {
    "id_first_name": "given-name",
    "id_last_name": "family-name",
    "id_email": "email",
    "id_phone": "tel",
    "id_commune": "address-level2",
}


def test_fields_about_the_person_say_their_purpose_for_autofill(sample, demo_page):
    tab = demo_page.tab
    registration = sample["paths"][6]
    for path in (registration, "/rendez-vous/", "/registre-personnes-vulnerables/"):
        demo_page.goto(path)
        for field, token in AUTOCOMPLETE.items():
            assert tab.locator(f"#{field}").get_attribute("autocomplete") == token, (path, field)
    assert tab.locator("#id_birth_date").get_attribute("autocomplete") == "bday"
    assert tab.locator("#id_address").get_attribute("autocomplete") == "address-line1"
    # Someone else's numbers must not be filled with one's own.
    for field in ("id_emergency_phone", "id_home_care_phone"):
        assert tab.locator(f"#{field}").get_attribute("autocomplete") == "off"
