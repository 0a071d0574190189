"""Repeat rules for peer-group cycles: "every 2nd Tuesday, 6 sessions" becomes six dates."""

from datetime import timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _

from dateutil.relativedelta import relativedelta


class RepeatRule(models.TextChoices):
    WEEKLY = "weekly", _("Chaque semaine")
    BIWEEKLY = "biweekly", _("Toutes les deux semaines")
    MONTHLY_WEEKDAY = "monthly-weekday", _("Chaque mois, le même jour de la semaine (par exemple le 2e mardi)")
    MONTHLY_DATE = "monthly-date", _("Chaque mois, à la même date")


def nth_weekday(first):
    """Which occurrence of its weekday `first` is in its month: 1 for the first Tuesday…, -1 for the last."""
    nth = (first.day - 1) // 7 + 1
    return -1 if nth == 5 else nth


def repeat_dates(first_start, count, rule):
    """The `count` start datetimes of a series beginning at `first_start` (an aware datetime).

    Dates are computed on the wall clock, so a 14 h session stays at 14 h across daylight
    saving changes. Monthly rules skip months without such a day (a 31st, a 5th Tuesday).
    """
    tz = first_start.tzinfo
    naive = first_start.replace(tzinfo=None)
    dates = []
    if rule in (RepeatRule.WEEKLY, RepeatRule.BIWEEKLY):
        step = timedelta(weeks=1 if rule == RepeatRule.WEEKLY else 2)
        dates = [naive + step * index for index in range(count)]
    elif rule == RepeatRule.MONTHLY_WEEKDAY:
        nth = nth_weekday(naive)
        month = naive.replace(day=1)
        while len(dates) < count:
            candidate = _nth_weekday_of_month(month, naive.weekday(), nth)
            if candidate:
                dates.append(candidate.replace(hour=naive.hour, minute=naive.minute))
            month += relativedelta(months=1)
    elif rule == RepeatRule.MONTHLY_DATE:
        offset = 0
        while len(dates) < count:
            candidate = naive + relativedelta(months=offset)
            if candidate.day == naive.day:
                dates.append(candidate)
            offset += 1
    else:
        raise ValueError(f"Unknown repeat rule: {rule}")
    return [date.replace(tzinfo=tz) for date in dates]


def _nth_weekday_of_month(month_start, weekday, nth):
    """The `nth` (1..4, or -1 for last) `weekday` of the month starting at `month_start`, or None."""
    days = []
    day = month_start
    while day.month == month_start.month:
        if day.weekday() == weekday:
            days.append(day)
        day += timedelta(days=1)
    if nth == -1:
        return days[-1]
    return days[nth - 1] if nth <= len(days) else None
