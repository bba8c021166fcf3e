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


@pytest.mark.parametrize("text", ["2021-2025", "2021–2025", "giai đoạn 2021-2025", "GĐ 2021 - 2025"])
def test_a_multi_year_stage_is_a_period(text):
    stage = parse_period(text)
    assert (stage.code, stage.start, stage.end, stage.label) == (
        "2021-2025",
        dt.date(2021, 1, 1),
        dt.date(2025, 12, 31),
        "giai đoạn 2021–2025",
    )


@pytest.mark.parametrize("text", ["2025-2021", "2025-2025", "2010-2025"])
def test_a_stage_must_run_forward_and_stay_within_ten_years(text):
    with pytest.raises(PeriodError, match="Giai đoạn không hợp lệ"):
        parse_period(text)
