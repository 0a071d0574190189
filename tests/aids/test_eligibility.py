"""Who an aid is for: each criterion set, answered or not (aids/eligibility.py), without a database."""

from aids.eligibility import Answers, Criteria, Verdict, assess
from aids.models import Household

BRECY, SAINT_AUBIN = 4, 1
STUDENT, JOBSEEKER, RETIRED = 10, 11, 12


def verdict(criteria, **answers):
    return assess(criteria, Answers(**answers)).verdict


def test_an_aid_without_criteria_fits_everyone_even_without_answers():
    assert verdict(Criteria()) == Verdict.MATCH


def test_an_unanswered_criterion_makes_the_aid_to_check_never_a_match():
    criteria = Criteria(quotient_ceiling=650)
    assessment = assess(criteria, Answers(age=65))
    assert assessment.verdict == Verdict.MAYBE
    assert assessment.to_check == ["avoir un quotient familial de 650 € au plus"]


def test_the_commune_excludes_or_matches():
    criteria = Criteria(communes=frozenset({SAINT_AUBIN}), commune_names=("Saint-Aubin-des-Vallons",))
    assert verdict(criteria, commune=BRECY) == Verdict.NO
    assert verdict(criteria, commune=SAINT_AUBIN) == Verdict.MATCH
    assert verdict(criteria) == Verdict.MAYBE


def test_the_age_bounds_are_included():
    criteria = Criteria(min_age=18, max_age=25)
    assert [verdict(criteria, age=age) for age in (17, 18, 25, 26)] == [
        Verdict.NO,
        Verdict.MATCH,
        Verdict.MATCH,
        Verdict.NO,
    ]


def test_the_household_is_judged_from_what_was_said():
    with_children = Criteria(households=frozenset({Household.SINGLE_PARENT, Household.COUPLE_CHILDREN}))
    assert verdict(with_children, couple=False, children=0) == Verdict.NO
    assert verdict(with_children, couple=True, children=2) == Verdict.MATCH
    assert verdict(with_children, children=1) == Verdict.MATCH  # with children, alone or not: both fit
    assert verdict(with_children, couple=False) == Verdict.MAYBE  # alone, children not said
    couples = Criteria(households=frozenset({Household.COUPLE}))
    assert verdict(couples, couple=False) == Verdict.NO


def test_statuses_match_any_one_and_exclude_only_when_answered():
    criteria = Criteria(statuses=frozenset({STUDENT, JOBSEEKER}), status_names=("Étudiant·e", "Demandeur·se d'emploi"))
    assert verdict(criteria, statuses=frozenset({JOBSEEKER, RETIRED})) == Verdict.MATCH
    assert verdict(criteria, statuses=frozenset({RETIRED})) == Verdict.NO
    assert verdict(criteria, no_status=True) == Verdict.NO
    assert verdict(criteria) == Verdict.MAYBE


def test_the_quotient_ceiling_is_included():
    criteria = Criteria(quotient_ceiling=650)
    assert verdict(criteria, quotient=650) == Verdict.MATCH
    assert verdict(criteria, quotient=651) == Verdict.NO


def test_one_unmet_criterion_excludes_whatever_else_is_unknown():
    criteria = Criteria(min_age=18, max_age=25, quotient_ceiling=1000)
    assessment = assess(criteria, Answers(age=65))
    assert assessment.verdict == Verdict.NO
    assert assessment.unmet == ["avoir entre 18 et 25 ans"]
