"""Reading deploy/: the systemd units' commands, the environment file, PgBouncer's settings.

The cluster check runs what these files say, with the machine's paths in place of /srv/portal,
so a unit or a setting that stops working fails `make cluster-check`, not a deployment.
"""

import configparser
import re
import shlex
import sys
from pathlib import Path

DEPLOY = Path(__file__).resolve().parent.parent
ROOT = DEPLOY.parent
SYSTEMD = DEPLOY / "systemd"
INSTALLED_AT = "/srv/portal"


def unit_settings(path):
    """{key: [values]} of a unit file's lines (all sections; repeated keys keep every value)."""
    settings = {}
    for line in Path(path).read_text().splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";", "[")) or "=" not in line:
            continue
        key, value = line.split("=", 1)
        settings.setdefault(key.strip(), []).append(value.strip())
    return settings


def exec_start(unit, instance=None):
    """A unit's ExecStart as arguments for this machine: the virtualenv and work tree of this run."""
    command = unit_settings(SYSTEMD / unit)["ExecStart"][0]
    if instance is not None:
        command = command.replace("%i", instance)
    venv_bin = str(Path(sys.executable).parent)
    command = command.replace(f"{INSTALLED_AT}/.venv/bin", venv_bin).replace(INSTALLED_AT, str(ROOT))
    return shlex.split(command)


def timers():
    """{management command: OnCalendar} of every timer in deploy/systemd."""
    found = {}
    for path in sorted(SYSTEMD.glob("portal-*.timer")):
        settings = unit_settings(path)
        command = re.fullmatch(r"portal-job@(\w+)\.service", settings["Unit"][0]).group(1)
        found[command] = settings["OnCalendar"][0]
    return found


def environment_file(path=DEPLOY / "portal.env"):
    """{name: value} of the environment file's active lines (`#NAME=` lines keep the default)."""
    values = {}
    for line in Path(path).read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#") and "=" in line:
            name, value = line.split("=", 1)
            values[name.strip()] = value.strip()
    return values


def documented_variables(path=DEPLOY / "portal.env"):
    """Every variable the environment file names, active or left at its default (`#NAME=`)."""
    return set(re.findall(r"^#?([A-Z][A-Z0-9_]+)=", Path(path).read_text(), re.MULTILINE))


def pgbouncer_config(*, port, database, directory, server_port=5432, user="postgres", password=""):
    """deploy/pgbouncer/pgbouncer.ini with this run's database, port, paths and trust on loopback."""
    parser = configparser.ConfigParser(interpolation=None, comment_prefixes=(";", "#"), inline_comment_prefixes=None)
    parser.optionxform = str
    parser.read(DEPLOY / "pgbouncer" / "pgbouncer.ini")
    parser.remove_section("databases")
    parser.add_section("databases")
    server = f"host=127.0.0.1 port={server_port} dbname={database} user={user}"
    parser["databases"][database] = f"{server} password={password}" if password else server
    directory = Path(directory)
    (directory / "userlist.txt").write_text(f'"{user}" ""\n')
    parser["pgbouncer"].update(
        {
            "listen_addr": "127.0.0.1",
            "listen_port": str(port),
            "unix_socket_dir": "",
            "pidfile": str(directory / "pgbouncer.pid"),
            "logfile": str(directory / "pgbouncer.log"),
            "auth_type": "trust",
            "auth_file": str(directory / "userlist.txt"),
        }
    )
    with (directory / "pgbouncer.ini").open("w") as handle:
        parser.write(handle)
    return parser["pgbouncer"]["pool_mode"]
