"""Temps ressources organised: sessions that took place by format, theme and commune; cancellations.

A session *took place* when it was not cancelled nor postponed and has ended; it belongs to the
period of its start. 2 queries.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from .tables import Headings, KeyFigure, Section, Series, Table, add, as_month, monthly, nonzero, pairs, sorted_rows


@dataclass
class SessionCounts:
    """[current, previous] pairs, and the current period's sessions per month."""

    held: list = field(default_factory=lambda: [0, 0])
    cancelled: list = field(default_factory=lambda: [0, 0])
    events: tuple = field(default_factory=lambda: (set(), set()))
    by_format: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))  # held ×2, cancelled now
    by_commune: dict = field(default_factory=pairs)
    by_theme: dict = field(default_factory=dict)
    per_month: Counter = field(default_factory=Counter)


def held_sessions(now):
    from events.models import EventSession

    return Q(status=EventSession.Status.SCHEDULED, end__lte=now)


# --- Query step -------------------------------------------------------------------------------


def count_sessions(period, now):
    """The sessions of the period and of the previous one, counted in 2 grouped queries."""
    from events.models import EventSession

    previous = period.previous()
    held = held_sessions(now)
    cancelled = Q(status=EventSession.Status.CANCELLED)
    cur, prev = period.instants("start"), previous.instants("start")
    span = Q(start__gte=previous.lower, start__lt=period.upper)
    rows = (
        EventSession.objects.filter(span)
        .annotate(month=TruncMonth("start"))
        .values("event_id", "event__event_format", "venue__commune__name", "month")
        .annotate(
            held_cur=Count("pk", filter=held & cur),
            held_prev=Count("pk", filter=held & prev),
            cancelled_cur=Count("pk", filter=cancelled & cur),
            cancelled_prev=Count("pk", filter=cancelled & prev),
        )
        .order_by()
    )
    counts = SessionCounts()
    for row in rows:
        _tally_session_row(counts, row)
    themes = (
        EventSession.objects.filter(span & held)
        .values("event__themes__name")
        .annotate(cur=Count("pk", filter=cur), prev=Count("pk", filter=prev))
        .order_by()
    )
    counts.by_theme = {row["event__themes__name"]: (row["cur"], row["prev"]) for row in themes}
    return counts


def _tally_session_row(counts, row):
    add(counts.held, row["held_cur"], row["held_prev"])
    add(counts.cancelled, row["cancelled_cur"], row["cancelled_prev"])
    by_format = counts.by_format[row["event__event_format"]]
    by_format[0] += row["held_cur"]
    by_format[1] += row["held_prev"]
    by_format[2] += row["cancelled_cur"]
    add(counts.by_commune[row["venue__commune__name"]], row["held_cur"], row["held_prev"])
    counts.per_month[as_month(row["month"])] += row["held_cur"]
    for side, name in enumerate(("held_cur", "held_prev")):
        if row[name]:
            counts.events[side].add(row["event_id"])


# --- Table step -------------------------------------------------------------------------------


def sessions_section(period, counts):
    from events.models import EventFormat

    headings = Headings(period)
    held = _("Ont eu lieu")
    return Section(
        key="temps",
        title=_("Temps ressources organisés"),
        short_title=_("Séances"),
        headings=headings,
        key_figures=[
            KeyFigure(_("Séances qui ont eu lieu"), *counts.held),
            KeyFigure(_("Temps ressources différents"), *(len(events) for events in counts.events)),
            KeyFigure(_("Séances annulées"), *counts.cancelled),
        ],
        tables=[
            Table(
                "temps-par-format",
                _("Séances par format"),
                [_("Format"), *headings.pair(held), headings.current(_("Annulées"))],
                sorted_rows(nonzero(counts.by_format), dict(EventFormat.choices)),
                sheet=_("Séances par format"),
            ),
            Table(
                "temps-par-theme",
                _("Séances par thème"),
                [_("Thème"), *headings.pair(held)],
                sorted_rows(counts.by_theme, fallback=_("Sans thème")),
                note=_("Une séance à plusieurs thèmes compte dans chacun."),
                sheet=_("Séances par thème"),
            ),
            Table(
                "temps-par-commune",
                _("Séances par commune"),
                [_("Commune"), *headings.pair(held)],
                sorted_rows(nonzero(counts.by_commune), fallback=_("En ligne")),
                sheet=_("Séances par commune"),
            ),
        ],
        series=[
            Series(
                "temps-par-mois",
                _("Séances qui ont eu lieu, mois par mois"),
                _("Séances"),
                monthly(period, counts.per_month),
                sheet=_("Séances par mois"),
            )
        ],
    )


def sessions_figures(period, *, now=None):
    """Sessions that took place by format, theme and commune; cancelled sessions. 2 queries."""
    return sessions_section(period, count_sessions(period, now or timezone.now()))
