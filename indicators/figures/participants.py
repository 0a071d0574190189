"""Participants and the diversity of the publics.

*Registrations* are confirmed registrations at sessions that took place; *people* counts the
adults and children they announced; the *attendance rate* is present / (present + absent) among
registrations whose attendance was taken. A *participant* is an email address, else a phone
number, else a booking (after the purge of names, a returning resident can no longer be
recognised and counts as a new one); *first-time* participants had no registration at a session
that took place before the period. Needs still on the registrations are counted there, erased
ones from their anonymous `NeedsTally`. 5 queries.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, F, Min, Q, Sum, Value
from django.db.models.functions import Coalesce, NullIf, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..sources import heard_from_rows
from .tables import (
    Headings,
    KeyFigure,
    Section,
    Series,
    Table,
    add,
    as_month,
    monthly,
    nonzero,
    pairs,
    percent,
    sorted_rows,
)

NEEDS = (
    ("needs_childcare", gettext_lazy("Garde d'enfants")),
    ("needs_accessibility", gettext_lazy("Accès adapté")),
    ("needs_interpreter", gettext_lazy("Interprète")),
)
DIVERSITY = ("age_band", "family_situation", "caregiver")
PEOPLE = F("adults") + F("children")


def _quads():
    return defaultdict(lambda: [0, 0, 0, 0])  # registrations, people (current); the same (previous)


@dataclass
class ParticipantCounts:
    totals: Counter = field(default_factory=Counter)  # "<measure>_cur" / "<measure>_prev"
    by_commune: dict = field(default_factory=_quads)
    by_channel: dict = field(default_factory=_quads)
    by_audience: dict = field(default_factory=dict)
    by_source: dict = field(default_factory=pairs)
    per_month: Counter = field(default_factory=Counter)
    unique: Counter = field(default_factory=Counter)  # cur, new_cur, prev, new_prev
    by_answer: dict = field(default_factory=lambda: {name: pairs() for name in DIVERSITY})
    answers: list = field(default_factory=lambda: [0, 0])


# --- Query step -------------------------------------------------------------------------------


class _Query:
    """The filters every query of the family shares."""

    def __init__(self, period, now):
        from events.models import Registration

        self.period, self.previous = period, period.previous()
        self.cur, self.prev = period.instants("session__start"), self.previous.instants("session__start")
        self.span = Q(session__start__gte=self.previous.lower, session__start__lt=period.upper)
        self.base = Registration.objects.filter(
            status=Registration.Status.CONFIRMED, session__status="scheduled", session__end__lte=now
        )

    def measures(self):
        cur, prev, present, marked = self.cur, self.prev, Q(attended=True), Q(attended__isnull=False)
        annotations = {
            "reg_cur": Count("pk", filter=cur),
            "reg_prev": Count("pk", filter=prev),
            "people_cur": Coalesce(Sum(PEOPLE, filter=cur), 0),
            "people_prev": Coalesce(Sum(PEOPLE, filter=prev), 0),
            "present_cur": Count("pk", filter=cur & present),
            "present_prev": Count("pk", filter=prev & present),
            "present_people_cur": Coalesce(Sum(PEOPLE, filter=cur & present), 0),
            "marked_cur": Count("pk", filter=cur & marked),
            "marked_prev": Count("pk", filter=prev & marked),
        }
        for name, _label in NEEDS:
            # Erased needs are counted from their NeedsTally rows instead.
            expressed = Q(**{name: True}, needs_erased_at__isnull=True)
            annotations[f"{name}_cur"] = Count("pk", filter=cur & expressed)
            annotations[f"{name}_prev"] = Count("pk", filter=prev & expressed)
        return annotations


def count_participants(period, now):
    """Registrations, people, participants and the optional answers of both periods, in 5 queries."""
    query, counts = _Query(period, now), ParticipantCounts()
    _count_registrations(query, counts)
    counts.totals.update(_erased_needs(query))
    _count_people(query, counts)
    _count_audiences(query, counts)
    _count_diversity(query, counts)
    return counts


def _count_registrations(query, counts):
    rows = (
        query.base.filter(query.span)
        .annotate(month=TruncMonth("session__start"))
        .values("commune__name", "channel", "heard_from", "month")
        .annotate(**query.measures())
        .order_by()
    )
    for row in rows:
        for name, value in row.items():
            if name.endswith(("_cur", "_prev")):
                counts.totals[name] += value
        add(counts.by_source[row["heard_from"]], row["reg_cur"], row["reg_prev"])
        for tally in (counts.by_commune[row["commune__name"]], counts.by_channel[row["channel"]]):
            for index, name in enumerate(("reg_cur", "people_cur", "reg_prev", "people_prev")):
                tally[index] += row[name]
        counts.per_month[as_month(row["month"])] += row["people_cur"]


def _erased_needs(query):
    """Needs erased by the purge, kept as counts per session (of a session that took place)."""
    from events.models import EventSession

    from ..models import NeedsTally

    period, previous = query.period, query.previous
    sides = (("cur", period.days("session_day")), ("prev", previous.days("session_day")))
    return (
        NeedsTally.objects.filter(session_day__gte=previous.start, session_day__lte=period.end)
        .filter(Q(session__isnull=True) | Q(session__status=EventSession.Status.SCHEDULED))
        .aggregate(
            **{
                f"{name}_{side}": Coalesce(Sum(name.removeprefix("needs_"), filter=days), 0)
                for name, _label in NEEDS
                for side, days in sides
            }
        )
    )


def _count_people(query, counts):
    """One row per participant seen in either period, with the first session they ever came to."""
    identity = Coalesce(NullIf("email", Value("")), NullIf("phone", Value("")), "token_key")
    participants = (
        query.base.filter(session__start__lt=query.period.upper)
        .annotate(identity=identity)
        .values("identity")
        .annotate(
            first_seen=Min("session__start"),
            in_cur=Count("pk", filter=query.cur),
            in_prev=Count("pk", filter=query.prev),
        )
        .filter(Q(in_cur__gt=0) | Q(in_prev__gt=0))
        .order_by()
    )
    for row in participants:
        if row["in_cur"]:
            counts.unique["cur"] += 1
            counts.unique["new_cur"] += row["first_seen"] >= query.period.lower
        if row["in_prev"]:
            counts.unique["prev"] += 1
            counts.unique["new_prev"] += row["first_seen"] >= query.previous.lower


def _count_audiences(query, counts):
    cur, prev = query.cur, query.prev
    audiences = (
        query.base.filter(query.span)
        .values("session__event__audiences__name")
        .annotate(
            reg_cur=Count("pk", filter=cur),
            people_cur=Coalesce(Sum(PEOPLE, filter=cur), 0),
            reg_prev=Count("pk", filter=prev),
            people_prev=Coalesce(Sum(PEOPLE, filter=prev), 0),
        )
        .order_by()
    )
    counts.by_audience = {
        row["session__event__audiences__name"]: [row["reg_cur"], row["people_cur"], row["reg_prev"], row["people_prev"]]
        for row in audiences
    }


def _count_diversity(query, counts):
    from ..models import DiversityAnswer

    period, previous = query.period, query.previous
    diversity = (
        DiversityAnswer.objects.filter(session_day__gte=previous.start, session_day__lte=period.end)
        .values(*DIVERSITY)
        .annotate(
            cur=Count("pk", filter=period.days("session_day")), prev=Count("pk", filter=previous.days("session_day"))
        )
        .order_by()
    )
    for row in diversity:
        add(counts.answers, row["cur"], row["prev"])
        for name, tally in counts.by_answer.items():
            add(tally[row[name]], row["cur"], row["prev"])


# --- Table step -------------------------------------------------------------------------------


def participants_section(period, counts):
    headings = Headings(period)
    return Section(
        key="participants",
        title=_("Participants et diversité des publics"),
        short_title=_("Participants"),
        headings=headings,
        key_figures=_key_figures(counts),
        tables=[
            *_people_tables(headings, counts),
            *_diversity_tables(headings, counts),
            _needs_table(headings, counts),
        ],
        series=[
            Series(
                "participants-par-mois",
                _("Personnes inscrites aux séances qui ont eu lieu, mois par mois"),
                _("Personnes"),
                monthly(period, counts.per_month),
                sheet=_("Personnes inscrites par mois"),
            )
        ],
    )


def _key_figures(counts):
    totals, unique = counts.totals, counts.unique
    return [
        KeyFigure(_("Inscriptions"), totals["reg_cur"], totals["reg_prev"]),
        KeyFigure(_("Personnes inscrites (adultes et enfants)"), totals["people_cur"], totals["people_prev"]),
        KeyFigure(
            _("Taux de présence"),
            percent(totals["present_cur"], totals["marked_cur"]),
            percent(totals["present_prev"], totals["marked_prev"]),
            "%",
        ),
        KeyFigure(_("Participants différents"), unique["cur"], unique["prev"]),
        KeyFigure(_("dont venus pour la première fois"), unique["new_cur"], unique["new_prev"], detail=True),
        KeyFigure(
            _("dont déjà venus avant"),
            unique["cur"] - unique["new_cur"],
            unique["prev"] - unique["new_prev"],
            detail=True,
        ),
    ]


def _people_rows(tallies, labels=None, fallback=""):
    return sorted_rows(nonzero(tallies), labels, fallback=fallback, order=(1, 3))


def _people_tables(headings, counts):
    from events.models import Registration

    columns = [
        headings.current(_("Inscriptions")),
        headings.current(_("Personnes")),
        headings.previous(_("Inscriptions")),
        headings.previous(_("Personnes")),
    ]
    return [
        Table(
            "participants-par-public",
            _("Participants par public visé"),
            [_("Public"), *columns],
            _people_rows(counts.by_audience, fallback=_("Tout public")),
            note=_("Le public du temps ressources ; un temps à plusieurs publics compte dans chacun."),
            sheet=_("Participants par public"),
        ),
        Table(
            "participants-par-commune",
            _("Participants par commune de résidence"),
            [_("Commune"), *columns],
            _people_rows(counts.by_commune, fallback=_("Non renseignée")),
            sheet=_("Participants par commune"),
        ),
        Table(
            "participants-par-canal",
            _("Inscriptions par canal"),
            [_("Canal"), *columns],
            _people_rows(counts.by_channel, dict(Registration.Channel.choices)),
            sheet=_("Inscriptions par canal"),
        ),
        Table(
            "participants-par-source",
            _("Inscriptions selon la façon dont les personnes ont connu le temps ressources"),
            [_("Connu par"), *headings.pair(_("Inscriptions"))],
            heard_from_rows(counts.by_source),
            note=_("Une inscription faite depuis le code QR d'une affiche ou d'un programme compte « affiche »."),
            sheet=_("Source des inscriptions"),
        ),
    ]


def _diversity_tables(headings, counts):
    from ..choices import AgeBand, Caregiver, FamilySituation

    note = _("Réponses facultatives données à l'inscription (%(count)s pour la période), jamais liées à la personne.")
    note = note % {"count": counts.answers[0]}
    tables = []
    for key, title, sheet, name, choices in (
        ("participants-age", _("Âge"), _("Publics – âge"), "age_band", AgeBand.choices),
        (
            "participants-famille",
            _("Situation familiale"),
            _("Publics – situation familiale"),
            "family_situation",
            FamilySituation.choices,
        ),
        ("participants-aidants", _("Aidants d'un proche"), _("Publics – aidants"), "caregiver", Caregiver.choices),
    ):
        tally = counts.by_answer[name]
        rows = [[str(label), *tally.get(code, [0, 0])] for code, label in choices]
        rows.append([_("Question passée"), *tally.get("", [0, 0])])
        tables.append(Table(key, title, [_("Réponse"), *headings.pair()], rows, note=note, sheet=sheet))
    return tables


def _needs_table(headings, counts):
    totals = counts.totals
    return Table(
        "participants-besoins",
        _("Besoins exprimés à l'inscription"),
        [_("Besoin"), *headings.pair()],
        [[str(label), totals[f"{name}_cur"], totals[f"{name}_prev"]] for name, label in NEEDS],
        note=_(
            "Inscriptions confirmées aux séances qui ont eu lieu. %(days)s jours après la séance, les besoins sont "
            "effacés des inscriptions : seul leur nombre est conservé, sans lien avec la personne."
        )
        % {"days": settings.EVENTS_NEEDS_RETENTION_DAYS},
        sheet=_("Besoins exprimés"),
    )


def participants_figures(period, *, now=None):
    """Registrations, people, attendance, unique and first-time participants, and the diversity
    of the publics (audience, commune, channel, source, age band, family situation, caregivers,
    needs). 5 queries.
    """
    return participants_section(period, count_participants(period, now or timezone.now()))
