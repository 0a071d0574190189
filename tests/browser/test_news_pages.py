"""News and the site-wide alert in a real browser: axe at 1280 and 320 px, screenshots."""

from datetime import timedelta

from django.utils import timezone

import pytest

from news.models import NewsPage, SiteAlert

pytestmark = [pytest.mark.browser]


def test_the_news_listing_and_a_news_page_are_accessible(demo_page):
    item = NewsPage.objects.live().get(slug="restitution-de-l-analyse-des-besoins-sociaux")
    for name, path, title in [("index", "/actualites/", "Actualités"), ("page", item.url, item.title)]:
        response = demo_page.goto(path)
        assert response.status == 200, path
        assert demo_page.tab.locator("h1").inner_text() == title
        demo_page.check_page(f"news-{name}")
    demo_page.goto("/")
    assert demo_page.tab.locator("#home-news-title").inner_text() == "Actualités"


@pytest.mark.parametrize("level", ["information", "important", "urgent"])
def test_the_alert_banner_passes_axe_in_each_level(demo_page, level):
    now = timezone.now()
    alert = SiteAlert.objects.create(
        level=level,
        message="Plan canicule activé : si vous êtes seul ou fragile, appelez le CIAS au 03 53 01 00 00.",
        starts_at=now - timedelta(minutes=1),
        ends_at=now + timedelta(hours=1),
        link_url="https://www.example.org/canicule",
        link_text="Les bons gestes en cas de canicule",
    )
    try:
        demo_page.goto("/")
        banner = demo_page.tab.locator(".site-alert")
        assert banner.count() == 1
        assert banner.get_attribute("role") == ("alert" if level == "urgent" else "status")
        assert (demo_page.tab.get_by_role("button", name="Masquer ce message").count() == 1) is (level == "information")
        demo_page.check_page(f"alert-{level}")
        if level == "information":
            demo_page.tab.get_by_role("button", name="Masquer ce message").click()
            demo_page.tab.wait_for_load_state()
            assert demo_page.tab.locator(".site-alert").count() == 0
    finally:
        alert.delete()


def test_the_prevenez_moi_and_subscription_forms_are_accessible_with_their_errors(demo_page):
    from events.models import EventPage

    event = EventPage.objects.live().get(slug="groupe-de-parents")
    tab = demo_page.tab
    for name, path, button in [
        ("notify-form", f"/abonnements/prevenez-moi/{event.pk}/", "Me prévenir"),
        ("subscription-form", "/abonnements/temps-ressources/?theme=parentalite&commune=brecy-la-riviere", "M'abonner"),
    ]:
        assert demo_page.goto(path).status == 200
        demo_page.check_page(f"news-{name}")
        tab.get_by_label("Adresse e-mail").fill("amina@")
        tab.get_by_role("button", name=button).click()
        tab.wait_for_load_state()
        assert tab.locator(".error-summary").is_visible()
        assert tab.evaluate("document.activeElement.classList.contains('error-summary')")
        demo_page.check_page(f"news-{name}-error")
