"""Copies of the whole test database, kept in twin tables beside Django's, restored in milliseconds.

Seeding the demo site takes half a minute; a copy of its ~6,000 rows comes back in a fraction of
a second. `take(name, build)` runs `build()` (the demo's seeding, say) on the database as it is,
copies every table into twin tables (`zzsnap_<name>_<n>`), and puts the database back as it was
before `build()`; `restore(name)` empties every table and copies the twins back, inside the
caller's transaction if there is one (a module's rolled-back demo) or committed (a live server's).

Both SQLite and PostgreSQL declare Django's foreign keys DEFERRABLE INITIALLY DEFERRED, so the
tables can be emptied and filled in any order within one transaction. The twins are not Django
tables: `flush` (run after each transactional test) leaves them alone, and they go with the test
database at the end of the session. Media files are not copied: the demo's images and documents
stay in the session's media folder (or bucket), where the seeding wrote them.
"""

from django.apps import apps
from django.core.cache import caches
from django.core.management.color import no_style
from django.db import connection, transaction

from tests import kept_snapshots

PREFIX = "zzsnap_"
# The schema's history, identical in every copy; SQLite's own bookkeeping.
LEFT_ALONE = {"django_migrations", "sqlite_sequence"}

_taken = {}  # snapshot name -> [(table, twin, columns)]


def _quote(name):
    return connection.ops.quote_name(name)


def _tables(cursor):
    """Every table of the database but the twins, SQLite's own and its full-text index.

    SQLite's search index (a virtual table and its shadow tables) follows the index entries
    through triggers: emptying and filling `wagtailsearch_indexentry` rebuilds it.
    """
    names = connection.introspection.table_names(cursor)
    virtual = ()
    if connection.vendor == "sqlite":
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'")
        virtual = tuple(row[0] for row in cursor.fetchall())
    return [name for name in names if not name.startswith((PREFIX, *virtual)) and name not in LEFT_ALONE]


def _columns(cursor, table):
    cursor.execute(f"SELECT * FROM {_quote(table)} WHERE 1 = 0")  # noqa: S608 (names from the schema)
    return [_quote(column[0]) for column in cursor.description]


def _copy_into_twins(name):
    tables = []
    with connection.cursor() as cursor:
        for index, table in enumerate(_tables(cursor)):
            twin = f"{PREFIX}{name}_{index}"
            columns = ", ".join(_columns(cursor, table))
            cursor.execute(f"DROP TABLE IF EXISTS {_quote(twin)}")
            cursor.execute(f"CREATE TABLE {_quote(twin)} AS SELECT {columns} FROM {_quote(table)}")  # noqa: S608
            tables.append((table, twin, columns))
    return tables


def _fill_from_twins(tables):
    with transaction.atomic(), connection.cursor() as cursor:
        # DELETE, not TRUNCATE: on PostgreSQL a TRUNCATE of every table costs half a second.
        for table, *_ in tables:
            cursor.execute(f"DELETE FROM {_quote(table)}")  # noqa: S608
        for table, twin, columns in tables:
            cursor.execute(f"INSERT INTO {_quote(table)} ({columns}) SELECT {columns} FROM {_quote(twin)}")  # noqa: S608
        # PostgreSQL's identity sequences start after the copied ids (SQLite follows by itself).
        for sql in connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True)):
            cursor.execute(sql)
    clear_caches()


def clear_caches():
    """Wagtail's site roots and page URLs, page copies and the alert list: none may outlive the rows."""
    for alias in ("default", "pages"):
        caches[alias].clear()


def take(name, build, kept_key=None):
    """Run `build()`, keep a copy of the database it leaves under `name`, then undo `build()`.

    With `kept_key` (tests/kept_snapshots.py), a copy another worker or an earlier run kept under
    that key is taken instead of running `build()`, and a copy built here is kept for them.
    """
    if connection.in_atomic_block:
        raise RuntimeError("a snapshot is taken outside any transaction (take it in a session fixture)")
    if not (kept_key and kept_snapshots.enabled()):
        _build(name, build)
        return
    with kept_snapshots.locked(kept_key):
        tables = kept_snapshots.load(kept_key)
        if tables is not None:
            _taken[name] = tables
            return
        media_before = kept_snapshots.media_listing()
        _build(name, build)
        kept_snapshots.save(kept_key, _taken[name], media_before)


def _build(name, build):
    before = _copy_into_twins(f"{name}_before")
    build()
    _taken[name] = _copy_into_twins(name)
    _fill_from_twins(before)


def restore(name):
    """Replace the whole content of the database by the copy kept under `name`."""
    _fill_from_twins(_taken[name])
