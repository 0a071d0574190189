"""Test backend: texts are appended to the module-level `outbox` list (like django.core.mail.outbox).

tests/conftest.py empties it before each test.
"""

import threading

from . import BaseTextBackend

outbox = []
_lock = threading.Lock()


class TextBackend(BaseTextBackend):
    def send(self, message):
        with _lock:
            outbox.append(message)
            return f"locmem-{len(outbox)}"
