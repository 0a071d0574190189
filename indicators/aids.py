"""The aids guide in the indicators: anonymous counts received through `aids.signals`.

One more view of an aid page, one more completed "Quelles aides pour moi ?" path: a counter per
day (`AidTally`), nothing of who or what was answered. The section is in `figures/aids.py`.
"""

from django.utils import timezone

from portal.counters import add_one

from .models import AidTally


def _add_one(kind, aid_id=0):
    """+1 on the day's counter (portal.counters.add_one: atomic, never breaks the page)."""
    add_one(AidTally, day=timezone.localdate(), kind=kind, aid_id=aid_id)


def record_aid_view(sender, *, aid_id, **kwargs):
    _add_one(AidTally.Kind.VIEW, aid_id)


def record_path_completed(sender, **kwargs):
    _add_one(AidTally.Kind.PATH)


def connect():
    from aids import signals

    signals.aid_viewed.connect(record_aid_view, dispatch_uid="indicators_aid_viewed")
    signals.question_path_completed.connect(record_path_completed, dispatch_uid="indicators_aid_path")
