"""Small helpers the register's services share."""

from django.db import transaction
from django.db.models import Count

from .. import signals
from ..choices import Status
from ..models import EntryEvent, RegisterActivity, RegisterEntry

Action = EntryEvent.Action


class RegisterError(Exception):
    """A change the register refuses; `message` is French and meant for staff or residents."""

    def __init__(self, code, message):
        super().__init__(code)
        self.code = code
        self.message = message


def user_name(user):
    if not getattr(user, "pk", None):
        return ""
    return (user.get_full_name() or user.get_username())[:150]


def log(entry_id, action, user=None, detail=""):
    """One line of an entry's journal (who, what, when; `detail` never holds personal data)."""
    return EntryEvent.objects.create(
        entry_id=entry_id, action=action, user=user if getattr(user, "pk", None) else None, detail=str(detail)[:200]
    )


def log_activity(action, user=None, *, removal_channel="", detail=""):
    return RegisterActivity.objects.create(
        action=action,
        user=user if getattr(user, "pk", None) else None,
        user_name=user_name(user),
        removal_channel=removal_channel,
        detail=str(detail)[:200],
    )


def locked_entry(entry_id):
    """The entry's row, locked until the end of the transaction (PostgreSQL; SQLite locks the database)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock the entry inside transaction.atomic()")
    return RegisterEntry.objects.select_for_update().get(pk=entry_id)


def current_counts():
    """Active entries per commune and ground, as the indicators receive them."""
    rows = (
        RegisterEntry.objects.filter(status=Status.ACTIVE)
        .values("commune__name", "ground")
        .annotate(count=Count("pk"))
        .order_by("commune__name", "ground")
    )
    return [{"commune": row["commune__name"], "ground": row["ground"], "count": row["count"]} for row in rows]


def _send_counts():
    from django.utils import timezone

    signals.register_counts_changed.send(sender=RegisterEntry, day=timezone.localdate(), counts=current_counts())


def announce_counts():
    """Tell the indicators the new anonymous counts once the current transaction has committed."""
    transaction.on_commit(_send_counts, robust=True)
