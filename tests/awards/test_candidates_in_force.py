"""Candidates of a year come only from units in force at some day of it: the district's departments
ended on 30/06/2025 and are candidates for 2025, not for 2026; the ward's offices began on 01/07/2025
and are candidates for 2025, not for 2024. The same within an officer's scope and for the whole city
(whose thresholds are cached), and on the page."""

import datetime as dt

import pytest
from django.urls import reverse

from awards.candidates import candidates_for
from awards.enums import InitiativeScope, NominationBasis
from awards.models import Initiative, SeniorityRule
from tests.factories import PersonFactory, UnitFactory, officer_of
from units.enums import PositionGroup, UnitKind
from units.models import ServicePeriod, Unit
from units.services import person_transfer

pytestmark = pytest.mark.django_db

DISTRICT_END = dt.date(2025, 6, 30)
WARD_START = dt.date(2025, 7, 1)
CSTDCS = "chien-si-thi-dua-co-so"
HCLD3 = "huan-chuong-lao-dong-hang-ba"


@pytest.fixture
def offices(district):
    """A department of the district that ended on 30/06/2025 and an office of the ward that began on
    01/07/2025 (under the same top unit, so one officer's scope holds both)."""
    old = UnitFactory(name="Phòng Văn hóa và Thông tin quận", kind=UnitKind.DEPARTMENT, parent=district, valid_to=DISTRICT_END)
    new = UnitFactory(name="Phòng Văn hóa – Xã hội phường", kind=UnitKind.DEPARTMENT, parent=district, valid_from=WARD_START)
    return old, new


@pytest.fixture
def ten_years_as_head():
    SeniorityRule.objects.update(active=False)
    return SeniorityRule.objects.create(
        award_code=HCLD3,
        basis=NominationBasis.DEDICATION,
        description="Giữ chức vụ trưởng phòng đủ 10 năm",
        position_groups=[PositionGroup.DEPARTMENT_HEAD],
        years_required=10,
        legal_basis="Điều thử nghiệm",
        valid_from=dt.date(2024, 1, 1),
    )


def _chien_si(person, make_record, years):
    """What makes ``person`` a Chiến sĩ thi đua cơ sở candidate in each of ``years``: Lao động tiên
    tiến that year and an initiative recognised that year."""
    for year in years:
        make_record(code="lao-dong-tien-tien", year=year, person=person)
        initiative = Initiative.objects.create(
            title=f"Sáng kiến {year} của {person.full_name}", unit=person.unit, year=year, scope=InitiativeScope.UNIT
        )
        initiative.authors.add(person)


def _names(user, year, code):
    return {c.nominee.full_name if c.is_person else c.nominee.name for c in candidates_for(user=user, year=year) if c.kind.code == code}


@pytest.mark.parametrize("who", ["officer", "reviewer"], ids=["scoped", "whole city"])
def test_a_department_ended_on_30_06_2025_gives_candidates_for_2025_not_2026(who, offices, district, reviewer, make_record):
    old, new = offices
    user = officer_of(district) if who == "officer" else reviewer
    _chien_si(PersonFactory(unit=old, full_name="Người Phòng Cũ"), make_record, (2024, 2025, 2026))
    _chien_si(PersonFactory(unit=new, full_name="Người Phòng Mới"), make_record, (2024, 2025, 2026))
    assert _names(user, 2024, CSTDCS) == {"Người Phòng Cũ"}
    assert _names(user, 2025, CSTDCS) == {"Người Phòng Cũ", "Người Phòng Mới"}
    assert _names(user, 2026, CSTDCS) == {"Người Phòng Mới"}


@pytest.mark.parametrize("who", ["officer", "reviewer"], ids=["scoped", "whole city"])
def test_seniority_candidates_follow_the_unit_in_force(who, offices, district, reviewer, ten_years_as_head):
    old, new = offices
    user = officer_of(district) if who == "officer" else reviewer
    for unit, name in ((old, "Trưởng Phòng Cũ"), (new, "Trưởng Phòng Mới")):
        person = PersonFactory(unit=unit, full_name=name)
        ServicePeriod.objects.create(
            person=person, position="Trưởng phòng", group=PositionGroup.DEPARTMENT_HEAD, unit=unit, start_date=dt.date(2010, 1, 1)
        )
    assert _names(user, 2025, HCLD3) == {"Trưởng Phòng Cũ", "Trưởng Phòng Mới"}
    assert _names(user, 2026, HCLD3) == {"Trưởng Phòng Mới"}
    assert _names(user, 2024, HCLD3) == {"Trưởng Phòng Cũ"}


def test_a_person_transferred_on_01_07_2025_counts_under_the_old_unit_for_the_old_years(offices, reviewer, make_record):
    old, new = offices
    person = PersonFactory(unit=old, full_name="Người Chuyển Sang Phường")
    _chien_si(person, make_record, (2024, 2026))
    person_transfer(person=person, to_unit=new, on=WARD_START, by=reviewer, reason="Sắp xếp đơn vị hành chính")
    assert Unit.objects.in_force_on(DISTRICT_END).filter(pk=old.pk).exists()
    assert not Unit.objects.in_force_on(WARD_START).filter(pk=old.pk).exists()
    assert _names(reviewer, 2024, CSTDCS) == {"Người Chuyển Sang Phường"}  # in the old unit that year
    assert _names(reviewer, 2026, CSTDCS) == {"Người Chuyển Sang Phường"}  # in the new one


def test_a_collective_ended_on_30_06_2025_is_not_a_candidate_for_2026(offices, reviewer, make_record):
    old, new = offices
    for unit in (old, new):
        for year in (2025, 2026):
            make_record(code="tap-the-lao-dong-tien-tien", year=year, unit=unit)
    assert _names(reviewer, 2025, "tap-the-lao-dong-xuat-sac") == {old.name, new.name}
    assert _names(reviewer, 2026, "tap-the-lao-dong-xuat-sac") == {new.name}


def test_ending_a_unit_is_seen_at_once_by_the_cached_city_list(offices, reviewer, ten_years_as_head):
    """The city's thresholds stay cached (a unit's dates are not what they are computed from); who
    is out of force in the year is read on every request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _old, new = offices
    person = PersonFactory(unit=new, full_name="Trưởng Phòng Mới")
    ServicePeriod.objects.create(
        person=person, position="Trưởng phòng", group=PositionGroup.DEPARTMENT_HEAD, unit=new, start_date=dt.date(2010, 1, 1)
    )
    assert _names(reviewer, 2026, HCLD3) == {"Trưởng Phòng Mới"}
    Unit.objects.filter(pk=new.pk).update(valid_to=dt.date(2025, 12, 31))  # no signal, no history row
    with CaptureQueriesContext(connection) as queries:
        assert _names(reviewer, 2026, HCLD3) == set()
    assert not any("WITH rules AS" in q["sql"] for q in queries)  # from the cache
    assert _names(reviewer, 2025, HCLD3) == {"Trưởng Phòng Mới"}  # 31/12/2025 is still in 2025


def test_the_candidates_page_of_2026_leaves_out_the_districts_departments(client_for, offices, reviewer, make_record):
    old, new = offices
    _chien_si(PersonFactory(unit=old, full_name="Người Phòng Cũ"), make_record, (2025, 2026))
    _chien_si(PersonFactory(unit=new, full_name="Người Phòng Mới"), make_record, (2025, 2026))
    client = client_for(reviewer)
    page = client.get(reverse("awards:candidate-list"), {"year": 2026}).content.decode()
    assert "Người Phòng Mới" in page and "Người Phòng Cũ" not in page
    page = client.get(reverse("awards:candidate-list"), {"year": 2025}).content.decode()
    assert "Người Phòng Mới" in page and "Người Phòng Cũ" in page


def test_the_form_proposes_a_collective_only_for_a_period_it_existed_in(client_for, offices, district, kind):
    """What the candidates leave out, the nomination form refuses with the reason: a department that
    ended on 30/06/2025 is proposed for 2025, not for 2026."""
    old, _new = offices
    officer = officer_of(district)
    award = kind("tap-the-lao-dong-tien-tien")
    data = {
        "nominee_type": "unit",
        "nominee_unit": old.pk,
        "award_kind": award.pk,
        "period_kind": "calendar",
        "basis": "merit",
        "achievement_summary": "Hoàn thành xuất sắc nhiệm vụ năm.",
        "attachment_kind": "achievement_report",
    }
    client = client_for(officer)
    page = client.get(reverse("awards:nomination-create")).content.decode()
    assert "Phòng Văn hóa và Thông tin quận (đến 30/06/2025)" in page
    response = client.post(reverse("awards:nomination-create"), {**data, "year": 2026})
    assert response.status_code == 200
    assert "Phòng Văn hóa và Thông tin quận không có hiệu lực trong kỳ đề nghị (đến 30/06/2025)" in response.content.decode()
    response = client.post(reverse("awards:nomination-create"), {**data, "year": 2025})
    assert response.status_code == 302
