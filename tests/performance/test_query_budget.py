"""Every public page runs the same number of SQL queries with a small site and a site ten times larger."""

import pytest

from portal.cache import CONTENT, renew

from .conftest import count_queries

pytestmark = pytest.mark.django_db


def measure(client, urls):
    """Queries of each page, warm (listing fragments kept) and cold (after a change of content)."""
    for _round in range(2):  # the first views store file sizes and settings rows: content changes
        for url in urls.values():
            client.get(url)
    warm = {name: count_queries(client, url) for name, url in urls.items()}
    cold = {}
    for name, url in urls.items():
        renew(CONTENT)  # a new content version: no fragment rendered before is reused
        cold[name] = count_queries(client, url)
    return warm, cold


def test_every_public_page_runs_as_many_queries_with_ten_times_the_content(client, portal, no_page_cache):
    urls = portal.urls()
    small_warm, small_cold = measure(client, urls)

    portal.grow(27)  # 3 → 30 events, resources, partners, sessions of the event, documents…
    large_warm, large_cold = measure(client, urls)

    assert portal.event.sessions.count() == 30
    assert portal.resource.related_partners.count() == 30
    assert {name: (small_warm[name], large_warm[name]) for name in urls if small_warm[name] != large_warm[name]} == {}
    assert {name: (small_cold[name], large_cold[name]) for name in urls if small_cold[name] != large_cold[name]} == {}
    print(*(f"{name:20} {small_warm[name]:3} {large_warm[name]:3} {large_cold[name]:3}" for name in urls), sep="\n")  # noqa: T201


def test_no_public_page_needs_more_than_twenty_five_queries(client, portal, no_page_cache):
    urls = portal.urls()
    for url in urls.values():
        client.get(url)

    counts = {name: count_queries(client, url) for name, url in urls.items()}

    assert {name: count for name, count in counts.items() if count > 25} == {}
