"""Signals the base app sends; feature apps subscribe in their AppConfig.ready()."""

from django.dispatch import Signal

# "Quitter rapidement": the visitor leaves in a hurry. Sent with `request` before the session is
# flushed, so an app can erase what it keeps for this visit elsewhere than in the session.
quick_exit = Signal()

# A text (portal.sms) will not reach its reader: it failed for good, or the operator reported it
# undeliverable. Sent with `kind` and `topic` (the caller's own reference) so the app the text was
# about can ask its team to phone. Never with the number or the words.
text_failed = Signal()
