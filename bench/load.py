"""Servers and load for `make bench`: gunicorn, a private Redis, wrk, and bookings over HTTP."""

import os
import re
import signal
import statistics
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.client import HTTPConnection

from bench.settings import BASE, BENCH, CACHE, CONNECTIONS, DURATION, ENV, OUT, PORT, REDIS_PORT, ROOT, ROUNDS, say
from deploy.cluster_check.checks_load import booking_form


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
    try:
        with urllib.request.urlopen(BASE + url, timeout=30) as response:  # noqa: S310
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        raise SystemExit(f"{url} answered {error.code}") from error


# A resident's browser: pages that count their views (resources, aids) count each request, as
# they do for residents (robots and scripts, wrk's own default included, are not counted).
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"


def wrk(url, connections=CONNECTIONS, duration=DURATION):
    args = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "30s", "-H", f"User-Agent: {BROWSER}"]
    args += ["-s", str(BENCH / "report.lua")]
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


FORM_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CSRF_COOKIE = re.compile(r"((?:__Host-)?csrftoken)=([^;]+)")


def book(url, number, source, before_post=None):
    """Fetch the form from `source` (a loopback address), then post one booking. (status, ms)."""
    connection = HTTPConnection("127.0.0.1", PORT, timeout=120, source_address=(source, 0))
    try:
        connection.request("GET", url)
        response = connection.getresponse()
        html = response.read().decode()
        cookie_name, cookie_value = CSRF_COOKIE.search(response.getheader("Set-Cookie") or "").groups()
        token = FORM_TOKEN.search(html).group(1)
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **booking_form(number)})
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"{cookie_name}={cookie_value}"}
        if before_post:
            before_post(timeout=120)
        started = time.monotonic()
        connection.request("POST", url, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status, (time.monotonic() - started) * 1000
    finally:
        connection.close()


class BookingStream(threading.Thread):
    """Bookings arriving at `rate` a second, each from the next loopback address, until `stop()`.

    Each address may book 10 times an hour (the form's limit): 240 addresses allow 2,400 bookings.
    """

    def __init__(self, url, rate=5):
        super().__init__(daemon=True)
        self.url, self.interval = url, 1 / rate
        self.statuses = []
        self._stopped = threading.Event()

    def run(self):
        number = 0
        next_at = time.monotonic()
        while not self._stopped.is_set():
            source = f"127.0.{1 + number // 240}.{10 + number % 240}"
            threading.Thread(target=self._one, args=(number, source), daemon=True).start()
            number += 1
            next_at += self.interval
            self._stopped.wait(max(0, next_at - time.monotonic()))

    def _one(self, number, source):
        try:
            self.statuses.append(book(self.url, 1000 + number, source)[0])
        except Exception as error:  # noqa: BLE001 — reported, never hidden
            self.statuses.append(f"error: {error!r}"[:60])

    def stop(self):
        self._stopped.set()
        self.join(5)
        return {str(status): self.statuses.count(status) for status in set(self.statuses)}


def registration_load(count=200):
    """`count` residents post the registration form at once (20 source addresses: the rate limit
    is 10 posts per hour per address). Returns latencies, statuses and the outcome in the database."""
    from django.db.models import Sum

    from bench import generate
    from events.models import Registration

    event, session = generate.load_event()
    url = f"{event.url}inscription/?seance={session.pk}"
    barrier = threading.Barrier(count)
    latencies, statuses = [], []
    lock = threading.Lock()

    def resident(number):
        try:
            status, elapsed = book(url, number, f"127.0.0.{2 + number % 20}", before_post=barrier.wait)
            with lock:
                latencies.append(elapsed)
                statuses.append(status)
        except Exception as error:  # noqa: BLE001 — every failure is reported, none hidden
            with lock:
                statuses.append(f"error: {error!r}"[:80])

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
