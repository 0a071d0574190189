"""Django's Redis cache, answering "nothing kept" while Redis is unreachable instead of raising.

Every cache use then degrades instead of failing: pages are rendered instead of replayed,
fragments are rendered again, Wagtail looks its site roots and renditions up in the database,
and the rate limits — the portal's and allauth's — fail open: a read finds no count, `add`
succeeds, so nothing is refused and no form post becomes a 500. allauth's TOTP replay check
accepts a code while Redis is down (its `add` succeeds): the code itself is still checked.

A Redis at its `maxmemory` that may evict nothing refuses writes: they are skipped the same way
(reads still answer). One failure is logged as a warning, then Redis is not tried again for
RETRY_AFTER seconds in this process (each try would cost a connection attempt per call); the
next call after that tries again, and the cache is back as soon as Redis is. Sessions do not
live in the cache (database sessions), so nobody is signed out. `/healthz` calls `check()`, which raises.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import OutOfMemoryError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("portal.cache")

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
RETRY_AFTER = 5.0


class PooledRedisCacheClient(RedisCacheClient):
    """Django's Redis client, with one redis.Redis per connection pool instead of one per call.

    Django builds a new redis.Redis around the pool for every cache operation, and redis-py's
    constructor fills a table of some 170 response callbacks each time: a third of the cost of a
    page served from the page cache. A redis.Redis is safe to share between threads (each command
    takes a connection from the pool), and its pool reconnects in a forked worker by itself.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return client


class ResilientRedisCache(RedisCache):
    """RedisCache whose reads miss and whose writes are skipped while Redis is unreachable."""

    # Per server list, shared by the aliases and threads of the process: {servers: monotonic time}.
    _down_until = {}
    _full_said_until = {}

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = PooledRedisCacheClient

    def _servers_key(self):
        return tuple(self._servers)

    def _attempt(self, operation, fallback, *args, **kwargs):
        key = self._servers_key()
        if time.monotonic() < self._down_until.get(key, 0):
            return fallback
        try:
            return getattr(super(), operation)(*args, **kwargs)
        except UNREACHABLE as error:
            self._down_until[key] = time.monotonic() + RETRY_AFTER
            logger.warning(
                "Redis cache unreachable (%s): served without it, next try in %.0f s", type(error).__name__, RETRY_AFTER
            )
            return fallback
        except OutOfMemoryError:
            # Redis at its maxmemory, and its policy evicts nothing (noeviction, or no key it may
            # evict): reads still answer, this write is skipped. Said once per RETRY_AFTER.
            if time.monotonic() >= self._full_said_until.get(key, 0):
                self._full_said_until[key] = time.monotonic() + RETRY_AFTER
                logger.warning("Redis cache full (maxmemory): %s skipped", operation)
            return fallback

    def check(self):
        """Ping the server now (raises when unreachable); a success ends the pause at once."""
        self._cache.get_client(write=True).ping()
        self._down_until.pop(self._servers_key(), None)

    def get(self, key, default=None, version=None):
        return self._attempt("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._attempt("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._attempt("has_key", False, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        # As if the key were new: allauth's lock is taken at once and a first count is counted.
        return self._attempt("add", True, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt("set", None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt("set_many", [], data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt("touch", False, key, timeout, version)

    def incr(self, key, delta=1, version=None):
        return self._attempt("incr", delta, key, delta, version)

    def delete(self, key, version=None):
        return self._attempt("delete", False, key, version)

    def delete_many(self, keys, version=None):
        return self._attempt("delete_many", None, keys, version)

    def clear(self):
        return self._attempt("clear", None)
