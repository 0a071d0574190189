"""An editor creates the news listing and a news item in the admin, previews it, and the alert."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from wagtail.test.utils.form_data import nested_form_data, streamfield

import pytest

from news.models import NewsIndexPage, NewsPage, SiteAlert
from tests.home.test_admin_preview import preview_with_new_title

pytestmark = pytest.mark.django_db


def test_an_editor_creates_the_listing_and_an_item_then_previews_both(admin_client, home_page):
    add_index = reverse("wagtailadmin_pages:add", args=("news", "newsindexpage", home_page.pk))
    data = {"title": "Actualités", "slug": "actualites", "introduction": "Les nouvelles du CCAS."}
    response = admin_client.post(add_index, nested_form_data({**data, "action-publish": "publish"}))
    assert response.status_code == 302, response.content.decode()[:2000]
    index = NewsIndexPage.objects.get(slug="actualites")

    add_item = reverse("wagtailadmin_pages:add", args=("news", "newspage", index.pk))
    item = {
        "title": "Restitution de l'analyse des besoins sociaux",
        "slug": "restitution-abs",
        "date": "2027-04-14",
        "summary": "Venez découvrir le portrait social du territoire.",
        "image_alt": "",
        "body": streamfield([]),
        "action-publish": "publish",
    }
    response = admin_client.post(add_item, nested_form_data(item))
    assert response.status_code == 302, response.content.decode()[:3000]
    page = NewsPage.objects.get(slug="restitution-abs")
    assert page.live and page.date.isoformat() == "2027-04-14"

    for target in (index, page):
        preview = preview_with_new_title(admin_client, target, f"Brouillon : {target.title}")
        assert preview.status_code == 200
        assert "Brouillon : " in preview.content.decode()


def test_the_related_page_chooser_offers_events_and_resources_only(admin_client, news_index):
    from tests.news.conftest import make_news

    page = make_news(news_index, "Un nouveau cycle", timezone.localdate())
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()

    assert "events.eventpage" in html and "resources.resourcepage" in html


def test_the_alert_is_created_in_the_admin(admin_client, home_page):
    url = reverse("wagtailsnippets_news_sitealert:add")
    now = timezone.localtime()
    response = admin_client.post(
        url,
        {
            "level": "urgent",
            "message": "Plan canicule activé.",
            "starts_at": now.strftime("%Y-%m-%d %H:%M"),
            "ends_at": (now + timedelta(days=2)).strftime("%Y-%m-%d %H:%M"),
            "link_url": "",
            "link_text": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert SiteAlert.objects.get().level == "urgent"
