"""Deployment settings, security headers, error pages and log scrubbing."""

import logging
import os
import subprocess
import sys
from pathlib import Path

from django.test import Client, override_settings

import pytest

from portal.logging import ScrubQueryStringFilter, scrub
from tests.auth import login_with_second_factor

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parent.parent.parent

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": "k" * 20 + "9f3Xq!pL2#vB7zR@mN4$wT8&yC1^hJ6*sD0(eG5)uK-" + "x" * 10,
    "ALLOWED_HOSTS": "social.trois-vallons.example",
    "DATABASE_URL": f"sqlite:///{BASE_DIR / '.test-deploy-check.sqlite3'}",
    "BASE_URL": "https://social.trois-vallons.example",
    "EMAIL_HOST": "smtp.trois-vallons.example",
    "DEFAULT_FROM_EMAIL": "CIAS <ne-pas-repondre@trois-vallons.example>",
}


def run_manage(*args, env):
    clean_env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(  # noqa: S603 - fixed arguments, our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={**clean_env, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_check_deploy_without_any_warning():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (1 silenced)." in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}

    result = run_manage("check", env=env)

    assert result.returncode != 0
    assert "SECRET_KEY is required in production" in result.stderr


def test_production_settings_use_the_database_task_backend_and_a_shared_cache():
    script = (
        "from django.conf import settings;"
        "print(settings.TASKS['default']['BACKEND']);"
        "print(settings.CACHES['default']['BACKEND']);"
        "print(settings.CACHES['pages']['BACKEND'], settings.CACHES['pages']['LOCATION']);"
        "print(settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, settings.SECURE_HSTS_SECONDS)"
    )
    result = run_manage("shell", "--no-imports", "-c", script, env=PRODUCTION_ENV)
    with_redis = run_manage(
        "shell", "--no-imports", "-c", script, env={**PRODUCTION_ENV, "REDIS_URL": "redis://127.0.0.1:6379/0"}
    )

    lines = result.stdout.split("\n")
    assert result.returncode == 0, result.stderr
    assert "django_tasks_db.DatabaseBackend" in lines[0]
    assert lines[1] == "django.core.cache.backends.db.DatabaseCache"
    # Page copies in a table of their own: culling them can never evict a security key.
    assert lines[2] == "django.core.cache.backends.db.DatabaseCache portal_page_cache"
    assert lines[3] == "__Host-sessionid __Host-csrftoken 31536000"
    redis_lines = with_redis.stdout.split("\n")
    # Django's Redis cache, answering "nothing kept" while Redis is down (portal/resilient_cache.py).
    assert redis_lines[1] == "portal.resilient_cache.ResilientRedisCache"
    assert redis_lines[2] == "portal.resilient_cache.ResilientRedisCache redis://127.0.0.1:6379/0"


def test_public_pages_send_a_strict_content_security_policy_and_privacy_headers(client, home_page):
    response = client.get("/")
    csp = response["Content-Security-Policy"]

    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "object-src 'none'" in csp
    assert "base-uri 'none'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "form-action 'self'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_admin_keeps_framing_plugins_and_base_tags_blocked(client, admin_user):
    login_with_second_factor(client, admin_user)

    response = client.get("/admin/")
    csp = response["Content-Security-Policy"]

    assert response.status_code == 200
    assert "frame-ancestors 'none'" in csp
    assert "object-src 'none'" in csp
    assert "base-uri 'none'" in csp
    assert "no-store" in response["Cache-Control"] or "private" in response["Cache-Control"]


def test_unknown_page_answers_a_french_404_page(client, home_page):
    response = client.get("/cette-page-n-existe-pas/")
    html = response.content.decode()

    assert response.status_code == 404
    assert "<h1>Page introuvable</h1>" in html
    assert "Revenir à l&#x27;accueil" in html or "Revenir à l'accueil" in html
    assert 'lang="fr"' in html


def test_form_without_csrf_token_answers_a_french_403_page(home_page):
    client = Client(enforce_csrf_checks=True)

    response = client.post("/", {"q": "test"})

    assert response.status_code == 403
    assert "Accès refusé" in response.content.decode()


@override_settings(ALLOWED_HOSTS=["testserver"])
def test_unknown_host_answers_a_french_400_page(client, home_page):
    response = client.get("/", HTTP_HOST="pirate.example")

    assert response.status_code == 400
    assert "Demande incorrecte" in response.content.decode()


@override_settings(ROOT_URLCONF="tests.portal.urls_errors")
def test_server_error_answers_a_french_500_page_without_traceback(home_page):
    client = Client(raise_request_exception=False)

    response = client.get("/erreur/", {"email": "jean.dupont@example.org"})
    html = response.content.decode()

    assert response.status_code == 500
    assert "Le service rencontre un problème technique" in html
    assert "Traceback" not in html
    assert "RuntimeError" not in html
    assert "jean.dupont" not in html


@override_settings(ROOT_URLCONF="tests.portal.urls_errors")
def test_rate_limited_request_answers_a_french_429_page_with_retry_after(client, home_page):
    response = client.get("/trop/")

    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "Trop de tentatives" in response.content.decode()


def test_logs_never_keep_query_strings_or_private_tokens():
    line = '"GET /inscription/Zk3v9Qp1xYw8LmN2bV7cT4rS6uH0aE5/annuler/?email=jean%40example.org HTTP/1.1" 200'

    assert scrub(line) == '"GET /inscription/[…]/annuler/?[…] HTTP/1.1" 200'


def test_log_filter_rewrites_the_request_line_of_server_logs():
    record = logging.LogRecord(
        "django.server",
        logging.INFO,
        __file__,
        1,
        '"%s" %s %s',
        ("GET /recherche/?q=violences HTTP/1.1", "200", "5"),
        None,
    )

    ScrubQueryStringFilter().filter(record)

    assert "violences" not in record.getMessage()
    assert "/recherche/?[…]" in record.getMessage()
