"""Answers to the feedback form: how many, how useful, would people come again, the last comments.

An answer belongs to the period of its session's day; the response rate is answers / links sent
for the sessions of the period. 3 queries.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext as _

from .tables import Headings, KeyFigure, Section, Table, add, choice_rows, pairs, percent


@dataclass
class FeedbackCounts:
    answers: Counter = field(default_factory=Counter)  # cur, prev
    score: Counter = field(default_factory=Counter)  # sum of the usefulness marks: cur, prev
    links: dict = field(default_factory=dict)  # cur, prev
    by_usefulness: dict = field(default_factory=pairs)
    by_come_again: dict = field(default_factory=pairs)
    recent: list = field(default_factory=list)

    def average(self, side):
        return round(self.score[side] / self.answers[side], 1) if self.answers[side] else None


# --- Query step -------------------------------------------------------------------------------


def count_feedback(period, *, comments=10):
    from ..models import FeedbackAnswer, FeedbackLink

    previous = period.previous()
    cur, prev = period.days("session_day"), previous.days("session_day")
    counts = FeedbackCounts()
    rows = (
        FeedbackAnswer.objects.filter(session_day__gte=previous.start, session_day__lte=period.end)
        .values("usefulness", "come_again")
        .annotate(cur=Count("pk", filter=cur), prev=Count("pk", filter=prev))
        .order_by()
    )
    for row in rows:
        for side in ("cur", "prev"):
            counts.answers[side] += row[side]
            counts.score[side] += row[side] * row["usefulness"]
        add(counts.by_usefulness[row["usefulness"]], row["cur"], row["prev"])
        add(counts.by_come_again[row["come_again"]], row["cur"], row["prev"])
    counts.links = FeedbackLink.objects.filter(
        session__start__gte=previous.lower, session__start__lt=period.upper
    ).aggregate(
        cur=Count("pk", filter=period.instants("session__start")),
        prev=Count("pk", filter=previous.instants("session__start")),
    )
    counts.recent = list(
        FeedbackAnswer.objects.filter(cur)
        .exclude(takeaway="", missing="")
        .order_by("-session_day", "event_title")
        .values("session_day", "event_title", "usefulness", "takeaway", "missing")[:comments]
    )
    return counts


# --- Table step -------------------------------------------------------------------------------


def feedback_section(period, counts):
    from ..choices import ComeAgain

    headings = Headings(period)
    answers, links = counts.answers, counts.links
    usefulness_labels = {5: _("5 – très utile"), 4: "4", 3: "3", 2: "2", 1: _("1 – pas utile")}
    return Section(
        key="avis",
        title=_("Retours des participants"),
        short_title=_("Retours"),
        headings=headings,
        key_figures=[
            KeyFigure(_("Questionnaires envoyés"), links["cur"], links["prev"]),
            KeyFigure(_("Réponses"), answers["cur"], answers["prev"]),
            KeyFigure(
                _("Taux de réponse"),
                percent(answers["cur"], links["cur"]),
                percent(answers["prev"], links["prev"]),
                "%",
            ),
            KeyFigure(_("Utilité moyenne (sur 5)"), counts.average("cur"), counts.average("prev")),
        ],
        tables=[
            Table(
                "avis-utilite",
                _("Utilité du temps ressources"),
                [_("Note"), *headings.pair()],
                [
                    [str(usefulness_labels[value]), *counts.by_usefulness.get(value, [0, 0])]
                    for value in (5, 4, 3, 2, 1)
                ],
                sheet=_("Retours – utilité"),
            ),
            Table(
                "avis-reviendrait",
                _("Reviendraient à un autre temps ressources"),
                [_("Réponse"), *headings.pair()],
                choice_rows(counts.by_come_again, ComeAgain.choices, blank_label=_("Sans réponse")),
                sheet=_("Retours – reviendraient"),
            ),
            _comments_table(counts.recent),
        ],
    )


def _comments_table(recent):
    return Table(
        "avis-commentaires",
        _("Derniers commentaires"),
        [_("Séance du"), _("Temps ressources"), _("Utilité"), _("Ce que la personne retient"), _("Ce qui a manqué")],
        [
            [row["session_day"], row["event_title"], row["usefulness"], row["takeaway"], row["missing"]]
            for row in recent
        ],
        sheet=_("Retours – commentaires"),
    )


def feedback_figures(period, *, comments=10):
    """Answers to the feedback form: how many, how useful, would people come again, comments. 3 queries."""
    return feedback_section(period, count_feedback(period, comments=comments))
