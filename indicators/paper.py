"""Paper copies of programmes and posters: recorded when staff print them, counted with the rest.

The calendar says what was printed (`events.signals.paper_copies_printed`); this app keeps it as
a `PaperCopy` and adds it to the "Exemplaires papier" of the supports diffused.
"""

from collections import Counter

from django.db.models import Sum
from django.db.models.functions import Coalesce, TruncMonth
from django.utils.translation import gettext as _

from .models import PaperCopy


def record_printed_copies(sender, *, kind, quantity, place, day, label="", event_id=None, user=None, **kwargs):
    """Receiver of `paper_copies_printed`: one `PaperCopy` row for the copies staff announced."""
    if kind not in PaperCopy.Support.values or kind == PaperCopy.Support.RESOURCE:
        return
    PaperCopy.objects.create(
        support=kind,
        quantity=quantity,
        place=place[:200],
        day=day,
        label=label[:255],
        event_id=event_id,
        recorded_by=user if getattr(user, "pk", None) else None,
    )


def printed_supports(period, previous):
    """Copies of programmes and posters: ([current, previous], {month: current}, rows by support).

    One grouped query; copies of resources are counted per resource by `supports_figures`.
    """
    cur, prev = period.days("day"), previous.days("day")
    rows = (
        PaperCopy.objects.filter(day__gte=previous.start, day__lte=period.end, resource__isnull=True)
        .annotate(month=TruncMonth("day"))
        .values("support", "month")
        .annotate(cur=Coalesce(Sum("quantity", filter=cur), 0), prev=Coalesce(Sum("quantity", filter=prev), 0))
        .order_by()
    )
    totals, monthly, by_support = [0, 0], Counter(), {}
    for row in rows:
        totals[0] += row["cur"]
        totals[1] += row["prev"]
        monthly[row["month"]] += row["cur"]
        tally = by_support.setdefault(row["support"], [0, 0])
        tally[0] += row["cur"]
        tally[1] += row["prev"]
    labels = dict(PaperCopy.Support.choices)
    table_rows = [
        [str(labels.get(code, code)), *by_support.get(code, [0, 0])] for code in labels if code != "ressource"
    ]
    return totals, monthly, table_rows


def printed_supports_columns():
    return [_("Support"), _("Période"), _("Période précédente")]
