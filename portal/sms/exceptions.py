"""What a text backend raises. The outbox retries any error except a permanent one.

The outbox records the class name (and for a refusal the provider's status name) as the
message's `last_error`, never the exception's text: providers echo numbers in their errors.
"""


class TextError(Exception):
    """Base class. `permanent` errors are not retried: the message is marked failed at once."""

    permanent = False

    @property
    def label(self):
        """What `last_error` records: the class name, safe to show to staff and to log."""
        return type(self).__name__


class ProviderUnavailable(TextError):
    """The provider could not be reached or did not answer; the message is tried again later."""


class ProviderUnreachable(ProviderUnavailable):
    """Connection refused, reset or impossible (the provider is down)."""


class ProviderTimeout(ProviderUnavailable):
    """The provider accepted the connection but did not answer in time (SMPP_TIMEOUT)."""


class TextRefused(TextError):
    """The provider answered with an error status (SMPP: a non-zero command_status)."""

    def __init__(self, status, name="", *, permanent=False):
        super().__init__(status)
        self.status = status
        self.name = name or f"0x{status:08X}"
        self.permanent = permanent

    @property
    def label(self):
        return f"{type(self).__name__}: {self.name}"


class ProviderNotConfigured(TextError):
    """No provider is configured (portal.sms.backends.disabled): recorded, never retried."""

    permanent = True
