"""The reminder before a session: EVENTS_REMINDER_HOURS before it, once per registration (cron)."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import emails
from .models import EventSession, Registration


def due_reminders(now=None, hours_before=None):
    """Confirmed registrations of sessions starting within `hours_before` hours, not yet reminded."""
    now = now or timezone.now()
    hours_before = settings.EVENTS_REMINDER_HOURS if hours_before is None else hours_before
    return Registration.objects.filter(
        status=Registration.Status.CONFIRMED,
        reminder_sent_at__isnull=True,
        session__status=EventSession.Status.SCHEDULED,
        session__start__gt=now,
        session__start__lte=now + timezone.timedelta(hours=hours_before),
    ).exclude(email="")


def send_reminders(now=None, hours_before=None):
    """Send each due reminder once: a registration is claimed (atomic UPDATE) before its email."""
    now = now or timezone.now()
    sent = []
    for registration_id in due_reminders(now, hours_before).values_list("pk", flat=True):
        claimed = Registration.objects.filter(pk=registration_id, reminder_sent_at__isnull=True).update(
            reminder_sent_at=now
        )
        if claimed:
            with transaction.atomic():
                emails.send_reminder([registration_id])
            sent.append(registration_id)
    return sent
