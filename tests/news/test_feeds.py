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
