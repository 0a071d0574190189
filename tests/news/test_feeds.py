"""The news feeds (RSS and Atom) parse, with each item's title, date and absolute link."""

from datetime import date

import feedparser
import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_the_news_feed_parses_with_title_date_and_absolute_link(client, news_items, kind):
    response = client.get(f"/actualites/{kind}/")

    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == ("rss20" if kind == "rss" else "atom10")
    newest = sorted(news_items, key=lambda page: page.date, reverse=True)
    assert [entry.title for entry in feed.entries] == [page.title for page in newest]
    for entry, page in zip(feed.entries, newest, strict=True):
        published = entry.published_parsed
        assert date(published.tm_year, published.tm_mon, published.tm_mday) == page.date
        assert entry.link == f"http://testserver{page.url}"
        assert entry.summary == page.summary


def test_the_listing_announces_its_feeds(client, news_items):
    html = client.get("/actualites/").content.decode()

    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert 'href="/actualites/atom/"' in html


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_the_new_sessions_feed_lists_the_latest_published_first(client, agenda, kind):
    from datetime import timedelta

    from django.utils import timezone

    from events.models import EventPage
    from tests.factories import EventPageFactory, EventSessionFactory

    first = EventPageFactory(parent=agenda, title="Café des parents")
    EventSessionFactory(event=first, start=timezone.now() + timedelta(days=20))
    EventPage.objects.get(pk=first.pk).save_revision().publish()
    second = EventPageFactory(parent=agenda, title="Groupe d'échange entre aidants")
    EventSessionFactory(event=second, start=timezone.now() + timedelta(days=5))
    EventPage.objects.get(pk=second.pk).save_revision().publish()
    past = EventPageFactory(parent=agenda, title="Atelier passé")
    EventSessionFactory(event=past, start=timezone.now() - timedelta(days=5))
    EventPage.objects.get(pk=past.pk).save_revision().publish()

    feed = feedparser.parse(client.get(f"/flux/nouveaux-temps-ressources/{kind}/").content)

    assert not feed.bozo, feed.get("bozo_exception")
    assert [entry.title.split(" – ")[0] for entry in feed.entries] == [
        "Groupe d'échange entre aidants",
        "Café des parents",
    ]
    assert feed.entries[0].link == f"http://testserver{second.url}"
    assert all(entry.published_parsed for entry in feed.entries)
