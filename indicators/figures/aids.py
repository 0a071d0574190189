"""The aids guide: views of each aid page and completed "Quelles aides pour moi ?" paths.

Read from `AidTally` (indicators/aids.py), 1 query. A table only, no key figures: the board's
one-page summary keeps to the action sheet's own.
"""

from django.db.models import OuterRef, Subquery, Sum
from django.utils.translation import gettext as _

from .tables import Headings, Section, Table, pairs, sorted_rows


def count_aids(period):
    """{aid title: [views now, before]} and [completed paths now, before]."""
    from aids.models import AidPage

    from ..models import AidTally

    previous = period.previous()
    title = AidPage.objects.filter(pk=OuterRef("aid_id")).values("title")[:1]
    rows = (
        AidTally.objects.filter(day__gte=previous.start, day__lte=period.end)
        .values("kind", "aid_id")
        .annotate(
            title=Subquery(title),
            current=Sum("count", filter=period.days("day")),
            before=Sum("count", filter=previous.days("day")),
        )
        .order_by()
    )
    views, paths = pairs(), [0, 0]
    for row in rows:
        current, before = row["current"] or 0, row["before"] or 0
        if row["kind"] == AidTally.Kind.PATH:
            paths = [paths[0] + current, paths[1] + before]
        else:
            title = row["title"] or _("Aide supprimée")
            views[title][0] += current
            views[title][1] += before
    return views, paths


def aids_section(period, views, paths):
    headings = Headings(period)
    return Section(
        key="aides",
        title=_("Guide des aides"),
        short_title=_("Aides"),
        headings=headings,
        tables=[
            Table(
                "aides-consultations",
                _("Consultations des pages d'aide"),
                [_("Aide"), *headings.pair(_("Consultations"))],
                sorted_rows(views),
                note=_("Sans compter les robots, les aperçus et l'équipe. Aucune donnée sur la personne n'est gardée."),
                sheet=_("Aides consultées"),
            ),
            Table(
                "aides-parcours",
                _("Parcours « Quelles aides pour moi ? » terminés"),
                [_("Parcours"), *headings.pair(_("Terminés"))],
                [[_("Résultats affichés"), *paths]],
                note=_("Les réponses ne sont jamais enregistrées : seul le nombre de parcours est compté."),
                sheet=_("Parcours aides"),
            ),
        ],
    )


def aids_figures(period):
    """Aid page views and completed question paths in both periods. 1 query."""
    return aids_section(period, *count_aids(period))
