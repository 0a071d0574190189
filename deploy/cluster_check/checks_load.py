"""The cluster check's proofs under concurrency: bookings, limits, periodic commands, the lock
timeout through PgBouncer. Each returns (passed, figures)."""

import collections
import re
import subprocess
import threading
import time

from . import units
from .client import Client, csrf_token
from .cluster import NODES
from .data import PLACES, REMINDED

BOOKINGS = 200


def booking_form(number):
    return {
        "first_name": "Camille",
        "last_name": f"Essai {number}",
        "email": f"camille.essai{number}@example.org",
        "phone": "",
        "adults": "1",
        "children": "0",
        "consent": "on",
    }


def book(port, url, number, source, barrier=None):
    """Fetch the form from `source`, then post one booking; (status, seconds after the barrier)."""
    client = Client(port, source=source, timeout=120)
    form = client.get(url)
    data = {**booking_form(number), "csrfmiddlewaretoken": csrf_token(form.text)}
    if barrier is not None:
        barrier.wait(timeout=120)
    return client.post(url, data).status, time.monotonic()


def check_bookings(cluster):
    from django.db.models import Sum

    from events.models import Registration

    url, front = cluster.data["booking_url"], cluster.ports["front"]
    barrier, results, lock = threading.Barrier(BOOKINGS + 1), [], threading.Lock()

    def resident(number):
        try:
            outcome = book(front, url, number, f"127.0.6.{1 + number % 40}", barrier)
        except Exception as error:  # noqa: BLE001 - every failure is counted, none hidden
            outcome = (f"error {type(error).__name__}", time.monotonic())
        with lock:
            results.append(outcome)

    before = cluster.haproxy_stats()
    threads = [threading.Thread(target=resident, args=(number,)) for number in range(BOOKINGS)]
    for thread in threads:
        thread.start()
    barrier.wait(timeout=120)
    released = time.monotonic()
    for thread in threads:
        thread.join()
    after = cluster.haproxy_stats()
    statuses = collections.Counter(str(status) for status, _at in results)
    seconds = max(at for _status, at in results) - released
    rows = Registration.objects.filter(session_id=cluster.data["booked_session"])
    held = rows.filter(status="confirmed").aggregate(people=Sum("adults"))["people"] or 0
    waiting = rows.filter(status="waiting").count()
    split = {node: after[node]["requests"] - before[node]["requests"] for node in NODES}
    errors = sum(count for status, count in statuses.items() if not status.startswith(("2", "3")))
    cluster.figures["bookings per second"] = BOOKINGS / seconds
    ok = held == PLACES and waiting == BOOKINGS - PLACES and errors == 0 and all(split.values())
    return ok, (
        f"{BOOKINGS} posts at once for {PLACES} places from 40 addresses: responses {dict(statuses)}, "
        f"{held} confirmed, {waiting} waiting, {BOOKINGS / seconds:.0f} bookings/s ({seconds:.1f} s), "
        f"requests per node {split}"
    )


def appointment(cluster, source):
    """One whole appointment request from `source` (form, check step, send); the last status."""
    url, client = cluster.data["appointment_url"], Client(cluster.ports["front"], source=source)
    form = client.get(url)
    answers = {
        "csrfmiddlewaretoken": csrf_token(form.text),
        "subject": cluster.data["subject"],
        "message": "",
        "contact_preference": "phone",
        "place": "office",
        "first_name": "Nadia",
        "last_name": "Benali",
        "phone": "06 39 98 00 11",
        "email": "",
        "commune": cluster.data["commune"],
        "consent": "on",
    }
    first = client.post(url, answers)
    if first.status != 302:
        return first.status
    check = client.get(f"{url}verifier/")
    return client.post(f"{url}verifier/", {"csrfmiddlewaretoken": csrf_token(check.text)}).status


def check_appointment_limit(cluster):
    from appointments.models import AppointmentRequest

    before = AppointmentRequest.objects.count()
    one_address = [appointment(cluster, "127.0.4.1") for _attempt in range(11)]
    eleven = [appointment(cluster, f"127.0.5.{1 + number}") for number in range(11)]
    saved = AppointmentRequest.objects.count() - before
    ok = one_address[:10] == [302] * 10 and one_address[10] == 429 and eleven == [302] * 11 and saved == 21
    return ok, (
        f"one address: {one_address.count(302)} sent then {one_address[10]}; 11 addresses: "
        f"{eleven.count(302)}/11 sent; {saved} requests saved (rate limit shared in Redis, keyed on X-Forwarded-For)"
    )


def run_on_both_nodes(cluster, command):
    """The timer's command (portal-job@.service) started on both nodes at the same moment."""
    args = units.exec_start("portal-job@.service", command)
    processes = [
        subprocess.Popen(  # noqa: S603 - our own manage.py
            args, cwd=units.ROOT, env=cluster.environment(node=node), stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        for node in NODES
    ]
    return [process.communicate(timeout=120)[0].decode().strip().splitlines()[-1:] for process in processes]


def check_reminders(cluster):
    from events.models import Registration

    said = run_on_both_nodes(cluster, "send_reminders") + run_on_both_nodes(cluster, "send_queued_emails")
    deadline = time.monotonic() + 40
    while time.monotonic() < deadline and len(cluster.mailbox.matching("Rappel")) < REMINDED:
        time.sleep(0.2)
    time.sleep(2)  # a message sent twice would arrive now
    received = collections.Counter(to for to, _subject in cluster.mailbox.matching("Rappel"))
    claimed = Registration.objects.filter(session_id=cluster.data["reminded_session"], reminder_sent_at__isnull=False)
    twice = sum(1 for count in received.values() if count > 1)
    ok = len(received) == REMINDED and twice == 0 and claimed.count() == REMINDED
    return ok, (
        f"send_reminders and send_queued_emails started on both nodes at once: {REMINDED} due, "
        f"{sum(received.values())} messages to {len(received)} people, {twice} twice; the nodes said {said[:2]}"
    )


def check_booking_emails(cluster):
    """The 200 bookings' messages, sent by the two task workers: each person gets exactly one."""
    pattern = re.compile(r"camille\.essai(\d+)@")

    def booked():
        messages = cluster.mailbox.matching("Votre place est confirmée") + cluster.mailbox.matching("Vous êtes sur")
        found = [pattern.search(to[0]) for to, _subject in messages]
        return [int(match.group(1)) for match in found if match and int(match.group(1)) < BOOKINGS]

    deadline = time.monotonic() + 40
    while time.monotonic() < deadline and len(set(booked())) < BOOKINGS:
        time.sleep(0.2)
    per_person = collections.Counter(booked())
    twice = sum(1 for count in per_person.values() if count > 1)
    ok = len(per_person) == BOOKINGS and twice == 0
    sent = sum(per_person.values())
    return ok, f"{sent} booking messages sent by the two task workers to {len(per_person)} people, {twice} twice"


def check_lock_timeout(cluster):
    """A session held locked elsewhere: the booking answers 503 after the lock timeout, and the
    transaction-local lock_timeout never leaks to PgBouncer's other clients."""
    from django.db import connection, transaction

    import psycopg

    from events.models import EventSession

    held, release = threading.Event(), threading.Event()

    def hold():
        with transaction.atomic():
            list(EventSession.objects.select_for_update().filter(pk=cluster.data["booked_session"]))
            held.set()
            release.wait(20)
        connection.close()

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait(10)
    started = time.monotonic()
    try:
        status, _at = book(cluster.ports["front"], cluster.data["booking_url"], 9000, "127.0.7.1")
    finally:
        elapsed = time.monotonic() - started
        release.set()
        holder.join()
    pooled = cluster.environment()["DATABASE_URL"]
    with psycopg.connect(pooled, autocommit=True, prepare_threshold=None) as pooled_connection:
        leaked = {pooled_connection.execute("SHOW lock_timeout").fetchone()[0] for _query in range(10)}
    ok = status == 503 and 2.5 <= elapsed <= 10 and leaked == {"0"} and cluster.pool_mode == "transaction"
    return ok, (
        f"pool_mode={cluster.pool_mode}; booking while the session is locked: {status} after {elapsed:.1f} s; "
        f"lock_timeout seen by other pooled clients afterwards: {sorted(leaked)}"
    )
