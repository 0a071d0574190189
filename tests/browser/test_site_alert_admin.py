"""Communication puts up the site-wide alert in a real browser, CSRF checks on, and a visitor sees it
on the next page even though the cache held that page without it; an alert that would end before
it starts is refused with a clear error."""

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

import pytest

from news.models import SiteAlert
from tests.browser.conftest import BrowserPage, sign_in_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def save(tab):
    with tab.expect_navigation():
        tab.get_by_role("button", name="Enregistrer").first.click()


def fill_alert(tab, message, starts, ends):
    tab.select_option("#id_level", "urgent")
    tab.fill("#id_message", message)
    tab.fill("#id_starts_at", starts.strftime(settings.WAGTAIL_DATETIME_FORMAT))
    tab.fill("#id_ends_at", ends.strftime(settings.WAGTAIL_DATETIME_FORMAT))
    tab.keyboard.press("Escape")  # close the date picker the last field opened


def test_communication_puts_up_an_urgent_alert_that_cached_pages_show_at_once(
    site_settings, staff_member, browser_page, chromium, live_server
):
    visitor = BrowserPage(chromium, live_server.url)
    try:
        visitor.goto("/")
        assert visitor.goto("/").headers.get("x-page-cache") == "hit"  # the home page is in the cache
        assert visitor.tab.locator(".site-alert").count() == 0

        camille = staff_member("Communication", "camille@example.org", "Camille", "Roussel")
        sign_in_staff(browser_page, camille)
        tab = browser_page.tab
        browser_page.goto(reverse("wagtailsnippets_news_sitealert:add"))
        now = timezone.localtime().replace(second=0, microsecond=0)

        # An alert that would end before it starts is refused, and nothing is saved.
        fill_alert(tab, "Plan canicule activé : appelez le 03 53 01 00 00.", now, now - timedelta(hours=1))
        save(tab)
        assert SiteAlert.objects.count() == 0
        assert "La fin de l'affichage doit venir après son début." in tab.inner_text("main")
        assert browser_page.admin_axe_violations() == []

        fill_alert(
            tab,
            "Plan canicule activé : appelez le 03 53 01 00 00.",
            now - timedelta(minutes=1),
            now + timedelta(days=2),
        )
        save(tab)
        alert = SiteAlert.objects.get()
        assert alert.level == "urgent" and alert.ends_at > timezone.now()

        # The visitor's next page carries the banner (the cache held the page without it).
        visitor.goto("/")
        assert "Plan canicule activé" in visitor.tab.locator(".site-alert").inner_text()
        assert visitor.axe_violations() == []
    finally:
        visitor.close()
