"""The aids guide in the indicators: anonymous counts received through `aids.signals`.

One more view of an aid page, one more completed "Quelles aides pour moi ?" path: a counter per
day (`AidTally`), nothing of who or what was answered. The section is in `figures/aids.py`.
"""

import logging

from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import AidTally

logger = logging.getLogger(__name__)


def _add_one(kind, aid_id=0):
    """+1 on the day's counter; atomic under concurrency, and never breaks the page on a database error."""
    key = {"day": timezone.localdate(), "kind": kind, "aid_id": aid_id}
    try:
        for _attempt in range(3):
            if AidTally.objects.filter(**key).update(count=F("count") + 1):
                return
            try:
                with transaction.atomic():
                    AidTally.objects.create(**key, count=1)
                return
            except IntegrityError:
                continue  # created meanwhile by another request: the next update finds it
        logger.warning("Aid count not recorded after retries: %s", key)
    except DatabaseError:
        logger.exception("Aid count not recorded: %s", key)


def record_aid_view(sender, *, aid_id, **kwargs):
    _add_one(AidTally.Kind.VIEW, aid_id)


def record_path_completed(sender, **kwargs):
    _add_one(AidTally.Kind.PATH)


def connect():
    from aids import signals

    signals.aid_viewed.connect(record_aid_view, dispatch_uid="indicators_aid_viewed")
    signals.question_path_completed.connect(record_path_completed, dispatch_uid="indicators_aid_path")
