"""Subscriptions to new temps ressources and "Prévenez-moi" requests: counts per filter, now.

A snapshot of what is kept today (news keeps no history), never an address. 2 queries.
A table only, no key figures: the board's one-page summary keeps to the action sheet's own.
"""

from collections import Counter

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from .tables import Section, Table


def _describe(row):
    """The words of `Subscription.describe()`, from a grouped row."""
    from events.models import EventFormat

    parts = [row[name] for name in ("theme__name", "audience__name", "commune__name") if row[name]]
    if row["event_format"]:
        parts.append(str(EventFormat(row["event_format"]).label))
    return " · ".join(parts) or _("Tous les temps ressources")


def count_subscriptions():
    """{(choice, confirmed): people} for subscriptions and requests, in 2 grouped queries."""
    from news.models import NotifyRequest, Subscription

    confirmed = Q(confirmed_at__isnull=False)
    grouped = (
        Subscription.objects.values("theme__name", "audience__name", "commune__name", "event_format")
        .annotate(yes=Count("pk", filter=confirmed), no=Count("pk", filter=~confirmed))
        .order_by()
    )
    subscriptions = Counter()
    for row in grouped:
        subscriptions[(_describe(row), True)] += row["yes"]
        subscriptions[(_describe(row), False)] += row["no"]
    requests = Counter()
    for row in (
        NotifyRequest.objects.values("event__title")
        .annotate(yes=Count("pk", filter=confirmed), no=Count("pk", filter=~confirmed))
        .order_by()
    ):
        requests[(row["event__title"], True)] += row["yes"]
        requests[(row["event__title"], False)] += row["no"]
    return subscriptions, requests


def _rows(counter):
    names = sorted({name for name, _confirmed in counter})
    rows = [[name, counter[(name, True)], counter[(name, False)]] for name in names]
    rows.sort(key=lambda row: (-row[1], -row[2], row[0]))
    return rows


def news_section(subscriptions, requests):
    columns = [_("Confirmés"), _("En attente de confirmation")]
    return Section(
        key="abonnements",
        title=_("Abonnements et « Prévenez-moi »"),
        short_title=_("Abonnements"),
        tables=[
            Table(
                "abonnements-par-choix",
                _("Abonnements aux nouveaux temps ressources, par choix (aujourd'hui)"),
                [_("Choix"), *columns],
                _rows(subscriptions),
                note=_("Les adresses ne sont jamais montrées : seulement le nombre de personnes par choix."),
                sheet=_("Abonnements"),
            ),
            Table(
                "prevenez-moi-par-temps-ressources",
                _("Demandes « Prévenez-moi » en attente, par temps ressources (aujourd'hui)"),
                [_("Temps ressources"), *columns],
                _rows(requests),
                sheet=_("Prévenez-moi"),
            ),
        ],
    )


def news_figures(period):
    """The section; `period` is not used (a snapshot), kept for the same shape as the others."""
    return news_section(*count_subscriptions())
