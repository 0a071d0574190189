"""Views counted in Redis (portal/counters.py), against the local Redis: written to the database
by `write_counts` and before staff read the indicators, once each, never lost to Redis going down."""

import json
import uuid
from io import StringIO

from django.core.management import call_command
from django.test import override_settings

import pytest
import redis

from indicators.models import AidTally
from portal import counters
from resources.models import DiffusionCount
from tests.resources.factories import ResourceIndexPageFactory, ResourcePageFactory

from .conftest import staff_login

pytestmark = pytest.mark.django_db

REDIS_URL = "redis://127.0.0.1:6379/7"
RESIDENT = {"User-Agent": "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537"}


@pytest.fixture
def buffered():
    """Counts kept in the local Redis, under a prefix of this test's own."""
    prefix = f"test-{uuid.uuid4().hex[:12]}"
    with override_settings(COUNTS_REDIS_URL=REDIS_URL, CACHE_KEY_PREFIX=prefix):
        yield redis.Redis.from_url(REDIS_URL)
    client = redis.Redis.from_url(REDIS_URL)
    for name in client.scan_iter(match=f"{prefix}-counts*"):
        client.delete(name)


@pytest.fixture
def resource(home_page):
    return ResourcePageFactory(parent=ResourceIndexPageFactory(parent=home_page), title="Guide des aidants")


def write_counts(*args):
    out = StringIO()
    call_command("write_counts", *args, stdout=out)
    return out.getvalue().strip()


def views(resource):
    return list(DiffusionCount.objects.filter(resource=resource, kind="view").values_list("count", flat=True))


def test_views_wait_in_redis_then_write_counts_adds_them_once(client, resource, buffered):
    client.get(resource.url, headers=RESIDENT)  # the first view creates the site settings row
    assert client.get(resource.url, headers=RESIDENT)["X-Page-Cache"] == "miss"
    assert client.get(resource.url, headers=RESIDENT)["X-Page-Cache"] == "hit"  # a copy counts too

    assert views(resource) == []
    assert counters.pending() == {"resources.diffusioncount": 3}
    assert write_counts("--dry-run") == "Vues à inscrire : 3."
    assert views(resource) == []

    assert write_counts() == "Vues inscrites : 3."
    assert views(resource) == [3]
    assert counters.pending() == {}
    assert write_counts() == "Vues inscrites : 0."
    assert views(resource) == [3]

    client.get(resource.url, headers=RESIDENT)
    write_counts()
    assert views(resource) == [4]  # added to the day's row, not a second row


def test_an_aid_view_waits_in_redis_too_a_completed_path_does_not(buffered):
    from aids import signals

    signals.aid_viewed.send(sender="aids", aid_id=42)
    signals.question_path_completed.send(sender="aids")

    assert list(AidTally.objects.values_list("kind", "count")) == [(AidTally.Kind.PATH, 1)]
    assert counters.pending() == {"indicators.aidtally": 1}
    write_counts()
    assert AidTally.objects.get(kind=AidTally.Kind.VIEW, aid_id=42).count == 1


def test_the_indicators_page_writes_the_pending_views_before_reading_them(client, resource, buffered, viewer):
    client.get(resource.url, headers=RESIDENT)
    staff_login(client, viewer)

    assert client.get("/admin/indicateurs/").status_code == 200

    assert views(resource) == [1]
    assert counters.pending() == {}


def test_with_redis_unreachable_a_view_is_written_at_once(client, resource, caplog):
    with override_settings(COUNTS_REDIS_URL="redis://127.0.0.1:1/0"):
        assert client.get(resource.url, headers=RESIDENT).status_code == 200
        assert write_counts() == "Vues inscrites : 0."

    assert views(resource) == [1]
    assert "Redis is unreachable" in caplog.text


def test_counts_the_database_refuses_are_put_back_in_redis_not_lost(resource, buffered):
    counters.add_one_soon(DiffusionCount, resource_id=resource.pk, kind="view", file_format="", day="2026-03-02")
    # A count the database refuses (below zero: the column's check constraint) in the same batch.
    refused = json.dumps({"day": "2026-03-03", "file_format": "", "kind": "view", "resource_id": resource.pk})
    buffered.hincrby(f"{counters._prefix()}:resources.diffusioncount", refused, -5)

    assert counters.write_pending() == 0

    assert DiffusionCount.objects.count() == 0  # the batch is one transaction
    assert counters.pending() == {"resources.diffusioncount": -4}
