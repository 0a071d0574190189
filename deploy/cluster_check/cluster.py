"""The cluster on 127.0.0.1: PostgreSQL (a database of its own) through PgBouncer, a private
Redis, SeaweedFS (S3), an SMTP catcher, two gunicorn nodes and two task workers behind HAProxy.

Everything runs from deploy/ (units, environment file, HAProxy and PgBouncer configurations) and
lives in one temporary folder; `stop()` ends every process group, drops the database and removes
the folder, whatever happened before.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from email import message_from_bytes
from email.header import decode_header, make_header
from pathlib import Path

from . import services, units
from .services import LOOPBACK, Service, Services, free_port

DATABASE = "portal_cluster"
BUCKET = "portal-media"
WORKERS_PER_NODE = 4
NODES = ("node1", "node2")
# A 1×1 PNG: the file of "the single server" copied into the bucket.
LEGACY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63f8ffff3f0005fe02fea7d6a4c10000000049454e44ae426082"
)
POSTGRES_URL = os.environ.get("CLUSTER_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")


class Mailbox:
    """An SMTP server (aiosmtpd) keeping (recipients, subject) of every message it accepts."""

    def __init__(self, port):
        from aiosmtpd.controller import Controller

        self.messages, self.lock = [], threading.Lock()
        self.controller = Controller(self, hostname=LOOPBACK, port=port)

    async def handle_DATA(self, server, session, envelope):
        subject = str(make_header(decode_header(message_from_bytes(envelope.content)["Subject"] or "")))
        with self.lock:
            self.messages.append((tuple(envelope.rcpt_tos), subject))
        return "250 OK"

    def matching(self, prefix):
        with self.lock:
            return [(to, subject) for to, subject in self.messages if subject.startswith(prefix)]


class Cluster:
    def __init__(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="portal-cluster-"))
        self.tmp.chmod(0o755)  # PgBouncer runs as postgres when the check runs as root
        self.services = Services()
        self.ports = {name: free_port() for name in ("front", *NODES, "node3", "pgbouncer", "smtp")}
        self.nodes, self.workers, self.mailbox, self.data, self.figures = {}, [], None, None, {}
        self.redis = services.redis_service(self.tmp / "redis")
        self.s3 = services.seaweedfs_service(self.tmp / "seaweedfs")
        self.postgres = urllib.parse.urlsplit(POSTGRES_URL)
        self.database_created = False

    # --- Environments ---------------------------------------------------------------------------

    def environment(self, *, direct=False, node="node1", **extra):
        """deploy/portal.env with this machine's addresses, ports and throw-away secrets."""
        inherited = {
            k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE")
        }
        user = self.postgres.username or "postgres"
        password = f":{self.postgres.password}" if self.postgres.password else ""
        server = (
            f"{self.postgres.hostname}:{self.postgres.port or 5432}"
            if direct
            else f"{LOOPBACK}:{self.ports['pgbouncer']}"
        )
        env = {**inherited, **units.environment_file()}
        env.update(
            SECRET_KEY="cluster-check-only-" + "s" * 50,
            ALLOWED_HOSTS="127.0.0.1,localhost",
            BASE_URL=f"http://{LOOPBACK}:{self.ports['front']}",
            DATABASE_URL=f"postgres://{user}{password}@{server}/{DATABASE}",
            REDIS_URL=f"redis://{LOOPBACK}:{self.redis.port}/0",
            EMAIL_HOST=LOOPBACK,
            EMAIL_PORT=str(self.ports["smtp"]),
            EMAIL_USE_TLS="false",
            S3_BUCKET=BUCKET,
            S3_ENDPOINT_URL=self.s3.endpoint,
            S3_ACCESS_KEY_ID=services.S3_ACCESS_KEY,
            S3_SECRET_ACCESS_KEY=services.S3_SECRET_KEY,
            S3_REGION="us-east-1",
            STATIC_ROOT=str(self.tmp / "static"),
            MEDIA_ROOT=str(self.tmp / node / "media"),
            PORTAL_BIND=f"{LOOPBACK}:{self.ports.get(node, 0)}",
            GUNICORN_WORKERS=str(WORKERS_PER_NODE),
            # Plain HTTP on the loopback: no TLS in front of this balancer.
            SECURE_SSL_REDIRECT="false",
            BEHIND_TLS_PROXY="false",
            SECURE_HSTS_SECONDS="0",
            CSP_UPGRADE_INSECURE_REQUESTS="false",
            RELEASE="cluster-check",
            PYTHONUNBUFFERED="1",
        )
        env.update(extra)
        return env

    def manage(self, *args, direct=False, node="node1", timeout=240, **extra):
        """`manage.py …` in a child process with a node's environment; (return code, output)."""
        env = self.environment(direct=direct, node=node, **extra)
        result = subprocess.run(  # noqa: S603 - our own manage.py
            [sys.executable, str(units.ROOT / "manage.py"), *args],
            cwd=units.ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        return result.returncode, (result.stdout + result.stderr).strip()

    # --- Start ----------------------------------------------------------------------------------

    def _postgres(self, sql):
        import psycopg

        admin = self.postgres._replace(path="/postgres").geturl()
        with psycopg.connect(admin, autocommit=True, connect_timeout=5) as connection:
            for statement in sql:
                connection.execute(statement)

    def create_database(self):
        self._postgres([f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)', f'CREATE DATABASE "{DATABASE}"'])
        self.database_created = True
        # Django then never needs a session-level SET TIME ZONE (PgBouncer would keep it per client).
        self._postgres([f"ALTER DATABASE \"{DATABASE}\" SET timezone TO 'UTC'"])

    def prepare(self, say):
        """The database migrated and the static files collected, at once (two processes)."""
        jobs = {
            "migrate": ("migrate", "--noinput"),
            "collectstatic": ("collectstatic", "--noinput"),
        }
        results = {}
        threads = [
            threading.Thread(
                target=lambda name=name, args=args: results.update({name: self.manage(*args, direct=True)})
            )
            for name, args in jobs.items()
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        for name, (code, output) in results.items():
            if code != 0:
                raise services.ServiceError(f"manage.py {name} failed:\n{output[-2000:]}")

    def start_pgbouncer(self):
        directory = self.tmp / "pgbouncer"
        directory.mkdir()
        pool_mode = units.pgbouncer_config(
            port=self.ports["pgbouncer"],
            database=DATABASE,
            directory=directory,
            server_port=self.postgres.port or 5432,
            user=self.postgres.username or "postgres",
            password=self.postgres.password or "",
        )
        args = ["pgbouncer", directory / "pgbouncer.ini"]
        if os.geteuid() == 0:
            # PgBouncer refuses to run as root; it drops to postgres, which must read its folder.
            shutil.chown(directory, "postgres")
            for path in directory.iterdir():
                shutil.chown(path, "postgres")
            args = ["pgbouncer", "-u", "postgres", directory / "pgbouncer.ini"]
        service = Service("pgbouncer", args, log=self.tmp / "pgbouncer.out")
        self.services.start(service).wait_for_port(self.ports["pgbouncer"])
        return pool_mode

    def start_node(self, node, **extra):
        service = Service(node, units.exec_start("portal-web.service"), log=self.tmp / f"{node}.log")
        service.env = self.environment(node=node, **extra)
        (self.tmp / node / "media").mkdir(parents=True, exist_ok=True)
        self.services.start(service)
        self.nodes[node] = service
        return service

    def start_worker(self, node):
        service = Service(
            f"worker-{node}", units.exec_start("portal-worker.service"), log=self.tmp / f"worker-{node}.log"
        )
        service.env = self.environment(node=node)
        self.workers.append(self.services.start(service))

    def start_haproxy(self):
        env = {
            **os.environ,
            "PORTAL_FRONT": f"{LOOPBACK}:{self.ports['front']}",
            "PORTAL_NODE1": f"{LOOPBACK}:{self.ports['node1']}",
            "PORTAL_NODE2": f"{LOOPBACK}:{self.ports['node2']}",
            "PORTAL_NODE_MAXCONN": str(WORKERS_PER_NODE - 1),  # one worker kept for /healthz
            "PORTAL_HOST": LOOPBACK,
            "S3_SERVER": f"{LOOPBACK}:{self.s3.port}",
            "S3_BUCKET": BUCKET,
            "HAPROXY_STATS": str(self.tmp / "haproxy.sock"),
        }
        args = ["haproxy", "-db", "-f", units.DEPLOY / "haproxy" / "portal.cfg"]
        service = Service("haproxy", args, log=self.tmp / "haproxy.log", env=env)
        self.haproxy = self.services.start(service).wait_for_port(self.ports["front"])

    def haproxy_stats(self):
        """{server name: {"status": "UP"/"DOWN"…, "requests": int}} from HAProxy's admin socket."""
        import socket

        with socket.socket(socket.AF_UNIX) as admin:
            admin.settimeout(2)
            admin.connect(str(self.tmp / "haproxy.sock"))
            admin.sendall(b"show stat\n")
            raw = b""
            while chunk := admin.recv(65536):
                raw += chunk
        lines = raw.decode().lstrip("# ").splitlines()
        header = lines[0].split(",")
        rows = [dict(zip(header, line.split(","), strict=False)) for line in lines[1:] if line]
        return {
            row["svname"]: {"status": row["status"], "requests": int(row["stot"] or 0)}
            for row in rows
            if row["pxname"] == "portal" and row["svname"] in NODES
        }

    def wait_balanced(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if all(server["status"] == "UP" for server in self.haproxy_stats().values()):
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise services.ServiceError(
            "HAProxy never saw both nodes UP:\n" + "\n".join(n.tail(5) for n in self.nodes.values())
        )

    def start(self, say):
        """Everything, in order; the slow steps (migrate, collectstatic) run side by side."""
        started = time.monotonic()
        self.services.start(self.redis)
        self.services.start(self.s3)
        self.mailbox = Mailbox(self.ports["smtp"])
        self.mailbox.controller.start()
        self.create_database()
        self.prepare(say)
        self.redis.wait_for_port(self.redis.port)
        services.wait_for_s3(self.s3)
        legacy = self.tmp / "legacy"
        (legacy / "original_images").mkdir(parents=True)
        (legacy / "original_images" / "affiche-2025.png").write_bytes(LEGACY_PNG)
        self.copied = [self.manage("copy_media_to_bucket", "--source", str(legacy), direct=True) for _run in (1, 2)]
        self.pool_mode = self.start_pgbouncer()
        os.environ.update(self.environment(direct=True))
        import django

        django.setup()
        from .data import build

        self.data = build()
        for node in NODES:
            self.start_node(node)
            self.start_worker(node)
        for node in NODES:
            self.nodes[node].wait_for_port(self.ports[node], timeout=60)
        self.start_haproxy()
        self.wait_balanced()
        say(f"Cluster up in {time.monotonic() - started:.0f} s (temporary folder {self.tmp})")

    def restart_redis(self, timeout=15):
        """Redis again on its port; True once a node serves a page from the cache again."""
        from .client import Client

        self.redis = services.redis_service(self.tmp / "redis", port=self.redis.port)
        self.services.start(self.redis).wait_for_port(self.redis.port)
        client, deadline = Client(self.ports["node1"]), time.monotonic() + timeout
        while time.monotonic() < deadline:
            if client.get("/").header("x-page-cache") == "hit":
                return True
            time.sleep(0.5)
        return False

    # --- Stop -----------------------------------------------------------------------------------

    def stop(self):
        """Every process group, the SMTP server, the database and the folder; never raises."""
        problems = []
        for action in (self.services.stop_all, self._stop_mailbox, self._drop_database):
            try:
                action()
            except Exception as error:  # noqa: BLE001 - clean up the rest whatever failed
                problems.append(f"{action.__name__}: {error}")
        keep = os.environ.get("CLUSTER_CHECK_LOGS")
        if keep:
            # For a failure's diagnosis: the logs of every program, copied before the folder goes.
            Path(keep).mkdir(parents=True, exist_ok=True)
            for log in self.tmp.rglob("*.log"):
                shutil.copy(log, Path(keep) / log.name)
        shutil.rmtree(self.tmp, ignore_errors=True)
        return problems

    def _stop_mailbox(self):
        if self.mailbox is not None:
            self.mailbox.controller.stop()

    def _drop_database(self):
        if self.database_created:
            self._postgres([f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)'])
