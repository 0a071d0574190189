"""No provider configured: nothing is sent, each message is marked failed at once.

The production default when `SMS_BACKEND` is not set, so that a portal without an SMS contract
works and staff see "échec de l'envoi" (last error `ProviderNotConfigured`) beside the booking
and phone the person, instead of texts piling up or a form crashing.
"""

from ..exceptions import ProviderNotConfigured
from . import BaseTextBackend


class TextBackend(BaseTextBackend):
    def send(self, message):
        raise ProviderNotConfigured()
