"""Development backend: each text is written to standard output instead of being sent."""

import sys
import threading

from .. import gsm
from . import BaseTextBackend


class TextBackend(BaseTextBackend):
    def __init__(self, stream=None, **options):
        super().__init__(**options)
        self.stream = stream or sys.stdout
        self._lock = threading.Lock()

    def send(self, message):
        info = gsm.measure(message.body)
        with self._lock:
            self.stream.write(
                f"--- SMS {message.id} de {message.sender} à {message.to} "
                f"({info.encoding}, {info.segments} segment(s), {info.units} unités)\n{message.body}\n---\n"
            )
            self.stream.flush()
        return f"console-{message.id}"
