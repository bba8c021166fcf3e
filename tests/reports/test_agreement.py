"""Dashboard, on-demand reports and the periodic summary compute their figures through the same
selectors: one data set, the same numbers on all three (and on the home panel)."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from awards.enums import NominationState as S
from reports import generators
from reports.home import panel_figures
from reports.periods import parse_period
from reports.views import _dashboard_figures

from ..factories import PersonFactory, UnitFactory
from .factories import AwardRecordFactory, NominationFactory

pytestmark = pytest.mark.django_db


def _at(day):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9)))


@pytest.fixture
def data(kinds):
    units = [UnitFactory(), UnitFactory()]
    for i, state in enumerate([S.SUBMITTED, S.SUBMITTED, S.RESUBMITTED, S.VERIFIED, S.APPROVED, S.DECIDED, S.RETURNED]):
        NominationFactory(unit=units[i % 2], award_kind=kinds["ldtt"], state=state, submitted_at=_at(dt.date(2025, 1 + i, 10)))
    for i, day in enumerate([dt.date(2025, 2, 3), dt.date(2025, 3, 31), dt.date(2025, 6, 1), dt.date(2025, 11, 10)]):
        person = PersonFactory(unit=units[i % 2], gender="female" if i % 2 else "male")
        AwardRecordFactory(person=person, award_kind=kinds["cstd" if i else "ldtt"], decision_date=day, year=2025)
    return units


def _table(document, title):
    return next(t for s in document.sections for t in s.tables if t.title == title)


def test_dashboard_reports_and_summary_agree(data):
    dashboard = _dashboard_figures(2025, None)
    year = parse_period("2025")
    summary = generators.summary(period=year)
    awards_report = generators.awards(period=year)

    total, money = dashboard["totals"]["total"], dashboard["totals"]["money"]
    assert total == 4 and money > 0
    kinds_table = _table(summary, "Khen thưởng theo danh hiệu, hình thức")
    assert int(kinds_table.total[1]) == total and int(kinds_table.total[-1]) == int(money)
    by_unit = _table(awards_report, "Theo đơn vị và danh hiệu, hình thức")
    assert int(by_unit.total[2]) == total and int(by_unit.total[3]) == int(money)
    assert panel_figures(2025)["awards"] == total

    states = {s["label"]: s["total"] for s in dashboard["states"]}
    summary_states = {row[0]: row[1] for row in _table(summary, "Đề nghị khen thưởng theo trạng thái").rows}
    assert states == summary_states and sum(states.values()) == 7
    text = " ".join(p for s in summary.sections for p in s.paragraphs)
    overdue = int(re.search(r"quá thời hạn thẩm định: (\d+)", text)[1])
    assert overdue == dashboard["overdue"] == panel_figures(2025)["overdue"] == 3  # the three waiting since early 2025


def test_quarters_are_calendar_quarters(data):
    q1 = parse_period("2025-Q1")
    assert (q1.start, q1.end) == (dt.date(2025, 1, 1), dt.date(2025, 3, 31))
    document = generators.awards(period=q1)
    assert int(_table(document, "Theo đơn vị và danh hiệu, hình thức").total[2]) == 2  # 03/02 and 31/03, not 01/06
