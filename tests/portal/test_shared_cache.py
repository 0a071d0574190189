"""The shared cache in a real Redis: two releases kept apart, and Redis stopped never a 500."""

import json
import os
import shutil

from django.core.cache import caches
from django.test import Client, override_settings

import pytest
import redis
from allauth.account.models import EmailAddress

from deploy.cluster_check import services
from portal import resilient_cache
from portal.settings.base import shared_caches
from tests.appointments.conftest import appointment_page, commune, form_data, subjects  # noqa: F401 - fixtures
from tests.performance.conftest import text
from tests.performance.test_cache_safety import PASSWORD, fill_the_page_cache

# A redis-server of the test's own, waited for on its socket: out of the faketime run.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now"), pytest.mark.real_clock]


@pytest.fixture
def redis_server(tmp_path, monkeypatch):
    """A private redis-server on a free port, for this test only (never the machine's 6379)."""
    if shutil.which("redis-server") is None:
        if os.environ.get("CI"):
            pytest.fail("redis-server is missing")
        pytest.skip("redis-server is missing")
    server = services.redis_service(tmp_path).start()
    server.wait_for_port(server.port, timeout=10)
    server.url = f"redis://127.0.0.1:{server.port}/0"
    # Try Redis again at once after a failure: the tests restart it and look straight away.
    monkeypatch.setattr(resilient_cache, "RETRY_AFTER", 0.0)
    resilient_cache.ResilientRedisCache._down_until.clear()
    resilient_cache.ResilientRedisCache._full_said_until.clear()
    yield server
    server.stop()


def on_redis(server, release=""):
    return override_settings(CACHES=shared_caches(server.url, release=release))


def cache_status(response):
    return response.headers.get("X-Page-Cache")


def book(client, event, session, number):
    data = {
        "first_name": "Parent",
        "last_name": f"Numéro {number}",
        "email": f"parent{number}@example.org",
        "adults": "1",
        "children": "0",
        "consent": "on",
    }
    return client.post(f"{event.url}inscription/?seance={session.pk}", data)


def test_two_releases_side_by_side_never_serve_each_others_pages(client, site_settings, redis_server):
    with on_redis(redis_server, release="2026.11"):
        client.get("/")
        assert cache_status(client.get("/")) == "hit"
    with on_redis(redis_server, release="2026.12"):
        assert cache_status(client.get("/")) == "miss"
        assert cache_status(client.get("/")) == "hit"
    with on_redis(redis_server, release="2026.11"):
        assert cache_status(client.get("/")) == "hit"

    keys = redis.Redis.from_url(redis_server.url).keys("*")
    assert any(key.startswith(b"portal-pages-2026.11:") for key in keys)
    assert any(key.startswith(b"portal-pages-2026.12:") for key in keys)


def test_release_changes_page_and_rendition_keys_but_not_the_security_keys(redis_server):
    first, second = shared_caches(redis_server.url, release="a"), shared_caches(redis_server.url, release="b")

    assert first["pages"]["KEY_PREFIX"] != second["pages"]["KEY_PREFIX"]
    assert first["renditions"]["KEY_PREFIX"] != second["renditions"]["KEY_PREFIX"]
    assert first["default"]["KEY_PREFIX"] == second["default"]["KEY_PREFIX"] == "portal"


@override_settings(PUBLIC_FORM_RATE_LIMITS={"registration": 1})
def test_with_redis_stopped_the_rate_limit_fails_open_with_a_warning(client, workshop, redis_server, caplog):
    event, [session, _] = workshop
    with on_redis(redis_server):
        assert book(client, event, session, 1).status_code == 302
        assert book(client, event, session, 2).status_code == 429  # counted in Redis
        redis_server.stop()

        response = book(client, event, session, 3)

    assert response.status_code == 302
    assert "Redis cache unreachable (ConnectionError)" in caplog.text
    assert session.registrations.count() == 2


def test_with_redis_stopped_pages_and_every_post_answer_without_a_500(
    client, workshop, redis_server, django_user_model, request
):
    event, [session, _] = workshop
    answers = request.getfixturevalue("form_data")  # the appointments tests' form (imported above)
    django_user_model.objects.create_user("camille", email="camille@example.org", password="x" * 16)
    with on_redis(redis_server):
        client.get("/")
        redis_server.stop()

        assert client.get("/").status_code == 200
        assert client.get(event.url).status_code == 200
        assert book(client, event, session, 1).status_code == 302
        assert client.post("/rendez-vous/", answers).status_code == 302
        assert client.post("/rendez-vous/verifier/").status_code == 302
        login = client.post("/compte/login/", {"login": "camille@example.org", "password": "faux mot de passe"})
        assert login.status_code == 200  # the form again, with its error: allauth's limit failed open
        health = client.get("/healthz")

    assert json.loads(health.content) == {"status": "degraded", "database": "ok", "cache": "indisponible"}


def test_the_cache_is_used_again_as_soon_as_redis_is_back(client, home_page, redis_server, tmp_path):
    with on_redis(redis_server):
        redis_server.stop()
        assert client.get("/").status_code == 200
        restarted = services.redis_service(tmp_path, port=redis_server.port).start()
        try:
            restarted.wait_for_port(restarted.port, timeout=10)
            client.get("/")
            assert cache_status(client.get("/")) == "hit"
            assert caches["default"].add("still-there", 1) is True
        finally:
            restarted.stop()


def test_one_redis_client_per_connection_pool_not_one_per_cache_call(redis_server, monkeypatch):
    built = []
    original = redis.Redis.__init__
    monkeypatch.setattr(
        redis.Redis, "__init__", lambda self, *args, **kwargs: built.append(1) or original(self, *args, **kwargs)
    )
    with on_redis(redis_server):
        store = caches["pages"]
        for number in range(200):
            store.set(f"key-{number}", number)
            assert store.get_many([f"key-{number}", "missing"]) == {f"key-{number}": number}

    # redis-py fills ~170 response callbacks in each constructor: Django's client built one per call.
    assert len(built) == 1


def cap(server, policy):
    """Redis at its maxmemory soon: 150 KB above what it holds now, then `policy` applies."""
    client = redis.Redis.from_url(server.url)
    client.config_set("maxmemory-policy", policy)
    client.config_set("maxmemory", client.info("memory")["used_memory"] + 150_000)
    return client


def test_a_full_redis_that_may_evict_nothing_skips_writes_and_every_page_answers(
    client, site, redis_server, django_user_model, caplog, monkeypatch
):
    monkeypatch.setattr(resilient_cache, "RETRY_AFTER", 5.0)  # the fixture's 0 would say it at every write
    django_user_model.objects.create_user("camille", email="camille@example.org", password="x" * 16)
    with on_redis(redis_server):
        client.get("/")
        redis.Redis.from_url(redis_server.url).config_set("maxmemory", 1)  # full at once, noeviction

        pages = [client.get("/") for _attempt in range(2)]
        login = client.post("/compte/login/", {"login": "camille@example.org", "password": "faux mot de passe"})

    assert [page.status_code for page in pages] == [200, 200]
    assert login.status_code == 200  # the form again with its error, not a 500
    assert caplog.text.count("Redis cache full (maxmemory)") == 1  # said once, not at every write


@pytest.fixture
def pages_redis(tmp_path):
    """A second private Redis, for page copies only (PAGES_REDIS_URL)."""
    server = services.redis_service(tmp_path / "pages").start()
    server.wait_for_port(server.port, timeout=10)
    server.url = f"redis://127.0.0.1:{server.port}/0"
    yield server
    server.stop()


def test_a_full_pages_redis_evicts_page_copies_never_a_locked_account(
    redis_server, pages_redis, site, django_user_model
):
    user = django_user_model.objects.create_user("amina", "amina@example.org", PASSWORD)
    EmailAddress.objects.create(user=user, email="amina@example.org", verified=True, primary=True)
    attacker, right = Client(), {"login": "amina@example.org", "password": PASSWORD}
    with override_settings(CACHES=shared_caches(redis_server.url, pages_redis_url=pages_redis.url)):
        for _attempt in range(5):
            attacker.post("/compte/login/", {"login": "amina@example.org", "password": "mauvais"})
        assert "Trop de tentatives" in text(attacker.post("/compte/login/", right))
        pages = cap(pages_redis, "allkeys-lru")

        fill_the_page_cache(1000)

        assert cache_status(Client().get("/robots.txt?x=999")) == "hit"  # the pages Redis keeps copies
        refused = attacker.post("/compte/login/", right)
    security = redis.Redis.from_url(redis_server.url)
    assert pages.info("stats")["evicted_keys"] > 0
    assert security.info("stats")["evicted_keys"] == 0
    assert not security.keys("portal-pages*") and not pages.keys("portal:*")
    assert "Trop de tentatives" in text(refused)
    assert "_auth_user_id" not in attacker.session
