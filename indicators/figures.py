"""The action sheet's evaluation indicators, computed from what actually happened.

One function per family of figures (`sessions_figures`, `participants_figures`,
`supports_figures`, `feedback_figures`, `services_figures`). Each runs a fixed, small number of
grouped (aggregate) queries over the chosen period *and* the previous one at once (conditional
counts), whatever the amount of data, and returns a `Section` of key figures, tables and
month-by-month series. The admin view, the exports and the tests all read these sections, so the
numbers on screen and in the spreadsheets are the same by construction.

Definitions (also shown to staff under each table where it matters):

- a session *took place* when it was not cancelled nor postponed and has ended; it belongs to
  the period of its start;
- *registrations* are confirmed registrations at sessions that took place; *people* counts the
  adults and children they announced; the *attendance rate* is present / (present + absent)
  among registrations whose attendance was taken;
- a *participant* is an email address, else a phone number, else a booking (after the purge
  of names, a returning resident can no longer be recognised and counts as a new one);
  *first-time* participants had no registration at a session that took place before the period;
- supports diffused = resource page views + document downloads + paper copies handed out;
- the *first handling* of an appointment request is the first status change, assignment, note
  or proposal made by staff (merely opening it does not count).
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from statistics import median

from django.db.models import Count, F, Min, Q, Sum, Value
from django.db.models.functions import Coalesce, NullIf, TruncMonth
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .paper import printed_supports_columns, printed_supports_rows
from .sources import heard_from_rows

# --- Periods ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """From `start` to `end`, both days included."""

    start: date
    end: date

    @classmethod
    def year(cls, year):
        return cls(date(year, 1, 1), date(year, 12, 31))

    @property
    def is_calendar_year(self):
        return (self.start.month, self.start.day, self.end.month, self.end.day) == (1, 1, 12, 31) and (
            self.start.year == self.end.year
        )

    def previous(self):
        """The period just before, of the same length (the previous year for a calendar year)."""
        if self.is_calendar_year:
            return Period.year(self.start.year - 1)
        length = self.end - self.start
        end = self.start - timedelta(days=1)
        return Period(end - length, end)

    @property
    def lower(self):
        """The first instant of the period, in local time."""
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def upper(self):
        """The first instant after the period (exclusive bound)."""
        return timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min))

    def instants(self, name):
        return Q(**{f"{name}__gte": self.lower, f"{name}__lt": self.upper})

    def days(self, name):
        return Q(**{f"{name}__gte": self.start, f"{name}__lte": self.end})

    def months(self):
        """The first day of each month the period touches."""
        months = []
        current = self.start.replace(day=1)
        while current <= self.end:
            months.append(current)
            current = (current + timedelta(days=32)).replace(day=1)
        return months

    def __str__(self):
        if self.is_calendar_year:
            return str(self.start.year)
        return _("du %(start)s au %(end)s") % {
            "start": formats.date_format(self.start, "j F Y"),
            "end": formats.date_format(self.end, "j F Y"),
        }


# --- What a family returns --------------------------------------------------------------------


@dataclass
class KeyFigure:
    label: str
    current: float | int | None
    previous: float | int | None
    unit: str = ""

    @property
    def change(self):
        """current − previous, or None when either is unknown."""
        if self.current is None or self.previous is None:
            return None
        return round(self.current - self.previous, 1)


@dataclass
class Table:
    key: str
    title: str
    columns: list
    rows: list
    note: str = ""


@dataclass
class Series:
    """A month-by-month series of the current period, drawn as a bar chart with its data table."""

    key: str
    title: str
    unit: str
    points: list  # [(first day of month, value)]

    def table(self):
        return Table(
            key=self.key,
            title=self.title,
            columns=[_("Mois"), self.unit],
            rows=[[month_label(month), value] for month, value in self.points],
        )


@dataclass
class Section:
    key: str
    title: str
    key_figures: list = field(default_factory=list)
    tables: list = field(default_factory=list)
    series: list = field(default_factory=list)

    def all_tables(self):
        """Every table of the section, the key figures and the charts' data included."""
        tables = []
        if self.key_figures:
            tables.append(
                Table(
                    key=f"{self.key}-chiffres-cles",
                    title=_("%(section)s : chiffres clés") % {"section": self.title},
                    columns=[_("Indicateur"), _("Période"), _("Période précédente")],
                    rows=[[figure.label, figure.current, figure.previous] for figure in self.key_figures],
                )
            )
        return tables + self.tables + [series.table() for series in self.series]


def month_label(month):
    return formats.date_format(month, "F Y").capitalize()


def _month(value):
    """TruncMonth returns a date or an aware datetime depending on the field: a date either way."""
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _monthly(period, totals):
    """[(month, value)] for every month of the period, zero where nothing happened."""
    return [(month, totals.get(month, 0)) for month in period.months()]


def _pair(current, previous):
    return Count("pk", filter=current), Count("pk", filter=previous)


def _sorted_rows(tallies, labels=None, *, fallback=""):
    """Rows [label, current, previous] sorted by current then label; `labels` maps codes to words."""
    rows = []
    for code, (current, previous) in tallies.items():
        label = (labels or {}).get(code, code) if code not in (None, "") else fallback
        rows.append([str(label), current, previous])
    rows.sort(key=lambda row: (-row[1], -row[2], row[0]))
    return rows


def _percent(part, whole):
    return round(100 * part / whole, 1) if whole else None


# --- Temps ressources held --------------------------------------------------------------------


def _held(now):
    from events.models import EventSession

    return Q(status=EventSession.Status.SCHEDULED, end__lte=now)


def sessions_figures(period, *, now=None):
    """Sessions that took place by format, theme and commune; cancelled sessions. 2 queries."""
    from events.models import EventFormat, EventSession

    now = now or timezone.now()
    previous = period.previous()
    held = _held(now)
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
    by_format = defaultdict(lambda: [0, 0, 0])
    by_commune = defaultdict(lambda: [0, 0])
    monthly = Counter()
    events_cur, events_prev = set(), set()
    totals = Counter()
    for row in rows:
        for name in ("held_cur", "held_prev", "cancelled_cur", "cancelled_prev"):
            totals[name] += row[name]
        fmt = by_format[row["event__event_format"]]
        fmt[0] += row["held_cur"]
        fmt[1] += row["held_prev"]
        fmt[2] += row["cancelled_cur"]
        commune = by_commune[row["venue__commune__name"]]
        commune[0] += row["held_cur"]
        commune[1] += row["held_prev"]
        monthly[_month(row["month"])] += row["held_cur"]
        if row["held_cur"]:
            events_cur.add(row["event_id"])
        if row["held_prev"]:
            events_prev.add(row["event_id"])

    themes = (
        EventSession.objects.filter(span & held)
        .values("event__themes__name")
        .annotate(cur=Count("pk", filter=cur), prev=Count("pk", filter=prev))
        .order_by()
    )
    format_labels = dict(EventFormat.choices)
    format_rows = [
        [str(format_labels.get(code, code)), held_cur, held_prev, cancelled_cur]
        for code, (held_cur, held_prev, cancelled_cur) in by_format.items()
        if held_cur or held_prev or cancelled_cur
    ]
    format_rows.sort(key=lambda row: (-row[1], -row[2], row[0]))
    return Section(
        key="temps",
        title=_("Temps ressources organisés"),
        key_figures=[
            KeyFigure(_("Séances qui ont eu lieu"), totals["held_cur"], totals["held_prev"]),
            KeyFigure(_("Temps ressources différents"), len(events_cur), len(events_prev)),
            KeyFigure(_("Séances annulées"), totals["cancelled_cur"], totals["cancelled_prev"]),
        ],
        tables=[
            Table(
                "temps-par-format",
                _("Séances par format"),
                [_("Format"), _("Ont eu lieu"), _("Période précédente"), _("Annulées")],
                format_rows,
            ),
            Table(
                "temps-par-theme",
                _("Séances par thème"),
                [_("Thème"), _("Ont eu lieu"), _("Période précédente")],
                _sorted_rows(
                    {row["event__themes__name"]: (row["cur"], row["prev"]) for row in themes},
                    fallback=_("Sans thème"),
                ),
                note=_("Une séance à plusieurs thèmes compte dans chacun."),
            ),
            Table(
                "temps-par-commune",
                _("Séances par commune"),
                [_("Commune"), _("Ont eu lieu"), _("Période précédente")],
                _sorted_rows(
                    {name: tuple(counts) for name, counts in by_commune.items() if any(counts)},
                    fallback=_("En ligne"),
                ),
            ),
        ],
        series=[
            Series(
                "temps-par-mois", _("Séances qui ont eu lieu, mois par mois"), _("Séances"), _monthly(period, monthly)
            )
        ],
    )


# --- Participants -----------------------------------------------------------------------------


NEEDS = (
    ("needs_childcare", gettext_lazy("Garde d'enfants")),
    ("needs_accessibility", gettext_lazy("Accès adapté")),
    ("needs_interpreter", gettext_lazy("Interprète")),
)


def participants_figures(period, *, now=None):
    """Registrations, people, attendance, unique and first-time participants, and the diversity
    of the publics (audience, commune, channel, age band, family situation, caregivers), needs
    (still on the registrations, plus the anonymous counts kept when they were erased). 5 queries.
    """
    from events.models import EventSession, Registration

    from .choices import AgeBand, Caregiver, FamilySituation
    from .models import DiversityAnswer, NeedsTally

    now = now or timezone.now()
    previous = period.previous()
    cur, prev = period.instants("session__start"), previous.instants("session__start")
    base = Registration.objects.filter(status=Registration.Status.CONFIRMED, session__status="scheduled").filter(
        session__end__lte=now
    )
    span = Q(session__start__gte=previous.lower, session__start__lt=period.upper)
    people = F("adults") + F("children")
    present = Q(attended=True)
    marked = Q(attended__isnull=False)

    def measures():
        annotations = {
            "reg_cur": Count("pk", filter=cur),
            "reg_prev": Count("pk", filter=prev),
            "people_cur": Coalesce(Sum(people, filter=cur), 0),
            "people_prev": Coalesce(Sum(people, filter=prev), 0),
            "present_cur": Count("pk", filter=cur & present),
            "present_prev": Count("pk", filter=prev & present),
            "present_people_cur": Coalesce(Sum(people, filter=cur & present), 0),
            "marked_cur": Count("pk", filter=cur & marked),
            "marked_prev": Count("pk", filter=prev & marked),
        }
        for name, _label in NEEDS:
            # Erased needs are counted from their NeedsTally rows instead (below).
            expressed = Q(**{name: True}, needs_erased_at__isnull=True)
            annotations[f"{name}_cur"] = Count("pk", filter=cur & expressed)
            annotations[f"{name}_prev"] = Count("pk", filter=prev & expressed)
        return annotations

    rows = list(
        base.filter(span)
        .annotate(month=TruncMonth("session__start"))
        .values("commune__name", "channel", "heard_from", "month")
        .annotate(**measures())
        .order_by()
    )
    totals = Counter()
    by_commune = defaultdict(lambda: [0, 0, 0, 0])
    by_channel = defaultdict(lambda: [0, 0, 0, 0])
    monthly = Counter()
    by_source = defaultdict(lambda: [0, 0])
    for row in rows:
        for name, value in row.items():
            if name.endswith(("_cur", "_prev")):
                totals[name] += value
        by_source[row["heard_from"]][0] += row["reg_cur"]
        by_source[row["heard_from"]][1] += row["reg_prev"]
        for tally in (by_commune[row["commune__name"]], by_channel[row["channel"]]):
            tally[0] += row["reg_cur"]
            tally[1] += row["people_cur"]
            tally[2] += row["reg_prev"]
            tally[3] += row["people_prev"]
        monthly[_month(row["month"])] += row["people_cur"]

    # Needs erased by the purge, kept as counts per session (of a session that took place).
    erased_needs = (
        NeedsTally.objects.filter(session_day__gte=previous.start, session_day__lte=period.end)
        .filter(Q(session__isnull=True) | Q(session__status=EventSession.Status.SCHEDULED))
        .aggregate(
            **{
                f"{name}_{side}": Coalesce(Sum(name.removeprefix("needs_"), filter=days), 0)
                for name, _label in NEEDS
                for side, days in (("cur", period.days("session_day")), ("prev", previous.days("session_day")))
            }
        )
    )
    totals.update(erased_needs)

    # One row per participant seen in either period, with the first session they ever came to.
    identity = Coalesce(NullIf("email", Value("")), NullIf("phone", Value("")), "token_key")
    participants = (
        base.filter(session__start__lt=period.upper)
        .annotate(identity=identity)
        .values("identity")
        .annotate(first_seen=Min("session__start"), in_cur=Count("pk", filter=cur), in_prev=Count("pk", filter=prev))
        .filter(Q(in_cur__gt=0) | Q(in_prev__gt=0))
        .order_by()
    )
    unique = Counter()
    for row in participants:
        if row["in_cur"]:
            unique["cur"] += 1
            unique["new_cur"] += row["first_seen"] >= period.lower
        if row["in_prev"]:
            unique["prev"] += 1
            unique["new_prev"] += row["first_seen"] >= previous.lower

    audiences = (
        base.filter(span)
        .values("session__event__audiences__name")
        .annotate(
            reg_cur=Count("pk", filter=cur),
            people_cur=Coalesce(Sum(people, filter=cur), 0),
            reg_prev=Count("pk", filter=prev),
            people_prev=Coalesce(Sum(people, filter=prev), 0),
        )
        .order_by()
    )

    diversity = (
        DiversityAnswer.objects.filter(session_day__gte=previous.start, session_day__lte=period.end)
        .values("age_band", "family_situation", "caregiver")
        .annotate(
            cur=Count("pk", filter=period.days("session_day")), prev=Count("pk", filter=previous.days("session_day"))
        )
        .order_by()
    )
    by_answer = {name: defaultdict(lambda: [0, 0]) for name in ("age_band", "family_situation", "caregiver")}
    answers = Counter()
    for row in diversity:
        answers["cur"] += row["cur"]
        answers["prev"] += row["prev"]
        for name, tally in by_answer.items():
            tally[row[name]][0] += row["cur"]
            tally[row[name]][1] += row["prev"]

    def diversity_table(key, title, name, choices):
        tally = by_answer[name]
        rows = [[str(label), *tally.get(code, [0, 0])] for code, label in choices]
        rows.append([_("Question passée"), *tally.get("", [0, 0])])
        return Table(
            key,
            title,
            [_("Réponse"), _("Période"), _("Période précédente")],
            rows,
            note=_(
                "Réponses facultatives données à l'inscription (%(count)s pour la période), jamais liées à la personne."
            )
            % {"count": answers["cur"]},
        )

    people_columns = [
        _("Inscriptions"),
        _("Personnes"),
        _("Inscriptions (période précédente)"),
        _("Personnes (période précédente)"),
    ]

    def people_rows(tallies, labels=None, fallback=""):
        rows = []
        for code, values in tallies.items():
            if not any(values):
                continue
            label = (labels or {}).get(code, code) if code not in (None, "") else fallback
            rows.append([str(label), *values])
        rows.sort(key=lambda row: (-row[1], -row[3], row[0]))
        return rows

    channel_labels = dict(Registration.Channel.choices)
    return Section(
        key="participants",
        title=_("Participants et diversité des publics"),
        key_figures=[
            KeyFigure(_("Inscriptions"), totals["reg_cur"], totals["reg_prev"]),
            KeyFigure(_("Personnes inscrites (adultes et enfants)"), totals["people_cur"], totals["people_prev"]),
            KeyFigure(
                _("Taux de présence"),
                _percent(totals["present_cur"], totals["marked_cur"]),
                _percent(totals["present_prev"], totals["marked_prev"]),
                "%",
            ),
            KeyFigure(_("Participants différents"), unique["cur"], unique["prev"]),
            KeyFigure(_("dont venus pour la première fois"), unique["new_cur"], unique["new_prev"]),
            KeyFigure(
                _("dont déjà venus avant"), unique["cur"] - unique["new_cur"], unique["prev"] - unique["new_prev"]
            ),
        ],
        tables=[
            Table(
                "participants-par-public",
                _("Participants par public visé"),
                [_("Public"), *people_columns],
                people_rows(
                    {
                        row["session__event__audiences__name"]: [
                            row["reg_cur"],
                            row["people_cur"],
                            row["reg_prev"],
                            row["people_prev"],
                        ]
                        for row in audiences
                    },
                    fallback=_("Tout public"),
                ),
                note=_("Le public du temps ressources ; un temps à plusieurs publics compte dans chacun."),
            ),
            Table(
                "participants-par-commune",
                _("Participants par commune de résidence"),
                [_("Commune"), *people_columns],
                people_rows(by_commune, fallback=_("Non renseignée")),
            ),
            Table(
                "participants-par-canal",
                _("Inscriptions par canal"),
                [_("Canal"), *people_columns],
                people_rows(by_channel, channel_labels),
            ),
            Table(
                "participants-par-source",
                _("Inscriptions selon la façon dont les personnes ont connu le temps ressources"),
                [_("Connu par"), _("Inscriptions"), _("Inscriptions (période précédente)")],
                heard_from_rows(by_source),
                note=_("Une inscription faite depuis le code QR d'une affiche ou d'un programme compte « affiche »."),
            ),
            diversity_table("participants-age", _("Âge"), "age_band", AgeBand.choices),
            diversity_table(
                "participants-famille", _("Situation familiale"), "family_situation", FamilySituation.choices
            ),
            diversity_table("participants-aidants", _("Aidants d'un proche"), "caregiver", Caregiver.choices),
            Table(
                "participants-besoins",
                _("Besoins exprimés à l'inscription"),
                [_("Besoin"), _("Période"), _("Période précédente")],
                [[str(label), totals[f"{name}_cur"], totals[f"{name}_prev"]] for name, label in NEEDS],
                note=_(
                    "Inscriptions confirmées aux séances qui ont eu lieu. 30 jours après la séance, les besoins sont "
                    "effacés des inscriptions : seul leur nombre est conservé, sans lien avec la personne."
                ),
            ),
        ],
        series=[
            Series(
                "participants-par-mois",
                _("Personnes inscrites aux séances qui ont eu lieu, mois par mois"),
                _("Personnes"),
                _monthly(period, monthly),
            )
        ],
    )


# --- Supports diffused ------------------------------------------------------------------------


# Downloads that are not files uploaded by editors (resources.services.SHEET_FORMAT).
FILE_FORMAT_LABELS = {"fiche": gettext_lazy("Fiche imprimable (PDF)")}


def supports_figures(period, *, top=10):
    """Resource views, document downloads and paper copies, by format, theme and resource. 4 queries."""
    from resources.models import DiffusionCount, ResourcePage

    from .models import PaperCopy

    previous = period.previous()
    cur, prev = period.days("day"), previous.days("day")
    span = Q(day__gte=previous.start, day__lte=period.end)
    # resource id -> {"views": [cur, prev], "downloads": [...], "paper": [...]}
    per_resource = defaultdict(lambda: {"views": [0, 0], "downloads": [0, 0], "paper": [0, 0]})
    titles = {}
    by_file_format = defaultdict(lambda: [0, 0])
    monthly = Counter()

    diffusion = (
        DiffusionCount.objects.filter(span)
        .annotate(month=TruncMonth("day"))
        .values("resource_id", "resource__title", "kind", "file_format", "month")
        .annotate(cur=Coalesce(Sum("count", filter=cur), 0), prev=Coalesce(Sum("count", filter=prev), 0))
        .order_by()
    )
    for row in diffusion:
        titles[row["resource_id"]] = row["resource__title"]
        kind = "views" if row["kind"] == DiffusionCount.Kind.VIEW else "downloads"
        per_resource[row["resource_id"]][kind][0] += row["cur"]
        per_resource[row["resource_id"]][kind][1] += row["prev"]
        if kind == "downloads":
            file_format = row["file_format"] or "?"
            tally = by_file_format[str(FILE_FORMAT_LABELS.get(file_format, file_format.upper()))]
            tally[0] += row["cur"]
            tally[1] += row["prev"]
        monthly[_month(row["month"])] += row["cur"]

    paper = (
        PaperCopy.objects.filter(span)
        .annotate(month=TruncMonth("day"))
        .values("resource_id", "resource__title", "support", "month")
        .annotate(cur=Coalesce(Sum("quantity", filter=cur), 0), prev=Coalesce(Sum("quantity", filter=prev), 0))
        .order_by()
    )
    # Programmes and posters printed from "Imprimer": paper too, without a resource.
    printed = defaultdict(lambda: [0, 0])
    for row in paper:
        if row["resource_id"] is None:
            printed[row["support"]][0] += row["cur"]
            printed[row["support"]][1] += row["prev"]
            monthly[_month(row["month"])] += row["cur"]
            continue
        titles[row["resource_id"]] = row["resource__title"]
        per_resource[row["resource_id"]]["paper"][0] += row["cur"]
        per_resource[row["resource_id"]]["paper"][1] += row["prev"]
        monthly[_month(row["month"])] += row["cur"]

    ids = list(per_resource)
    # One query for both labels of each resource (its formats × its themes: a few rows each).
    formats_of, themes_of = defaultdict(set), defaultdict(set)
    labels = ResourcePage.objects.filter(pk__in=ids).values_list("pk", "formats__name", "themes__name").order_by()
    for resource_id, format_name, theme_name in labels:
        if format_name:
            formats_of[resource_id].add(format_name)
        if theme_name:
            themes_of[resource_id].add(theme_name)

    def grouped(groups_of, fallback):
        tally = defaultdict(lambda: [0, 0, 0, 0])
        for resource_id, counts in per_resource.items():
            for group in groups_of.get(resource_id) or [fallback]:
                values = tally[group]
                values[0] += counts["views"][0]
                values[1] += counts["downloads"][0]
                values[2] += counts["paper"][0]
                values[3] += counts["views"][1] + counts["downloads"][1] + counts["paper"][1]
        rows = [[name, v, d, p, v + d + p, before] for name, (v, d, p, before) in tally.items() if v + d + p + before]
        rows.sort(key=lambda row: (-row[4], -row[5], row[0]))
        return rows

    totals = {
        kind: [sum(c[kind][0] for c in per_resource.values()), sum(c[kind][1] for c in per_resource.values())]
        for kind in ("views", "downloads", "paper")
    }
    for side in (0, 1):
        totals["paper"][side] += sum(values[side] for values in printed.values())
    columns = [
        _("Consultations"),
        _("Téléchargements"),
        _("Exemplaires papier"),
        _("Total"),
        _("Total période précédente"),
    ]
    top_rows = [
        [
            titles[resource_id],
            c["views"][0],
            c["downloads"][0],
            c["paper"][0],
            c["views"][0] + c["downloads"][0] + c["paper"][0],
        ]
        for resource_id, c in per_resource.items()
    ]
    top_rows = [row for row in top_rows if row[4]]
    top_rows.sort(key=lambda row: (-row[4], row[0]))
    return Section(
        key="supports",
        title=_("Supports de prévention diffusés"),
        key_figures=[
            KeyFigure(_("Consultations des fiches"), *totals["views"]),
            KeyFigure(_("Documents téléchargés"), *totals["downloads"]),
            KeyFigure(_("Exemplaires papier remis"), *totals["paper"]),
            KeyFigure(
                _("Total des supports diffusés"),
                sum(values[0] for values in totals.values()),
                sum(values[1] for values in totals.values()),
            ),
        ],
        tables=[
            Table(
                "supports-par-format",
                _("Supports diffusés par format"),
                [_("Format"), *columns],
                grouped(formats_of, _("Sans format")),
                note=_("Une ressource à plusieurs formats compte dans chacun."),
            ),
            Table(
                "supports-par-theme",
                _("Supports diffusés par thème"),
                [_("Thème"), *columns],
                grouped(themes_of, _("Sans thème")),
                note=_("Une ressource à plusieurs thèmes compte dans chacun."),
            ),
            Table(
                "supports-par-type-de-fichier",
                _("Téléchargements par type de fichier"),
                [_("Type de fichier"), _("Période"), _("Période précédente")],
                _sorted_rows({name: tuple(values) for name, values in by_file_format.items()}),
            ),
            Table(
                "supports-papier-agenda",
                _("Exemplaires papier de l'agenda"),
                printed_supports_columns(),
                printed_supports_rows(printed),
                note=_("Programmes du mois et affiches, comptés quand l'équipe les imprime depuis « Imprimer »."),
            ),
            Table(
                "supports-top",
                _("Les %(count)s ressources les plus diffusées") % {"count": top},
                [_("Ressource"), *columns[:4]],
                top_rows[:top],
            ),
        ],
        series=[
            Series("supports-par-mois", _("Supports diffusés, mois par mois"), _("Supports"), _monthly(period, monthly))
        ],
    )


# --- Feedback ---------------------------------------------------------------------------------


def feedback_figures(period, *, comments=10):
    """Answers to the feedback form: how many, how useful, would people come again, comments. 3 queries."""
    from .choices import ComeAgain
    from .models import FeedbackAnswer, FeedbackLink

    previous = period.previous()
    cur, prev = period.days("session_day"), previous.days("session_day")
    rows = (
        FeedbackAnswer.objects.filter(session_day__gte=previous.start, session_day__lte=period.end)
        .values("usefulness", "come_again")
        .annotate(cur=Count("pk", filter=cur), prev=Count("pk", filter=prev))
        .order_by()
    )
    count = Counter()
    score = Counter()
    by_usefulness = defaultdict(lambda: [0, 0])
    by_come_again = defaultdict(lambda: [0, 0])
    for row in rows:
        for side in ("cur", "prev"):
            count[side] += row[side]
            score[side] += row[side] * row["usefulness"]
        by_usefulness[row["usefulness"]][0] += row["cur"]
        by_usefulness[row["usefulness"]][1] += row["prev"]
        by_come_again[row["come_again"]][0] += row["cur"]
        by_come_again[row["come_again"]][1] += row["prev"]
    links = FeedbackLink.objects.filter(session__start__gte=previous.lower, session__start__lt=period.upper).aggregate(
        cur=Count("pk", filter=period.instants("session__start")),
        prev=Count("pk", filter=previous.instants("session__start")),
    )
    recent = list(
        FeedbackAnswer.objects.filter(cur)
        .exclude(takeaway="", missing="")
        .order_by("-session_day", "event_title")
        .values("session_day", "event_title", "usefulness", "takeaway", "missing")[:comments]
    )

    def average(side):
        return round(score[side] / count[side], 1) if count[side] else None

    usefulness_labels = {5: _("5 – très utile"), 4: "4", 3: "3", 2: "2", 1: _("1 – pas utile")}
    return Section(
        key="avis",
        title=_("Retours des participants"),
        key_figures=[
            KeyFigure(_("Questionnaires envoyés"), links["cur"], links["prev"]),
            KeyFigure(_("Réponses"), count["cur"], count["prev"]),
            KeyFigure(
                _("Taux de réponse"), _percent(count["cur"], links["cur"]), _percent(count["prev"], links["prev"]), "%"
            ),
            KeyFigure(_("Utilité moyenne (sur 5)"), average("cur"), average("prev")),
        ],
        tables=[
            Table(
                "avis-utilite",
                _("Utilité du temps ressources"),
                [_("Note"), _("Période"), _("Période précédente")],
                [[str(usefulness_labels[value]), *by_usefulness.get(value, [0, 0])] for value in (5, 4, 3, 2, 1)],
            ),
            Table(
                "avis-reviendrait",
                _("Reviendraient à un autre temps ressources"),
                [_("Réponse"), _("Période"), _("Période précédente")],
                [[str(label), *by_come_again.get(code, [0, 0])] for code, label in ComeAgain.choices]
                + [[_("Sans réponse"), *by_come_again.get("", [0, 0])]],
            ),
            Table(
                "avis-commentaires",
                _("Derniers commentaires"),
                [
                    _("Séance du"),
                    _("Temps ressources"),
                    _("Utilité"),
                    _("Ce que la personne retient"),
                    _("Ce qui a manqué"),
                ],
                [
                    [
                        formats.date_format(row["session_day"], "d/m/Y"),
                        row["event_title"],
                        row["usefulness"],
                        row["takeaway"],
                        row["missing"],
                    ]
                    for row in recent
                ],
            ),
        ],
    )


# --- Use of services (appointment pre-requests) ----------------------------------------------


def services_figures(period):
    """Appointment pre-requests by subject, month and status (purged ones included through their
    anonymous counts), and the median time to first handling. 3 queries.
    """
    from appointments.models import AppointmentEvent, AppointmentRequest, AppointmentStat, Status

    previous = period.previous()
    by_subject = defaultdict(lambda: [0, 0])
    by_status = defaultdict(lambda: [0, 0])
    monthly = Counter()
    totals = Counter()

    handling = (
        AppointmentEvent.Action.STATUS,
        AppointmentEvent.Action.ASSIGNED,
        AppointmentEvent.Action.NOTE,
        AppointmentEvent.Action.PROPOSED,
    )
    # One row per request of either period (with its first handling), then the purged counts.
    live = (
        AppointmentRequest.objects.filter(created_at__gte=previous.lower, created_at__lt=period.upper)
        .annotate(first_handled=Min("events__at", filter=Q(events__action__in=handling)))
        .values_list("subject__name", "status", "created_at", "first_handled")
        .order_by()
    )
    purged = (
        AppointmentStat.objects.filter(month__gte=previous.start.replace(day=1), month__lte=period.end)
        .values("subject_name", "status", "month")
        .annotate(total=Sum("count"))
        .order_by()
    )
    rows = []
    hours = {"cur": [], "prev": []}
    for subject, status, created_at, first_handled in live:
        in_cur = created_at >= period.lower
        rows.append(
            (subject, status, timezone.localtime(created_at).date().replace(day=1), int(in_cur), int(not in_cur))
        )
        if first_handled is not None:
            hours["cur" if in_cur else "prev"].append((first_handled - created_at).total_seconds() / 3600)
    for row in purged:
        # Anonymous counts are kept per month: a month belongs to the period that holds its first day.
        month = row["month"]
        in_cur = period.start.replace(day=1) <= month <= period.end
        in_prev = not in_cur and previous.start.replace(day=1) <= month <= previous.end
        rows.append(
            (row["subject_name"], row["status"], month, row["total"] if in_cur else 0, row["total"] if in_prev else 0)
        )
    for subject, status, month, current, before in rows:
        by_subject[subject][0] += current
        by_subject[subject][1] += before
        by_status[status][0] += current
        by_status[status][1] += before
        monthly[month] += current
        totals["cur"] += current
        totals["prev"] += before

    def median_hours(side):
        return round(median(hours[side]), 1) if hours[side] else None

    return Section(
        key="rendez-vous",
        title=_("Recours aux dispositifs : demandes de rendez-vous"),
        key_figures=[
            KeyFigure(_("Demandes de rendez-vous"), totals["cur"], totals["prev"]),
            KeyFigure(
                _("Délai médian avant la première prise en charge"),
                median_hours("cur"),
                median_hours("prev"),
                _("heures"),
            ),
        ],
        tables=[
            Table(
                "rendez-vous-par-objet",
                _("Demandes par objet"),
                [_("Objet"), _("Période"), _("Période précédente")],
                _sorted_rows({name: tuple(values) for name, values in by_subject.items() if any(values)}),
            ),
            Table(
                "rendez-vous-par-statut",
                _("Demandes par statut actuel"),
                [_("Statut"), _("Période"), _("Période précédente")],
                [[str(label), *by_status.get(code, [0, 0])] for code, label in Status.choices],
                note=_("Le statut au moment de l'affichage, ou à la suppression pour les demandes anciennes."),
            ),
        ],
        series=[
            Series(
                "rendez-vous-par-mois",
                _("Demandes de rendez-vous, mois par mois"),
                _("Demandes"),
                _monthly(period, monthly),
            )
        ],
    )


def all_sections(period, *, now=None):
    """Every family, in the action sheet's order, then the register of vulnerable people."""
    from .welfare import welfare_figures

    return [
        sessions_figures(period, now=now),
        participants_figures(period, now=now),
        supports_figures(period),
        feedback_figures(period),
        services_figures(period),
        welfare_figures(period),
    ]
