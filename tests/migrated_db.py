"""A migrated SQLite test database kept between runs, so a run migrates only when the code changed.

Migrating the empty test database takes about 20 s per worker, the same every run. The first run
of a given code copies its freshly migrated database to `.test-cache/migrated-<hash>.sqlite3`;
later runs (another step of CI, the next `make test`) start from a copy of it, and Django's
`migrate` then finds nothing left to apply. The hash covers every Python file of the
application (migrations and the code data migrations call) and the pinned requirements: any
change there migrates afresh. PostgreSQL test databases are always built by migrating.
"""

import hashlib
import os
import sqlite3
from pathlib import Path

from django.conf import settings
from django.db import connections

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
    """The kept copy for this code, or None when the test database is not an SQLite file."""
    database = settings.DATABASES["default"]
    if not database["ENGINE"].endswith(".sqlite3") or os.environ.get("TEST_MIGRATED_DB") == "0":
        return None
    return FOLDER / f"migrated-{_code_hash()}.sqlite3"


def _copy(source, target):
    """A consistent copy through SQLite's backup API (the test database writes ahead in a log)."""
    with sqlite3.connect(source) as origin, sqlite3.connect(target) as copy:
        origin.backup(copy)
    origin.close()
    copy.close()


def restore(template):
    """Put a copy of the kept database where this worker's test database goes; False if none kept."""
    if not template.exists():
        return False
    target = Path(settings.DATABASES["default"]["TEST"]["NAME"])
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    _copy(template, target)
    return True


def keep(template):
    """Keep this worker's freshly migrated database for the next runs (atomically: workers race)."""
    FOLDER.mkdir(exist_ok=True)
    for old in FOLDER.glob("migrated-*.sqlite3"):
        if old != template:
            old.unlink(missing_ok=True)
    connections["default"].close()
    partial = template.with_suffix(f".{os.getpid()}.partial")
    _copy(connections["default"].settings_dict["NAME"], partial)
    partial.replace(template)
