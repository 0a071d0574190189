"""Data minimisation of registrations (cron): needs, then names, contact details and texts, erased.

The periods are settings (EVENTS_NEEDS_RETENTION_DAYS, EVENTS_PERSONAL_RETENTION_MONTHS) that
the privacy notice and the README show too.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from dateutil.relativedelta import relativedelta

from . import texts
from .models import Registration
from .signals import needs_erasing


def needs_to_erase(now=None, needs_days=None):
    now = now or timezone.now()
    needs_days = settings.EVENTS_NEEDS_RETENTION_DAYS if needs_days is None else needs_days
    return Registration.objects.filter(
        session__end__lt=now - timezone.timedelta(days=needs_days), needs_erased_at__isnull=True
    )


def personal_data_to_erase(now=None, personal_months=None):
    now = now or timezone.now()
    personal_months = settings.EVENTS_PERSONAL_RETENTION_MONTHS if personal_months is None else personal_months
    return Registration.objects.filter(session__end__lt=now - relativedelta(months=personal_months)).exclude(
        first_name="", last_name="", email="", phone=""
    )


def purge_registration_data(now=None, needs_days=None, personal_months=None, batch_size=500):
    """Data minimisation: erase needs `needs_days` after the session, and names and contact
    details `personal_months` after it. Headcounts, commune, channel and attendance stay, for
    the indicators, and so do the needs as anonymous per-session counts: each batch is announced
    (`signals.needs_erasing`, the indicators count it) and erased in one transaction, on locked
    rows, so a registration is counted once even if two purges run at once (`batch_size` rows
    per transaction keeps the IN lists short). The periods default to the settings
    EVENTS_NEEDS_RETENTION_DAYS and EVENTS_PERSONAL_RETENTION_MONTHS. Returns (needs_erased, anonymised).
    """
    now = now or timezone.now()
    needs = 0
    while True:
        with transaction.atomic():
            # Locked on PostgreSQL; on SQLite the IMMEDIATE transaction holds the write lock.
            ids = list(
                needs_to_erase(now, needs_days)
                .select_for_update(of=("self",))
                .order_by("pk")
                .values_list("pk", flat=True)[:batch_size]
            )
            if ids:
                batch = Registration.objects.filter(pk__in=ids, needs_erased_at__isnull=True)
                needs_erasing.send(sender=Registration, registrations=batch)
                needs += batch.update(
                    needs_childcare=False,
                    needs_accessibility=False,
                    needs_interpreter=False,
                    needs_details="",
                    needs_erased_at=now,
                )
        if len(ids) < batch_size:
            break
    with transaction.atomic():
        to_anonymise = personal_data_to_erase(now, personal_months)
        # Their texts keep only kind, status and times (for the indicators), no longer whose.
        texts.erase(list(to_anonymise.values_list("pk", flat=True)))
        anonymised = to_anonymise.update(first_name="", last_name="", email="", phone="", user=None, heard_from="")
    return needs, anonymised
