"""`make bench`: the portal under load, with a large data set, as production runs it.

Steps: create the PostgreSQL database `portal_bench` if missing, migrate, load the demo and the
large data set (reused when present), collectstatic, count each page's SQL queries and HTML size
in-process, then serve with gunicorn (2 workers, production settings, DEBUG off) and load each
address with wrk: once with the page cache warm, once with the cache switched off. Then
Lighthouse (mobile) on six pages and 200 simultaneous registrations for 20 places over HTTP.

Environment: BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/portal_bench),
BENCH_PORT (8765), BENCH_DURATION (seconds per address and round, 5), BENCH_ROUNDS (2: the best
run of each address is kept), BENCH_CONNECTIONS (8),
BENCH_CACHE (redis when redis-server is installed, else db), BENCH_SKIP (comma list of
"lighthouse", "registrations", "uncached").
"""

import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.client import HTTPConnection
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
}
if CACHE == "redis":
    ENV["REDIS_URL"] = f"redis://127.0.0.1:{REDIS_PORT}/0"


def say(*args):
    print(*args, flush=True)  # noqa: T201


# --- Preparation (in-process Django) ------------------------------------------------------------


def ensure_database():
    import psycopg

    parts = urllib.parse.urlsplit(DATABASE_URL)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            say(f"Creating the database {name}")
            connection.execute(f'CREATE DATABASE "{name}"')


def prepare():
    os.environ.update(ENV)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from bench import generate

    # The cache table first: migrations' signals already touch the cache.
    call_command("createcachetable", verbosity=0)
    call_command("migrate", "--noinput", verbosity=0)
    if not generate.has_data():
        started = time.monotonic()
        say("Loading the demo and the large data set (once; reused afterwards)…")
        call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        generate.generate(out=say)
        generate.update_search_index(out=say)
        say(f"  done in {time.monotonic() - started:.0f} s")
    started = time.monotonic()
    call_command("collectstatic", "--noinput", verbosity=0)
    say(f"collectstatic (manifest + compression): {time.monotonic() - started:.0f} s")
    from events.models import EventPage, EventSession
    from resources.models import PartnerPage, ResourcePage

    say(
        f"Data: {EventPage.objects.count()} events, {EventSession.objects.count()} sessions, "
        f"{ResourcePage.objects.count()} resources, {PartnerPage.objects.count()} partners"
    )


def pick_urls():
    from django.contrib.staticfiles.storage import staticfiles_storage

    from events.models import EventPage
    from home.models import Theme
    from resources.models import ResourceFormat, ResourcePage

    event = EventPage.objects.live().filter(sessions__isnull=False, online_registration=True).order_by("pk").first()
    resource = ResourcePage.objects.live().order_by("pk").first()
    theme = Theme.objects.order_by("pk").first()
    resource_format = ResourceFormat.objects.order_by("pk").first()
    return {
        "/": "/",
        "agenda list": "/agenda/",
        "agenda month": "/agenda/?vue=mois",
        "agenda filtered": f"/agenda/?theme={theme.slug}&inscription=on",
        "event page": event.url,
        "iCal feed": "/agenda/ical/",
        "resources filtered": f"/ressources/?theme={theme.slug}&format={resource_format.slug}",
        "resource page": resource.url,
        "search": "/recherche/?q=parents",
        "static CSS": staticfiles_storage.url("css/main.css"),
    }


def measure_pages(urls):
    """SQL queries, HTML size and in-process time of each address, with the page cache off.

    Cold: the first view after a change of content (every per-worker memo empty); warm: the
    views after it (what the uncached wrk column loads).
    """
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    from portal.cache import invalidate_pages

    client = Client(HTTP_HOST=f"127.0.0.1:{PORT}")
    results = {}
    with override_settings(PAGE_CACHE_ENABLED=False):
        for name, url in urls.items():
            client.get(url)
            invalidate_pages()
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as cold_queries:
                client.get(url)
            cold_ms = (time.perf_counter() - started) * 1000
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            # Counted now: the next request empties the connection's query log.
            query_count, cold_query_count = len(queries), len(cold_queries)
            started = time.perf_counter()
            for _view in range(5):
                client.get(url)
            warm_ms = (time.perf_counter() - started) * 1000 / 5
            body = b"".join(response.streaming_content) if response.streaming else response.content
            results[name] = {
                "queries": query_count,
                "cold_queries": cold_query_count,
                "cold_ms": cold_ms,
                "warm_ms": warm_ms,
                "bytes": len(body),
                "status": response.status_code,
            }
    return results


# --- Servers ------------------------------------------------------------------------------------


class Process:
    def __init__(self, args, log, env):
        self.log = open(log, "w")  # noqa: SIM115
        self.process = subprocess.Popen(args, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)  # noqa: S603

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()


def start_redis():
    if CACHE != "redis":
        return None
    args = ["redis-server", "--port", str(REDIS_PORT), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    redis = Process(args, OUT / "redis.log", os.environ.copy())
    time.sleep(0.5)
    return redis


def start_gunicorn(page_cache):
    env = {**os.environ, **ENV, "PAGE_CACHE_ENABLED": "true" if page_cache else "false"}
    args = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "portal.wsgi",
        "--workers",
        "2",
        "--bind",
        f"127.0.0.1:{PORT}",
        "--backlog",
        "2048",
        "--timeout",
        "60",
    ]
    server = Process(args, OUT / f"gunicorn-{'cached' if page_cache else 'uncached'}.log", env)
    for _attempt in range(100):
        try:
            urllib.request.urlopen(BASE + "/robots.txt", timeout=2)  # noqa: S310
            return server
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.2)
    server.stop()
    raise SystemExit("gunicorn did not start: see bench/out/gunicorn-*.log")


def fetch(url):
    with urllib.request.urlopen(BASE + url, timeout=30) as response:  # noqa: S310
        return response.status, response.headers, response.read()


# --- Load ---------------------------------------------------------------------------------------


def wrk(url, connections=CONNECTIONS, duration=DURATION):
    args = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "30s", "-s", str(BENCH / "report.lua")]
    output = subprocess.run([*args, BASE + url], capture_output=True, text=True, check=True).stdout  # noqa: S603
    match = re.search(r"^BENCH (\d+) (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)$", output, re.MULTILINE)
    requests, micros, p50, p95, p99, errors, non_2xx = map(int, match.groups())
    return {
        "rps": requests / (micros / 1e6),
        "p50": p50 / 1000,
        "p95": p95 / 1000,
        "p99": p99 / 1000,
        "errors": errors + non_2xx,
    }


def load_all(urls, label):
    """Each address loaded ROUNDS times, one round after the other; the best run is kept.

    The machine's other processes come and go: a single run measures them as much as the page.
    Every address, the static file included, gets the same number of chances.
    """
    results = {}
    for round_number in range(1, ROUNDS + 1):
        for name, url in urls.items():
            for _warm in range(3):
                fetch(url)
            run = wrk(url)
            if name not in results or run["rps"] > results[name]["rps"]:
                results[name] = run
            say(f"  {label:8} {round_number} {name:20} {run['rps']:8.0f} req/s  p95 {run['p95']:7.1f} ms")
    return results


# --- Lighthouse ---------------------------------------------------------------------------------


def ensure_lighthouse():
    if LIGHTHOUSE.exists():
        return True
    if not shutil.which("npm"):
        return False
    say("Installing lighthouse@12.8.2 into bench/node_modules…")
    subprocess.run(  # noqa: S603
        [
            shutil.which("npm"),
            "install",
            "--no-save",
            "--no-audit",
            "--no-fund",
            "--prefix",
            str(BENCH),
            "lighthouse@12.8.2",
        ],
        check=True,
        capture_output=True,
    )
    return LIGHTHOUSE.exists()


def run_lighthouse(url, report):
    """One Lighthouse run; its JSON report, or None when Lighthouse itself failed."""
    import json

    flags = "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking"
    subprocess.run(  # noqa: S603
        [
            str(LIGHTHOUSE),
            BASE + url,
            f"--chrome-flags={flags}",
            "--only-categories=performance,accessibility,best-practices,seo",
            "--output=json",
            f"--output-path={report}",
            "--quiet",
        ],
        env={**os.environ, "CHROME_PATH": CHROME},
        check=False,
        capture_output=True,
    )
    try:
        data = json.loads(report.read_text())
    except (OSError, ValueError):
        return None
    # A tracing failure (NO_NAVSTART, NO_FCP…) says nothing about the page: Lighthouse asks to
    # run it again.
    return None if data.get("runtimeError") or "categories" not in data else data


def lighthouse(pages):
    if not ensure_lighthouse() or not Path(CHROME).exists():
        say("Lighthouse skipped: npm or Chromium missing")
        return {}
    scores = {}
    for name, url in pages.items():
        report = OUT / f"lighthouse-{re.sub(r'[^a-z]+', '-', name)}.json"
        data = run_lighthouse(url, report) or run_lighthouse(url, report)
        if data is None:
            scores[name] = None
            continue
        scores[name] = {key: round(100 * (value["score"] or 0)) for key, value in data["categories"].items()}
        scores[name]["failed"] = [
            audit_id
            for audit_id, audit in data["audits"].items()
            if audit.get("score") is not None and audit["score"] < 0.9 and audit.get("scoreDisplayMode") == "binary"
        ]
        say(f"  lighthouse {name:18} {scores[name]}")
    return scores


# --- Registrations under load -------------------------------------------------------------------

FORM_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CSRF_COOKIE = re.compile(r"((?:__Host-)?csrftoken)=([^;]+)")


def registration_load(count=200):
    """`count` residents post the registration form at once (20 source addresses: the rate limit
    is 10 posts per hour per address). Returns latencies, statuses and the outcome in the database."""
    from django.db.models import Sum

    from bench import generate
    from events.models import Registration

    event, session = generate.load_event()
    from portal.cache import invalidate_pages

    invalidate_pages()
    url = f"{event.url}inscription/?seance={session.pk}"
    barrier = threading.Barrier(count)
    latencies, statuses = [], []
    lock = threading.Lock()

    def resident(number):
        source = (f"127.0.0.{2 + number % 20}", 0)
        connection = HTTPConnection("127.0.0.1", PORT, timeout=120, source_address=source)
        try:
            connection.request("GET", url)
            response = connection.getresponse()
            html = response.read().decode()
            cookie_name, cookie_value = CSRF_COOKIE.search(response.getheader("Set-Cookie") or "").groups()
            token = FORM_TOKEN.search(html).group(1)
            body = urllib.parse.urlencode(
                {
                    "csrfmiddlewaretoken": token,
                    "first_name": "Camille",
                    "last_name": f"Essai {number}",
                    "email": f"camille.essai{number}@example.org",
                    "phone": "",
                    "adults": "1",
                    "children": "0",
                    "consent": "on",
                }
            )
            headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"{cookie_name}={cookie_value}"}
            barrier.wait(timeout=120)
            started = time.monotonic()
            connection.request("POST", url, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            elapsed = (time.monotonic() - started) * 1000
            with lock:
                latencies.append(elapsed)
                statuses.append(response.status)
        except Exception as error:  # noqa: BLE001 — every failure is reported, none hidden
            with lock:
                statuses.append(f"error: {error!r}"[:80])
        finally:
            connection.close()

    threads = [threading.Thread(target=resident, args=(number,)) for number in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    rows = Registration.objects.filter(session=session)
    held = rows.filter(status__in=("confirmed", "pending")).aggregate(people=Sum("adults") + Sum("children"))
    outcome = {
        "posted": count,
        "statuses": {str(status): statuses.count(status) for status in set(statuses)},
        "confirmed_people": held["people"] or 0,
        "waiting": rows.filter(status="waiting").count(),
        "registrations": rows.count(),
        "p50": statistics.median(latencies) if latencies else None,
        "p95": statistics.quantiles(latencies, n=20)[18] if len(latencies) > 1 else None,
        "event_url": event.url,
    }
    return outcome


# --- Report -------------------------------------------------------------------------------------


def table(urls, pages, cached, uncached):
    static = cached["static CSS"]["rps"]
    lines = [
        f"{'page':20} {'queries':>7} {'HTML KB':>7} {'ms':>5} {'cold q':>6} {'cold ms':>7} "
        f"| {'cached req/s':>12} {'p50 ms':>7} {'p95 ms':>7} {'% static':>8} "
        f"| {'uncached req/s':>14} {'p50 ms':>7} {'p95 ms':>7} {'% static':>8}",
        "-" * 150,
    ]
    for name in urls:
        page, hot = pages[name], cached[name]
        cold = uncached.get(name) if uncached else None
        row = (
            f"{name:20} {page['queries']:>7} {page['bytes'] / 1024:>7.1f} {page['warm_ms']:>5.1f} "
            f"{page['cold_queries']:>6} {page['cold_ms']:>7.1f} | {hot['rps']:>12.0f} {hot['p50']:>7.1f} "
            f"{hot['p95']:>7.1f} {100 * hot['rps'] / static:>7.0f}%"
        )
        if cold:
            row += (
                f" | {cold['rps']:>14.0f} {cold['p50']:>7.1f} {cold['p95']:>7.1f} {100 * cold['rps'] / static:>7.1f}%"
            )
        if hot["errors"] or (cold and cold["errors"]):
            row += f"  errors {hot['errors']}/{cold['errors'] if cold else '-'}"
        lines.append(row)
    return "\n".join(lines)


def main():
    OUT.mkdir(exist_ok=True)
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    ensure_database()
    redis = start_redis()
    prepare()
    urls = pick_urls()
    pages = measure_pages(urls)
    say(f"\nPage cache backend: {CACHE}; wrk: {CONNECTIONS} connections, {DURATION} s per address\n")
    scores, registrations, uncached, event_p95_loaded = {}, None, {}, None
    try:
        server = start_gunicorn(page_cache=True)
        try:
            cached = load_all(urls, "cached")
            if "lighthouse" not in SKIP:
                lighthouse_pages = {
                    "home": "/",
                    "agenda": "/agenda/",
                    "event": urls["event page"],
                    "resources": "/ressources/",
                    "resource": urls["resource page"],
                    "appointment form": "/rendez-vous/",
                }
                scores = lighthouse(lighthouse_pages)
        finally:
            server.stop()
        if "uncached" not in SKIP or "registrations" not in SKIP:
            server = start_gunicorn(page_cache=False)
            try:
                if "uncached" not in SKIP:
                    uncached = load_all(urls, "uncached")
                if "registrations" not in SKIP:
                    registrations = registration_load()
                    # The event page under the same load (200 connections), for comparison.
                    event_p95_loaded = wrk(registrations["event_url"], connections=200, duration=5)["p95"]
            finally:
                server.stop()
    finally:
        if redis:
            redis.stop()

    say("\n" + table(urls, pages, cached, uncached))
    if scores:
        say("\nLighthouse (mobile): performance / accessibility / best practices / SEO")
        for name, score in scores.items():
            if score:
                say(
                    f"  {name:18} {score['performance']:>3} / {score['accessibility']:>3} / "
                    f"{score['best-practices']:>3} / {score['seo']:>3}"
                    + (f"   below 90: {', '.join(score['failed'])}" if score["failed"] else "")
                )
            else:
                say(f"  {name:18} failed (see bench/out/)")
    if registrations:
        say("\nRegistrations: 200 simultaneous posts for 20 places (PostgreSQL, over HTTP)")
        say(
            f"  responses {registrations['statuses']}; places taken {registrations['confirmed_people']}, "
            f"waiting list {registrations['waiting']}, registrations {registrations['registrations']}"
        )
        say(
            f"  post latency p50 {registrations['p50']:.0f} ms, p95 {registrations['p95']:.0f} ms; "
            f"event page at 200 connections p95 {event_p95_loaded:.0f} ms, "
            f"at {CONNECTIONS} connections p95 {(uncached or cached)['event page']['p95']:.1f} ms (uncached)"
        )


if __name__ == "__main__":
    main()
