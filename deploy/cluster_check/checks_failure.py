"""The cluster check's proofs when something fails, and the document serving measurement."""

import collections
import json
import statistics
import threading
import time
from http.client import HTTPException

from .checks import sign_in
from .checks_load import book
from .client import Client
from .cluster import NODES
from .data import RESIDENT_EMAIL


def check_redis_stopped(cluster):
    """Redis stopped: pages answer, posts are not 500, /healthz says degraded; then Redis is back."""
    cluster.redis.stop(grace=2)
    front = Client(cluster.ports["front"], source="127.0.8.1")
    pages = [front.get(path).status for path in ("/", cluster.data["event_url"], "/ressources/", "/agenda/")]
    booking, _at = book(cluster.ports["front"], cluster.data["booking_url"], 8000, "127.0.8.2")
    from .checks_load import appointment

    request = appointment(cluster, "127.0.8.3")
    wrong = sign_in(front, RESIDENT_EMAIL, "un mauvais mot de passe").last
    health = {node: json.loads(Client(cluster.ports[node]).get("/healthz").body)["status"] for node in NODES}
    posts = [booking, request, wrong.status]
    restarted = cluster.restart_redis()
    ok = set(pages) == {200} and all(status < 500 for status in posts) and set(health.values()) == {"degraded"}
    return ok and restarted, (
        f"pages {pages}; booking {booking}, appointment {request}, wrong login {wrong.status}; "
        f"/healthz {health} (both nodes stay in the pool); Redis restarted and used again: {restarted}"
    )


class Load(threading.Thread):
    """GET / through HAProxy from `clients` threads until stopped; (time, status) of each answer."""

    def __init__(self, port, clients=4):
        super().__init__(daemon=True)
        self.port, self.clients, self.stopped, self.answers = port, clients, threading.Event(), []
        self.errors = []

    def _client(self, number):
        client = Client(self.port, source=f"127.0.9.{number + 1}", timeout=10)
        while not self.stopped.is_set():
            started = time.monotonic()
            try:
                status = client.get("/").status
            except (OSError, HTTPException) as error:
                status = 0  # no answer, or an answer cut off by the crash
                self.errors.append((started, time.monotonic(), type(error).__name__))
            self.answers.append((time.monotonic(), status))

    def run(self):
        threads = [threading.Thread(target=self._client, args=(number,), daemon=True) for number in range(self.clients)]
        for thread in threads:
            thread.start()
        self.stopped.wait()
        for thread in threads:
            thread.join(15)


def check_failover(cluster):
    """node2 crashes (SIGKILL of its process group) under load: how long until every answer is a 200."""
    load = Load(cluster.ports["front"])
    load.start()
    time.sleep(2)
    killed = time.monotonic()
    cluster.nodes["node2"].kill()
    down_after, node1_states = None, set()
    while time.monotonic() - killed < 8:
        stats = cluster.haproxy_stats()
        if down_after is None and stats["node2"]["status"].startswith("DOWN"):
            down_after = time.monotonic() - killed
        node1_states.add(stats["node1"]["status"])
        time.sleep(0.1)
    load.stopped.set()
    load.join(20)
    after = [(at - killed, status) for at, status in load.answers if at >= killed]
    failed = [at for at, status in after if status != 200]
    kinds = dict(collections.Counter(status for _at, status in after if status != 200))
    failover = max(failed) if failed else 0.0
    last_second = [status for at, status in after if at >= after[-1][0] - 1]
    cluster.figures["failover seconds"] = failover
    ok = bool(after) and failover <= 5 and set(last_second) == {200}
    return ok, (
        f"{len(after)} requests after node2 was killed: {len(failed)} failed {kinds}, the last {failover:.2f} s after; "
        f"HAProxy marked node2 down after {down_after if down_after is None else round(down_after, 1)} s; "
        f"every answer of the last second a 200; node1 seen by HAProxy as {sorted(node1_states)}; "
        f"errors {[(round(a - killed, 2), round(b - killed, 2), kind) for a, b, kind in load.errors]}"
    )


def _download_rate(port, url, seconds=3.0, clients=4):
    """(downloads per second, median ms, statuses) of whole document downloads, redirects followed."""
    timings, statuses, lock = [], [], threading.Lock()
    deadline = time.monotonic() + seconds

    def loop(number):
        client = Client(port, source=f"127.0.10.{number + 1}", timeout=30)
        while time.monotonic() < deadline:
            started = time.monotonic()
            response = client.get(url)
            if response.status == 302:
                response = _follow(response.header("location"))
            with lock:
                timings.append(time.monotonic() - started)
                statuses.append(response.status)

    threads = [threading.Thread(target=loop, args=(number,)) for number in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(timings) / seconds, statistics.median(timings) * 1000 if timings else 0.0, statuses


def _follow(location):
    import urllib.request

    with urllib.request.urlopen(location, timeout=30) as response:  # noqa: S310 - the loopback S3 server
        response.read()
        return type("Followed", (), {"status": response.status})()


def check_document_serving(cluster):
    """Streaming through the app server (serve_view, the nodes' setting) against a redirect to a
    signed link (a third node with DOCUMENTS_SERVE_METHOD=redirect): both counted once each."""
    from resources.models import DiffusionCount

    _pk, url = cluster.data["document"]
    resource = cluster.data["resource"]
    third = cluster.start_node("node3", DOCUMENTS_SERVE_METHOD="redirect")
    third.wait_until(lambda: Client(cluster.ports["node3"]).get("/healthz").status == 200, 60, "/healthz")

    def counted():
        return sum(DiffusionCount.objects.filter(resource_id=resource).values_list("count", flat=True))

    results = {}
    for method, port in (("streamed", cluster.ports["node1"]), ("redirect", cluster.ports["node3"])):
        _download_rate(port, url, seconds=0.5, clients=3)  # every worker warm
        before = counted()
        rate, median, statuses = _download_rate(port, url)
        results[method] = (rate, median, statuses.count(200), len(statuses), counted() - before)
    third.stop()
    ok = all(ok_count == total == added for _r, _m, ok_count, total, added in results.values())
    figures = "; ".join(
        f"{method}: {rate:.0f} downloads/s, median {median:.0f} ms, {ok_count}/{total} complete, counted {added}"
        for method, (rate, median, ok_count, total, added) in results.items()
    )
    return ok, f"1 MB PDF, 4 clients, 3 s each — {figures}"
