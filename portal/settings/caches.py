"""The CACHES setting: which stores, where, and under which keys (imported by base.py)."""

import os

# Three stores that never share entries, so filling one cannot evict what another keeps:
# - "default": security state — rate limits, allauth's failed-login counters and TOTP replay keys.
# - "pages": page copies, listing fragments and their versions (portal/cache.py).
# - "renditions": Wagtail's image renditions.
# Redis when REDIS_URL is set (shared by every worker and every app server); production without
# Redis uses two database tables (production.py: shared_caches(database=True)); local memory in
# development. Redis unreachable: every cache answers "nothing kept" and nothing fails
# (portal/resilient_cache.py), each call waiting at most REDIS_TIMEOUT seconds.
# Redis evicts across the whole server, whatever the key prefix: PAGES_REDIS_URL puts page copies,
# fragments and renditions on a Redis of their own, which may be capped and evict
# (maxmemory-policy allkeys-lru) while REDIS_URL's keeps the security keys (noeviction).
# RELEASE (e.g. the git commit) goes into the keys of page copies and renditions: two releases
# running side by side during a deploy never serve each other's pages. The security keys do not
# change with it.
RELEASE = os.environ.get("RELEASE", "")
PAGE_CACHE_ENTRIES = int(os.environ.get("PAGE_CACHE_ENTRIES", "20000"))
REDIS_TIMEOUT = float(os.environ.get("REDIS_TIMEOUT", "0.5"))
# Prefix of the security keys and of the views counted in Redis (portal/counters.py).
CACHE_KEY_PREFIX = os.environ.get("CACHE_KEY_PREFIX", "portal")


def _redis(url):
    return {
        "BACKEND": "portal.resilient_cache.ResilientRedisCache",
        "LOCATION": url,
        "OPTIONS": {"socket_connect_timeout": REDIS_TIMEOUT, "socket_timeout": REDIS_TIMEOUT},
    }


def shared_caches(redis_url="", *, pages_redis_url="", database=False, release=None):
    """The CACHES setting (see above). Page copies expire by themselves (PAGE_CACHE_TIMEOUT)."""
    release = RELEASE if release is None else release
    pages_prefix = f"portal-pages-{release}" if release else "portal-pages"
    caches = _security_and_pages(redis_url, database, pages_prefix)
    if pages_redis_url:
        caches["pages"] = {**_redis(pages_redis_url), "KEY_PREFIX": pages_prefix}
    if redis_url or pages_redis_url:
        caches["renditions"] = {
            **_redis(pages_redis_url or redis_url),
            "KEY_PREFIX": f"portal-renditions-{release}" if release else "portal-renditions",
        }
    return caches


def _security_and_pages(redis_url, database, pages_prefix):
    if redis_url:
        return {
            "default": {**_redis(redis_url), "KEY_PREFIX": CACHE_KEY_PREFIX},
            "pages": {**_redis(redis_url), "KEY_PREFIX": pages_prefix},
        }
    renditions = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "renditions",
        "TIMEOUT": 600,
    }
    if database:
        # Django's database cache culls a third of its entries beyond MAX_ENTRIES: the security
        # table is sized so that never happens (its keys expire within an hour); page copies
        # have a table of their own, whose culling touches only page copies.
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.db.DatabaseCache",
                "LOCATION": "portal_cache",
                "OPTIONS": {"MAX_ENTRIES": 1_000_000},
            },
            "pages": {
                "BACKEND": "django.core.cache.backends.db.DatabaseCache",
                "LOCATION": "portal_page_cache",
                "KEY_PREFIX": pages_prefix,
                "OPTIONS": {"MAX_ENTRIES": PAGE_CACHE_ENTRIES},
            },
            "renditions": renditions,
        }
    return {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "security"},
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "OPTIONS": {"MAX_ENTRIES": PAGE_CACHE_ENTRIES},
        },
        "renditions": renditions,
    }
