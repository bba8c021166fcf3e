"""Working days over holidays and swapped days; reward money rounded to 10,000 đ."""

import datetime as dt
from decimal import Decimal

import pytest

from awards.enums import CalendarDayKind
from awards.models import CalendarDay
from awards.selectors import reward_amount
from awards.workdays import posting_end, working_days_between

pytestmark = pytest.mark.django_db


@pytest.fixture
def holidays_2025(db):
    CalendarDay.objects.all().delete()
    for day, name in ((dt.date(2025, 4, 30), "Giải phóng miền Nam"), (dt.date(2025, 5, 1), "Quốc tế Lao động")):
        CalendarDay.objects.create(date=day, name=name)


def test_posting_end_skips_weekend_and_holidays(holidays_2025):
    # Mon 28/4, Tue 29/4, (30/4, 1/5 holidays), Fri 2/5, (weekend), Mon 5/5, Tue 6/5.
    assert posting_end(dt.date(2025, 4, 28), 5) == dt.date(2025, 5, 6)
    assert working_days_between(dt.date(2025, 4, 28), dt.date(2025, 5, 6)) == 4


def test_posting_end_counts_a_swapped_saturday(holidays_2025):
    CalendarDay.objects.create(date=dt.date(2025, 5, 3), kind=CalendarDayKind.WORKING, name="Làm bù")
    assert posting_end(dt.date(2025, 4, 28), 5) == dt.date(2025, 5, 5)


def test_posting_starting_on_a_holiday_starts_counting_after_it(holidays_2025):
    assert posting_end(dt.date(2025, 4, 30), 1) == dt.date(2025, 5, 2)


def test_holiday_calendar_seeded_from_the_holidays_package(db):
    from django.apps import apps

    from awards.catalogue import seed_calendar

    seed_calendar(apps, years=[2026])
    assert CalendarDay.objects.filter(date=dt.date(2026, 9, 2)).exists()


@pytest.mark.parametrize(
    ("multiplier", "base", "expected"),
    [
        ("0.30", 2_340_000, 700_000),  # 702,000 rounds down
        ("0.80", 2_340_000, 1_870_000),  # 1,872,000
        ("1.50", 2_340_000, 3_510_000),  # exact
        ("0.25", 2_340_000, 590_000),  # 585,000: half rounds up
        ("0.30", 1_800_000, 540_000),
        ("0", 2_340_000, 0),
    ],
)
def test_reward_rounded_to_ten_thousand(multiplier, base, expected):
    assert reward_amount(Decimal(multiplier), base) == expected


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (0, "Không đồng"),
        (700_000, "Bảy trăm nghìn đồng"),
        (1_400_000, "Một triệu bốn trăm nghìn đồng"),
        (2_340_000, "Hai triệu ba trăm bốn mươi nghìn đồng"),
        (3_510_000, "Ba triệu năm trăm mười nghìn đồng"),
        (1_050_000, "Một triệu không trăm năm mươi nghìn đồng"),
        (1_000_005, "Một triệu không trăm linh năm đồng"),
        (21_000_000, "Hai mươi mốt triệu đồng"),
        (105_000, "Một trăm linh năm nghìn đồng"),
        (15_000, "Mười lăm nghìn đồng"),
        (1_245_000_000, "Một tỷ hai trăm bốn mươi lăm triệu đồng"),
    ],
)
def test_amount_in_words(amount, words):
    from awards.documents import amount_in_words

    assert amount_in_words(amount) == words
