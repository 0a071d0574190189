"""Tests: fast hashing, mail kept in memory, tasks run inline."""

import os

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASES, shared_caches

SECRET_KEY = "test-only-key-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJ"
DEBUG = False
ALLOWED_HOSTS = ["*"]
# MD5 keeps user creation fast; security is tested against production settings separately.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# pytest-django swaps in locmem anyway; set it so `manage.py shell` with test settings agrees.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Texts kept in portal.sms.backends.locmem.outbox, emptied before each test (tests/conftest.py).
SMS_BACKEND = "portal.sms.backends.locmem"
SMS_SENDER = "CCAS Test"
# No manifest needed: tests do not run collectstatic.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# TEST_MEDIA_ROOT: two test runs side by side keep apart; so do the workers of one run (pytest-xdist
# names them gw0, gw1…; pytest-django gives each its own test database the same way).
MEDIA_ROOT = BASE_DIR / (os.environ.get("TEST_MEDIA_ROOT", ".test-media") + os.environ.get("PYTEST_XDIST_WORKER", ""))
# Static files come from the app folders (finders, below), never from a folder an earlier
# `collectstatic` (make bench, a deployment rehearsal) left behind with older copies.
STATIC_ROOT = BASE_DIR / ".test-static-never-collected"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
CACHES = shared_caches()
COUNTS_REDIS_URL = ""  # views written at once; tests of the Redis path set it
# Feeds and embedding pages served on 127.0.0.1 over plain http (tests' local servers).
ALLOW_LOOPBACK_HTTP = True

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file database (not the in-memory default) so threads and the live server share it.
    # TEST_DATABASE_NAME lets two test runs on one machine keep separate files.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / os.environ.get("TEST_DATABASE_NAME", ".test-db.sqlite3"))}
else:
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("TEST_DATABASE_NAME", "test_portal")}
    # A test database need not survive a crash: commits (each transactional test's flush) do not
    # wait for the write-ahead log to reach the disk.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"
# Django's backends with a cheaper flush between transactional tests (tests/db_backends).
DATABASES["default"]["ENGINE"] = "tests.db_backends." + DATABASES["default"]["ENGINE"].rsplit(".", 1)[1]
# Media through the URLs, after the middleware, as `make run` (DEBUG) serves them.
SERVE_MEDIA = True
# Serve static files from the app folders (no collectstatic in tests), also for the live server.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
