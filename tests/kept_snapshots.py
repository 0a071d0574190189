"""Demo snapshots kept on disk, so that a seeding is done once for every worker and later runs.

Seeding the demo costs 15–40 s a worker, and each worker of `make test` seeded it for itself.
Here the first worker to need a snapshot seeds it while the others wait on a file lock, and keeps
its twin tables (tests/snapshots.py) in `.test-cache/demo-<key>.sqlite3` with the media files the
seeding wrote; the others, and later runs for the same key, copy them in instead of seeding.

The key says when a copy is still the same demo: for the demo seeded on a fixed day, a hash of
every file of the application (code, demo data, templates, catalogues), of the test code that
seeds it, of the database engine and of the day; for the demo seeded on the day the suite runs, that hash and the run
(pytest-xdist's run id: the workers of one run share it, the next run seeds again).

On SQLite the twins are kept in a database file attached to the worker's; on PostgreSQL, whose
workers each have a database of their own on the server, in a file of the twins' rows as
`COPY … TO STDOUT` writes them (`demo-<key>.pgcopy`), read back with `COPY … FROM STDIN`. Only
with media on disk: a run with media in a bucket (TEST_MEDIA_STORAGE=s3) seeds as before. A kept
media file that would overwrite a different file of the same name in the worker's media folder
makes the worker seed for itself.
"""

import fcntl
import filecmp
import hashlib
import json
import os
import shutil
import time
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection

from tests import migrated_db

FOLDER = migrated_db.FOLDER
# The test code whose change changes the seeded demo.
SEEDING_CODE = ("tests/conftest.py", "tests/snapshots.py", "tests/kept_snapshots.py")
INDEX = "zzsnap_index"
STALE_AFTER = 3600  # seconds: an older copy under another key belongs to no running suite


def enabled():
    return (
        connection.vendor in ("sqlite", "postgresql")
        and os.environ.get("TEST_MEDIA_STORAGE", "") != "s3"
        and os.environ.get("TEST_KEPT_SNAPSHOTS") != "0"
    )


def key(name, seeded_on=None):
    """The key of snapshot `name`: seeded on a fixed day (`seeded_on`) or today, within this run."""
    digest = hashlib.sha256(migrated_db.content_hash().encode())
    digest.update(connection.vendor.encode())
    for relative in SEEDING_CODE:
        digest.update((migrated_db.BASE_DIR / relative).read_bytes())
    if seeded_on is not None:
        digest.update(seeded_on.isoformat().encode())
    else:
        run = os.environ.get("PYTEST_XDIST_TESTRUNUID")
        if not run:
            return None  # one process: nobody to share today's demo with
        digest.update(run.encode())
    return f"{name}-{digest.hexdigest()[:16]}"


@contextmanager
def locked(kept_key):
    """Hold the key's lock: one worker seeds, the others wait for its copy."""
    FOLDER.mkdir(exist_ok=True)
    with open(FOLDER / f"demo-{kept_key}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _paths(kept_key):
    suffix = ".sqlite3" if connection.vendor == "sqlite" else ".pgcopy"
    return FOLDER / f"demo-{kept_key}{suffix}", FOLDER / f"demo-{kept_key}.media"


def _quote(name):
    return connection.ops.quote_name(name)


def media_listing():
    """Every file of the worker's media folder, with its size and time of change."""
    root = Path(settings.MEDIA_ROOT)
    if not root.exists():
        return {}
    return {path: path.stat().st_mtime_ns for path in root.rglob("*") if path.is_file()}


def load(kept_key):
    """The snapshot's tables copied into this database, and its media files; None when not kept."""
    database, media = _paths(kept_key)
    if not database.exists() or not _media_fits(media):
        return None
    _copy_media(media)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            return _load_attached(cursor, database)
        return _load_copied(cursor, database)


def _load_attached(cursor, database):
    tables = []
    cursor.execute("ATTACH DATABASE %s AS kept", [str(database)])
    try:
        cursor.execute(f"SELECT original, twin, columns FROM kept.{INDEX} ORDER BY position")  # noqa: S608
        for original, twin, columns in cursor.fetchall():
            cursor.execute(f"DROP TABLE IF EXISTS main.{_quote(twin)}")
            cursor.execute(f"CREATE TABLE main.{_quote(twin)} AS SELECT * FROM kept.{_quote(twin)}")  # noqa: S608
            tables.append((original, twin, columns))
    finally:
        cursor.execute("DETACH DATABASE kept")
    return tables


def _load_copied(cursor, database):
    """PostgreSQL: each twin made again with its table's column types, then filled by COPY."""
    tables = []
    with open(database, "rb") as kept:
        for original, twin, columns, size in json.loads(kept.readline()):
            cursor.execute(f"DROP TABLE IF EXISTS {_quote(twin)}")
            cursor.execute(f"CREATE TABLE {_quote(twin)} AS SELECT {columns} FROM {_quote(original)} WITH NO DATA")  # noqa: S608
            with cursor.cursor.copy(f"COPY {_quote(twin)} FROM STDIN") as copy:
                copy.write(kept.read(size))
            tables.append((original, twin, columns))
    return tables


def save(kept_key, tables, media_before):
    """Keep the snapshot's twin tables and the media files written since `media_before`."""
    database, media = _paths(kept_key)
    _forget_stale(kept_key)
    partial = database.with_suffix(f".{os.getpid()}.partial")
    partial.unlink(missing_ok=True)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            _save_attached(cursor, tables, partial)
        else:
            _save_copied(cursor, tables, partial)
    root = Path(settings.MEDIA_ROOT)
    written = [path for path, changed in media_listing().items() if media_before.get(path) != changed]
    media_partial = media.with_suffix(f".{os.getpid()}.partial-media")
    shutil.rmtree(media_partial, ignore_errors=True)
    for path in written:
        target = media_partial / path.relative_to(root)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    media_partial.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(media, ignore_errors=True)
    media_partial.replace(media)
    partial.replace(database)  # last: the database file says the copy is complete


def _save_attached(cursor, tables, partial):
    cursor.execute("ATTACH DATABASE %s AS kept", [str(partial)])
    try:
        cursor.execute(f"CREATE TABLE kept.{INDEX} (position integer, original text, twin text, columns text)")
        for position, (original, twin, columns) in enumerate(tables):
            cursor.execute(f"CREATE TABLE kept.{_quote(twin)} AS SELECT * FROM main.{_quote(twin)}")  # noqa: S608
            cursor.execute(
                f"INSERT INTO kept.{INDEX} VALUES (%s, %s, %s, %s)",  # noqa: S608
                [position, original, twin, columns],
            )
    finally:
        cursor.execute("DETACH DATABASE kept")


def _save_copied(cursor, tables, partial):
    """PostgreSQL: one line of JSON (each twin and the size of its rows), then the rows of each."""
    rows = []
    for _original, twin, _columns in tables:
        with cursor.cursor.copy(f"COPY {_quote(twin)} TO STDOUT") as copy:
            rows.append(b"".join(bytes(block) for block in copy))
    index = [[*table, len(data)] for table, data in zip(tables, rows, strict=True)]
    with open(partial, "wb") as kept:
        kept.write(json.dumps(index).encode() + b"\n")
        for data in rows:
            kept.write(data)


def _kept_files(media):
    return [path for path in media.rglob("*") if path.is_file()] if media.exists() else []


def _media_fits(media):
    """No kept file would replace a different file of the same name in this worker's media."""
    root = Path(settings.MEDIA_ROOT)
    for path in _kept_files(media):
        target = root / path.relative_to(media)
        if target.exists() and not filecmp.cmp(path, target, shallow=False):
            return False
    return True


def _copy_media(media):
    root = Path(settings.MEDIA_ROOT)
    for path in _kept_files(media):
        target = root / path.relative_to(media)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)


def _forget_stale(kept_key):
    """Copies under other keys of the same snapshot, unused for an hour."""
    name = kept_key.rsplit("-", 1)[0]
    for path in FOLDER.glob(f"demo-{name}-*"):
        if kept_key in path.name or time.time() - path.stat().st_mtime < STALE_AFTER:
            continue
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
