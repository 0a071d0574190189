"""The quotient familial: the CAF's method, the parts rules and the rounding (aids/quotient.py)."""

from decimal import Decimal

import pytest

from aids.quotient import PartsRules, compute_quotient

CAF = PartsRules()


def test_the_issue_s_worked_example_gives_733_euros():
    parts = CAF.parts(couple=True, children=2)
    result = compute_quotient(annual_income=Decimal("24000"), monthly_benefits=Decimal("200"), parts=parts)
    assert parts == Decimal("3")
    assert result.monthly_income == Decimal("2200.00")
    assert result.quotient == 733  # 2,200 / 3 = 733.33…, rounded down


@pytest.mark.parametrize(
    ("couple", "children", "disabled", "parts"),
    [
        (False, 0, 0, "1"),  # a person alone
        (True, 0, 0, "2"),  # a couple
        (False, 1, 0, "2.5"),  # a single parent counts 2 parts, as a couple does (CAF)
        (True, 1, 0, "2.5"),
        (True, 2, 0, "3"),
        (True, 3, 0, "4"),  # one part from the third child
        (False, 4, 0, "5"),
        (True, 2, 1, "3.5"),  # half a part more for a disabled child
    ],
)
def test_the_parts_follow_the_caf_rules(couple, children, disabled, parts):
    assert CAF.parts(couple=couple, children=children, disabled_children=disabled) == Decimal(parts)


def test_the_quotient_is_rounded_down_to_the_euro_even_just_below_the_next_one():
    # (11,999.88 / 12) / 1 = 999.99 → 999, never 1,000 (which could change the bracket).
    result = compute_quotient(annual_income=Decimal("11999.88"), monthly_benefits=0, parts=1)
    assert result.quotient == 999


def test_an_exact_quotient_is_kept_as_it_is():
    assert compute_quotient(annual_income=Decimal("18000"), monthly_benefits=0, parts=Decimal("1.5")).quotient == 1000


def test_no_rounding_happens_before_the_division():
    # 35,999.99 / 12 = 2,999.999…: rounding the monthly income first would give 3,000 / 3 = 1,000 €.
    result = compute_quotient(annual_income=Decimal("35999.99"), monthly_benefits=0, parts=3)
    assert result.quotient == 999


def test_rules_chosen_by_a_site_change_the_parts():
    rules = PartsRules(single=Decimal("1.5"), single_parent=Decimal("2.5"), further_children=Decimal("0.5"))
    assert rules.parts(couple=False, children=0) == Decimal("1.5")
    assert rules.parts(couple=False, children=3) == Decimal("4")  # 2.5 + 0.5 + 0.5 + 0.5


def test_zero_parts_is_refused():
    with pytest.raises(ValueError):
        compute_quotient(annual_income=1000, monthly_benefits=0, parts=0)
