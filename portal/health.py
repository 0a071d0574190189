"""`/healthz`: may a load balancer send visitors to this app server?

The database and the shared cache are each checked in a worker thread and waited for at most
HEALTHZ_TIMEOUT seconds in all, so the answer comes in bounded time even when a server hangs.

- 200 `{"status": "ok", ...}`: both answer.
- 200 `{"status": "degraded", "cache": "indisponible"}`: the cache is down. Pages are then
  rendered without it and rate limits fail open (portal/resilient_cache.py); every app server
  shares that cache, so taking this one out of the pool would help nobody.
- 503 `{"status": "error", ...}`: the database does not answer; this server cannot serve.

The body names the two checks and their state, nothing else: no version, host name, error text
or timing (those go to the log). Never stored, never cached, no cookie.
"""

import logging
import uuid
from concurrent.futures import ThreadPoolExecutor, wait

from django.conf import settings
from django.core.cache import caches
from django.db import connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger("portal.health")

OK, DOWN = "ok", "indisponible"
# Threads that outlive a timed-out check are reused by the next one; a hung check keeps its
# thread, so later checks time out too, which is the truth.
_executor = ThreadPoolExecutor(max_workers=4, thread_name_prefix="healthz")


def check_database():
    connection = connections["default"]
    connection.close_if_unusable_or_obsolete()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            if cursor.fetchone() != (1,):
                raise RuntimeError("unexpected answer")
    finally:
        # What the end of a request does: the connection is kept only for CONN_MAX_AGE.
        connection.close_if_unusable_or_obsolete()


def check_cache(alias):
    cache = caches[alias]
    if hasattr(cache, "check"):
        cache.check()  # Redis: a PING that raises when unreachable
        return
    key, value = f"healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, timeout=10)
    found = cache.get(key)
    cache.delete(key)
    if found != value:
        raise RuntimeError("value not kept")


def _run(checks, timeout):
    futures = {name: _executor.submit(function, *args) for name, (function, *args) in checks.items()}
    wait(futures.values(), timeout=timeout)
    results = {}
    for name, future in futures.items():
        if not future.done():
            logger.warning("Health check %s: no answer within %s s", name, timeout)
            results[name] = DOWN
        elif future.exception() is not None:
            logger.warning("Health check %s failed: %s", name, type(future.exception()).__name__)
            results[name] = DOWN
        else:
            results[name] = OK
    return results


@never_cache
@require_safe
def healthz(request):
    """The state of this app server for a load balancer (see the module docstring)."""
    results = _run(
        {"database": (check_database,), "cache": (check_cache, settings.RATE_LIMIT_CACHE)},
        settings.HEALTHZ_TIMEOUT,
    )
    if results["database"] != OK:
        status, code = "error", 503
    else:
        status, code = ("ok" if results["cache"] == OK else "degraded"), 200
    return JsonResponse({"status": status, **results}, status=code)
