"""What a family of figures returns: a `Section` of key figures, tables and month-by-month series.

Tables hold plain values (numbers, dates, text; `portal.exports.Percent` for the rates of the key
figures), so the page, the CSV and XLSX files and the board summary read the same numbers.
Column headings carry the dates of their period ("Inscriptions, 2026 (1er janv. – 1er déc.)").
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from portal.exports import Percent

from . import numbers


@dataclass
class KeyFigure:
    label: str
    current: float | int | None
    previous: float | int | None
    unit: str = ""
    detail: bool = False  # a part of the figure above ("dont venus pour la première fois")

    @property
    def change(self):
        """current − previous, or None when either is unknown."""
        if self.current is None or self.previous is None:
            return None
        return round(self.current - self.previous, 1)

    @property
    def is_rate(self):
        return self.unit == "%"

    @property
    def current_text(self):
        return numbers.with_unit(self.current, self.unit)

    @property
    def previous_text(self):
        return numbers.with_unit(self.previous, self.unit)

    @property
    def change_text(self):
        """ "+12", "−3", "+3,5 pts" (a difference of rates is in percentage points), "stable"."""
        return numbers.change(self.change, self.unit)

    def cells(self):
        """[label, current, previous, change] for a spreadsheet: rates as percentages, changes as numbers."""
        label = f"{self.label} ({self.unit})" if self.unit and not self.is_rate else str(self.label)
        if self.is_rate:
            return [label, _share(self.current), _share(self.previous), self.change]
        return [label, self.current, self.previous, self.change]


def _share(value):
    return None if value is None else Percent(value / 100)


@dataclass
class Table:
    key: str
    title: str
    columns: list
    rows: list
    note: str = ""
    sheet: str = ""  # the workbook's tab: short and readable (`portal.exports.sheet_title` makes it valid)


@dataclass
class Series:
    """A month-by-month series of the current period, drawn as a bar chart with its data table."""

    key: str
    title: str
    unit: str
    points: list  # [(first day of month, value)]
    sheet: str = ""

    def table(self):
        return Table(
            key=self.key,
            title=self.title,
            columns=[_("Mois"), self.unit],
            rows=[[month_label(month), value] for month, value in self.points],
            sheet=self.sheet,
        )


@dataclass
class Section:
    key: str
    title: str
    short_title: str = ""
    headings: "Headings | None" = None
    key_figures: list = field(default_factory=list)
    tables: list = field(default_factory=list)
    series: list = field(default_factory=list)

    def key_figures_table(self):
        headings = self.headings
        return Table(
            key=f"{self.key}-chiffres-cles",
            title=_("%(section)s : chiffres clés") % {"section": self.title},
            columns=[_("Indicateur"), headings.current(), headings.previous(), _("Évolution (en points pour un taux)")],
            rows=[figure.cells() for figure in self.key_figures],
            sheet=_("%(section)s – chiffres clés") % {"section": self.short_title or self.title},
        )

    def all_tables(self):
        """Every table of the section, the key figures and the charts' data included."""
        tables = [self.key_figures_table()] if self.key_figures else []
        return tables + self.tables + [series.table() for series in self.series]


class Heading(str):
    """A column heading dated with its period: one string in files ("Inscriptions, 2026 (…)"),
    its `measure` and `period` apart on the page (two lines)."""

    def __new__(cls, measure, period):
        text = _("%(measure)s, %(period)s") % {"measure": measure, "period": period} if measure else str(period)
        heading = super().__new__(cls, text)
        heading.measure, heading.period = str(measure), str(period)
        return heading


@dataclass(frozen=True)
class Headings:
    """Column headings dated with their period: "2026 (1er janv. – 1er déc.)", "Inscriptions, 2025"."""

    period: object  # periods.Period

    def current(self, measure=""):
        return Heading(measure, self.period.heading)

    def previous(self, measure=""):
        return Heading(measure, self.period.previous().heading)

    def pair(self, measure=""):
        return [self.current(measure), self.previous(measure)]


# --- Shared steps -----------------------------------------------------------------------------


def month_label(month):
    return formats.date_format(month, "F Y").capitalize()


def as_month(value):
    """TruncMonth returns a date or an aware datetime depending on the field: a date either way."""
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def monthly(period, totals):
    """[(month, value)] for every month of the period, zero where nothing happened."""
    return [(month, totals.get(month, 0)) for month in period.months()]


def pairs():
    """{code: [current, previous]}, zero until counted."""
    return defaultdict(lambda: [0, 0])


def add(tally, current, previous):
    tally[0] += current
    tally[1] += previous


def label_of(code, labels=None, fallback=""):
    if code in (None, ""):
        return str(fallback)
    return str((labels or {}).get(code, code))


def nonzero(tallies):
    """The tallies where something was counted."""
    return {code: values for code, values in tallies.items() if any(values)}


def sorted_rows(tallies, labels=None, *, fallback="", order=(1, 2)):
    """Rows [label, *values], the largest first (by the `order` columns), then by label."""
    rows = [[label_of(code, labels, fallback), *values] for code, values in tallies.items()]
    rows.sort(key=lambda row: (*(-row[index] for index in order), row[0]))
    return rows


def choice_rows(tallies, choices, *, blank_label=None):
    """One row per choice, in the choices' order (zeros included), then "" as `blank_label`."""
    rows = [[str(label), *tallies.get(code, [0, 0])] for code, label in choices]
    if blank_label is not None:
        rows.append([str(blank_label), *tallies.get("", [0, 0])])
    return rows


def percent(part, whole):
    return round(100 * part / whole, 1) if whole else None
