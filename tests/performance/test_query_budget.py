"""Every public page runs the same number of SQL queries with a small site and a site ten times larger."""

import pytest

from .conftest import count_queries

pytestmark = pytest.mark.django_db


def test_every_public_page_runs_as_many_queries_with_ten_times_the_content(client, portal, no_page_cache):
    urls = portal.urls()
    for url in urls.values():  # creates the settings rows and fills Wagtail's own caches
        client.get(url)
    small = {name: count_queries(client, url) for name, url in urls.items()}

    portal.grow(27)  # 3 → 30 events, resources, partners, sessions of the event, documents…
    for url in urls.values():  # first views of new documents store their file sizes
        client.get(url)
    large = {name: count_queries(client, url) for name, url in urls.items()}

    assert portal.event.sessions.count() == 30
    assert portal.resource.related_partners.count() == 30
    assert {name: (small[name], large[name]) for name in urls if small[name] != large[name]} == {}
    print(*(f"{name:20} {small[name]:3} {large[name]:3}" for name in urls), sep="\n")  # noqa: T201


def test_no_public_page_needs_more_than_twenty_five_queries(client, portal, no_page_cache):
    urls = portal.urls()
    for url in urls.values():
        client.get(url)

    counts = {name: count_queries(client, url) for name, url in urls.items()}

    assert {name: count for name, count in counts.items() if count > 25} == {}
