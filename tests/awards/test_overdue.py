"""The processing deadline (AwardKind.processing_days) counted in working days over the holiday
calendar, in SQL: the reviewer's home, the nomination pages and the reports agree with the
calendar arithmetic that public posting uses, and the reviewer's home costs the same number of
queries whatever the size of the queue."""

import datetime as dt
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from awards import selectors
from awards.enums import CalendarDayKind, NominationState
from awards.models import CalendarDay
from awards.workdays import working_days_between
from dosonthidua.identity import identity_on
from reports import selectors as report_selectors

from ..reports.factories import AwardKindFactory, NominationFactory

pytestmark = pytest.mark.django_db


def _at(day, hour=9):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@pytest.fixture
def five_day_kind():
    return AwardKindFactory(code="qh-5", name="Danh hiệu thẩm định 5 ngày", processing_days=5)


def test_holidays_do_not_count_and_make_up_days_do(unit, five_day_kind):
    CalendarDay.objects.filter(date__range=(dt.date(2025, 4, 1), dt.date(2025, 5, 31))).delete()  # the seeded 2025 days apart
    CalendarDay.objects.update_or_create(date=dt.date(2025, 4, 30), defaults={"kind": CalendarDayKind.HOLIDAY, "name": "30/4"})
    CalendarDay.objects.update_or_create(date=dt.date(2025, 5, 1), defaults={"kind": CalendarDayKind.HOLIDAY, "name": "1/5"})
    received = NominationFactory(unit=unit, award_kind=five_day_kind, submitted_at=_at(dt.date(2025, 4, 24)))  # Thursday
    # After 24/4: 25, 28, 29, (30/4 and 1/5 are holidays), 2, 5 -> 5 working days on Monday 5/5.
    assert not selectors.is_overdue(received, today=dt.date(2025, 5, 5))
    assert selectors.is_overdue(received, today=dt.date(2025, 5, 6))
    # Saturday 3/5 declared a make-up working day: the sixth working day falls on Monday 5/5.
    CalendarDay.objects.create(date=dt.date(2025, 5, 3), kind=CalendarDayKind.WORKING, name="Làm bù")
    assert selectors.is_overdue(received, today=dt.date(2025, 5, 5))
    assert not selectors.is_overdue(received, today=dt.date(2025, 5, 2))


def test_sql_overdue_agrees_with_calendar_arithmetic(unit, five_day_kind, reviewer):
    """Random holidays and make-up days over two months; every submission day of the window."""
    rng = random.Random(17)
    start = dt.date(2025, 8, 1)
    CalendarDay.objects.filter(date__range=(start - dt.timedelta(days=200), start + dt.timedelta(days=90))).delete()
    for offset in rng.sample(range(60), 12):
        day = start + dt.timedelta(days=offset)
        kind = CalendarDayKind.WORKING if day.weekday() >= 5 else CalendarDayKind.HOLIDAY
        CalendarDay.objects.update_or_create(date=day, defaults={"kind": kind, "name": "thử"})
    ten_day_kind = AwardKindFactory(code="qh-10", name="Danh hiệu thẩm định 10 ngày", processing_days=10)
    today = dt.date(2025, 9, 29)
    nominations = []
    for offset in range(60):
        day = start + dt.timedelta(days=offset)
        for kind in (five_day_kind, ten_day_kind):
            nominations.append(NominationFactory(unit=unit, award_kind=kind, submitted_at=_at(day, 23 if offset % 2 else 0)))
    expected = {n.pk for n in nominations if working_days_between(timezone.localdate(n.submitted_at), today) > n.award_kind.processing_days}
    assert 0 < len(expected) < len(nominations)
    assert set(selectors.overdue_nominations(reviewer, today=today).values_list("pk", flat=True)) == expected
    assert set(report_selectors.overdue_nominations(report_selectors.Scope(), today=today).values_list("pk", flat=True)) == expected
    assert selectors.overdue_ids(nominations, today=today) == expected
    # Verified nominations are no longer waiting: never overdue.
    NominationFactory(unit=unit, award_kind=five_day_kind, state=NominationState.VERIFIED, submitted_at=_at(start))
    assert selectors.overdue_nominations(reviewer, today=today).count() == len(expected)


def _home_queries(client, user, settings):
    """Queries of the home page with cold caches (a fresh key prefix), as the first visit after the
    cached figures expire."""
    import uuid

    settings.CACHES = {"default": {**settings.CACHES["default"], "KEY_PREFIX": f"test-{uuid.uuid4().hex}"}}
    client.force_login(user)
    identity_on()  # remembered per process (dosonthidua.identity): not this page's cost
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("home"))
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def test_reviewer_home_queries_do_not_grow_with_the_queue(settings, client, unit, five_day_kind, reviewer):
    long_ago = timezone.localdate() - dt.timedelta(days=90)
    for i in range(3):
        NominationFactory(unit=unit, award_kind=five_day_kind, submitted_at=_at(long_ago + dt.timedelta(days=i)))
    small, _ = _home_queries(client, reviewer, settings)
    for i in range(3, 63):
        NominationFactory(
            unit=unit,
            award_kind=five_day_kind,
            state=NominationState.RESUBMITTED if i % 2 else NominationState.SUBMITTED,
            submitted_at=_at(long_ago + dt.timedelta(days=i % 40)),
        )
    large, html = _home_queries(client, reviewer, settings)
    assert large == small <= 15
    assert '<strong class="text-danger">63</strong> quá hạn thẩm định (cả hàng chờ, mọi năm gửi)' in html
    # The five most overdue are listed by name, oldest first, with a link to all of them.
    listed = html.split('id="most-overdue"')[1].split("</ul>")[0]
    oldest = selectors.overdue_nominations(reviewer).first()
    assert listed.count("<li>") == 5
    assert listed.index(reverse("awards:nomination-detail", args=[oldest.pk])) < listed.index("</li>")
    assert "Xem tất cả 63 đề nghị quá hạn" in html


def test_reviewer_panel_figures_match_the_lists(unit, five_day_kind, reviewer):
    from awards.home import reviewer_panel

    NominationFactory(unit=unit, award_kind=five_day_kind, submitted_at=_at(timezone.localdate() - dt.timedelta(days=60)))
    NominationFactory(unit=unit, award_kind=five_day_kind, submitted_at=timezone.now())
    NominationFactory(unit=unit, award_kind=five_day_kind, state=NominationState.VERIFIED, submitted_at=timezone.now())
    NominationFactory(unit=unit, award_kind=five_day_kind, state=NominationState.APPROVED, submitted_at=timezone.now())
    panel = reviewer_panel(reviewer)
    assert (panel["waiting"], panel["overdue"], panel["unposted"]) == (2, 1, 1)
    assert panel["to_decide"] == selectors.nominations_for_decision().count()


def test_the_queue_and_the_years_report_say_which_overdue_they_count(settings, client, unit, five_day_kind, reviewer):
    """The reviewer's card counts the whole queue, the report panel the year's sending: a dossier
    of this year sent last November and still waiting is in the first and not in the second, and
    each says so and links to its own list."""
    today = timezone.localdate()
    NominationFactory(
        unit=unit, award_kind=five_day_kind, year=today.year, submitted_at=_at(dt.date(today.year - 1, 11, 3)), nominee_name="Người Gửi Sớm"
    )
    _count, html = _home_queries(client, reviewer, settings)
    assert '<strong class="text-danger">1</strong> quá hạn thẩm định (cả hàng chờ, mọi năm gửi)' in html
    year = html.split('id="year-overdue"')[1].split("</div></div>")[0]
    assert f'>0</div><div class="small text-muted">đề nghị gửi năm {today.year} quá hạn thẩm định' in year
    listing = client.get(reverse("reports:nomination-list"), {"overdue": "1"}).content.decode()
    assert "Người Gửi Sớm" in listing  # the card's "Xem tất cả" list: the whole queue
    listing = client.get(reverse("reports:nomination-list"), {"overdue": "1", "year": today.year}).content.decode()
    assert "Người Gửi Sớm" not in listing
