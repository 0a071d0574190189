"""The README's production commands, in its order, on an empty PostgreSQL database without Redis."""

import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

from django.conf import settings
from django.db import connection

import pytest

from tests.portal.test_security import PRODUCTION_ENV

BASE_DIR = Path(__file__).resolve().parent.parent.parent
ON_POSTGRESQL = connection.vendor == "postgresql"


def readme_commands():
    """The `python manage.py …` lines of the README's production block, before the long-running ones."""
    readme = (BASE_DIR / "README.md").read_text()
    block = re.search(r"## Production\n\n```sh\n(.*?)```", readme, re.DOTALL).group(1)
    commands = []
    for line in block.splitlines():
        if line.startswith("python manage.py "):
            command = line.split("#")[0].split()[2:]
            if command[0] in ("db_worker", "receive_text_receipts"):
                break  # processes that run until stopped
            commands.append(command)
    return commands


def test_the_readme_creates_the_cache_tables_before_migrating():
    names = [command[0] for command in readme_commands()]

    assert names == ["createcachetable", "migrate", "collectstatic"]


@pytest.mark.skipif(not ON_POSTGRESQL, reason="runs in the PostgreSQL pass (DATABASE_URL=postgres://…)")
def test_the_readme_production_commands_work_in_order_on_an_empty_database(tmp_path):
    import psycopg

    server = settings.DATABASES["default"]
    url = f"postgres://{server['USER']}@{server['HOST'] or '127.0.0.1'}:{server['PORT'] or 5432}"
    name = f"portal_readme_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(f"{url}/postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    env = {key: value for key, value in os.environ.items() if key not in {"REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(PRODUCTION_ENV, DATABASE_URL=f"{url}/{name}", STATIC_ROOT=str(tmp_path / "static"))
    try:
        for command in readme_commands():
            result = subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
                [sys.executable, "manage.py", *command],
                cwd=BASE_DIR,
                env=env,
                capture_output=True,
                text=True,
                timeout=600,
            )
            assert result.returncode == 0, (command, result.stderr[-2000:])
    finally:
        with psycopg.connect(f"{url}/postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
