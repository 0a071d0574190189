"""Settings shared by every environment. Everything site-specific comes from the environment."""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

import dj_database_url
from csp.constants import NONCE, NONE, SELF

from .env import env_bool, env_list

BASE_DIR = Path(__file__).resolve().parent.parent.parent


# --- Core ---------------------------------------------------------------------------------------

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "home",
    "partners",
    "events",
    "resources",
    "appointments",
    "welfare",
    "aids",
    "news",
    "indicators",
    "accounts",
    "portal",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "allauth",
    "allauth.account",
    "allauth.mfa",
]

MIDDLEWARE = [
    "portal.middleware.ClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.middleware.SecurityHeadersMiddleware",
    "portal.middleware.CSPMiddleware",
    # Outside the page cache: the alert banner is current on cached copies too (news.alerts).
    "news.alerts.SiteAlertMiddleware",
    "portal.cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.SessionLifetimeMiddleware",
    "accounts.middleware.StaffMFAMiddleware",
    # The register of vulnerable people's admin addresses answer 403 to anonymous visitors too.
    "welfare.middleware.RegisterAdminGate",
    # A partner's account opening another organisation's event in the admin gets a 403.
    "events.partner_access.PartnerAdminGate",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "csp.context_processors.nonce",
            ],
        },
    },
]

# --- Databases ----------------------------------------------------------------------------------
# SQLite by default (development, `make run`); PostgreSQL through DATABASE_URL.

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=60,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Persistent connections bring nothing to SQLite and keep file handles open.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # IMMEDIATE takes the write lock at BEGIN so concurrent writers wait (up to `timeout`
    # seconds) instead of failing with "database is locked"; WAL lets readers go on meanwhile.
    # https://docs.djangoproject.com/en/5.2/ref/databases/#sqlite-transaction-behavior
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Through PgBouncer in transaction mode (README "Several app servers") each transaction may
    # run on another server connection: a server-side cursor (QuerySet.iterator()) would not be
    # found by the next fetch. Prepared statements are already off (Django's psycopg 3 default)
    # and the booking lock timeout is transaction-local (events/services.py).
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env_bool("DISABLE_SERVER_SIDE_CURSORS", False)
    # A database that does not answer fails in bounded time (/healthz, requests) instead of hanging.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = int(
        os.environ.get("DATABASE_CONNECT_TIMEOUT", "5")
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Caches -------------------------------------------------------------------------------------
# Security state, page copies and renditions in three stores that never share entries: caches.py.
from .caches import CACHE_KEY_PREFIX, PAGE_CACHE_ENTRIES, REDIS_TIMEOUT, RELEASE, shared_caches  # noqa: E402, F401

CACHES = shared_caches(os.environ.get("REDIS_URL", ""), pages_redis_url=os.environ.get("PAGES_REDIS_URL", ""))
# Where pages count their views before `write_counts` adds them to the database
# (portal/counters.py); empty: views are written to the database at once.
COUNTS_REDIS_URL = os.environ.get("REDIS_URL", "")

# --- Passwords ----------------------------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Internationalisation -----------------------------------------------------------------------

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fr", "Français")]

# --- Static and media files ---------------------------------------------------------------------

STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_URL = "/static/"
# Images and documents: local files in MEDIA_ROOT, or an S3-compatible bucket when S3_BUCKET is
# set (several app servers): see media.py.
from .media import MEDIA_ROOT, MEDIA_URL, SERVE_MEDIA, STORAGES  # noqa: E402, F401

# Keep Django's 2.5 MB body limit; far fewer fields than the default 1,000 are ever needed.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 400

# --- Email --------------------------------------------------------------------------------------

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Portail social <ne-pas-repondre@localhost>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# Who signs the messages (organisation name, site settings), given the site: see portal/emails.py.
EMAIL_SENDER_CONTEXT = "home.emails.sender_context"
EMAIL_SUBJECT_PREFIX = "[Portail] "
# How many times the outbox tries one message before giving up (see portal/emails.py).
EMAIL_MAX_ATTEMPTS = int(os.environ.get("EMAIL_MAX_ATTEMPTS", "8"))

# --- Text messages (SMS) -----------------------------------------------------------------------
# See portal/sms/__init__.py (guarantees, what is kept) and README "Text messages".

# Module (or class) of the backend: portal.sms.backends.console (dev), .locmem (tests), .smpp,
# or .disabled, which sends nothing and marks each text failed so staff phone the person.
SMS_BACKEND = os.environ.get("SMS_BACKEND", "portal.sms.backends.disabled")
# The sender residents see: the organisation's short name, 3 to 11 letters or digits, no accent.
SMS_SENDER = os.environ.get("SMS_SENDER", "CCAS")
# Attempts per text before it is marked failed; retries wait 1, 2, 4 … 60 minutes.
SMS_MAX_ATTEMPTS = int(os.environ.get("SMS_MAX_ATTEMPTS", "8"))
# No text leaves in this window (portal time zone) unless waiting would pass its deadline;
# "" for none.
SMS_QUIET_HOURS = os.environ.get("SMS_QUIET_HOURS", "20:00-08:00")
# Ask the provider for delivery receipts (SMPP registered_delivery); staff see "reçu".
SMS_DELIVERY_RECEIPTS = env_bool("SMS_DELIVERY_RECEIPTS", True)
# SMPP 3.4 account given by the operator or aggregator (portal.sms.backends.smpp).
SMPP_HOST = os.environ.get("SMPP_HOST", "127.0.0.1")
SMPP_PORT = int(os.environ.get("SMPP_PORT", "2775"))
SMPP_SYSTEM_ID = os.environ.get("SMPP_SYSTEM_ID", "")
SMPP_PASSWORD = os.environ.get("SMPP_PASSWORD", "")
# Often empty; some providers require one (at most 12 characters).
SMPP_SYSTEM_TYPE = os.environ.get("SMPP_SYSTEM_TYPE", "")
# TLS straight from the start (providers usually listen on 3550 or 8775 for it); certificate
# checked against SMPP_HOST with the system CAs, or SMPP_TLS_CA_FILE.
SMPP_USE_TLS = env_bool("SMPP_USE_TLS", False)
SMPP_TLS_CA_FILE = os.environ.get("SMPP_TLS_CA_FILE", "")
# Seconds to connect, bind or get an answer to one message before trying again later.
SMPP_TIMEOUT = float(os.environ.get("SMPP_TIMEOUT", "10"))
# "transmitter" (send only; receipts on a separate receiver bind) or "transceiver" (both).
SMPP_BIND_MODE = os.environ.get("SMPP_BIND_MODE", "transmitter")
# How a two-part text is linked: "udh" (user data header, the common case) or "sar" (TLVs).
SMPP_CONCATENATION = os.environ.get("SMPP_CONCATENATION", "udh")

# --- Background tasks (django-tasks) ------------------------------------------------------------
# The immediate backend runs a task inside the call (development); production uses the database
# backend of django-tasks-db with its `db_worker` process.

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# --- Wagtail ------------------------------------------------------------------------------------

WAGTAIL_SITE_NAME = os.environ.get("WAGTAIL_SITE_NAME", "Portail de l'action sociale")
# Absolute links in emails and feeds (no trailing slash), e.g. https://social.example.fr
WAGTAILADMIN_BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000").rstrip("/")
BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "ods", "docx", "xlsx", "txt", "csv", "mp3", "rtf"]
# Help texts that keep uploaded documents accessible (RGAA 13.3).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "home.forms.AccessibleDocumentForm"
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# --- Security headers ---------------------------------------------------------------------------

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"

# The public site: no inline script without a nonce, no third-party origin at all.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
        "base-uri": [NONE],
    },
}
# The Wagtail admin still needs inline scripts and styles (wagtail/roadmap#92); it keeps the
# directives that stop framing, plugins and base-tag injection. Sent by SecurityHeadersMiddleware.
ADMIN_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
    "connect-src 'self'; frame-src 'self'; frame-ancestors 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'"
)

# Plain http is refused for feed addresses and embedding sites, except on 127.0.0.1 when True
# (the tests' local servers, development).
ALLOW_LOOPBACK_HTTP = False
# Partners' iCalendar feeds (import_partner_feeds): seconds for the whole read, bytes at most,
# and how far ahead recurring events are expanded.
FEED_IMPORT_TIMEOUT = float(os.environ.get("FEED_IMPORT_TIMEOUT", "20"))
FEED_IMPORT_MAX_BYTES = int(os.environ.get("FEED_IMPORT_MAX_BYTES", str(5_000_000)))
FEED_IMPORT_DAYS_AHEAD = 365

# --- Client address and public form limits ------------------------------------------------------
# The reverse proxies / load balancers whose X-Forwarded-For is believed (addresses or networks,
# comma-separated, e.g. "127.0.0.1,10.0.0.0/24"). Empty: REMOTE_ADDR is the client.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "")
# Saved submissions per hour and client address (portal/ratelimit.py). Invalid posts do not count.
PUBLIC_FORM_RATE_LIMITS = {
    "registration": int(os.environ.get("REGISTRATION_RATE_LIMIT", "10")),
    "appointment": int(os.environ.get("APPOINTMENT_RATE_LIMIT", "10")),
    "register": int(os.environ.get("REGISTER_RATE_LIMIT", "10")),
    "news": int(os.environ.get("NEWS_RATE_LIMIT", "10")),
}
# Minutes the answers of a multi-step form not sent yet are kept server-side (portal.drafts).
FORM_DRAFT_MINUTES = 30
RATE_LIMIT_CACHE = "default"
# /healthz (portal/health.py): seconds to wait for the database and the cache, both at once.
HEALTHZ_TIMEOUT = float(os.environ.get("HEALTHZ_TIMEOUT", "2"))
# Where "Quitter rapidement" leads once the visit's data is erased: a neutral, common site.
QUICK_EXIT_URL = os.environ.get("QUICK_EXIT_URL", "https://www.meteofrance.com/")
# Pages that show secrets or personal data and must never be stored by the browser.
NO_STORE_PATH_PREFIXES = ["/compte/", "/mon-espace/", "/registre-personnes-vulnerables/"]

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# 30 minutes idle (sliding), closed with the browser: front-desk and library computers are shared.
SESSION_COOKIE_AGE = 1800
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# --- Logging ------------------------------------------------------------------------------------
# No request bodies and no query strings in logs: links may carry personal tokens.

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "scrub_urls": {"()": "portal.logging.ScrubQueryStringFilter"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["scrub_urls"]},
        # Server errors reach ADMINS (Django's default, which this dict would otherwise drop).
        "mail_admins": {
            "level": "ERROR",
            "class": "portal.logging.OutboxAdminEmailHandler",
            "filters": ["require_debug_false", "scrub_urls"],
        },
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django": {"handlers": ["console", "mail_admins"], "level": "INFO", "propagate": False},
        "portal": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # At DEBUG, django.template dumps whole template contexts (names, addresses) when a
        # variable is missing: never below INFO, even when "django" is turned up to debug.
        "django.template": {"level": "INFO"},
        # smpplib dumps whole PDUs (numbers, texts) at DEBUG: never below WARNING.
        "portal.sms.wire": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

CSRF_FAILURE_VIEW = "portal.views.csrf_failure"

# No avatar requests to a third party from the admin (privacy, and the CSP blocks them anyway).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# The admin dashboard would otherwise ask releases.wagtail.org for the latest version.
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Page addresses without accents (« nouvelle-permanence-a-brecy », not « …-à-brécy »): typed,
# read aloud and printed on posters.
WAGTAIL_ALLOW_UNICODE_SLUGS = False

# --- Prevention resources (resources app) -------------------------------------------------------
# Every download goes through Wagtail's document view (/documents/<id>/<name>), never a direct
# /media/ URL, so the `document_served` signal counts it (resources/services.py) and the count
# cannot be bypassed. The reverse proxy must not serve /media/documents/ either (README).
# https://docs.wagtail.org/en/stable/reference/settings.html#wagtaildocs-serve-method
# With media in an S3 bucket (S3_BUCKET), "serve_view" streams each file through the app server
# and "redirect" answers with a signed link valid S3_LINK_SECONDS (the bucket must then be
# reachable by browsers, and the CSP's media-src allow it): measured in README "Several app
# servers". Never "direct", which would skip the count and the collection privacy.
WAGTAILDOCS_SERVE_METHOD = os.environ.get("DOCUMENTS_SERVE_METHOD", "serve_view")
if WAGTAILDOCS_SERVE_METHOD not in ("serve_view", "redirect"):
    raise ImproperlyConfigured("DOCUMENTS_SERVE_METHOD: serve_view or redirect")
# French stemming for PostgreSQL's full-text search ("parents" finds "parent"); SQLite's FTS5
# backend ignores it. Changing it on an existing database needs `manage.py update_index`.
WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "french"
# Self-hosted videos and their captions (the resources' video block: no third-party player).
WAGTAILDOCS_EXTENSIONS = [*WAGTAILDOCS_EXTENSIONS, "mp4", "webm", "vtt"]

# --- Registrations (events app) ------------------------------------------------------------------
# Retention (events/retention.py, cron `purge_registration_data`): needs (childcare, access,
# interpreter) are erased this many days after the session, names and contact details this
# many months after it; the form's privacy notice shows the same figures. The reminder leaves
# this many hours before a session (cron `send_reminders`).
EVENTS_NEEDS_RETENTION_DAYS = int(os.environ.get("EVENTS_NEEDS_RETENTION_DAYS", "30"))
EVENTS_PERSONAL_RETENTION_MONTHS = min(int(os.environ.get("EVENTS_PERSONAL_RETENTION_MONTHS", "12")), 24)
EVENTS_REMINDER_HOURS = int(os.environ.get("EVENTS_REMINDER_HOURS", "48"))

# --- Appointment requests -----------------------------------------------------------------------
# Months a closed request is kept before `purge_appointment_requests` deletes it (RGPD; the
# form's notice shows the same figure). CNIL guidance: never more than 24 months.
APPOINTMENTS_RETENTION_MONTHS = min(int(os.environ.get("APPOINTMENTS_RETENTION_MONTHS", "12")), 24)
# Minutes the answers of a request not sent yet are kept (form → check step), then deleted.
APPOINTMENTS_PENDING_MINUTES = 30

# --- Register of vulnerable people (welfare app) -----------------------------------------------
# Code de l'action sociale et des familles, L121-6-1 and R121-2 to R121-12; see welfare/ and README.
# Default delay before a "pas de réponse" comes back in a campaign's call list (each campaign
# may choose its own when it is started).
WELFARE_RETRY_MINUTES = int(os.environ.get("WELFARE_RETRY_MINUTES", "120"))
# Days a closed campaign keeps its nominative call list (names, outcomes, notes) for the
# follow-up; then `purge_register_data` deletes it and only the anonymous figures remain.
WELFARE_CALL_LIST_DAYS = min(int(os.environ.get("WELFARE_CALL_LIST_DAYS", "30")), 90)
# Yearly re-confirmation: entries confirmed less than this many days ago are not asked again;
# a reminder follows each unanswered message after WELFARE_RECONFIRM_REMINDER_DAYS (two at most,
# then the entry is flagged for a call — never deleted).
WELFARE_RECONFIRM_AFTER_DAYS = int(os.environ.get("WELFARE_RECONFIRM_AFTER_DAYS", "180"))
WELFARE_RECONFIRM_REMINDER_DAYS = int(os.environ.get("WELFARE_RECONFIRM_REMINDER_DAYS", "21"))

# --- Accounts (django-allauth) ------------------------------------------------------------------
# Residents never need an account; staff accounts must be strong. See accounts/ and the README.

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
ACCOUNT_ADAPTER = "accounts.adapter.PortalAccountAdapter"
ACCOUNT_FORMS = {"login": "accounts.forms.LoginForm", "signup": "accounts.forms.SignupForm"}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
# A six-character code is easier to type on a phone than a long link is to open.
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_PREVENT_ENUMERATION = True
# Password reset by a code too: no secret in a URL (logs, browser history, shared computers).
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = True
# No "remember me": front-desk and library computers are shared.
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_LOGIN_BY_CODE_ENABLED = False
# allauth's defaults (login_failed "10/m/ip,5/300s/key", signup "20/m/ip", reset "20/m/ip,5/m/key")
# hold across workers because they live in the shared cache.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/300s/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "confirm_email": "1/3m/key",
}
# Two-factor authentication, mandatory for staff (accounts.middleware.StaffMFAMiddleware).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = os.environ.get("MFA_TOTP_ISSUER", WAGTAIL_SITE_NAME)
MFA_TOTP_TOLERANCE = 0
MFA_TRUST_ENABLED = False
MFA_PASSKEY_LOGIN_ENABLED = False
# Staff sessions: 30 minutes idle (SESSION_COOKIE_AGE, sliding) and 12 hours at most.
SESSION_ABSOLUTE_MAX_AGE = 12 * 60 * 60
# The Wagtail admin uses allauth's login; its own password forms would be a way around it.
WAGTAILADMIN_LOGIN_URL = "account_login"
# Pages and documents restricted to signed-in people send visitors to the portal's own login
# (allauth, with its rate limits and the staff second factor), never to Wagtail's bare form.
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False

# --- Page cache ---------------------------------------------------------------------------------
# Whole public pages are kept for anonymous visitors in the "pages" cache and renewed when what
# they show changes (portal/cache.py). With several worker processes the store must be shared
# (REDIS_URL, or production's database tables). PAGE_CACHE_TIMEOUT bounds what only time
# changes (a session that just ended).

PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", "300"))
# Never cached, whatever the response says: staff and account pages, forms, personal links,
# document downloads (each one is counted).
PAGE_CACHE_EXCLUDED_PATHS = [
    r"^/healthz$",
    r"^/admin/",
    r"^/compte/",
    r"^/mon-espace/",
    r"^/documents/",
    r"/inscription/",
    r"^/rendez-vous/",
    r"^/registre-personnes-vulnerables/",
    r"^/abonnements/",
]
