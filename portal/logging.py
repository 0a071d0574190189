"""Logging filters that keep personal tokens out of logs."""

import logging
import re

# Query strings may carry search terms or filters typed by residents; long random path
# segments are private links (registration or request tokens).
_QUERY = re.compile(r"\?[^\s\"']*")
_TOKEN = re.compile(r"/[A-Za-z0-9_\-]{20,}(?=/|\s|\"|$)")


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
