"""Production: every secret from the environment, HTTPS only, shared cache, durable tasks.

Required environment: SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, BASE_URL, EMAIL_HOST,
DEFAULT_FROM_EMAIL. Optional: REDIS_URL, CSRF_TRUSTED_ORIGINS, EMAIL_*, SMS_* and SMPP_*, S3_* (media in
a bucket), TRUSTED_PROXIES, RELEASE (see README and deploy/portal.env).
"""

import os
import re

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import BASE_URL, SMS_SENDER, env_bool, shared_caches

DEBUG = False


def require(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} is required in production.")
    return value


SECRET_KEY = require("SECRET_KEY")
require("ALLOWED_HOSTS")
require("DATABASE_URL")
require("EMAIL_HOST")
require("DEFAULT_FROM_EMAIL")
require("BASE_URL")
if not CSRF_TRUSTED_ORIGINS:
    CSRF_TRUSTED_ORIGINS = [BASE_URL]

# --- Text messages: explicit, and safe when no provider is configured ---------------------------
# Without SMS_BACKEND nothing is sent and every text is marked failed (ProviderNotConfigured),
# so staff see they must phone; forms never fail for it. With SMPP, the account is required.
SMS_BACKEND = os.environ.get("SMS_BACKEND", "portal.sms.backends.disabled")
if SMS_BACKEND.startswith("portal.sms.backends.smpp"):
    SMPP_HOST = require("SMPP_HOST")
    SMPP_SYSTEM_ID = require("SMPP_SYSTEM_ID")
    SMPP_PASSWORD = require("SMPP_PASSWORD")
    SMS_SENDER = require("SMS_SENDER")
if not re.fullmatch(r"(?=.*[A-Za-z])[A-Za-z0-9 .\-]{3,11}|\+?\d{3,15}", SMS_SENDER):
    raise ImproperlyConfigured("SMS_SENDER: 3 to 11 letters, digits, spaces, dots or dashes, or a number.")

# --- HTTPS --------------------------------------------------------------------------------------
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# The load balancer's health checks reach each app server over plain HTTP (deploy/haproxy).
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# Only trust X-Forwarded-Proto when the reverse proxy always sets it (documented in README).
if env_bool("BEHIND_TLS_PROXY", True):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# A CCAS portal usually lives on a sub-domain of the town's domain, which cannot be preloaded
# on its own; preloading is a decision for the whole domain, so it stays off (check W021).
SECURE_HSTS_PRELOAD = False
SILENCED_SYSTEM_CHECKS = ["security.W021"]

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
# __Host- cookies are bound to this exact host, over HTTPS, on path "/".
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"

# Off only for a plain-HTTP loopback server (make bench); browsers would upgrade its assets.
if env_bool("CSP_UPGRADE_INSECURE_REQUESTS", True):
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"] = True

# --- Caches: shared by every gunicorn worker ----------------------------------------------------
if not os.environ.get("REDIS_URL"):
    # Two database tables: run `manage.py createcachetable` before `migrate` (README); page
    # copies on PAGES_REDIS_URL's Redis instead of their table when it is set.
    CACHES = shared_caches(pages_redis_url=os.environ.get("PAGES_REDIS_URL", ""), database=True)

# --- Durable background tasks: run `manage.py db_worker` as a second process --------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

ADMINS = [("Admin", email) for email in os.environ.get("ADMINS", "").split(",") if email.strip()]
