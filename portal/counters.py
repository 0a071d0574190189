"""Daily counters that many requests add to at once (views, downloads, completed paths)."""

import logging

from django.db import DatabaseError, connection

logger = logging.getLogger(__name__)


def add_one(model, **key):
    """+1 on the `model` row matching `key` (its `count` field), created at 1 when missing.

    One statement, `INSERT … ON CONFLICT (key) DO UPDATE SET count = count + 1` (PostgreSQL and
    SQLite): atomic under concurrency by construction, one round trip to the database, the row
    locked only while that statement commits. `key` names exactly the fields of one of the
    model's unique constraints. Never raises on a database error: a lost count must not break
    the page or the download that caused it; it is logged instead.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute(*_upsert(model, key))
    except DatabaseError:
        logger.exception("%s not recorded: %s", model.__name__, key)


def _upsert(model, key):
    quote = connection.ops.quote_name
    fields = [model._meta.get_field(name) for name in key]
    columns = ", ".join(quote(field.column) for field in fields)
    table, count = quote(model._meta.db_table), quote(model._meta.get_field("count").column)
    sql = (
        f"INSERT INTO {table} ({columns}, {count}) VALUES ({', '.join(['%s'] * len(fields))}, 1) "  # noqa: S608
        f"ON CONFLICT ({columns}) DO UPDATE SET {count} = {table}.{count} + 1"
    )
    return sql, [field.get_db_prep_save(value, connection) for field, value in zip(fields, key.values(), strict=True)]
