"""deploy/ stays in step with the code: every periodic command has its timer, every setting its
line in the environment file, and the configurations parse."""

import os
import re
import shutil
import subprocess
from pathlib import Path

from django.core.management import get_commands

import pytest

from deploy.cluster_check import units

ROOT = Path(__file__).resolve().parent.parent.parent
# Read by the development and test settings only.
NOT_FOR_PRODUCTION = {"DEBUG", "TEST_DATABASE_NAME", "TEST_MEDIA_ROOT", "PYTEST_XDIST_WORKER"}


def readme_cron_commands():
    readme = (ROOT / "README.md").read_text()
    block = re.search(r"```cron\n(.*?)```", readme, re.DOTALL).group(1)
    return {re.search(r"manage\.py (\w+)", line).group(1) for line in block.splitlines() if "manage.py" in line}


def variables_read_by_the_settings():
    pattern = re.compile(r'(?:os\.environ\.get|env_bool|env_list|require)\(\s*"([A-Z][A-Z0-9_]+)"')
    names = set()
    for path in [*(ROOT / "portal" / "settings").glob("*.py"), ROOT / "deploy" / "gunicorn.conf.py"]:
        names |= set(pattern.findall(path.read_text()))
    return names - NOT_FOR_PRODUCTION


def test_every_command_of_the_readme_cron_has_a_timer_and_no_timer_is_extra():
    assert set(units.timers()) == readme_cron_commands()


def test_every_timer_runs_an_existing_management_command_through_the_job_template():
    commands = get_commands()

    assert all(name in commands for name in units.timers())
    assert units.exec_start("portal-job@.service", "send_reminders")[-2:] == [str(ROOT / "manage.py"), "send_reminders"]


def test_the_services_run_the_portal_from_its_own_files():
    web = units.exec_start("portal-web.service")
    worker = units.exec_start("portal-worker.service")
    receipts = units.exec_start("portal-sms-receipts.service")

    assert web[1:] == ["portal.wsgi", "--config", str(ROOT / "deploy" / "gunicorn.conf.py")]
    assert Path(web[0]).name == "gunicorn" and Path(web[0]).exists()
    assert worker[-1] == "db_worker" and receipts[-1] == "receive_text_receipts"
    assert all(name in get_commands() for name in ("db_worker", "receive_text_receipts"))


def test_the_environment_file_names_every_variable_the_settings_read():
    assert variables_read_by_the_settings() - units.documented_variables() == set()


def test_the_environment_file_is_production_ready_for_several_servers():
    env = units.environment_file()

    assert env["DJANGO_SETTINGS_MODULE"] == "portal.settings.production"
    assert env["DISABLE_SERVER_SIDE_CURSORS"] == "true"
    assert env["DOCUMENTS_SERVE_METHOD"] in ("serve_view", "redirect")
    # An empty value would replace a default by "": such variables stay commented out.
    assert all(value for value in env.values())


def test_pgbouncer_pools_by_transaction(tmp_path):
    assert units.pgbouncer_config(port=6543, database="portal", directory=tmp_path) == "transaction"
    assert "listen_port = 6543" in (tmp_path / "pgbouncer.ini").read_text()


@pytest.mark.skipif(shutil.which("haproxy") is None and not os.environ.get("CI"), reason="haproxy is not installed")
def test_the_haproxy_configuration_is_valid(tmp_path):
    env = {
        **os.environ,
        "PORTAL_FRONT": "127.0.0.1:8080",
        "PORTAL_NODE1": "127.0.0.1:8001",
        "PORTAL_NODE2": "127.0.0.1:8002",
        "PORTAL_NODE_MAXCONN": "5",
        "PORTAL_HOST": "social.example.fr",
        "S3_SERVER": "127.0.0.1:8333",
        "S3_BUCKET": "portal-media",
        "HAPROXY_STATS": str(tmp_path / "haproxy.sock"),
    }

    result = subprocess.run(  # noqa: S603 - a fixed command
        ["haproxy", "-c", "-f", str(ROOT / "deploy" / "haproxy" / "portal.cfg")],  # noqa: S607
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
