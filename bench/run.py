"""`make bench`: the portal under load, with a large data set, as production runs it.

Steps: create the PostgreSQL database `portal_bench` if missing, migrate, load the demo and the
large data set (reused when present), collectstatic, count each page's SQL queries and HTML size
in-process, then serve with gunicorn (2 workers, production settings, DEBUG off) and load each
address with wrk: once with the page cache warm, once with the cache switched off. Then
Lighthouse (mobile) on six pages, the cached pages again while bookings arrive at 5 a second,
and 200 simultaneous registrations for 20 places over HTTP.

Environment: BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/portal_bench),
BENCH_PORT (8765), BENCH_DURATION (seconds per address and round, 5), BENCH_ROUNDS (2: the best
run of each address is kept), BENCH_CONNECTIONS (8),
BENCH_CACHE (redis when redis-server is installed, else db), BENCH_SKIP (comma list of
"lighthouse", "registrations", "uncached", "booking").
"""

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from bench.load import (
    BookingStream,
    load_all,
    registration_load,
    start_gunicorn,
    start_redis,
    wrk,
)
from bench.settings import (
    BASE,
    BENCH,
    CACHE,
    CHROME,
    CONNECTIONS,
    DATABASE_URL,
    DURATION,
    ENV,
    LIGHTHOUSE,
    OUT,
    PORT,
    ROOT,
    SKIP,
    say,
)


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
    generate.settle()
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
        "resources list": "/ressources/",
        "resources filtered": f"/ressources/?theme={theme.slug}&format={resource_format.slug}",
        "resource page": resource.url,
        "search": "/recherche/?q=parents",
        "static CSS": staticfiles_storage.url("css/main.css"),
    }


def measure_pages(urls):
    """SQL queries, HTML size and in-process time of each address, with the page cache off.

    Cold: the first view after a change of content (no fragment kept); warm: the views after
    it (what the uncached wrk column loads).
    """
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    from portal.cache import CONTENT, renew

    client = Client(HTTP_HOST=f"127.0.0.1:{PORT}")
    results = {}
    with override_settings(PAGE_CACHE_ENABLED=False):
        for name, url in urls.items():
            client.get(url)
            renew(CONTENT)
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


# --- Cached pages while bookings arrive ----------------------------------------------------------

BOOKING_PAGES = ("/", "agenda list", "resources list", "static CSS")


def load_while_booking(urls, idle):
    """The cached pages loaded again while 5 bookings a second arrive, each page's share of the
    static file's rate compared with the same share when idle (target: 80 % of it kept)."""
    from bench import generate

    event, session = generate.load_event()
    stream = BookingStream(f"{event.url}inscription/?seance={session.pk}", rate=5)
    stream.start()
    try:
        loaded = load_all({name: urls[name] for name in BOOKING_PAGES}, "booking")
    finally:
        statuses = stream.stop()
    static_idle, static_loaded = idle["static CSS"]["rps"], loaded["static CSS"]["rps"]
    kept = {
        name: (loaded[name]["rps"] / static_loaded) / (idle[name]["rps"] / static_idle)
        for name in BOOKING_PAGES
        if name != "static CSS"
    }
    return {"loaded": loaded, "kept": kept, "statuses": statuses}


def booking_table(booking, idle):
    lines = [f"{'page':20} {'idle req/s':>10} {'booking req/s':>13} {'kept':>6}"]
    for name in BOOKING_PAGES:
        kept = booking["kept"].get(name)
        lines.append(
            f"{name:20} {idle[name]['rps']:>10.0f} {booking['loaded'][name]['rps']:>13.0f} "
            + (f"{100 * kept:>5.0f}%" if kept is not None else f"{'':>6}")
        )
    lines.append(f"bookings posted meanwhile: {booking['statuses']} (target: every page keeps ≥ 80 %)")
    return "\n".join(lines)


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
    scores, registrations, uncached, event_p95_loaded, booking = {}, None, {}, None, None
    try:
        server = start_gunicorn(page_cache=True)
        try:
            cached = load_all(urls, "cached")
            if "booking" not in SKIP:
                booking = load_while_booking(urls, cached)
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
    if booking:
        say("\nCached pages while 5 bookings a second arrive (share of the static file's rate, vs idle)")
        say(booking_table(booking, cached))
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
