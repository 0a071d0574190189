"""Prevention supports diffused: resource page views + document downloads + paper copies handed out.

Paper copies of the agenda (programmes and posters printed from "Imprimer") count as paper too,
without a resource. 3 queries (2 when nothing was diffused).
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Q, Sum
from django.db.models.functions import Coalesce, TruncMonth
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..paper import printed_supports_rows
from .tables import Headings, KeyFigure, Section, Series, Table, add, as_month, monthly, pairs, sorted_rows

KINDS = ("views", "downloads", "paper")
# Downloads that are not files uploaded by editors (resources.services.SHEET_FORMAT).
FILE_FORMAT_LABELS = {"fiche": gettext_lazy("Fiche imprimable (PDF)")}


def _per_kind():
    return {kind: [0, 0] for kind in KINDS}


@dataclass
class SupportCounts:
    per_resource: dict = field(default_factory=lambda: defaultdict(_per_kind))  # id -> kind -> [cur, prev]
    titles: dict = field(default_factory=dict)
    by_file_format: dict = field(default_factory=pairs)
    printed: dict = field(default_factory=pairs)  # agenda support -> [cur, prev]
    per_month: Counter = field(default_factory=Counter)
    formats_of: dict = field(default_factory=lambda: defaultdict(set))
    themes_of: dict = field(default_factory=lambda: defaultdict(set))

    def totals(self):
        """kind -> [current, previous], the agenda's paper copies included."""
        totals = {kind: [sum(c[kind][side] for c in self.per_resource.values()) for side in (0, 1)] for kind in KINDS}
        for values in self.printed.values():
            add(totals["paper"], *values)
        return totals


# --- Query step -------------------------------------------------------------------------------


def count_supports(period):
    """Views, downloads and paper copies of both periods, and the resources' labels: 3 queries."""
    previous = period.previous()
    cur, prev = period.days("day"), previous.days("day")
    span = Q(day__gte=previous.start, day__lte=period.end)
    counts = SupportCounts()
    _count_diffusion(counts, span, cur, prev)
    _count_paper(counts, span, cur, prev)
    _read_labels(counts)
    return counts


def _count_diffusion(counts, span, cur, prev):
    from resources.models import DiffusionCount

    diffusion = (
        DiffusionCount.objects.filter(span)
        .annotate(month=TruncMonth("day"))
        .values("resource_id", "resource__title", "kind", "file_format", "month")
        .annotate(cur=Coalesce(Sum("count", filter=cur), 0), prev=Coalesce(Sum("count", filter=prev), 0))
        .order_by()
    )
    for row in diffusion:
        counts.titles[row["resource_id"]] = row["resource__title"]
        kind = "views" if row["kind"] == DiffusionCount.Kind.VIEW else "downloads"
        add(counts.per_resource[row["resource_id"]][kind], row["cur"], row["prev"])
        if kind == "downloads":
            file_format = row["file_format"] or "?"
            add(
                counts.by_file_format[str(FILE_FORMAT_LABELS.get(file_format, file_format.upper()))],
                row["cur"],
                row["prev"],
            )
        counts.per_month[as_month(row["month"])] += row["cur"]


def _count_paper(counts, span, cur, prev):
    from ..models import PaperCopy

    paper = (
        PaperCopy.objects.filter(span)
        .annotate(month=TruncMonth("day"))
        .values("resource_id", "resource__title", "support", "month")
        .annotate(cur=Coalesce(Sum("quantity", filter=cur), 0), prev=Coalesce(Sum("quantity", filter=prev), 0))
        .order_by()
    )
    for row in paper:
        counts.per_month[as_month(row["month"])] += row["cur"]
        if row["resource_id"] is None:  # a programme or a poster
            add(counts.printed[row["support"]], row["cur"], row["prev"])
            continue
        counts.titles[row["resource_id"]] = row["resource__title"]
        add(counts.per_resource[row["resource_id"]]["paper"], row["cur"], row["prev"])


def _read_labels(counts):
    """One query for both labels of each resource (its formats × its themes: a few rows each)."""
    from resources.models import ResourcePage

    labels = (
        ResourcePage.objects.filter(pk__in=list(counts.per_resource))
        .values_list("pk", "formats__name", "themes__name")
        .order_by()
    )
    for resource_id, format_name, theme_name in labels:
        if format_name:
            counts.formats_of[resource_id].add(format_name)
        if theme_name:
            counts.themes_of[resource_id].add(theme_name)


# --- Table step -------------------------------------------------------------------------------


def _grouped_rows(counts, groups_of, fallback):
    """[group, views, downloads, paper, total, total before]: a resource counts in each of its groups."""
    tally = defaultdict(lambda: [0, 0, 0, 0])
    for resource_id, kinds in counts.per_resource.items():
        for group in groups_of.get(resource_id) or [fallback]:
            values = tally[group]
            for index, kind in enumerate(KINDS):
                values[index] += kinds[kind][0]
                values[3] += kinds[kind][1]
    rows = [[name, v, d, p, v + d + p, before] for name, (v, d, p, before) in tally.items() if v + d + p + before]
    rows.sort(key=lambda row: (-row[4], -row[5], row[0]))
    return rows


def _top_rows(counts, top):
    rows = []
    for resource_id, kinds in counts.per_resource.items():
        values = [kinds[kind][0] for kind in KINDS]
        if sum(values):
            rows.append([counts.titles[resource_id], *values, sum(values)])
    rows.sort(key=lambda row: (-row[4], row[0]))
    return rows[:top]


def supports_section(period, counts, *, top=10):
    headings = Headings(period)
    totals = counts.totals()
    return Section(
        key="supports",
        title=_("Supports de prévention diffusés"),
        short_title=_("Supports"),
        headings=headings,
        key_figures=[
            KeyFigure(_("Consultations des fiches"), *totals["views"]),
            KeyFigure(_("Documents téléchargés"), *totals["downloads"]),
            KeyFigure(_("Exemplaires papier remis"), *totals["paper"]),
            KeyFigure(
                _("Total des supports diffusés"), *(sum(values[side] for values in totals.values()) for side in (0, 1))
            ),
        ],
        tables=_supports_tables(headings, counts, top),
        series=[
            Series(
                "supports-par-mois",
                _("Supports diffusés, mois par mois"),
                _("Supports"),
                monthly(period, counts.per_month),
                sheet=_("Supports par mois"),
            )
        ],
    )


def _supports_tables(headings, counts, top):
    columns = [headings.current(measure) for measure in (_("Consultations"), _("Téléchargements"))]
    columns += [headings.current(measure) for measure in (_("Exemplaires papier"), _("Total"))]
    previous_total = headings.previous(_("Total"))
    return [
        Table(
            "supports-par-format",
            _("Supports diffusés par format"),
            [_("Format"), *columns, previous_total],
            _grouped_rows(counts, counts.formats_of, _("Sans format")),
            note=_("Une ressource à plusieurs formats compte dans chacun."),
            sheet=_("Supports par format"),
        ),
        Table(
            "supports-par-theme",
            _("Supports diffusés par thème"),
            [_("Thème"), *columns, previous_total],
            _grouped_rows(counts, counts.themes_of, _("Sans thème")),
            note=_("Une ressource à plusieurs thèmes compte dans chacun."),
            sheet=_("Supports par thème"),
        ),
        Table(
            "supports-par-type-de-fichier",
            _("Téléchargements par type de fichier"),
            [_("Type de fichier"), *headings.pair()],
            sorted_rows(counts.by_file_format),
            sheet=_("Téléchargements par fichier"),
        ),
        Table(
            "supports-papier-agenda",
            _("Exemplaires papier de l'agenda"),
            [_("Support"), *headings.pair()],
            printed_supports_rows(counts.printed),
            note=_("Programmes du mois et affiches, comptés quand l'équipe les imprime depuis « Imprimer »."),
            sheet=_("Programmes et affiches papier"),
        ),
        Table(
            "supports-top",
            _("Les %(count)s ressources les plus diffusées") % {"count": top},
            [_("Ressource"), *columns],
            _top_rows(counts, top),
            sheet=_("Ressources les plus diffusées"),
        ),
    ]


def supports_figures(period, *, top=10):
    """Resource views, document downloads and paper copies, by format, theme and resource. 3 queries."""
    return supports_section(period, count_supports(period), top=top)
