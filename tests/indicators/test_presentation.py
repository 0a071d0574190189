"""How the indicators read: periods in words, like-with-like comparisons, French numbers and months."""

from datetime import date

import pytest

from indicators.charts import bar_chart
from indicators.figures import KeyFigure, Period, Series
from indicators.figures.numbers import change, number, percent

from .conftest import staff_login

NNBSP = "\u202f"  # the narrow no-break space of French typography


def test_a_year_to_date_is_compared_with_the_same_dates_of_the_previous_year():
    period = Period.year(2026).until(date(2026, 12, 1))
    assert (period.start, period.end) == (date(2026, 1, 1), date(2026, 12, 1))
    before = period.previous()
    assert (before.start, before.end) == (date(2025, 1, 1), date(2025, 12, 1))
    assert str(period) == "du 1er janvier au 1er décembre 2026"
    assert period.described() == (
        "Chiffres du 1er janvier au 1er décembre 2026, comparés à la même période de 2025 "
        "(du 1er janvier au 1er décembre 2025)."
    )
    assert period.heading == "2026 (1er janv. – 1er déc.)"
    assert before.heading == "2025 (1er janv. – 1er déc.)"


def test_a_finished_period_is_not_cut():
    year = Period.year(2025)
    assert year.until(date(2026, 12, 1)) == year
    assert year.described() == "Chiffres de l'année 2025, comparés à l'année 2024."
    assert year.cut_note() == ""
    assert year.heading == "2025"


def test_the_29th_of_february_is_compared_with_the_28th():
    period = Period.year(2028).until(date(2028, 2, 29))
    assert period.previous() == Period(date(2027, 1, 1), date(2027, 2, 28))


def test_a_month_to_date_is_compared_with_as_many_days_of_the_period_before():
    march = Period(date(2026, 3, 1), date(2026, 3, 31)).until(date(2026, 3, 15))
    assert march.previous() == Period(date(2026, 1, 29), date(2026, 2, 12))
    assert str(march) == "du 1er au 15 mars 2026"
    assert march.described() == (
        "Chiffres du 1er au 15 mars 2026, comparés aux mêmes dates de la période précédente "
        "(du 29 janvier au 12 février 2026)."
    )
    assert march.cut_note().startswith(
        "La période choisie va jusqu'au 31 mars 2026 : les chiffres s'arrêtent au 15 mars"
    )


def test_a_period_across_two_years_is_written_in_full():
    winter = Period(date(2025, 12, 1), date(2026, 1, 31))
    assert str(winter) == "du 1er décembre 2025 au 31 janvier 2026"
    assert winter.heading == "1er déc. 2025 – 31 janv. 2026"


def test_numbers_have_thousands_separators_and_a_decimal_comma():
    assert number(12345) == f"12{NNBSP}345"
    assert number(1234567) == f"1{NNBSP}234{NNBSP}567"
    assert number(4.0) == "4,0"
    assert number(999) == "999"
    assert percent(75.0) == f"75,0{NNBSP}%"


def test_differences_are_signed_and_rates_differ_in_points():
    assert change(3) == "+3"
    assert change(-1200) == f"−1{NNBSP}200"
    assert change(0) == "stable"
    assert change(3.5, "%") == "+3,5 pts"
    assert change(-1.5, "%") == "−1,5 pt"
    assert change(-25.0, "%") == "−25,0 pts"
    assert KeyFigure("Taux de présence", 78.5, 75.0, "%").change_text == "+3,5 pts"
    assert KeyFigure("Séances", 12345, 1, "").current_text == f"12{NNBSP}345"
    assert KeyFigure("Délai", None, 4.0, "heures").change_text == "—"


def test_the_charts_name_the_months_without_ambiguity_and_group_thousands():
    months = Period.year(2026).months()
    chart = bar_chart(
        Series("s", "Supports", "Supports", [(month, 1500 * index) for index, month in enumerate(months)])
    )
    assert [bar["month"] for bar in chart["bars"]] == [
        "janv.",
        "févr.",
        "mars",
        "avr.",
        "mai",
        "juin",
        "juil.",
        "août",
        "sept.",
        "oct.",
        "nov.",
        "déc.",
    ]
    assert chart["bars"][11]["value_text"] == f"16{NNBSP}500"
    assert [tick["text"] for tick in chart["ticks"]] == ["0", f"10{NNBSP}000", f"20{NNBSP}000"]
    assert chart["total"] == f"99{NNBSP}000"


@pytest.mark.django_db
def test_the_page_writes_large_numbers_and_differences_the_french_way(client, season, viewer):
    from resources.models import DiffusionCount

    DiffusionCount.objects.create(resource=season.r1, kind="view", day=date(2026, 5, 4), count=12345)
    staff_login(client, viewer)
    html = client.get("/admin/indicateurs/?du=2026-01-01&au=2026-12-15").content.decode()
    # 18 + 12 345 views in 2026, none by 15 December 2025.
    assert f'<td class="ind-num ind-keys__value">12{NNBSP}363</td>' in html
    assert f'<td class="ind-num">+12{NNBSP}363</td>' in html
    # Attendance 75 % against 100 %: a difference in points.
    assert '<td class="ind-num">−25,0 pts</td>' in html
    # The same number in the chart and in its data table.
    assert f">12{NNBSP}345</text>" in html
    assert f'<td class="ind-num">12{NNBSP}345</td>' in html
    assert ">juil.</text>" in html
    assert ">Jui<" not in html
    assert ">Jul<" not in html
