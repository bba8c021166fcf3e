"""One person, one history: dated memberships across a transfer or a merger, streaks that survive
the merger, and a reviewer merging a duplicate record with every row kept."""

import datetime as dt

import pytest
from django.urls import reverse

from awards.enums import NominationState as S
from awards.models import AwardRecord, Initiative, Nomination
from awards.selectors import kinds_valid_on
from awards.services import nomination_check
from tests.factories import PersonFactory, UnitFactory
from units import services
from units.enums import UnitKind
from units.models import Membership, Person, PersonMerge

pytestmark = pytest.mark.django_db

MERGER = dt.date(2025, 7, 1)


@pytest.fixture
def merged_wards():
    old = UnitFactory(name="UBND phường Vạn Hương", short_code="P-VH-T", kind=UnitKind.WARD, valid_to=dt.date(2025, 6, 30))
    new = UnitFactory(name="UBND phường Đồ Sơn", short_code="P-DS-T", kind=UnitKind.WARD, valid_from=MERGER)
    old.successors.add(new)
    return old, new


def _csttcs(person, year, unit_name):
    return AwardRecord.objects.create(
        person=person,
        award_code="chien-si-thi-dua-co-so",
        award_name="Chiến sĩ thi đua cơ sở",
        recipient_name=person.full_name,
        unit_name=unit_name,
        year=year,
        decision_number=f"{year - 2000}/QĐ-UBND",
        decision_date=dt.date(year, 12, 20),
        issuer_name="Ủy ban nhân dân",
    )


def test_merger_moves_people_with_dated_memberships(merged_wards, reviewer):
    old, new = merged_wards
    person = PersonFactory(unit=old, full_name="Phạm Thị Hoa", birth_year=1985)
    assert services.unit_people_move_to_successor(unit=old, by=reviewer) == 1
    person.refresh_from_db()
    assert person.unit == new and Person.objects.filter(full_name="Phạm Thị Hoa").count() == 1
    rows = list(person.memberships.order_by("id").values_list("unit__short_code", "valid_from", "valid_to"))
    assert rows == [("P-VH-T", None, dt.date(2025, 6, 30)), ("P-DS-T", MERGER, None)]
    assert person.unit_on(dt.date(2025, 3, 1)) == old and person.unit_on(dt.date(2025, 8, 1)) == new


def test_three_year_streak_kept_across_the_merger(merged_wards, reviewer):
    """Chiến sĩ thi đua cơ sở in 2023 and 2024 in the old ward and 2025 in the new one: the same
    record, so the city title's three-year prerequisite is met."""
    old, new = merged_wards
    person = PersonFactory(unit=old, full_name="Lê Văn Nam", birth_year=1980)
    _csttcs(person, 2023, old.name)
    _csttcs(person, 2024, old.name)
    services.person_transfer(person=person, to_unit=new, on=MERGER, by=reviewer, reason="Sáp nhập")
    _csttcs(person, 2025, new.name)
    Initiative.objects.create(title="Sáng kiến số hóa", unit=new, year=2025, scope=3, recognition_decision="01/QĐ-HĐSK").authors.add(person)
    kind = kinds_valid_on(dt.date(2025, 12, 1)).get(code="chien-si-thi-dua-thanh-pho")
    nomination = Nomination.objects.create(
        unit=new, nominee_person=person, nominee_name=person.full_name, award_kind=kind, year=2025, state=S.DRAFT, created_by=reviewer
    )
    checks = str(nomination_check(nomination=nomination))
    assert "Đã có “Chiến sĩ thi đua cơ sở” các năm 2023, 2024, 2025" in checks, checks

    # The same person entered again in the new ward (a second record) would have broken the streak.
    again = PersonFactory(unit=new, full_name="Lê Văn Nam", birth_year=1980)
    _csttcs(again, 2025, new.name)
    second = Nomination.objects.create(
        unit=new, nominee_person=again, nominee_name=again.full_name, award_kind=kind, year=2025, state=S.DRAFT, created_by=reviewer
    )
    assert "thiếu năm 2023, 2024" in str(nomination_check(nomination=second))


def test_reviewer_merges_a_duplicate_keeping_every_row(merged_wards, reviewer, client_for, officer):
    old, new = merged_wards
    first = PersonFactory(unit=old, full_name="Trần Thị Mai", birth_year=1990)
    again = PersonFactory(unit=new, full_name="TRẦN THỊ MAI", birth_year=1990)  # entered again in the new ward
    other = PersonFactory(unit=new, full_name="Trần Thị Mai", birth_year=1991)  # not the same person
    _csttcs(first, 2023, old.name)
    _csttcs(again, 2024, new.name)
    kind = kinds_valid_on(dt.date(2025, 12, 1)).get(code="lao-dong-tien-tien")
    nomination = Nomination.objects.create(
        unit=new, nominee_person=again, nominee_name=again.full_name, award_kind=kind, year=2025, created_by=reviewer
    )
    Membership.objects.create(person=again, unit=new, valid_from=MERGER)

    assert list(services.duplicate_candidates(first)) == [again]
    url = reverse("units:person-merge", args=[first.pk])
    assert client_for(officer).get(url).status_code == 403
    page = client_for(reviewer).get(url).content.decode()
    assert f'value="{again.pk}"' in page and f'value="{other.pk}"' not in page
    response = client_for(reviewer).post(url, {"duplicate": again.pk})
    assert response.status_code == 302

    assert not Person.objects.filter(pk=again.pk).exists()
    assert set(AwardRecord.objects.filter(person=first).values_list("year", flat=True)) == {2023, 2024}
    nomination.refresh_from_db()
    assert nomination.nominee_person == first
    assert set(first.memberships.values_list("unit__short_code", flat=True)) == {"P-DS-T"}
    merge = PersonMerge.objects.get(kept=first)
    assert (merge.removed_id, merge.removed_unit_name, merge.by) == (again.pk, new.name, reviewer)
    assert sum(merge.moved.values()) >= 3
    detail = client_for(reviewer).get(reverse("units:person-detail", args=[first.pk])).content.decode()
    assert f"hồ sơ #{again.pk}" in detail


def test_merge_refused_whole_when_both_hold_the_same_award(merged_wards, reviewer):
    old, new = merged_wards
    first = PersonFactory(unit=old, full_name="Vũ Văn Hải", birth_year=1975)
    again = PersonFactory(unit=new, full_name="Vũ Văn Hải", birth_year=1975)
    _csttcs(first, 2024, old.name)
    _csttcs(again, 2024, new.name)
    _csttcs(again, 2023, new.name)
    with pytest.raises(services.MergeError):
        services.persons_merge(keep=first, duplicate=again, by=reviewer)
    assert Person.objects.filter(pk=again.pk).exists()
    assert AwardRecord.objects.filter(person=again).count() == 2


def test_reviewer_transfers_a_person_with_a_dated_membership(reviewer, officer, unit, other_unit, client_for):
    """The transfer page: one record, the old membership closed the day before, a new one opened,
    the person's unit and position changed with a history row; refused to an officer; a date before
    the current membership's start is refused with the reason, nothing moved."""
    person = PersonFactory(unit=unit, full_name="Nguyễn Thị Hoa", position="Chuyên viên")
    Membership.objects.create(person=person, unit=unit, valid_from=dt.date(2020, 3, 1), position="Chuyên viên")
    url = reverse("units:person-transfer", args=[person.pk])
    assert client_for(officer).post(url, {"to_unit": other_unit.pk, "on": "01/07/2025", "reason": "x"}).status_code == 403
    client = client_for(reviewer)
    refused = client.post(url, {"to_unit": other_unit.pk, "on": "01/01/2019", "reason": "Điều động"})
    assert refused.status_code == 200
    assert "Ngày chuyển phải sau ngày bắt đầu công tác ở UBND phường Bàng La (01/03/2020)." in refused.content.decode()
    assert person.memberships.count() == 1
    response = client.post(url, {"to_unit": other_unit.pk, "on": "01/07/2025", "position": "Phó Trưởng phòng", "reason": "Điều động"})
    assert response.status_code == 302
    rows = list(person.memberships.order_by("id").values_list("unit_id", "valid_from", "valid_to", "position", "reason"))
    assert rows == [
        (unit.pk, dt.date(2020, 3, 1), dt.date(2025, 6, 30), "Chuyên viên", ""),
        (other_unit.pk, dt.date(2025, 7, 1), None, "Phó Trưởng phòng", "Điều động"),
    ]
    person.refresh_from_db()
    assert (person.unit, person.position) == (other_unit, "Phó Trưởng phòng")
    assert person.history.latest().history_user == reviewer
    assert Person.objects.filter(full_name="Nguyễn Thị Hoa").count() == 1
