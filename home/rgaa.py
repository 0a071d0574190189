"""The RGAA 4.1.2 audit as data: the grid (home/audit/grid.csv) and its conformance rate.

`grid.csv` gives, for each of the 106 criteria, a default status for every page of the sample
(`page` = `*`) and the pages that differ. Each (page, criterion) cell is C (conforme), NC (non
conforme) or NA (non applicable); NA and NC always carry their reason.

The rate follows the RGAA method: over the sample, a criterion is non conforme if it is NC on
one page at least, non applicable if NA on every page, conforme otherwise; the rate is the
conformes over the applicables (C + NC). 100 % is "totalement conforme", 50 % and more
"partiellement conforme", below "non conforme".
"""

import csv
import functools
import tomllib
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal
from pathlib import Path

from django.utils.translation import gettext_lazy as _

AUDIT_DIR = Path(__file__).resolve().parent / "audit"
STATUSES = ("C", "NC", "NA")
DEFAULT = "*"
FULL, PARTIAL, NONE = _("totalement conforme"), _("partiellement conforme"), _("non conforme")


class AuditDataError(ValueError):
    """The grid is incomplete or malformed."""


@dataclass(frozen=True)
class Cell:
    criterion: str
    page: str
    status: str
    reason: str
    page_title: str = ""


@dataclass
class Audit:
    criteria: list
    pages: list
    cells: dict  # (page, criterion) -> Cell
    meta: dict = field(default_factory=dict)

    def criterion_status(self, criterion):
        statuses = {self.cells[page["page"], criterion].status for page in self.pages}
        if "NC" in statuses:
            return "NC"
        return "C" if "C" in statuses else "NA"

    @functools.cached_property
    def by_criterion(self):
        return {row["criterion"]: self.criterion_status(row["criterion"]) for row in self.criteria}

    def count(self, status):
        return sum(1 for value in self.by_criterion.values() if value == status)

    @property
    def count_c(self):
        return self.count("C")

    @property
    def count_nc(self):
        return self.count("NC")

    @property
    def count_na(self):
        return self.count("NA")

    @property
    def applicable(self):
        return self.count("C") + self.count("NC")

    @property
    def rate(self):
        """The conformance rate in percent, rounded down to one decimal (never rounded up to 100)."""
        if not self.applicable:
            return Decimal("100.0")
        exact = Decimal(100 * self.count("C")) / Decimal(self.applicable)
        return exact.quantize(Decimal("0.1"), rounding=ROUND_DOWN)

    @property
    def status(self):
        if self.count("NC") == 0:
            return FULL
        return PARTIAL if self.rate >= 50 else NONE

    def non_conformities(self):
        """[(criterion row, [cells NC])] in criterion order."""
        result = []
        for row in self.criteria:
            failing = [self.cells[page["page"], row["criterion"]] for page in self.pages]
            failing = [cell for cell in failing if cell.status == "NC"]
            if failing:
                result.append((row, failing))
        return result

    def page_rate(self, page):
        cells = [self.cells[page, row["criterion"]] for row in self.criteria]
        applicable = [cell for cell in cells if cell.status != "NA"]
        if not applicable:
            return Decimal("100.0")
        exact = Decimal(100 * sum(cell.status == "C" for cell in applicable)) / Decimal(len(applicable))
        return exact.quantize(Decimal("0.1"), rounding=ROUND_DOWN)

    def themes(self):
        """[(theme number, name, [(criterion row, status, groups)])] for the grid page.

        `groups` gathers the pages not conformes by (status, reason): [(status, reason, [page titles])].
        """
        themes = {}
        for row in self.criteria:
            groups = {}
            for page in self.pages:
                cell = self.cells[page["page"], row["criterion"]]
                if cell.status != "C":
                    groups.setdefault((cell.status, cell.reason), []).append(page["title"])
            groups = [(status, reason, titles) for (status, reason), titles in groups.items()]
            entry = (row, self.by_criterion[row["criterion"]], groups)
            themes.setdefault((row["theme_number"], row["theme"]), []).append(entry)
        return [(number, name, entries) for (number, name), entries in themes.items()]

    @property
    def average_rate(self):
        """The mean of the pages' rates (the RGAA "taux moyen"), for information."""
        rates = [self.page_rate(page["page"]) for page in self.pages]
        return (sum(rates) / len(rates)).quantize(Decimal("0.1"), rounding=ROUND_DOWN)


def _read_csv(name):
    with open(AUDIT_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def build_audit(criteria, pages, rows, meta=None):
    """The audit from the rows of the three files; AuditDataError on any gap or bad value."""
    known = {row["criterion"] for row in criteria}
    page_ids = [page["page"] for page in pages]
    if len(set(page_ids)) != len(page_ids):
        raise AuditDataError("sample.csv: a page is listed twice")
    given = {}
    for number, row in enumerate(rows, start=2):
        criterion, page, status, reason = row["criterion"], row["page"], row["status"], (row["reason"] or "").strip()
        where = f"grid.csv line {number}"
        if criterion not in known:
            raise AuditDataError(f"{where}: unknown criterion {criterion!r}")
        if page != DEFAULT and page not in page_ids:
            raise AuditDataError(f"{where}: page {page!r} is not in the sample")
        if status not in STATUSES:
            raise AuditDataError(f"{where}: status {status!r} is not C, NC or NA")
        if status != "C" and not reason:
            raise AuditDataError(f"{where}: {status} without a reason")
        if (page, criterion) in given:
            raise AuditDataError(f"{where}: {criterion} on {page} given twice")
        given[page, criterion] = Cell(criterion, page, status, reason)
    cells = {}
    for row in criteria:
        for page in pages:
            page_id = page["page"]
            cell = given.get((page_id, row["criterion"])) or given.get((DEFAULT, row["criterion"]))
            if cell is None:
                raise AuditDataError(f"grid.csv: {row['criterion']} is not assessed on {page_id}")
            cells[page_id, row["criterion"]] = Cell(row["criterion"], page_id, cell.status, cell.reason, page["title"])
    return Audit(criteria=criteria, pages=pages, cells=cells, meta=meta or {})


@functools.cache
def load_audit():
    """The audit of the repository's files (read once per process)."""
    with open(AUDIT_DIR / "audit.toml", "rb") as handle:
        meta = tomllib.load(handle)
    return build_audit(_read_csv("criteria.csv"), _read_csv("sample.csv"), _read_csv("grid.csv"), meta)
