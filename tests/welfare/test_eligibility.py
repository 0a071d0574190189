"""Who may be on the register (CASF R121-2), at the exact boundaries of age."""

from datetime import date

import pytest

from welfare.choices import Ground
from welfare.eligibility import refusal
from welfare.models import age_on

DAY = date(2027, 7, 15)


def test_the_65th_birthday_opens_the_age_ground():
    assert refusal(Ground.AGE_65, date(1962, 7, 15), DAY) is None


def test_the_day_before_the_65th_birthday_is_refused_with_the_age_said():
    assert "À 64 ans" in str(refusal(Ground.AGE_65, date(1962, 7, 16), DAY))


def test_unfit_for_work_from_60():
    assert refusal(Ground.UNFIT_60, date(1967, 7, 15), DAY) is None
    assert "À 59 ans" in str(refusal(Ground.UNFIT_60, date(1967, 7, 16), DAY))


def test_the_disability_ground_is_for_adults():
    assert refusal(Ground.DISABILITY, date(2009, 7, 15), DAY) is None
    assert "réservé aux adultes" in str(refusal(Ground.DISABILITY, date(2009, 7, 16), DAY))


@pytest.mark.parametrize("birth", [date(1930, 1, 1), date(1987, 2, 3), date(2020, 1, 1)])
def test_no_ground_is_always_refused(birth):
    assert "Sans l'une de ces trois situations" in str(refusal(Ground.NONE, birth, DAY))


def test_someone_born_on_29_february_ages_on_1_march():
    assert age_on(date(1960, 2, 29), date(2025, 2, 28)) == 64
    assert age_on(date(1960, 2, 29), date(2025, 3, 1)) == 65
