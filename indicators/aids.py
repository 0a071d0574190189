"""The aids guide in the indicators: anonymous counts received through `aids.signals`.

One more view of an aid page, one more completed "Quelles aides pour moi ?" path: a counter per
day (`AidTally`), nothing of who or what was answered. The section is in `figures/aids.py`.
"""

from django.utils import timezone

from portal.counters import add_one, add_one_soon

from .models import AidTally


def record_aid_view(sender, *, aid_id, **kwargs):
    """+1 on the day's views (copies from the page cache count too: through Redis when there is one)."""
    add_one_soon(AidTally, day=timezone.localdate(), kind=AidTally.Kind.VIEW, aid_id=aid_id)


def record_path_completed(sender, **kwargs):
    """+1 on the day's completed paths (portal.counters.add_one: atomic, never breaks the page)."""
    add_one(AidTally, day=timezone.localdate(), kind=AidTally.Kind.PATH, aid_id=0)


def connect():
    from aids import signals

    signals.aid_viewed.connect(record_aid_view, dispatch_uid="indicators_aid_viewed")
    signals.question_path_completed.connect(record_path_completed, dispatch_uid="indicators_aid_path")
