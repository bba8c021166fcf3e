"""Seniority and dedication candidates (niên hạn, quá trình cống hiến) from the people's service
periods: the threshold at its edges (exactly N years on the last day of the year, one day short),
continuity, people already awarded or with an open nomination, the officer's scope, the seeded
rules, and the one-step draft nominations."""

import datetime as dt

import pytest
from django.urls import reverse

from awards.candidates import candidates_for, candidates_to_nominations, service_time, whole_months
from awards.enums import NominationBasis, NominationState
from awards.models import Nomination, SeniorityRule
from tests.factories import PersonFactory
from units.enums import PositionGroup
from units.models import ServicePeriod

pytestmark = pytest.mark.django_db

YEAR = 2025
END = dt.date(YEAR, 12, 31)
HCLD3 = "huan-chuong-lao-dong-hang-ba"
KNC = "ky-niem-chuong"


@pytest.fixture
def rules():
    """The seeded rules set aside; two of our own: 10 years as head of a department (summed), and
    20 continuous years in any post."""
    SeniorityRule.objects.update(active=False)
    dedication = SeniorityRule.objects.create(
        award_code=HCLD3,
        basis=NominationBasis.DEDICATION,
        description="Giữ chức vụ trưởng phòng đủ 10 năm",
        position_groups=[PositionGroup.DEPARTMENT_HEAD],
        years_required=10,
        legal_basis="Điều thử nghiệm",
        valid_from=dt.date(2024, 1, 1),
    )
    seniority = SeniorityRule.objects.create(
        award_code=KNC,
        basis=NominationBasis.SENIORITY,
        description="Công tác liên tục đủ 20 năm",
        years_required=20,
        continuous=True,
        legal_basis="Quy chế thử nghiệm",
        valid_from=dt.date(2024, 1, 1),
    )
    return dedication, seniority


def _period(person, start, end=None, group=PositionGroup.DEPARTMENT_HEAD, position="Trưởng phòng"):
    return ServicePeriod.objects.create(person=person, position=position, group=group, unit=person.unit, start_date=start, end_date=end)


def _found(user, code, year=YEAR):
    return {c.nominee.full_name: c for c in candidates_for(user=user, year=year) if c.kind.code == code}


def test_whole_months_drop_the_odd_days():
    assert whole_months(dt.date(2016, 1, 1), dt.date(2025, 12, 31)) == 120
    assert whole_months(dt.date(2016, 1, 2), dt.date(2025, 12, 31)) == 119
    assert whole_months(dt.date(2025, 1, 31), dt.date(2025, 2, 27)) == 0
    assert service_time([(dt.date(2020, 1, 1), dt.date(2020, 6, 30)), (dt.date(2020, 7, 1), None)], until=END, continuous=True) == (
        72,
        [(dt.date(2020, 1, 1), END)],
    )


def test_exactly_ten_years_on_the_last_day_of_the_year_and_one_day_short(officer, unit, rules):
    exact = PersonFactory(unit=unit, full_name="Đủ Mười Năm")
    short = PersonFactory(unit=unit, full_name="Thiếu Một Ngày")
    open_ended = PersonFactory(unit=unit, full_name="Đang Giữ Chức")
    _period(exact, dt.date(2016, 1, 1), dt.date(2025, 12, 31))
    _period(short, dt.date(2016, 1, 2), dt.date(2025, 12, 31))
    _period(open_ended, dt.date(2016, 1, 1))
    found = _found(officer, HCLD3)
    assert set(found) == {"Đủ Mười Năm", "Đang Giữ Chức"}
    assert found["Đủ Mười Năm"].basis == NominationBasis.DEDICATION
    assert "đã có 10 năm" in found["Đủ Mười Năm"].reasons[0] and "Điều thử nghiệm" in found["Đủ Mười Năm"].reasons[0]
    # The year before, nobody has ten years yet.
    assert _found(officer, HCLD3, year=YEAR - 1) == {}


def test_only_the_groups_of_the_rule_are_counted_and_gaps_are_summed(officer, unit, rules):
    summed = PersonFactory(unit=unit, full_name="Cộng Dồn")
    other_group = PersonFactory(unit=unit, full_name="Nhóm Khác")
    _period(summed, dt.date(2010, 1, 1), dt.date(2014, 12, 31))
    _period(summed, dt.date(2018, 1, 1), dt.date(2022, 12, 31))
    _period(other_group, dt.date(2000, 1, 1), group=PositionGroup.DEPUTY_HEAD, position="Phó trưởng phòng")
    found = _found(officer, HCLD3)
    assert set(found) == {"Cộng Dồn"}
    assert "cộng dồn 2 đoạn" in found["Cộng Dồn"].reasons[0]


def test_continuity_required_takes_the_longest_unbroken_span(officer, unit, rules):
    broken = PersonFactory(unit=unit, full_name="Có Quãng Nghỉ")
    unbroken = PersonFactory(unit=unit, full_name="Liền Mạch")
    # 25 years in all, but a one-day gap: 10 years, then 15.
    _period(broken, dt.date(2001, 1, 1), dt.date(2010, 12, 30), group=PositionGroup.STAFF, position="Chuyên viên")
    _period(broken, dt.date(2011, 1, 1), group=PositionGroup.DEPUTY_HEAD, position="Phó trưởng phòng")
    # 20 years exactly, in two posts that follow each other day to day.
    _period(unbroken, dt.date(2006, 1, 1), dt.date(2015, 6, 30), group=PositionGroup.STAFF, position="Chuyên viên")
    _period(unbroken, dt.date(2015, 7, 1), group=PositionGroup.DEPUTY_HEAD, position="Phó trưởng phòng")
    found = _found(officer, KNC)
    assert set(found) == {"Liền Mạch"}
    assert found["Liền Mạch"].basis == NominationBasis.SENIORITY and "liên tục" in found["Liền Mạch"].reasons[0]
    # Without the continuity requirement the broken career counts (24 years 11 months).
    SeniorityRule.objects.filter(award_code=KNC).update(continuous=False)
    assert set(_found(officer, KNC)) == {"Có Quãng Nghỉ", "Liền Mạch"}


def test_already_awarded_or_nominated_people_are_left_out(officer, unit, rules, make_record, make_nomination):
    names = ("Đã Được Tặng", "Đang Đề Nghị", "Đề Nghị Đã Rút", "Chưa Có Gì")
    people = [PersonFactory(unit=unit, full_name=n) for n in names]
    for p in people:
        _period(p, dt.date(2010, 1, 1))
    make_record(code=HCLD3, year=2019, person=people[0])  # any earlier year counts
    make_nomination(person=people[1], code=HCLD3, year=YEAR - 1, state=NominationState.PROPOSED_UPWARD)
    make_nomination(person=people[2], code=HCLD3, year=YEAR, state=NominationState.WITHDRAWN)
    assert set(_found(officer, HCLD3)) == {"Đề Nghị Đã Rút", "Chưa Có Gì"}


def test_officers_see_their_scope_and_reviewers_everyone(client_for, officer, other_officer, reviewer, unit, other_unit, rules):
    mine = PersonFactory(unit=unit, full_name="Trưởng Phòng Của Tôi")
    theirs = PersonFactory(unit=other_unit, full_name="Trưởng Phòng Đơn Vị Khác")
    for p in (mine, theirs):
        _period(p, dt.date(2012, 3, 1))
    assert set(_found(officer, HCLD3)) == {"Trưởng Phòng Của Tôi"}
    assert set(_found(other_officer, HCLD3)) == {"Trưởng Phòng Đơn Vị Khác"}
    assert set(_found(reviewer, HCLD3)) == {"Trưởng Phòng Của Tôi", "Trưởng Phòng Đơn Vị Khác"}
    url = reverse("awards:candidate-list")
    page = client_for(officer).get(url, {"year": YEAR}).content.decode()
    assert "Trưởng Phòng Của Tôi" in page and "Trưởng Phòng Đơn Vị Khác" not in page
    assert "ngày lẻ không đủ một tháng không được tính" in page and "Điều thử nghiệm" in page
    # The other officer cannot draft a nomination for someone outside their scope by posting the key.
    key = next(iter(_found(officer, HCLD3).values())).key
    client_for(other_officer).post(url, {"year": YEAR, "candidate": [key]})
    assert not Nomination.objects.filter(nominee_person=mine).exists()


def test_a_selection_becomes_draft_dedication_nominations_in_one_step(client_for, officer, unit, rules):
    people = [PersonFactory(unit=unit, full_name=n) for n in ("Nguyễn Văn Cống", "Trần Thị Hiến")]
    for p in people:
        _period(p, dt.date(2014, 5, 1))
    keys = [c.key for c in candidates_for(user=officer, year=YEAR) if c.kind.code == HCLD3]
    response = client_for(officer).post(reverse("awards:candidate-list"), {"year": YEAR, "candidate": keys[:1]})
    assert response.status_code == 302
    made = Nomination.objects.get(award_kind__code=HCLD3, year=YEAR)
    assert made.state == NominationState.DRAFT and made.basis == NominationBasis.DEDICATION and made.created_by == officer
    assert "Giữ chức vụ trưởng phòng đủ 10 năm" in made.achievement_summary
    assert [c.nominee.full_name for c in candidates_for(user=officer, year=YEAR) if c.kind.code == HCLD3] == [
        p.full_name for p in people if p != made.nominee_person
    ]
    assert candidates_to_nominations(user=officer, year=YEAR, keys=keys[:1]) == ([], [])


def test_the_seeded_rules_are_dated_and_their_notes_stay_in_the_admin(officer, unit):
    rules = SeniorityRule.objects.filter(award_code=HCLD3)
    assert {(r.valid_from, r.valid_to) for r in rules} == {(dt.date(2024, 1, 1), dt.date(2025, 6, 30)), (dt.date(2025, 7, 1), None)}
    assert all("Điều 44" in r.legal_basis for r in rules)
    assert all("CHƯA đối chiếu" not in r.legal_basis + r.description for r in SeniorityRule.objects.all())
    assert all("CHƯA đối chiếu" in r.admin_note for r in SeniorityRule.objects.all())
    director = PersonFactory(unit=unit, full_name="Chủ Tịch Quận")
    ServicePeriod.objects.create(
        person=director, position="Chủ tịch UBND quận", group=PositionGroup.DIRECTOR, unit=unit, start_date=dt.date(2020, 1, 1)
    )
    found = _found(officer, HCLD3)
    assert set(found) == {"Chủ Tịch Quận"}  # 6 years by 31/12/2025 under Điều 21 Nghị định 152/2025/NĐ-CP
    assert "152/2025/NĐ-CP" in found["Chủ Tịch Quận"].reasons[0]
    assert _found(officer, HCLD3, year=2024) == {}  # 5 years by 31/12/2024


def _page_queries(client, url, params):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params).status_code == 200
    return len(queries)


def test_the_candidates_page_reads_a_fixed_number_of_queries(client_for, officer, unit, rules, make_record):
    client, url = client_for(officer), reverse("awards:candidate-list")
    for i in range(2):
        _period(PersonFactory(unit=unit, full_name=f"Người {i}"), dt.date(2010, 1, 1))
    client.get(url, {"year": YEAR})  # a first visit fills per-process caches (content types, identity)
    few = _page_queries(client, url, {"year": YEAR})
    for i in range(2, 12):
        person = PersonFactory(unit=unit, full_name=f"Người {i}")
        _period(person, dt.date(2000, 1, 1), dt.date(2004, 12, 31), group=PositionGroup.STAFF)
        _period(person, dt.date(2005, 1, 1))
        make_record(code="lao-dong-tien-tien", year=YEAR, person=person)
    many = _page_queries(client, url, {"year": YEAR})
    assert len(_found(officer, HCLD3)) == 12 and len(_found(officer, KNC)) == 10
    assert many == few <= 15


def _thresholds_computed(user):
    """Whether reading the user's candidates ran the thresholds' query (not found in the cache)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        found = _found(user, HCLD3)
    return any("WITH rules AS" in q["sql"] for q in queries), set(found)


def test_the_whole_citys_thresholds_are_cached_but_never_read_after_a_change(
    reviewer, unit, other_unit, rules, make_record, make_nomination
):
    """The reviewer's list (no scope) keeps the thresholds reached in the cache, keyed on the
    versions of the people and service periods tables (units.TableVersion, kept by a trigger): a
    write by any path, a QuerySet.update included, is seen at once; held awards and live
    nominations are read every time."""
    from units.models import Person

    one, two = PersonFactory(unit=unit, full_name="Trưởng Phòng Một"), PersonFactory(unit=other_unit, full_name="Trưởng Phòng Hai")
    period = _period(one, dt.date(2012, 3, 1))
    _period(two, dt.date(2012, 3, 1))
    both = {"Trưởng Phòng Một", "Trưởng Phòng Hai"}
    assert _thresholds_computed(reviewer) == (True, both)
    assert _thresholds_computed(reviewer) == (False, both)  # from the cache
    Person.objects.filter(pk=two.pk).update(position="Trưởng phòng Nội vụ")  # nothing the cache holds
    assert _thresholds_computed(reviewer) == (False, both)
    ServicePeriod.objects.filter(pk=period.pk).update(start_date=dt.date(2020, 1, 1))  # no signal, no history row
    assert _thresholds_computed(reviewer) == (True, {"Trưởng Phòng Hai"})
    Person.objects.filter(pk=two.pk).update(active=False)
    assert _thresholds_computed(reviewer) == (True, set())
    Person.objects.filter(pk=two.pk).update(active=True)
    ServicePeriod.objects.filter(pk=period.pk).update(start_date=dt.date(2012, 3, 1))
    assert _thresholds_computed(reviewer) == (True, both)
    make_record(code=HCLD3, year=2020, person=two)  # held awards and nominations: read every time
    make_nomination(person=one, code=HCLD3, year=YEAR, state=NominationState.WITHDRAWN)
    assert _thresholds_computed(reviewer) == (False, {"Trưởng Phòng Một"})
    make_nomination(person=one, code=HCLD3, year=YEAR - 1, state=NominationState.SUBMITTED)
    assert _thresholds_computed(reviewer) == (False, set())


def test_the_cached_and_the_scoped_computations_agree_at_the_edges(officer, reviewer, unit, rules):
    """The same candidates, reasons and order whether read within a scope (one query, exclusions
    included) or for the whole city (cached thresholds, exclusions apart), at the edges: exactly
    20 continuous years, one day short, two posts day to day, a one-day gap."""

    def career(name, staff_from, staff_to, head_from):
        person = PersonFactory(unit=unit, full_name=name)
        if staff_from:
            _period(person, staff_from, staff_to, group=PositionGroup.STAFF, position="Chuyên viên")
        _period(person, head_from)

    career("A Hai Mươi Sáu Năm", dt.date(2000, 1, 1), dt.date(2015, 12, 31), dt.date(2016, 1, 1))
    career("B Đúng Hai Mươi Năm", dt.date(2006, 1, 1), dt.date(2015, 12, 31), dt.date(2016, 1, 1))
    career("C Thiếu Một Ngày", dt.date(2006, 1, 2), dt.date(2015, 12, 31), dt.date(2016, 1, 1))
    career("D Nghỉ Một Ngày", dt.date(2000, 1, 1), dt.date(2015, 12, 30), dt.date(2016, 1, 1))
    career("E Trưởng Phòng Muộn", None, None, dt.date(2016, 1, 2))
    mine = [(c.kind.code, c.basis, c.nominee.full_name, c.reasons) for c in candidates_for(user=officer, year=YEAR)]
    everyone = [(c.kind.code, c.basis, c.nominee.full_name, c.reasons) for c in candidates_for(user=reviewer, year=YEAR)]
    assert mine == everyone
    by_code = {code: [name for c, _b, name, _r in mine if c == code] for code in (HCLD3, KNC)}
    assert by_code == {
        HCLD3: ["A Hai Mươi Sáu Năm", "B Đúng Hai Mươi Năm", "C Thiếu Một Ngày", "D Nghỉ Một Ngày"],
        KNC: ["A Hai Mươi Sáu Năm", "B Đúng Hai Mươi Năm"],
    }


def test_the_seniority_sections_page_with_their_basis_in_the_heading(client_for, officer, unit, rules):
    for i in range(27):
        _period(PersonFactory(unit=unit, full_name=f"Trưởng Phòng {i:02d}"), dt.date(2010, 1, 1))
    from awards.models import AwardKind

    kind = AwardKind.objects.filter(code=HCLD3).order_by("-valid_from").first()
    page = client_for(officer).get(reverse("awards:candidate-list"), {"year": YEAR}).content.decode()
    start = page.index(f'id="kind-{kind.pk}-dedication-section"')
    section = page[start : page.find("</section>", start)]
    assert "– quá trình cống hiến" in section and "Trang 1/2 · 27 người, tập thể" in section
    assert section.count('name="candidate"') == 25
    assert "Trưởng Phòng 00" in section and "Trưởng Phòng 25" not in section  # by name
