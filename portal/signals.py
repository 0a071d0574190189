"""Signals the base app sends; feature apps subscribe in their AppConfig.ready()."""

from django.dispatch import Signal

# "Quitter rapidement": the visitor leaves in a hurry. Sent with `request` before the session is
# flushed, so an app can erase what it keeps for this visit elsewhere than in the session.
quick_exit = Signal()
