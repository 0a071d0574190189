"""`/healthz` tells a load balancer whether this app server can serve, quickly, and nothing more."""

import json
import threading
import time

from django.test import override_settings

import pytest

from portal import health
from tests.portal.test_security import PRODUCTION_ENV, run_manage

pytestmark = pytest.mark.django_db


def test_a_healthy_server_answers_ok_for_the_database_and_the_cache(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies


def test_the_answer_is_never_kept_by_the_page_cache(client, home_page):
    client.get("/healthz")
    response = client.get("/healthz")

    assert "X-Page-Cache" not in response


@pytest.mark.real_clock  # a timed wait on a thread: libfaketime breaks it
def test_a_database_that_hangs_answers_503_within_the_timeout(client, monkeypatch):
    release = threading.Event()
    monkeypatch.setattr(health, "check_database", lambda: release.wait(10))
    try:
        with override_settings(HEALTHZ_TIMEOUT=0.3):
            started = time.monotonic()
            response = client.get("/healthz")
            elapsed = time.monotonic() - started
    finally:
        release.set()

    assert response.status_code == 503
    assert json.loads(response.content) == {"status": "error", "database": "indisponible", "cache": "ok"}
    # Bounded by the 0.3 s timeout, far from the 10 s hang (a loaded machine adds its own delay).
    assert elapsed < 3.0


def test_a_failure_shows_no_error_text_host_or_version(client, monkeypatch, caplog):
    def broken():
        raise RuntimeError("connection to db-primary.intranet:5432 refused, psycopg 3.3.9")

    monkeypatch.setattr(health, "check_database", broken)

    response = client.get("/healthz")

    body = response.content.decode()
    assert response.status_code == 503
    assert set(json.loads(body)) == {"status", "database", "cache"}
    assert "db-primary" not in body and "5432" not in body and "psycopg" not in body
    assert "Health check database failed: RuntimeError" in caplog.text


def test_a_cache_that_fails_leaves_the_server_in_the_pool_as_degraded(client, monkeypatch):
    def broken(alias):
        raise ConnectionError("cache down")

    monkeypatch.setattr(health, "check_cache", broken)

    response = client.get("/healthz")

    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "degraded", "database": "ok", "cache": "indisponible"}


def test_only_safe_methods_are_answered(client):
    assert client.post("/healthz").status_code == 405
    assert client.head("/healthz").status_code == 200


@override_settings(SECURE_SSL_REDIRECT=True, SECURE_REDIRECT_EXEMPT=[r"^healthz$"])
def test_plain_http_health_checks_are_not_redirected_to_https(client, home_page):
    assert client.get("/healthz").status_code == 200
    assert client.get("/").status_code == 301


def test_production_exempts_only_the_health_check_from_the_https_redirect():
    script = "from django.conf import settings; print(settings.SECURE_REDIRECT_EXEMPT, settings.SECURE_SSL_REDIRECT)"

    result = run_manage("shell", "--no-imports", "-c", script, env=PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['^healthz$'] True"
