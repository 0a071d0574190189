"""A migrated SQLite test database kept between runs, so a run migrates only when the code changed.

Migrating the empty test database takes about 20 s per worker, the same every run. The first run
of a given code copies its freshly migrated database to `.test-cache/migrated-<hash>.sqlite3`;
later runs (another step of CI, the next `make test`) start from a copy of it, and Django's
`migrate` then finds nothing left to apply. The hash covers every Python file of the
application (migrations and the code data migrations call) and the pinned requirements: any
change there migrates afresh. On PostgreSQL the kept copy is a database on the server,
`portal_migrated_<hash>`, and a worker's test database is made from it with
`CREATE DATABASE … TEMPLATE` (0.3 s, where migrating takes 34 s a worker).
"""

import contextlib
import fcntl
import hashlib
import os
import sqlite3
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connections

BASE_DIR = Path(__file__).resolve().parent.parent
FOLDER = BASE_DIR / ".test-cache"
SKIPPED = {".venv", "tests", "bench", "node_modules", "staticfiles", "media", "screenshots"}


def _application_files(pattern):
    files = [BASE_DIR / "requirements.txt", BASE_DIR / "requirements-dev.txt"]
    for folder in sorted(path for path in BASE_DIR.iterdir() if path.is_dir()):
        if folder.name in SKIPPED or folder.name.startswith("."):
            continue
        files += sorted(path for path in folder.rglob(pattern) if path.is_file() and "__pycache__" not in path.parts)
    return files


def _hash(files):
    digest = hashlib.sha256()
    for path in files:
        digest.update(str(path.relative_to(BASE_DIR)).encode())
        digest.update(path.read_bytes())
    digest.update(sqlite3.sqlite_version.encode())
    return digest.hexdigest()[:16]


def _code_hash():
    return _hash(_application_files("*.py"))


def content_hash():
    """A hash of every file of the application: code, data files, templates, catalogues."""
    return _hash(_application_files("*"))


def template_path():
    """The kept copy for this code: a file (SQLite), a database name (PostgreSQL), or None."""
    engine = settings.DATABASES["default"]["ENGINE"]
    if os.environ.get("TEST_MIGRATED_DB") == "0":
        return None
    if engine.endswith(".sqlite3"):
        return FOLDER / f"migrated-{_code_hash()}.sqlite3"
    if engine.endswith(".postgresql"):
        return f"portal_migrated_{_code_hash()}"
    return None


def _copy(source, target):
    """A consistent copy through SQLite's backup API (the test database writes ahead in a log)."""
    with sqlite3.connect(source) as origin, sqlite3.connect(target) as copy:
        origin.backup(copy)
    origin.close()
    copy.close()


def restore(template):
    """Put a copy of the kept database where this worker's test database goes; False if none kept."""
    if isinstance(template, str):
        return _restore_database(template)
    if not template.exists():
        return False
    target = Path(settings.DATABASES["default"]["TEST"]["NAME"])
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    _copy(template, target)
    return True


def keep(template):
    """Keep this worker's freshly migrated database for the next runs (atomically: workers race)."""
    if isinstance(template, str):
        return _keep_database(template)
    FOLDER.mkdir(exist_ok=True)
    for old in FOLDER.glob("migrated-*.sqlite3"):
        if old != template:
            old.unlink(missing_ok=True)
    connections["default"].close()
    partial = template.with_suffix(f".{os.getpid()}.partial")
    _copy(connections["default"].settings_dict["NAME"], partial)
    partial.replace(template)


def _quoted(name):
    return connections["default"].ops.quote_name(name)


@contextlib.contextmanager
def _server_lock():
    """One worker at a time copies from or into the kept database (PostgreSQL refuses a copy of a
    database another session is reading)."""
    FOLDER.mkdir(exist_ok=True)
    with open(FOLDER / "migrated-postgresql.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _restore_database(template):
    target = settings.DATABASES["default"]["TEST"]["NAME"]
    try:
        with _server_lock(), connections["default"]._nodb_cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template])
            if cursor.fetchone() is None:
                return False
            cursor.execute(f"DROP DATABASE IF EXISTS {_quoted(target)} WITH (FORCE)")
            cursor.execute(f"CREATE DATABASE {_quoted(target)} TEMPLATE {_quoted(template)}")
        return True
    except DatabaseError:
        return False  # migrate instead


def _keep_database(template):
    connection = connections["default"]
    source = connection.settings_dict["NAME"]
    connection.close()
    with _server_lock(), connection._nodb_cursor() as cursor:
        cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", ["portal\\_migrated\\_%"])
        for (old,) in cursor.fetchall():
            if old != template:
                with contextlib.suppress(DatabaseError):  # another run is copying it
                    cursor.execute(f"DROP DATABASE IF EXISTS {_quoted(old)}")
        with contextlib.suppress(DatabaseError):  # the other worker kept it first
            cursor.execute(f"CREATE DATABASE {_quoted(template)} TEMPLATE {_quoted(source)}")
