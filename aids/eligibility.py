"""Which aids fit a situation: the rules behind "Quelles aides pour moi ?" and the listing's filters.

Pure functions over plain values (no database, nothing stored): `Criteria` is what an aid page
asks, `Answers` what a visitor said (every answer may be missing), and `assess` compares them
one criterion at a time:

- a criterion the aid does not set never excludes anyone;
- a criterion set but not answered makes the aid "à vérifier" (MAYBE), never a match;
- a criterion answered and not met excludes the aid (NO), whatever the other answers.

So an aid is a MATCH only when every criterion it sets is answered and met.
"""

import enum
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .models.pages import Household


class Verdict(enum.Enum):
    MATCH = "match"
    MAYBE = "maybe"
    NO = "no"


@dataclass(frozen=True)
class Answers:
    """What a visitor said about themselves. None (or empty) means "not answered"."""

    commune: int | None = None  # a Commune's pk
    age: int | None = None
    couple: bool | None = None
    children: int | None = None
    statuses: frozenset = frozenset()  # AidStatus pks
    no_status: bool = False  # "aucune de ces situations"
    quotient: int | None = None

    @property
    def is_empty(self):
        return self == Answers()

    def possible_households(self):
        """The household situations consistent with the answers (all four when nothing is said)."""
        kinds = set(Household)
        if self.couple is True:
            kinds &= {Household.COUPLE, Household.COUPLE_CHILDREN}
        elif self.couple is False:
            kinds &= {Household.SINGLE, Household.SINGLE_PARENT}
        if self.children == 0:
            kinds &= {Household.SINGLE, Household.COUPLE}
        elif self.children:
            kinds &= {Household.SINGLE_PARENT, Household.COUPLE_CHILDREN}
        return kinds


@dataclass(frozen=True)
class Criteria:
    """What an aid asks; empty values mean "no condition" (see AidPage)."""

    communes: frozenset = frozenset()  # {pk: name} would do, names only serve the explanations
    commune_names: tuple = ()
    min_age: int | None = None
    max_age: int | None = None
    households: frozenset = frozenset()
    quotient_ceiling: int | None = None
    statuses: frozenset = frozenset()
    status_names: tuple = ()

    @classmethod
    def of(cls, page):
        """The criteria of an AidPage (expects its communes and statuses prefetched)."""
        communes = list(page.communes.all())
        statuses = list(page.statuses.all())
        return cls(
            communes=frozenset(c.pk for c in communes),
            commune_names=tuple(c.name for c in communes),
            min_age=page.min_age,
            max_age=page.max_age,
            households=page.households,
            quotient_ceiling=page.quotient_ceiling,
            statuses=frozenset(s.pk for s in statuses),
            status_names=tuple(s.name for s in statuses),
        )


@dataclass(frozen=True)
class Assessment:
    verdict: Verdict
    to_check: list = field(default_factory=list)  # the criteria not answered, in French
    unmet: list = field(default_factory=list)  # the criteria answered and not met, in French


def _age_text(criteria):
    if criteria.min_age is not None and criteria.max_age is not None:
        return _("avoir entre %(min)s et %(max)s ans") % {"min": criteria.min_age, "max": criteria.max_age}
    if criteria.min_age is not None:
        return _("avoir %(min)s ans ou plus") % {"min": criteria.min_age}
    return _("avoir %(max)s ans au plus") % {"max": criteria.max_age}


def _checks(criteria, answers):
    """(text, None | True | False) for each criterion the aid sets: None = not answered."""
    if criteria.communes:
        met = None if answers.commune is None else answers.commune in criteria.communes
        yield _("habiter à %(names)s") % {"names": ", ".join(criteria.commune_names)}, met
    if criteria.min_age is not None or criteria.max_age is not None:
        met = None
        if answers.age is not None:
            met = (criteria.min_age is None or answers.age >= criteria.min_age) and (
                criteria.max_age is None or answers.age <= criteria.max_age
            )
        yield _age_text(criteria), met
    wanted = {Household(kind) for kind in criteria.households}
    if wanted and wanted != set(Household):
        possible = answers.possible_households()
        met = True if possible <= wanted else (False if not possible & wanted else None)
        names = ", ".join(str(kind.label).lower() for kind in Household if kind in wanted)
        yield _("être dans l'une de ces situations : %(names)s") % {"names": names}, met
    if criteria.statuses:
        met = None
        if answers.statuses & criteria.statuses:
            met = True
        elif answers.statuses or answers.no_status:
            met = False
        yield _("être %(names)s") % {"names": " ou ".join(name.lower() for name in criteria.status_names)}, met
    if criteria.quotient_ceiling is not None:
        met = None if answers.quotient is None else answers.quotient <= criteria.quotient_ceiling
        ceiling = f"{criteria.quotient_ceiling:,}".replace(",", "\u202f")  # 1 000 €, the French way
        yield _("avoir un quotient familial de %(ceiling)s € au plus") % {"ceiling": ceiling}, met


def assess(criteria, answers):
    """The verdict for one aid (see the module docstring), with what is left to check or not met."""
    to_check, unmet = [], []
    for text, met in _checks(criteria, answers):
        if met is None:
            to_check.append(text)
        elif not met:
            unmet.append(text)
    if unmet:
        verdict = Verdict.NO
    elif to_check:
        verdict = Verdict.MAYBE
    else:
        verdict = Verdict.MATCH
    return Assessment(verdict, to_check, unmet)


def criteria_texts(criteria):
    """Every criterion an aid sets, in French ("avoir 18 ans ou plus"…), for its page."""
    return [text for text, _met in _checks(criteria, Answers())]


def sort_aids(pages, answers):
    """{"match": [(page, assessment)], "maybe": [...], "no": [...]} for pages with prefetched criteria."""
    groups = {verdict.value: [] for verdict in Verdict}
    for page in pages:
        assessment = assess(Criteria.of(page), answers)
        groups[assessment.verdict.value].append((page, assessment))
    return groups
