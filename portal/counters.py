"""Daily counters that many requests add to at once (views, downloads, completed paths)."""

import logging

from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F

logger = logging.getLogger(__name__)


def add_one(model, **key):
    """+1 on the `model` row matching `key` (its `count` field), created at 1 when missing.

    Atomic under concurrency: an `UPDATE … SET count = count + 1`; when the row does not exist
    yet it is created, and if another request created it meanwhile (unique constraint) the update
    is tried again. Never raises on a database error: a lost count must not break the page or the
    download that caused it; it is logged instead.
    """
    try:
        for _attempt in range(3):
            if model.objects.filter(**key).update(count=F("count") + 1):
                return
            try:
                with transaction.atomic():
                    model.objects.create(**key, count=1)
                return
            except IntegrityError:
                continue  # created by a concurrent request: the next update finds it
        logger.warning("%s not recorded after retries: %s", model.__name__, key)
    except DatabaseError:
        logger.exception("%s not recorded: %s", model.__name__, key)
