"""Subscriptions to new temps ressources and "Prévenez-moi" requests: counts per filter, now.

A snapshot of what is kept today (news keeps no history), never an address. 2 queries.
A table only, no key figures: the board's one-page summary keeps to the action sheet's own.
"""

from collections import Counter

from django.utils.translation import gettext as _

from .tables import Section, Table


def count_subscriptions():
    from news.models import NotifyRequest, Subscription

    subscriptions = Counter()
    for subscription in Subscription.objects.select_related("theme", "audience", "commune"):
        subscriptions[(subscription.describe(), subscription.confirmed_at is not None)] += 1
    requests = Counter(
        (row.event.title, row.confirmed_at is not None) for row in NotifyRequest.objects.select_related("event")
    )
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
