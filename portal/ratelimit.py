"""A small fixed-window rate limit on the shared cache (Redis or the database in production).

Keyed on the client address as Django sees it (REMOTE_ADDR): the reverse proxy must pass the
real client address, otherwise every visitor shares one limit (see README).
"""

from django.core.cache import cache


def client_ip(request):
    return request.META.get("REMOTE_ADDR", "")


def is_limited(scope, key, *, limit, period):
    """Count one hit for (scope, key); True when more than `limit` hits fell in this `period` (s)."""
    cache_key = f"ratelimit:{scope}:{key}"
    cache.add(cache_key, 0, timeout=period)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=period)
        count = 1
    return count > limit
