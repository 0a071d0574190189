"""The quotient familial, computed the CAF's way, and the price a tariff grid gives for it.

    monthly income = annual taxable income / 12 + monthly family benefits
    quotient       = monthly income / number of parts, rounded DOWN to the whole euro

Worked example: 24,000 € a year, 200 € of benefits a month, a couple with two children
(2 + 0.5 + 0.5 = 3 parts): (2,000 + 200) / 3 = 733.33… → 733 €.

Everything is computed in `Decimal` from the exact inputs (income + 12 × benefits) / (12 × parts),
so no rounding happens before the last step and 733.9999… can never become 734 by accident.
Rounding down is the CAF's practice and never puts a household in a dearer bracket than its
exact quotient would.
"""

from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

ONE_EURO = Decimal("1")


@dataclass(frozen=True)
class PartsRules:
    """The parts of a household (QuotientSettings holds the values a site chose)."""

    single: Decimal = Decimal("1")
    couple: Decimal = Decimal("2")
    single_parent: Decimal = Decimal("2")
    first_children: Decimal = Decimal("0.5")
    further_children: Decimal = Decimal("1")
    disabled_child: Decimal = Decimal("0.5")

    def parts(self, *, couple, children, disabled_children=0):
        """Adults' parts, then 0.5 for each of the first two children, 1 from the third, + per disabled child."""
        adults = self.couple if couple else (self.single_parent if children else self.single)
        first = min(children, 2)
        further = max(children - 2, 0)
        return (
            adults
            + first * self.first_children
            + further * self.further_children
            + disabled_children * self.disabled_child
        )


@dataclass(frozen=True)
class QuotientResult:
    annual_income: Decimal
    monthly_benefits: Decimal
    monthly_income: Decimal
    parts: Decimal
    quotient: int


def compute_quotient(*, annual_income, monthly_benefits, parts):
    """The quotient familial in whole euros (rounded down). `parts` must be positive."""
    annual_income = Decimal(annual_income)
    monthly_benefits = Decimal(monthly_benefits)
    parts = Decimal(parts)
    if parts <= 0:
        raise ValueError("parts must be positive")
    exact = (annual_income + 12 * monthly_benefits) / (12 * parts)
    return QuotientResult(
        annual_income=annual_income,
        monthly_benefits=monthly_benefits,
        monthly_income=(annual_income / 12 + monthly_benefits).quantize(Decimal("0.01"), rounding=ROUND_DOWN),
        parts=parts,
        quotient=int(exact.quantize(ONE_EURO, rounding=ROUND_DOWN)),
    )


def prices_for(quotient, grids):
    """[(grid, bracket or None)] for each grid, in the grids' order."""
    return [(grid, grid.bracket_for(quotient)) for grid in grids]
