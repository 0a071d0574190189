"""The register of vulnerable people in the indicators: anonymous counts, received through welfare's signals.

The register never shows outside the Veille sociale role; what reaches the indicators is only
how many people are registered per commune and ground, how many campaigns and how many calls
(`welfare.signals`). This module keeps them (`RegisterCount`, `CampaignRecord`, `CallTally`) and
builds the "Veille sociale" section of the indicators page.
"""

from collections import defaultdict

from django.db import transaction
from django.db.models import F, Q, Subquery, Sum
from django.utils.translation import gettext as _

from .figures import Headings, KeyFigure, Section, Table
from .models import CallTally, CampaignRecord, RegisterCount


def record_register_counts(sender, *, day, counts, **kwargs):
    """Receiver of `register_counts_changed`: the day's figures replace the day's earlier ones."""
    with transaction.atomic():
        RegisterCount.objects.filter(day=day).delete()
        RegisterCount.objects.bulk_create(
            RegisterCount(day=day, commune_name=row["commune"][:100], ground=row["ground"][:12], count=row["count"])
            for row in counts
        )


def record_campaign(sender, *, campaign_id, kind, starts_on, closed_on, communes, listed, calls, reached, **kwargs):
    """Receiver of `campaign_figures_changed`."""
    CampaignRecord.objects.update_or_create(
        campaign_id=campaign_id,
        defaults={
            "kind": kind,
            "starts_on": starts_on,
            "closed_on": closed_on,
            "communes": communes,
            "listed": listed,
            "calls": calls,
            "reached": reached,
        },
    )


def record_call(sender, *, kind, outcome, day, **kwargs):
    """Receiver of `call_logged`: one more call of this kind and outcome on this day."""
    with transaction.atomic():
        tally, _created = CallTally.objects.select_for_update().get_or_create(day=day, kind=kind, outcome=outcome)
        CallTally.objects.filter(pk=tally.pk).update(count=F("count") + 1)


def connect():
    from welfare import signals

    signals.register_counts_changed.connect(record_register_counts, dispatch_uid="indicators_register_counts")
    signals.campaign_figures_changed.connect(record_campaign, dispatch_uid="indicators_register_campaigns")
    signals.call_logged.connect(record_call, dispatch_uid="indicators_register_calls")


# --- The section of the indicators page ---------------------------------------------------------


def _counts_at(*days):
    """[{(commune, ground): count}] of the last figures known on each of `days`, in one query."""
    latest = [Subquery(RegisterCount.objects.filter(day__lte=day).order_by("-day").values("day")[:1]) for day in days]
    query = Q(pk__in=[])
    for subquery in latest:
        query |= Q(day=subquery)
    rows = list(RegisterCount.objects.filter(query).values_list("day", "commune_name", "ground", "count"))
    result = []
    for day in days:
        last = max((row[0] for row in rows if row[0] <= day), default=None)
        result.append({(commune, ground): count for row_day, commune, ground, count in rows if row_day == last})
    return result


def _calls_by_outcome(period, previous):
    """{outcome: [calls in the period, calls in the previous one]}."""
    calls = defaultdict(lambda: [0, 0])
    tallies = (
        CallTally.objects.filter(day__gte=previous.start, day__lte=period.end)
        .values("outcome", "day")
        .annotate(total=Sum("count"))
    )
    for row in tallies:
        calls[row["outcome"]][0 if row["day"] >= period.start else 1] += row["total"]
    return calls


def _communes_table(current_counts, previous_counts, headings):
    from welfare.choices import GROUND_SHORT

    keys = sorted(set(current_counts) | set(previous_counts))
    return Table(
        "registre-par-commune",
        _("Personnes inscrites par commune et motif (fin de période)"),
        [_("Commune"), _("Motif"), *headings.pair(_("Personnes"))],
        [
            [
                commune,
                str(GROUND_SHORT.get(ground, ground)),
                current_counts.get((commune, ground), 0),
                previous_counts.get((commune, ground), 0),
            ]
            for commune, ground in keys
        ],
        note=_("Nombres seulement : le registre lui-même n'est visible que par l'équipe de veille sociale."),
        sheet=_("Registre par commune"),
    )


def _campaigns_table(records):
    from welfare.choices import CampaignKind

    kinds = dict(CampaignKind.choices)
    return Table(
        "registre-veilles",
        _("Veilles de la période"),
        [_("Veille"), _("Début"), _("Fin"), _("Communes"), _("Personnes"), _("Appels"), _("Jointes")],
        [
            [
                str(kinds.get(record.kind, record.kind)),
                record.starts_on,
                record.closed_on or _("en cours"),
                record.communes,
                record.listed,
                record.calls,
                record.reached,
            ]
            for record in sorted(records, key=lambda item: item.starts_on)
        ],
        sheet=_("Veilles"),
    )


def welfare_figures(period):
    """People registered at the end of each period, campaigns started and calls made in it. 3 queries."""
    from welfare.choices import Outcome

    previous = period.previous()
    current_counts, previous_counts = _counts_at(period.end, previous.end)
    campaigns = list(CampaignRecord.objects.filter(starts_on__gte=previous.start, starts_on__lte=period.end))
    in_period = [record for record in campaigns if record.starts_on >= period.start]
    calls = _calls_by_outcome(period, previous)
    headings = Headings(period)
    return Section(
        key="registre",
        title=_("Veille sociale : registre des personnes vulnérables"),
        short_title=_("Veille sociale"),
        headings=headings,
        key_figures=[
            KeyFigure(
                _("Personnes inscrites au registre (fin de période)"),
                sum(current_counts.values()),
                sum(previous_counts.values()),
            ),
            KeyFigure(_("Veilles déclenchées"), len(in_period), len(campaigns) - len(in_period)),
            KeyFigure(
                _("Appels de veille passés"),
                sum(values[0] for values in calls.values()),
                sum(values[1] for values in calls.values()),
            ),
        ],
        tables=[
            _communes_table(current_counts, previous_counts, headings),
            Table(
                "registre-appels",
                _("Appels de veille par résultat"),
                [_("Résultat"), *headings.pair(_("Appels"))],
                [[str(label), *calls.get(code, [0, 0])] for code, label in Outcome.choices],
                sheet=_("Appels de veille"),
            ),
            _campaigns_table(in_period),
        ],
    )
