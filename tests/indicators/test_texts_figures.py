"""The indicators count the texts sent to residents per kind, from what the outbox keeps."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from indicators.figures import Period, texts_figures
from portal.models import OutboundText

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")


def sent(kind, status, day):
    at = datetime(day.year, day.month, day.day, 10, tzinfo=PARIS)
    row = OutboundText.objects.create(kind=kind, status=status, not_before=at, sent_at=at)
    OutboundText.objects.filter(pk=row.pk).update(created_at=at)


def test_texts_are_counted_per_kind_sent_and_not_received_in_both_periods():
    for _ in range(3):
        sent("events.reminder", "delivered", date(2026, 3, 2))
    sent("events.reminder", "failed", date(2026, 3, 2))
    sent("events.reminder", "undeliverable", date(2026, 4, 2))
    sent("appointments.received", "sent", date(2026, 5, 2))
    sent("register_reconfirm_2", "expired", date(2026, 6, 2))
    sent("events.reminder", "delivered", date(2025, 3, 2))
    sent("events.reminder", "pending", date(2026, 3, 3))  # not final yet: not counted

    [table] = texts_figures(Period.year(2026)).tables

    rows = {row[0]: row[1:] for row in table.rows}
    assert rows["Rappel avant la séance"] == [4, 1, 2, 0]  # sent 2026, 2025; not received 2026, 2025
    assert rows["Rendez-vous : demande reçue"] == [1, 0, 0, 0]
    assert rows["Registre : confirmation annuelle"] == [0, 0, 1, 0]
    assert len(table.columns) == 5 and "Envoyés" in table.columns[1] and "Non reçus" in table.columns[3]
