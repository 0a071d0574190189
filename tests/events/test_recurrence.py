"""Repeat rules: the dates an editor gets for "every 2nd Tuesday, 6 sessions"."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from events.recurrence import RepeatRule, nth_weekday, repeat_dates

PARIS = ZoneInfo("Europe/Paris")


def local(*args):
    return datetime(*args, tzinfo=PARIS)


def test_weekly_sessions_keep_their_local_time_across_the_daylight_saving_change():
    dates = repeat_dates(local(2027, 3, 16, 14, 0), 3, RepeatRule.WEEKLY)

    assert [d.strftime("%Y-%m-%d %H:%M") for d in dates] == ["2027-03-16 14:00", "2027-03-23 14:00", "2027-03-30 14:00"]
    assert [d.utcoffset().total_seconds() / 3600 for d in dates] == [1, 1, 2]


def test_every_two_weeks_gives_six_dates_fourteen_days_apart():
    dates = repeat_dates(local(2026, 12, 1, 18, 30), 6, RepeatRule.BIWEEKLY)

    assert [d.date().isoformat() for d in dates] == [
        "2026-12-01",
        "2026-12-15",
        "2026-12-29",
        "2027-01-12",
        "2027-01-26",
        "2027-02-09",
    ]


def test_monthly_on_the_second_tuesday():
    dates = repeat_dates(local(2026, 12, 8, 14, 0), 4, RepeatRule.MONTHLY_WEEKDAY)

    assert [d.date().isoformat() for d in dates] == ["2026-12-08", "2027-01-12", "2027-02-09", "2027-03-09"]
    assert all(d.weekday() == 1 and d.hour == 14 for d in dates)


def test_a_fifth_weekday_means_the_last_one_of_each_month():
    first = local(2026, 12, 29, 10, 0)  # the 5th Tuesday of December 2026

    dates = repeat_dates(first, 3, RepeatRule.MONTHLY_WEEKDAY)

    assert nth_weekday(first) == -1
    assert [d.date().isoformat() for d in dates] == ["2026-12-29", "2027-01-26", "2027-02-23"]


def test_monthly_on_the_31st_skips_shorter_months():
    dates = repeat_dates(local(2027, 1, 31, 9, 0), 3, RepeatRule.MONTHLY_DATE)

    assert [d.date().isoformat() for d in dates] == ["2027-01-31", "2027-03-31", "2027-05-31"]


def test_an_unknown_rule_is_refused():
    with pytest.raises(ValueError):
        repeat_dates(local(2027, 1, 1, 9, 0), 2, "daily")
