"""gunicorn settings of one app server (systemd/portal-web.service; `make cluster-check` runs it too).

Environment: PORTAL_BIND (address:port, default 127.0.0.1:8000: only the load balancer or the
reverse proxy in front should reach it), GUNICORN_WORKERS (default 2 per core + 1).
"""

import multiprocessing
import os

bind = os.environ.get("PORTAL_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
# Sync workers: the balancer or nginx in front absorbs slow clients and queues the rest.
worker_class = "sync"
timeout = 30
# A stop (deploy, systemctl stop) lets requests in progress finish; the balancer already sends
# new ones elsewhere once /healthz stops answering.
graceful_timeout = 20
keepalive = 5
backlog = 2048
# Recycle workers now and then (a slow leak never grows for weeks), not all at once.
max_requests = 2000
max_requests_jitter = 200
# Access log to stdout (the journal): client address as the portal sees it (X-Forwarded-For from
# a trusted proxy), method, path without its query string (links may carry personal tokens),
# status, size, milliseconds.
accesslog = "-"
access_log_format = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
