"""Hourly limits on the public forms, counted in the shared cache (Redis or the database).

Only what was saved counts: a form sent back with errors costs nothing, so a family or a
public computer room that mistypes is not locked out; a robot that fills forms correctly is.
The key is the client address as `portal.middleware.ClientAddressMiddleware` leaves it in
REMOTE_ADDR: the real client behind a trusted proxy, never an address a visitor can forge.

If the shared cache is unreachable the limit is not applied (a warning is logged): refusing
every resident because a cache server is down would be worse than a few extra submissions.
"""

import logging

from django.conf import settings
from django.core.cache import caches

logger = logging.getLogger("portal.ratelimit")

PERIOD = 60 * 60
DEFAULT_LIMIT = 10


def client_ip(request):
    return request.META.get("REMOTE_ADDR", "")


def _limit(scope):
    return settings.PUBLIC_FORM_RATE_LIMITS.get(scope, DEFAULT_LIMIT)


def _key(scope, request):
    return f"ratelimit:{scope}:{client_ip(request)}"


def _cache():
    return caches[settings.RATE_LIMIT_CACHE]


def is_limited(request, scope):
    """True when this client already made its `scope` limit of saved submissions this hour."""
    try:
        count = _cache().get(_key(scope, request), 0)
    except Exception:  # noqa: BLE001 - any cache failure: fail open, see the module docstring
        logger.warning("Rate limit %s not checked: the shared cache is unreachable", scope)
        return False
    return count >= _limit(scope)


def count_submission(request, scope):
    """Count one saved submission of `scope` for this client (call it after the save)."""
    key = _key(scope, request)
    try:
        cache = _cache()
        if not cache.add(key, 1, timeout=PERIOD):
            cache.incr(key)
    except ValueError:  # expired between add and incr
        _cache().set(key, 1, timeout=PERIOD)
    except Exception:  # noqa: BLE001
        logger.warning("Rate limit %s not counted: the shared cache is unreachable", scope)
