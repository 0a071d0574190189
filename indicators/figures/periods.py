"""The period the indicators cover, the one it is compared with, and how both are written in French.

A period asked for that goes beyond today is cut at today (`Period.until`): the figures of an
unfinished year stop today, and the comparison covers the same dates of the previous period
("du 1er janvier au 1er décembre 2026, comparé à la même période de 2025"), never the whole of it.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

# Unambiguous French abbreviations (the locale's "M" format gives "jui" for both June and July).
MONTH_ABBREVIATIONS = (
    pgettext_lazy("abbreviated month", "janv."),
    pgettext_lazy("abbreviated month", "févr."),
    pgettext_lazy("abbreviated month", "mars"),
    pgettext_lazy("abbreviated month", "avr."),
    pgettext_lazy("abbreviated month", "mai"),
    pgettext_lazy("abbreviated month", "juin"),
    pgettext_lazy("abbreviated month", "juil."),
    pgettext_lazy("abbreviated month", "août"),
    pgettext_lazy("abbreviated month", "sept."),
    pgettext_lazy("abbreviated month", "oct."),
    pgettext_lazy("abbreviated month", "nov."),
    pgettext_lazy("abbreviated month", "déc."),
)


def month_abbreviation(day):
    return str(MONTH_ABBREVIATIONS[day.month - 1])


def day_of_month(day):
    """ "1er" for the first of the month, else the number (French usage)."""
    return _("1er") if day.day == 1 else str(day.day)


def long_date(day, *, year=True):
    """ "1er décembre 2026" (or "1er décembre")."""
    month = formats.date_format(day, "F")
    text = f"{day_of_month(day)} {month}"
    return f"{text} {day.year}" if year else text


def short_date(day, *, year=False):
    """ "1er déc." (or "1er déc. 2026")."""
    text = f"{day_of_month(day)} {month_abbreviation(day)}"
    return f"{text} {day.year}" if year else text


def _a_year_earlier(day):
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


@dataclass(frozen=True)
class Period:
    """From `start` to `end`, both days included; `asked_end` is the end asked for when cut at today."""

    start: date
    end: date
    asked_end: date | None = None

    @classmethod
    def year(cls, year):
        return cls(date(year, 1, 1), date(year, 12, 31))

    def until(self, today):
        """The period cut at `today` when it runs beyond it (it then ends today)."""
        if self.start > today or self.end <= today:
            return self
        return Period(self.start, today, asked_end=self.asked_end or self.end)

    @property
    def is_cut(self):
        return self.asked_end is not None

    @property
    def asked(self):
        """The period as asked for, before any cut."""
        return Period(self.start, self.asked_end or self.end)

    @property
    def is_calendar_year(self):
        return (self.start.month, self.start.day, self.end.month, self.end.day) == (1, 1, 12, 31) and (
            self.start.year == self.end.year
        )

    def previous(self):
        """The period compared with this one.

        A period from 1 January (a whole year, a year to date, a first half): the same dates of
        the previous year. Any other period: the same number of days just before, and when it
        was cut at today, the same stretch of that period.
        """
        asked = self.asked
        if (asked.start.month, asked.start.day) == (1, 1) and asked.start.year == asked.end.year:
            return Period(date(self.start.year - 1, 1, 1), _a_year_earlier(self.end))
        before_end = asked.start - timedelta(days=1)
        before = Period(before_end - (asked.end - asked.start), before_end)
        return Period(before.start, before.start + (self.end - self.start)) if self.is_cut else before

    @property
    def query(self):
        """ "du=2026-01-01&au=2026-12-31": the period as asked for, for links (they cut it the same way)."""
        return f"du={self.start:%Y-%m-%d}&au={self.asked.end:%Y-%m-%d}"

    @property
    def is_a_year_before(self):
        """True when the comparison holds the same dates one year earlier."""
        before = self.previous()
        return (before.start, before.end) == (_a_year_earlier(self.start), _a_year_earlier(self.end))

    # --- Database filters -------------------------------------------------------------------

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

    # --- In words ---------------------------------------------------------------------------

    def __str__(self):
        """ "2026", "du 1er janvier au 1er décembre 2026", "du 1er décembre 2025 au 31 janvier 2026"."""
        if self.is_calendar_year:
            return str(self.start.year)
        if self.start == self.end:
            return _("le %(day)s") % {"day": long_date(self.start)}
        same_year = self.start.year == self.end.year
        if same_year and self.start.month == self.end.month:
            start = day_of_month(self.start)
        else:
            start = long_date(self.start, year=not same_year)
        return _("du %(start)s au %(end)s") % {"start": start, "end": long_date(self.end)}

    @property
    def heading(self):
        """A column heading: "2026", "2026 (1er janv. – 1er déc.)", "1er déc. 2025 – 31 janv. 2026"."""
        if self.is_calendar_year:
            return str(self.start.year)
        if self.start.year == self.end.year:
            return _("%(year)s (%(start)s – %(end)s)") % {
                "year": self.start.year,
                "start": short_date(self.start),
                "end": short_date(self.end),
            }
        return f"{short_date(self.start, year=True)} – {short_date(self.end, year=True)}"

    @property
    def file_part(self):
        """ "2026-01-01-au-2026-12-01", for file names."""
        return f"{self.start:%Y-%m-%d}-au-{self.end:%Y-%m-%d}"

    def described(self):
        """The sentence that says what is compared with what, on the page and in the exports."""
        before = self.previous()
        if self.is_calendar_year:
            text = _("Chiffres de l'année %(year)s, comparés à l'année %(before)s.")
            return text % {"year": self.start.year, "before": before.start.year}
        if self.is_a_year_before:
            text = _("Chiffres %(period)s, comparés à la même période de %(year)s (%(before)s).")
            return text % {"period": self, "year": before.start.year, "before": before}
        if self.is_cut:
            text = _("Chiffres %(period)s, comparés aux mêmes dates de la période précédente (%(before)s).")
            return text % {"period": self, "before": before}
        text = _("Chiffres %(period)s, comparés aux %(days)s jours qui précèdent (%(before)s).")
        return text % {"period": self, "days": (before.end - before.start).days + 1, "before": before}

    def cut_note(self):
        """Why the figures stop today, or "" when the period asked for is over."""
        if not self.is_cut:
            return ""
        if self.asked.is_calendar_year:
            text = _(
                "L'année %(year)s n'est pas terminée : les chiffres s'arrêtent au %(end)s "
                "et sont comparés aux mêmes dates de %(before)s, pour que l'évolution ait un sens."
            )
            return text % {"year": self.start.year, "end": long_date(self.end), "before": self.start.year - 1}
        text = _(
            "La période choisie va jusqu'au %(asked)s : les chiffres s'arrêtent au %(end)s "
            "et la comparaison porte sur les mêmes dates, pour que l'évolution ait un sens."
        )
        return text % {"asked": long_date(self.asked_end), "end": long_date(self.end)}
