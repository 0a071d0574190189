"""What `make bench` runs against: addresses, durations and the servers' environment."""

import os
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
OUT = BENCH / "out"
PORT = int(os.environ.get("BENCH_PORT", "8765"))
BASE = f"http://127.0.0.1:{PORT}"
DURATION = int(os.environ.get("BENCH_DURATION", "5"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "2"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_bench")
REDIS_PORT = int(os.environ.get("BENCH_REDIS_PORT", "6391"))
CACHE = os.environ.get("BENCH_CACHE") or ("redis" if shutil.which("redis-server") else "db")
SKIP = set(filter(None, os.environ.get("BENCH_SKIP", "").split(",")))
LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")

ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": "bench-only-" + "k" * 60,
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "DATABASE_URL": DATABASE_URL,
    "EMAIL_HOST": "127.0.0.1",
    "DEFAULT_FROM_EMAIL": "Banc d'essai <ne-pas-repondre@example.org>",
    "BASE_URL": BASE,
    # Plain HTTP on the loopback: no TLS proxy in front of the bench.
    "SECURE_SSL_REDIRECT": "false",
    "BEHIND_TLS_PROXY": "false",
    "SECURE_HSTS_SECONDS": "0",
    "CSP_UPGRADE_INSECURE_REQUESTS": "false",
    "PYTHONUNBUFFERED": "1",
    # No reverse proxy in front of the bench: Django serves the images (the logo) itself.
    "SERVE_MEDIA": "true",
    # Its own collected files: `make run` and the tests keep serving the app folders' current ones.
    "STATIC_ROOT": str(OUT / "static"),
}
if CACHE == "redis":
    ENV["REDIS_URL"] = f"redis://127.0.0.1:{REDIS_PORT}/0"


def say(*args):
    print(*args, flush=True)  # noqa: T201


# --- Preparation (in-process Django) ------------------------------------------------------------
