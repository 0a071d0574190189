"""The agenda in a real browser: list, month, an event, a filtered view — axe, keyboard, screenshots."""

import pytest

from events.models import EventPage

# Read-only: the demo site is built once for all such tests (tests/browser/conftest.py: demo_server).
pytestmark = [pytest.mark.browser]


AGENDA_VIEWS = [
    ("agenda-list", "/agenda/"),
    ("agenda-month", "/agenda/?vue=mois"),
    ("agenda-filtered", "/agenda/?theme=parentalite&public=parents"),
    ("agenda-archive", "/agenda/archives/"),
    ("agenda-filter-error", "/agenda/?du=2027-02-30"),
]


def test_agenda_views_and_event_pages_are_accessible(demo_page):
    # One test for all views: the demo site is built once rather than once per view.
    for name, path in AGENDA_VIEWS:
        response = demo_page.goto(path)

        assert response.status == 200, name
        assert demo_page.tab.locator("h1").count() == 1, name
        demo_page.check_page(name)
    check_event_pages(demo_page)


def check_event_pages(demo_page):
    # A cycle with several dates, and an event with a cancelled session.
    cycle = EventPage.objects.filter(sessions__status="scheduled").order_by("-numchild", "title").first()
    cancelled = EventPage.objects.filter(sessions__status="cancelled").first()
    for name, event in (("event-page", cycle), ("event-page-cancelled", cancelled)):
        demo_page.goto(event.url)
        assert demo_page.tab.locator("h1").inner_text() == event.title
        demo_page.check_page(name)


def test_a_resident_filters_the_agenda_with_the_keyboard_only(demo_page):
    tab = demo_page.tab
    demo_page.goto("/agenda/")

    # Tab until the theme filter has focus, pick a theme with the arrow keys, submit with Enter.
    for _ in range(40):
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement.id") == "id_theme":
            break
    assert tab.evaluate("document.activeElement.id") == "id_theme"
    tab.keyboard.press("ArrowDown")
    selected = tab.evaluate("document.activeElement.value")
    for _ in range(10):
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement.textContent.trim()") == "Afficher":
            break
    tab.keyboard.press("Enter")
    tab.wait_for_url(f"**theme={selected}**")

    assert "pour cette sélection" in tab.locator(".result-count").inner_text()
    # The first result link is reachable and opens the event page.
    tab.locator(".session__title a").first.focus()
    title = tab.evaluate("document.activeElement.textContent.trim()")
    tab.keyboard.press("Enter")
    tab.wait_for_load_state()
    assert tab.locator("h1").inner_text() == title


def test_the_subscribe_link_uses_webcal_and_the_file_link_serves_icalendar(demo_page):
    demo_page.goto("/agenda/?theme=parentalite")
    tab = demo_page.tab

    webcal = tab.get_by_role("link", name="S'abonner avec mon application de calendrier").get_attribute("href")
    ics = tab.get_by_role("link", name="Télécharger le fichier .ics").get_attribute("href")
    response = tab.request.get(demo_page.base_url + ics)

    assert webcal.startswith("webcal://") and webcal.endswith("/agenda/ical/?theme=parentalite")
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    assert response.text().startswith("BEGIN:VCALENDAR")
