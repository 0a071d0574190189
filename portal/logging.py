"""Logging filters that keep personal tokens out of logs, and error reports through the outbox."""

import logging
import re

from django.utils.log import AdminEmailHandler

# Query strings may carry search terms or filters typed by residents; long random path
# segments are private links (registration or request tokens).
_QUERY = re.compile(r"\?[^\s\"']*")
# The whole path segment goes, whatever follows the token in it ("/<token>=/", "/<token>.ics").
_TOKEN = re.compile(r"/[A-Za-z0-9_\-]{20,}[^/\s\"']*")


def scrub(text):
    """Return `text` with query strings and token-like path segments replaced."""
    return _TOKEN.sub("/[…]", _QUERY.sub("?[…]", text))


class ScrubQueryStringFilter(logging.Filter):
    """Rewrite the request line of `django.request` / `django.server` records."""

    def filter(self, record):
        if isinstance(record.args, tuple):
            record.args = tuple(scrub(a) if isinstance(a, str) else a for a in record.args)
        if isinstance(record.msg, str):
            record.msg = scrub(record.msg)
        return True


class OutboxAdminEmailHandler(AdminEmailHandler):
    """Django's error report to ADMINS, queued in the portal's outbox instead of sent inline.

    The request that failed does not wait for an SMTP server, and a down server loses nothing
    (`send_queued_emails` retries). Django's report filter already hides the POST data of views
    marked `sensitive_post_parameters` and settings that look like secrets.
    """

    def send_mail(self, subject, message, *args, **kwargs):
        from django.conf import settings

        from .emails import queue_email

        recipients = [address for _name, address in settings.ADMINS]
        if recipients:
            queue_email(recipients, f"{settings.EMAIL_SUBJECT_PREFIX}{subject}"[:255], scrub(message))
