"""The reminder before a session: EVENTS_REMINDER_HOURS before it, once per registration (cron)."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import notify
from .models import EventSession, Registration


def due_reminders(now=None, hours_before=None):
    """Confirmed registrations of sessions starting within `hours_before` hours, not yet reminded,
    that an email or a text reaches (someone on a landline only is called by the team instead)."""
    now = now or timezone.now()
    hours_before = settings.EVENTS_REMINDER_HOURS if hours_before is None else hours_before
    candidates = (
        Registration.objects.filter(
            status=Registration.Status.CONFIRMED,
            reminder_sent_at__isnull=True,
            session__status=EventSession.Status.SCHEDULED,
            session__start__gt=now,
            session__start__lte=now + timezone.timedelta(hours=hours_before),
        )
        .exclude(email="", phone="")
        .only("pk", "email", "phone", "contact_by")
        .order_by("pk")
    )
    return [registration for registration in candidates if registration.reachable]


def send_reminders(now=None, hours_before=None):
    """Send each due reminder once, by email or text: a registration is claimed (atomic UPDATE) first."""
    now = now or timezone.now()
    sent = []
    for registration in due_reminders(now, hours_before):
        with transaction.atomic():
            claimed = Registration.objects.filter(pk=registration.pk, reminder_sent_at__isnull=True).update(
                reminder_sent_at=now
            )
            if claimed:
                notify.tell("reminder", [registration.pk])
                sent.append(registration.pk)
    return sent
