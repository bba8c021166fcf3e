import datetime as dt
from decimal import Decimal

import pytest

from awards import eligibility
from awards.enums import NominationState
from awards.models import AwardKind, AwardQuota, Initiative
from campaigns.models import Campaign, Registration, RegistrationEntry
from tests.factories import PersonFactory, UnitFactory
from units.enums import UnitKind

pytestmark = pytest.mark.django_db


def results(nomination, code):
    return [r for r in eligibility.evaluate(nomination) if r["code"] == code]


def failed(nomination, code):
    return [r for r in results(nomination, code) if not r["ok"]]


def register(person, kind, year):
    campaign = Campaign.objects.create(
        name=f"Thi đua thường xuyên {year}", kind="regular", start_date=dt.date(year, 1, 1), end_date=dt.date(year, 12, 31)
    )
    registration = Registration.objects.create(campaign=campaign, unit=person.unit, state="submitted")
    RegistrationEntry.objects.create(registration=registration, person=person, award_kind=kind)


def test_not_registered_is_hard_with_legal_basis(person, make_nomination):
    nomination = make_nomination(person=person, code="lao-dong-tien-tien")
    [result] = results(nomination, "not_registered")
    assert result["ok"] is False and result["severity"] == "hard"
    assert "chưa đăng ký thi đua" in result["message"]
    assert "Luật Thi đua, khen thưởng" in result["legal_basis"]


def test_registered_passes(person, make_nomination, kind, this_year):
    register(person, kind("lao-dong-tien-tien"), this_year)
    nomination = make_nomination(person=person, code="lao-dong-tien-tien")
    assert results(nomination, "not_registered")[0]["ok"] is True


def test_registration_of_previous_year_does_not_count(person, make_nomination, kind, this_year):
    register(person, kind("lao-dong-tien-tien"), this_year - 1)
    nomination = make_nomination(person=person, code="lao-dong-tien-tien")
    assert failed(nomination, "not_registered")


def test_commendation_needs_no_registration(person, make_nomination):
    assert results(make_nomination(person=person, code="giay-khen-chu-tich"), "not_registered") == []


def test_prerequisite_same_year_present(person, make_nomination, make_record, this_year):
    make_record(person=person, code="lao-dong-tien-tien", year=this_year)
    nomination = make_nomination(person=person, code="chien-si-thi-dua-co-so", excellent_completion=True)
    assert failed(nomination, "prerequisite") == []


def test_prerequisite_year_boundary_previous_year_does_not_count(person, make_nomination, make_record, this_year):
    make_record(person=person, code="lao-dong-tien-tien", year=this_year - 1)
    nomination = make_nomination(person=person, code="chien-si-thi-dua-co-so", excellent_completion=True)
    [failure] = failed(nomination, "prerequisite")
    assert failure["severity"] == "hard"
    assert f"thiếu năm {this_year}" in failure["message"]
    assert "Điều 23" in failure["legal_basis"]


def test_prerequisite_pending_same_batch_is_a_warning(person, make_nomination, this_year):
    make_nomination(person=person, code="lao-dong-tien-tien", state=NominationState.SUBMITTED)
    nomination = make_nomination(person=person, code="chien-si-thi-dua-co-so", excellent_completion=True)
    [warning] = failed(nomination, "prerequisite")
    assert warning["severity"] == "soft"
    assert "đang được đề nghị" in warning["message"]


def test_prerequisite_alternatives_initiative_or_excellent(person, make_nomination, make_record, this_year):
    make_record(person=person, code="lao-dong-tien-tien", year=this_year)
    nomination = make_nomination(person=person, code="chien-si-thi-dua-co-so")
    [failure] = failed(nomination, "prerequisite")
    assert "Hoàn thành xuất sắc nhiệm vụ hoặc Có sáng kiến được công nhận trong năm" in failure["message"]
    initiative = Initiative.objects.create(title="Số hóa hồ sơ một cửa", unit=person.unit, year=this_year)
    initiative.authors.add(person)
    assert failed(nomination, "prerequisite") == []


def test_streak_of_three_years(person, make_nomination, make_record, this_year):
    for year in (this_year, this_year - 1, this_year - 2):
        make_record(person=person, code="chien-si-thi-dua-co-so", year=year)
    Initiative.objects.create(title="Sáng kiến cấp thành phố", unit=person.unit, year=this_year, scope=3).authors.add(person)
    nomination = make_nomination(person=person, code="chien-si-thi-dua-thanh-pho")
    assert failed(nomination, "prerequisite") == []


def test_streak_broken_by_one_year(person, make_nomination, make_record, this_year):
    for year in (this_year, this_year - 2, this_year - 3):
        make_record(person=person, code="chien-si-thi-dua-co-so", year=year)
    nomination = make_nomination(person=person, code="chien-si-thi-dua-thanh-pho")
    messages = [f["message"] for f in failed(nomination, "prerequisite")]
    assert any(f"thiếu năm {this_year - 1}" in m for m in messages)


def test_streak_follows_person_across_unit_merger(make_nomination, make_record, this_year, district):
    old_ward = UnitFactory(name="UBND phường Cũ", kind=UnitKind.WARD, parent=district)
    new_ward = UnitFactory(name="UBND phường Mới", kind=UnitKind.WARD, parent=district)
    old_ward.successors.add(new_ward)
    person = PersonFactory(unit=old_ward)
    for year in (this_year - 1, this_year - 2):
        make_record(person=person, code="chien-si-thi-dua-co-so", year=year)
    person.unit = new_ward
    person.save()
    make_record(person=person, code="chien-si-thi-dua-co-so", year=this_year)
    nomination = make_nomination(person=person, code="chien-si-thi-dua-thanh-pho")
    assert not any("Chiến sĩ thi đua cơ sở" in f["message"] for f in failed(nomination, "prerequisite"))


def test_collective_history_follows_merged_unit(make_nomination, make_record, this_year, district):
    old_ward = UnitFactory(name="UBND phường Cũ", kind=UnitKind.WARD, parent=district)
    new_ward = UnitFactory(name="UBND phường Mới", kind=UnitKind.WARD, parent=district)
    old_ward.successors.add(new_ward)
    make_record(unit=old_ward, code="tap-the-lao-dong-tien-tien", year=this_year)
    nomination = make_nomination(unit=new_ward, code="tap-the-lao-dong-xuat-sac")
    assert failed(nomination, "prerequisite") == []
    unrelated = UnitFactory(kind=UnitKind.WARD, parent=district)
    assert failed(make_nomination(unit=unrelated, code="tap-the-lao-dong-xuat-sac"), "prerequisite")


def test_duplicate_of_decided_award_same_year(person, make_nomination, make_record, this_year):
    make_record(person=person, code="giay-khen-chu-tich", year=this_year)
    [failure] = failed(make_nomination(person=person, code="giay-khen-chu-tich"), "duplicate")
    assert "đã được tặng" in failure["message"] and "Điều 5" in failure["legal_basis"]


def test_duplicate_nomination_withdrawn_does_not_count(person, make_nomination):
    make_nomination(person=person, state=NominationState.WITHDRAWN)
    assert failed(make_nomination(person=person), "duplicate") == []


def test_subject_mismatch_person_for_collective_title(person, make_nomination):
    [failure] = failed(make_nomination(person=person, code="tap-the-lao-dong-tien-tien"), "subject_mismatch")
    assert failure["severity"] == "hard" and "dành cho đối tượng tập thể" in failure["message"]


def test_subject_residential_group_requires_group_unit(unit, sub_unit, make_nomination):
    assert failed(make_nomination(unit=unit, code="to-dan-pho-van-hoa"), "subject_mismatch")
    assert failed(make_nomination(unit=sub_unit, code="to-dan-pho-van-hoa"), "subject_mismatch") == []


def test_quota_exceeded_is_a_warning(unit, make_nomination, this_year):
    people = PersonFactory.create_batch(10, unit=unit)
    AwardQuota.objects.create(kind_code="giay-khen-chu-tich", ratio_percent=Decimal("10"), valid_from=dt.date(2020, 1, 1))
    first = make_nomination(person=people[0])
    assert failed(first, "quota") == []
    second = make_nomination(person=people[1])
    [warning] = failed(second, "quota")
    assert warning["severity"] == "soft" and "Vượt tỷ lệ: 2" in warning["message"]


def test_kind_the_level_can_neither_confer_nor_propose(person, make_nomination):
    district_kind = AwardKind.objects.create(
        code="thu-cap-quan",
        name="Danh hiệu cấp quận",
        category="title",
        subject="person",
        conferring_level="district",
        valid_from=dt.date(2025, 7, 1),
    )
    [failure] = failed(make_nomination(person=person, code=district_kind), "conferring_level")
    assert "không quyết định và cũng không trình" in failure["message"]
    assert failed(make_nomination(person=person, code="bang-khen-thu-tuong"), "conferring_level") == []


def test_kind_of_replaced_decree_is_refused(person, make_nomination):
    old = AwardKind.objects.get(code="giay-khen-chu-tich", valid_from=dt.date(2024, 1, 1))
    [failure] = failed(make_nomination(person=person, code=old), "kind_not_valid")
    assert "30/06/2025" in failure["message"]


def test_achievement_report_required_for_titles(person, make_nomination):
    assert failed(make_nomination(person=person, code="lao-dong-tien-tien"), "achievement_report")
    assert results(make_nomination(person=person, code="giay-khen-chu-tich"), "achievement_report") == []


def test_rule_can_be_switched_to_warning(person, make_nomination):
    from awards.models import EligibilityRule

    EligibilityRule.objects.filter(code="not_registered").update(severity="soft")
    [result] = failed(make_nomination(person=person, code="lao-dong-tien-tien"), "not_registered")
    assert result["severity"] == "soft"
