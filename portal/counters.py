"""Daily counters that many requests add to at once (views, downloads, completed paths).

`add_one` writes to the database at once. `add_one_soon` is for the views that pages count
each time they are served, copies from the page cache included: with Redis (REDIS_URL) it costs
one Redis command, and `write_pending` adds the kept counts to the database, every minute from
the cron (`write_counts`) and before staff read the indicators. Without Redis, or with Redis
unreachable, it writes at once like `add_one`. A count lost to a crash between Redis and the
database is lost, never doubled: counts are taken out of Redis before they are written.
"""

import json
import logging
import uuid

from django.apps import apps
from django.conf import settings
from django.db import DatabaseError, connection, transaction

import redis

logger = logging.getLogger(__name__)
_clients = {}  # one connection pool per Redis address and process


def add_one(model, **key):
    """+1 on the `model` row matching `key` (its `count` field), created at 1 when missing.

    One statement, `INSERT … ON CONFLICT (key) DO UPDATE SET count = count + n` (PostgreSQL and
    SQLite): atomic under concurrency by construction, one round trip to the database. `key`
    names exactly the fields of one of the model's unique constraints. Never raises on a
    database error: a lost count must not break the page or the download that caused it; it is
    logged instead.
    """
    try:
        _add(model, key, 1)
    except DatabaseError:
        logger.exception("%s not recorded: %s", model.__name__, key)


def add_one_soon(model, **key):
    """+1 as `add_one` does, kept in Redis until `write_pending` (see the module docstring)."""
    client = _redis()
    if client is not None:
        try:
            client.hincrby(_pending_key(model), json.dumps(key, sort_keys=True, default=str), 1)
            return
        except redis.RedisError:
            logger.warning("%s written at once: Redis is unreachable", model.__name__)
    add_one(model, **key)


def pending():
    """{model label: number of counts kept in Redis}; empty without Redis."""
    client = _redis()
    if client is None:
        return {}
    totals = {}
    for name in client.scan_iter(match=f"{_prefix()}:*"):
        label = name.decode().split(":", 1)[1]
        totals[label] = totals.get(label, 0) + sum(map(int, client.hvals(name)))
    return totals


def write_pending():
    """Add the counts kept in Redis to the database; returns how many were written."""
    client = _redis()
    if client is None:
        return 0
    written = 0
    try:
        names = list(client.scan_iter(match=f"{_prefix()}:*"))
        for name in names:
            written += _write(client, name)
    except redis.RedisError:
        logger.warning("Counts kept in Redis not written: Redis is unreachable")
    return written


def _write(client, name):
    taken = f"{_prefix()}-taken:{uuid.uuid4().hex}"
    try:
        client.rename(name, taken)  # later counts start a new hash: none is written twice
    except redis.ResponseError:
        return 0  # taken by another writer meanwhile
    counts = {field: int(number) for field, number in client.hgetall(taken).items()}
    model = apps.get_model(name.decode().split(":", 1)[1])
    try:
        with transaction.atomic():
            for field, number in counts.items():
                _add(model, json.loads(field), number)
    except DatabaseError:
        logger.exception("%s: counts kept in Redis not written, put back", model.__name__)
        with client.pipeline() as pipe:
            for field, number in counts.items():
                pipe.hincrby(name, field, number)
            pipe.delete(taken)
            pipe.execute()
        return 0
    client.delete(taken)
    return sum(counts.values())


def _add(model, key, number):
    quote = connection.ops.quote_name
    fields = [model._meta.get_field(name) for name in key]
    columns = ", ".join(quote(field.column) for field in fields)
    table, count = quote(model._meta.db_table), quote(model._meta.get_field("count").column)
    sql = (
        f"INSERT INTO {table} ({columns}, {count}) VALUES ({', '.join(['%s'] * len(fields))}, %s) "  # noqa: S608
        f"ON CONFLICT ({columns}) DO UPDATE SET {count} = {table}.{count} + %s"
    )
    values = [field.get_db_prep_save(value, connection) for field, value in zip(fields, key.values(), strict=True)]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*values, number, number])


def _prefix():
    return f"{settings.CACHE_KEY_PREFIX}-counts"


def _pending_key(model):
    return f"{_prefix()}:{model._meta.label_lower}"


def _redis():
    url = settings.COUNTS_REDIS_URL
    if not url:
        return None
    if url not in _clients:
        timeout = settings.REDIS_TIMEOUT
        _clients[url] = redis.Redis.from_url(url, socket_timeout=timeout, socket_connect_timeout=timeout)
    return _clients[url]
