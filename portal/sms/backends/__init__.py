"""Text backends, chosen by `SMS_BACKEND` like Django's email backends.

`SMS_BACKEND` names a module with a `TextBackend` class (or a class directly):

- `portal.sms.backends.console`: prints each message (development, `make run`);
- `portal.sms.backends.locmem`: keeps them in `portal.sms.backends.locmem.outbox` (tests);
- `portal.sms.backends.smpp`: SMPP 3.4 to an operator or aggregator (production);
- `portal.sms.backends.disabled`: sends nothing; each message is marked failed with
  `ProviderNotConfigured`, so staff see that the person must be phoned (production default).

A backend implements `send(message) -> str` (the provider's message id, "" if none) and raises
`portal.sms.exceptions.TextError` subclasses; `open()` / `close()` let a batch share one
connection (optional: `send` works without them).
"""

from dataclasses import dataclass
from datetime import datetime
from importlib import import_module

from django.conf import settings
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class TextMessage:
    """What a backend needs to send one text."""

    id: int  # the outbox row: the only identifier backends may log
    to: str  # E.164
    body: str  # already prepared (portal.sms.gsm.prepare): at most two segments
    sender: str  # alphanumeric (≤ 11 characters) or a number
    deadline: datetime | None = None  # the provider may drop the message after this
    receipt: bool = True  # ask for a delivery receipt


class BaseTextBackend:
    # Set by the outbox after a ProviderUnavailable: the rest of a batch waits for the next run.
    unavailable = False

    def __init__(self, **options):
        self.options = options

    def open(self):
        """Open a connection a batch can share; returns True if one was opened."""
        return False

    def close(self):
        """Close what `open()` opened."""

    def send(self, message):
        raise NotImplementedError

    def __enter__(self):
        self.open()
        return self

    def __exit__(self, *exc_info):
        self.close()


def get_backend(path=None, **options):
    """An instance of the configured backend (`SMS_BACKEND`) or of `path`."""
    path = path or settings.SMS_BACKEND
    try:
        backend_class = import_module(path).TextBackend
    except ImportError:
        backend_class = import_string(path)
    return backend_class(**options)
