"""Issue 11: collective titles checked from the unit's people and their awards, at the edges of each
rule (50% vs 51%, 69% vs 70%, one member disciplined), on the nomination's reference date; the third
alternative of Chiến sĩ thi đua cơ sở; the duplicate guard on award code and period."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.db import IntegrityError, transaction

from awards import services
from awards.enums import NominationState as S
from awards.models import AwardKind, CollectiveCriterion, Initiative, Nomination
from tests.factories import PersonFactory, UnitFactory
from units.enums import DisciplineForm
from units.models import DisciplineRecord

pytestmark = pytest.mark.django_db

TTLDTT = "tap-the-lao-dong-tien-tien"
TTLDXS = "tap-the-lao-dong-xuat-sac"
LDTT = "lao-dong-tien-tien"


@pytest.fixture
def school(district):
    return UnitFactory(name="Trường Tiểu học Vạn Hương", short_code="TH-VH", parent=district)


def _staff(unit, count):
    return [PersonFactory(unit=unit, full_name=f"Giáo viên {i:02d}") for i in range(count)]


def _titled(make_record, people, year, code=LDTT):
    for p in people:
        make_record(person=p, code=code, year=year)


def _collective(nomination):
    checks = services.nomination_check(nomination=nomination)
    return [c for c in checks if c["code"] == "collective"]


def _failed(results):
    return [c["message"] for c in results if not c["ok"] and c["severity"] == "hard"]


@pytest.mark.parametrize(("titled", "ok"), [(5, False), (6, True)])
def test_tap_the_lao_dong_tien_tien_needs_more_than_half(school, make_nomination, make_record, this_year, titled, ok):
    staff = _staff(school, 10)
    _titled(make_record, staff[:titled], this_year)
    results = _collective(make_nomination(unit=school, code=TTLDTT))
    share = results[0]
    assert share["ok"] is ok
    if ok:
        assert share["message"] == "Thành viên đạt “Lao động tiên tiến”: 6/10 = 60% > 50%."
    else:
        assert share["message"] == "Thành viên đạt “Lao động tiên tiến”: 5/10 = 50% ≤ 50% (cần trên 50%)."
        assert share["severity"] == "hard" and "Điều 28" in share["legal_basis"]


def test_more_than_half_of_a_hundred(school, make_nomination, make_record, this_year):
    """51 of 100 passes, 50 of 100 does not: the comparison is strict."""
    staff = _staff(school, 100)
    _titled(make_record, staff[:50], this_year)
    nomination = make_nomination(unit=school, code=TTLDTT)
    assert "50/100 = 50% ≤ 50%" in _failed(_collective(nomination))[0]
    make_record(person=staff[50], code=LDTT, year=this_year)
    assert _collective(nomination)[0]["message"].endswith("51/100 = 51% > 50%.")


@pytest.mark.parametrize(("titled", "ok"), [(69, False), (70, True)])
def test_tap_the_lao_dong_xuat_sac_needs_seventy_percent(school, make_nomination, make_record, this_year, titled, ok):
    staff = _staff(school, 100)
    _titled(make_record, staff[:titled], this_year)
    make_record(person=staff[0], code="chien-si-thi-dua-co-so", year=this_year)
    nomination = make_nomination(unit=school, code=TTLDXS, members_completed_tasks=True)
    results = _collective(nomination)
    assert results[0]["ok"] is ok
    assert results[0]["message"].endswith("69/100 = 69% < 70% (cần ít nhất 70%)." if not ok else "70/100 = 70% ≥ 70%.")
    assert all(r["ok"] for r in results[1:])


def test_unit_of_ten_without_any_title_is_blocked_with_the_arithmetic(school, make_nomination, this_year):
    _staff(school, 10)
    for code in (TTLDTT, TTLDXS):
        nomination = make_nomination(unit=school, code=code)
        failed = _failed(_collective(nomination))
        assert any("0/10 = 0%" in m for m in failed)
    assert any("0/10 = 0% < 70%" in m for m in failed)
    assert "Thành viên đạt “Chiến sĩ thi đua cơ sở”: 0 (cần ít nhất 1)." in failed
    assert "Đơn vị chưa xác nhận 100% thành viên hoàn thành nhiệm vụ." in failed


def test_blocked_collective_cannot_be_verified(school, make_nomination, reviewer):
    _staff(school, 10)
    nomination = make_nomination(unit=school, code=TTLDTT, state=S.SUBMITTED)
    with pytest.raises(services.TransitionError, match="0/10 = 0% ≤ 50%"):
        services.nomination_transition(nomination=nomination, to_state=S.VERIFIED, by=reviewer)


@pytest.mark.parametrize(
    ("form", "blocks"), [(DisciplineForm.REPRIMAND, False), (DisciplineForm.WARNING, True), (DisciplineForm.DEMOTION, True)]
)
def test_one_member_disciplined(school, make_nomination, make_record, this_year, form, blocks):
    staff = _staff(school, 10)
    _titled(make_record, staff, this_year)
    DisciplineRecord.objects.create(person=staff[3], form=form, date=dt.date(this_year, 3, 15), decision="12/QĐ-UBND")
    results = _collective(make_nomination(unit=school, code=TTLDTT))
    discipline = results[-1]
    assert discipline["ok"] is not blocks
    if blocks:
        assert discipline["message"].startswith("Có 1/10 thành viên bị kỷ luật từ cảnh cáo trở lên trong kỳ: Giáo viên 03:")
        assert "(12/QĐ-UBND)" in discipline["message"]
    else:
        assert discipline["message"] == "Không thành viên nào bị kỷ luật từ cảnh cáo trở lên trong kỳ (0/10)."


def test_discipline_outside_the_period_does_not_count(school, make_nomination, make_record, this_year):
    staff = _staff(school, 4)
    _titled(make_record, staff, this_year)
    DisciplineRecord.objects.create(person=staff[0], form=DisciplineForm.WARNING, date=dt.date(this_year - 1, 12, 31))
    assert all(r["ok"] for r in _collective(make_nomination(unit=school, code=TTLDTT)))


def test_members_proposed_in_the_same_batch_are_a_warning(school, make_nomination, make_record, this_year):
    staff = _staff(school, 10)
    _titled(make_record, staff[:3], this_year)
    for p in staff[3:6]:
        make_nomination(person=p, code=LDTT, state=S.SUBMITTED)
    share = _collective(make_nomination(unit=school, code=TTLDTT))[0]
    assert (share["ok"], share["severity"]) == (False, "soft")
    assert share["message"] == (
        "Thành viên đạt “Lao động tiên tiến”: 3/10 = 30% ≤ 50% (cần trên 50%); tính cả 3 người đang được đề nghị: 6/10 = 60% > 50%."
    )


def test_ratio_is_dated_editable_data(school, make_nomination, make_record, this_year):
    staff = _staff(school, 10)
    _titled(make_record, staff[:6], this_year)
    CollectiveCriterion.objects.create(
        kind_code=TTLDTT,
        titled_percent=Decimal("60.00"),
        strictly_more=True,
        valid_from=dt.date(this_year, 1, 1),
        legal_basis="Quy định mới (thử)",
    )
    nomination = make_nomination(unit=school, code=TTLDTT)
    assert _collective(nomination)[0]["message"].endswith("6/10 = 60% ≤ 60% (cần trên 60%).")
    # A nomination of an earlier year is judged by the rule valid then.
    earlier = make_nomination(unit=school, code=TTLDTT, year=this_year - 1)
    _titled(make_record, staff[:6], this_year - 1)
    assert _collective(earlier)[0]["ok"]


def test_checks_run_on_the_reference_date_with_the_catalogue_row_valid_then(person, make_nomination, officer):
    """Within one body a catalogue change is dated: a 2024 nomination saved with the row of 2025 is
    judged under the row valid at the end of 2024."""
    from tests.reports.factories import AwardKindFactory

    old = AwardKindFactory(code="giay-khen-thu-ky", name="Giấy khen thử", valid_from=dt.date(2024, 1, 1), valid_to=dt.date(2024, 12, 31))
    new = AwardKindFactory(code="giay-khen-thu-ky", name="Giấy khen thử", valid_from=dt.date(2025, 1, 1), valid_to=dt.date(2025, 6, 30))
    with time_machine.travel(dt.datetime(2025, 5, 5, 9, 0), tick=False):
        nomination = Nomination(nominee_person=person, award_kind=new, year=2024, achievement_summary="Thành tích năm 2024.")
        services.nomination_save(nomination=nomination, by=officer)
        nomination.refresh_from_db()
        assert nomination.award_kind == old
        assert nomination.reference_date == dt.date(2024, 12, 31)
        assert all(c["ok"] for c in nomination.checks if c["code"] == "kind_not_valid")


def test_a_nomination_of_before_the_reorganisation_stays_on_the_successors_row(person, make_nomination, officer, kind):
    """In the ward, a 2024 nomination saved with the ward's row keeps it (the district's row is a
    former body's, which the ward can neither decide nor go on with) and is judged from the row's
    first day, by the ward's catalogue and competence, as its decision will be."""
    from awards.rules import left_by_former_body

    ward_row = kind("giay-khen-chu-tich")
    assert ward_row.valid_from == dt.date(2025, 7, 1) and ward_row.conferring_level == "ward"
    nomination = Nomination(nominee_person=person, award_kind=ward_row, year=2024, achievement_summary="Thành tích năm 2024.")
    services.nomination_save(nomination=nomination, by=officer)
    nomination.refresh_from_db()
    assert nomination.award_kind == ward_row and not left_by_former_body(nomination)
    assert nomination.reference_date == dt.date(2025, 7, 1)
    checks = {c["code"]: c for c in nomination.checks}
    assert checks["kind_not_valid"]["ok"] and checks["conferring_level"]["ok"], checks


def test_chien_si_thi_dua_co_so_accepts_an_applied_research_result(person, make_nomination, make_record, this_year):
    make_record(person=person, code=LDTT, year=this_year)
    nomination = make_nomination(person=person, code="chien-si-thi-dua-co-so")
    prerequisite = [c for c in services.nomination_check(nomination=nomination) if c["code"] == "prerequisite"]
    assert [c["ok"] for c in prerequisite] == [True, False]
    assert "Có đề tài nghiên cứu khoa học được nghiệm thu, áp dụng trong năm" in prerequisite[1]["message"]
    research = Initiative.objects.create(title="Đề tài ứng dụng GIS quản lý đô thị", unit=person.unit, year=this_year, kind="research")
    research.authors.add(person)
    prerequisite = [c for c in services.nomination_check(nomination=nomination) if c["code"] == "prerequisite"]
    assert all(c["ok"] for c in prerequisite)
    assert "Có đề tài “Đề tài ứng dụng GIS quản lý đô thị”" in prerequisite[1]["message"]


def test_duplicate_guard_is_on_the_award_code_not_the_catalogue_row(person, make_nomination):
    old_row = AwardKind.objects.get(code="giay-khen-chu-tich", valid_from=dt.date(2024, 1, 1))
    new_row = AwardKind.objects.get(code="giay-khen-chu-tich", valid_from=dt.date(2025, 7, 1))
    make_nomination(person=person, code=old_row, year=2025)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_nomination(person=person, code=new_row, year=2025)
    assert Nomination.objects.get().award_code == "giay-khen-chu-tich"
