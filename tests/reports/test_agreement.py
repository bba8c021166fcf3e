"""Dashboard, on-demand reports and the periodic summary compute their figures through the same
selectors: one data set, the same numbers on all three (and on the home panel)."""

import datetime as dt
import re

import pytest
from django.urls import reverse
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


def test_quarters_are_calendar_quarters(data, client_for, leader):
    q1 = parse_period("2025-Q1")
    assert (q1.start, q1.end) == (dt.date(2025, 1, 1), dt.date(2025, 3, 31))
    document = generators.awards(period=q1)
    assert int(_table(document, "Theo đơn vị và danh hiệu, hình thức").total[2]) == 2  # 03/02 and 31/03, not 01/06
    # The dashboard shown for the quarter counts the same rows as the quarter's report and summary.
    response = client_for(leader).get(reverse("reports:dashboard"), {"period": "2025-q1"})
    dashboard = response.context
    summary = generators.summary(period=q1)
    assert dashboard["totals"]["total"] == 2 == int(_table(summary, "Khen thưởng theo danh hiệu, hình thức").total[1])
    states = {s["label"]: s["total"] for s in dashboard["states"]}
    assert states == {row[0]: row[1] for row in _table(summary, "Đề nghị khen thưởng theo trạng thái").rows}
    assert sum(states.values()) == 3  # sent 10/01, 10/02, 10/03
    assert "quý I năm 2025" in response.content.decode()
    listing = client_for(leader).get(dashboard["all_awards_url"])
    assert listing.context["page"].paginator.count == 2


def test_the_five_year_stage_works_where_a_period_is_asked(data, client_for, leader):
    """The review of 2021–2025 takes "2021-2025" as its period on the dashboard, the report and the summary."""
    stage = parse_period("giai đoạn 2021-2025")
    year = parse_period("2025")
    document = generators.awards(period=stage)
    assert int(_table(document, "Theo đơn vị và danh hiệu, hình thức").total[2]) == int(
        _table(generators.awards(period=year), "Theo đơn vị và danh hiệu, hình thức").total[2]
    )  # the data set holds 2025 rows only: the stage counts them all
    response = client_for(leader).get(reverse("reports:dashboard"), {"period": "2021-2025"})
    assert response.status_code == 200 and "giai đoạn 2021–2025" in response.content.decode()
    assert response.context["totals"]["total"] == int(
        _table(generators.summary(period=stage), "Khen thưởng theo danh hiệu, hình thức").total[1]
    )
    from reports.forms import ReportRequestForm

    form = ReportRequestForm({"kind": "awards", "period": "2021–2025"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["period"] == "2021-2025"


@pytest.fixture
def mixed(kinds):
    """One data set where the award year, the decision year and the year a nomination was sent
    differ, and where some people's gender and direct-worker flag are blank (unknown)."""
    unit = UnitFactory()
    known_woman = PersonFactory(unit=unit, gender="female", is_direct_worker=True)
    known_man = PersonFactory(unit=unit, gender="male", is_direct_worker=False)
    unknown = PersonFactory(unit=unit, gender="", is_direct_worker=None)
    unknown_gender = PersonFactory(unit=unit, gender="", is_direct_worker=True)
    # Counted in 2025: decided in 2025 (one for the 2024 title), or undated with year 2025 (31/12/2025).
    AwardRecordFactory(person=known_woman, award_kind=kinds["ldtt"], year=2025, decision_date=dt.date(2025, 3, 5))
    AwardRecordFactory(person=known_man, award_kind=kinds["ldtt"], year=2024, decision_date=dt.date(2025, 1, 20))
    AwardRecordFactory(person=unknown, award_kind=kinds["ldtt"], year=2025, decision_date=dt.date(2025, 12, 2))
    AwardRecordFactory(person=unknown_gender, award_kind=kinds["cstd"], year=2025, decision_date=None)
    AwardRecordFactory(
        person=None, unit=unit, award_kind=kinds["tt"], recipient_name=unit.name, year=2025, decision_date=dt.date(2025, 6, 1)
    )
    # Not counted in 2025: the 2025 title decided in January 2026, the 2024 title decided in 2024.
    AwardRecordFactory(person=unknown, award_kind=kinds["cstd"], year=2025, decision_date=dt.date(2026, 1, 10))
    AwardRecordFactory(person=known_woman, award_kind=kinds["cstd"], year=2024, decision_date=dt.date(2024, 12, 20))
    # Nominations: sent in 2025 (one for the 2024 title) count in 2025; one sent in 2026 does not.
    sent = {"unit": unit, "award_kind": kinds["ldtt"]}
    NominationFactory(**sent, nominee_person=known_man, year=2024, state=S.SUBMITTED, submitted_at=_at(dt.date(2025, 1, 6)))
    NominationFactory(
        **sent, nominee_person=unknown, is_direct_worker=None, year=2025, state=S.VERIFIED, submitted_at=_at(dt.date(2025, 11, 3))
    )
    NominationFactory(**sent, nominee_person=known_woman, year=2025, state=S.SUBMITTED, submitted_at=_at(dt.date(2026, 1, 5)))
    return unit


def _figures_of_summary(document):
    text = " ".join(p for s in document.sections for p in s.paragraphs)
    number = r"([\d.]+)"

    def find(pattern):
        return int(re.search(pattern.replace("N", number), text)[1].replace(".", ""))

    return {
        "total": find(r"Tổng số khen thưởng đã quyết định: N"),
        "persons": find(r"\(N cá nhân"),
        "leadership": find(r"lãnh đạo, quản lý N"),
        "direct_workers": find(r"người lao động trực tiếp N"),
        "direct_unknown": find(r"chưa rõ có phải lao động trực tiếp N"),
        "men": find(r"nam N"),
        "women": find(r"nữ N"),
        "gender_unknown": find(r"chưa rõ giới tính N"),
    }


def test_one_period_definition_and_unknowns_agree_everywhere(mixed, client_for, leader):
    """The dashboard's year 2025, the report period "2025" and the periodic summary of 2025 are the
    same period (decision dates, sending dates; undated rows on 31/12 of their year) and give the
    same figures, unknown gender and direct-worker flag counted apart."""
    dashboard = _dashboard_figures(2025, None)
    year = parse_period("2025")
    summary = generators.summary(period=year)
    awards_report = generators.awards(period=year)
    expected = {
        "total": 5,
        "persons": 4,
        "leadership": 1,
        "direct_workers": 2,
        "direct_unknown": 1,
        "men": 1,
        "women": 1,
        "gender_unknown": 2,
    }
    assert {k: dashboard["totals"][k] for k in expected} == expected
    assert _figures_of_summary(summary) == expected
    assert _figures_of_summary(awards_report) == expected
    # The parts add up to the persons: unknown is not folded into "Không" or a gender.
    assert expected["leadership"] + expected["direct_workers"] + expected["direct_unknown"] == expected["persons"]
    assert expected["men"] + expected["women"] + expected["gender_unknown"] == expected["persons"]

    # Per kind: the dashboard's table and both reports' tables hold the same rows.
    columns = ["total", "persons", "collectives", "leadership", "direct_workers", "direct_unknown", "women", "gender_unknown"]
    dash_rows = sorted([k["award_name"], *(k[c] for c in columns)] for k in dashboard["award_kinds"])
    for document in (summary, awards_report):
        table = _table(document, "Khen thưởng theo danh hiệu, hình thức")
        assert table.headers[6] == "Chưa rõ LĐ trực tiếp" and table.headers[8] == "Chưa rõ giới tính"
        rows = sorted([r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8]] for r in table.rows)
        assert rows == dash_rows
    assert int(_table(awards_report, "Theo đơn vị và danh hiệu, hình thức").total[2]) == 5
    assert panel_figures(2025)["awards"] == 5

    # Nominations by the period they were sent in, the same on the dashboard and the summary.
    states = {s["label"]: s["total"] for s in dashboard["states"]}
    assert states == {row[0]: row[1] for row in _table(summary, "Đề nghị khen thưởng theo trạng thái").rows}
    assert sum(states.values()) == 2

    # Each figure opens the list behind it, holding exactly those rows (unknown ones too).
    client = client_for(leader)
    for url, count in [
        (dashboard["all_awards_url"], 5),
        (dashboard["direct_unknown_url"], 1),
        (dashboard["gender_unknown_url"], 2),
        (next(s["url"] for s in dashboard["states"] if s["total"] and s["state"] == S.VERIFIED), 1),
    ]:
        assert client.get(url).context["page"].paginator.count == count

    html = client.get(reverse("reports:dashboard"), {"year": 2025}).content.decode()
    assert "Chưa rõ: 1 cá nhân" in html and "Chưa rõ giới tính: 2 cá nhân" in html


def test_proposed_list_says_unknown_not_no(mixed):
    document = generators.proposed(period=parse_period("2025"))
    [table] = document.sections[0].tables
    # The verified nominee's direct-worker flag is blank: the list says so, it does not print "Không" or nothing.
    assert {row[1]: row[5] for row in table.rows} == {mixed.people.get(is_direct_worker__isnull=True).full_name: "Chưa rõ"}
