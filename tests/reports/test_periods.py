import datetime as dt

import pytest

from reports.periods import PeriodError, parse_period, previous_week


def test_parse_period_quarter_month_year_week_statistical_year():
    quarter = parse_period("2025-q4")
    assert (quarter.code, quarter.start, quarter.end, quarter.label) == (
        "2025-Q4",
        dt.date(2025, 10, 1),
        dt.date(2025, 12, 31),
        "quý IV năm 2025",
    )
    month = parse_period("2025-2")
    assert (month.code, month.start, month.end) == ("2025-02", dt.date(2025, 2, 1), dt.date(2025, 2, 28))
    year = parse_period("2025")
    assert (year.start, year.end, year.label) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31), "năm 2025")
    stat = parse_period("2025-tk")
    assert (stat.code, stat.start, stat.end) == ("2025-TK", dt.date(2024, 12, 1), dt.date(2025, 11, 30))
    week = parse_period("2025-W47")
    # Cumulative from the start of the statistical year to the Sunday ending the week.
    assert (week.start, week.end) == (dt.date(2024, 12, 1), dt.date(2025, 11, 23))


def test_week_in_december_starts_a_new_statistical_year():
    assert parse_period("2025-W50").start == dt.date(2025, 12, 1)


@pytest.mark.parametrize("text", ["", "2025-Q5", "2025-13", "25", "2025-W60", "abc"])
def test_parse_period_rejects_bad_input(text):
    with pytest.raises(PeriodError):
        parse_period(text)


def test_previous_week_is_the_week_that_ended():
    assert previous_week(dt.date(2025, 11, 24)).code == "2025-W47"  # a Monday
