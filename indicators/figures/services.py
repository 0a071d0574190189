"""Use of services: appointment pre-requests by subject, month and status, and the time to first handling.

Purged requests count through their anonymous monthly `AppointmentStat` rows (a month belongs to
the period that holds its first day). The *first handling* of a request is the first status
change, assignment, note or proposal made by staff (merely opening it does not count). 2 queries.
"""

from collections import Counter
from dataclasses import dataclass, field
from statistics import median

from django.db.models import Min, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from .tables import Headings, KeyFigure, Section, Series, Table, add, choice_rows, monthly, nonzero, pairs, sorted_rows


@dataclass
class RequestCounts:
    totals: list = field(default_factory=lambda: [0, 0])
    by_subject: dict = field(default_factory=pairs)
    by_status: dict = field(default_factory=pairs)
    per_month: Counter = field(default_factory=Counter)
    hours: tuple = field(default_factory=lambda: ([], []))  # hours to first handling: current, previous

    def add(self, subject, status, month, current, previous):
        add(self.totals, current, previous)
        add(self.by_subject[subject], current, previous)
        add(self.by_status[status], current, previous)
        self.per_month[month] += current

    def median_hours(self, side):
        hours = self.hours[side]
        return round(median(hours), 1) if hours else None


# --- Query step -------------------------------------------------------------------------------


def count_requests(period):
    """One row per request of either period (with its first handling), then the purged counts."""
    from appointments.models import AppointmentEvent, AppointmentRequest, AppointmentStat

    previous = period.previous()
    handling = (
        AppointmentEvent.Action.STATUS,
        AppointmentEvent.Action.ASSIGNED,
        AppointmentEvent.Action.NOTE,
        AppointmentEvent.Action.PROPOSED,
    )
    live = (
        AppointmentRequest.objects.filter(created_at__gte=previous.lower, created_at__lt=period.upper)
        .annotate(first_handled=Min("events__at", filter=Q(events__action__in=handling)))
        .values_list("subject__name", "status", "created_at", "first_handled")
        .order_by()
    )
    counts = RequestCounts()
    for subject, status, created_at, first_handled in live:
        in_cur = created_at >= period.lower
        month = timezone.localtime(created_at).date().replace(day=1)
        counts.add(subject, status, month, int(in_cur), int(not in_cur))
        if first_handled is not None:
            counts.hours[0 if in_cur else 1].append((first_handled - created_at).total_seconds() / 3600)
    purged = (
        AppointmentStat.objects.filter(month__gte=previous.start.replace(day=1), month__lte=period.end)
        .values("subject_name", "status", "month")
        .annotate(total=Sum("count"))
        .order_by()
    )
    for row in purged:
        month = row["month"]
        in_cur = period.start.replace(day=1) <= month <= period.end
        in_prev = not in_cur and previous.start.replace(day=1) <= month <= previous.end
        counts.add(row["subject_name"], row["status"], month, row["total"] * in_cur, row["total"] * in_prev)
    return counts


# --- Table step -------------------------------------------------------------------------------


def services_section(period, counts):
    from appointments.models import Status

    headings = Headings(period)
    return Section(
        key="rendez-vous",
        title=_("Recours aux dispositifs : demandes de rendez-vous"),
        short_title=_("Rendez-vous"),
        headings=headings,
        key_figures=[
            KeyFigure(_("Demandes de rendez-vous"), *counts.totals),
            KeyFigure(
                _("Délai médian avant la première prise en charge"),
                counts.median_hours(0),
                counts.median_hours(1),
                _("heures"),
            ),
        ],
        tables=[
            Table(
                "rendez-vous-par-objet",
                _("Demandes par objet"),
                [_("Objet"), *headings.pair()],
                sorted_rows(nonzero(counts.by_subject)),
                sheet=_("Rendez-vous par objet"),
            ),
            Table(
                "rendez-vous-par-statut",
                _("Demandes par statut actuel"),
                [_("Statut"), *headings.pair()],
                choice_rows(counts.by_status, Status.choices),
                note=_("Le statut au moment de l'affichage, ou à la suppression pour les demandes anciennes."),
                sheet=_("Rendez-vous par statut"),
            ),
        ],
        series=[
            Series(
                "rendez-vous-par-mois",
                _("Demandes de rendez-vous, mois par mois"),
                _("Demandes"),
                monthly(period, counts.per_month),
                sheet=_("Rendez-vous par mois"),
            )
        ],
    )


def services_figures(period):
    """Appointment pre-requests by subject, month and status (purged ones included through their
    anonymous counts), and the median time to first handling. 2 queries.
    """
    return services_section(period, count_requests(period))
