"""Units of a date or a period (Unit.objects.in_force_on / in_force_during, units.models.in_force_q
and people_in_force_q) at the edges of the 2025 reorganisation: a unit that ended on 30/06/2025 is in
force that day and not on 01/07/2025; one that began on 01/07/2025 is the reverse; a period counts a
unit in force on any of its days."""

import datetime as dt

import pytest

from tests.factories import PersonFactory, UnitFactory
from units.models import Person, Unit, people_in_force_q
from units.services import person_transfer

pytestmark = pytest.mark.django_db

END, START = dt.date(2025, 6, 30), dt.date(2025, 7, 1)


@pytest.fixture
def units():
    return {
        "district": UnitFactory(name="Phòng Nội vụ quận", valid_to=END),
        "ward": UnitFactory(name="Văn phòng HĐND và UBND phường", valid_from=START),
        "always": UnitFactory(name="Trường THCS Ngọc Xuyên"),
        "short": UnitFactory(name="Tổ công tác", valid_from=dt.date(2025, 3, 1), valid_to=dt.date(2025, 3, 31)),
    }


def _names(qs):
    return {u.name for u in qs}


def test_on_either_side_of_01_07_2025(units):
    assert _names(Unit.objects.in_force_on(END)) == {"Phòng Nội vụ quận", "Trường THCS Ngọc Xuyên"}
    assert _names(Unit.objects.in_force_on(START)) == {"Văn phòng HĐND và UBND phường", "Trường THCS Ngọc Xuyên"}
    assert units["district"].in_force_during(END) and not units["district"].in_force_during(START)
    assert units["ward"].validity_label == "từ 01/07/2025" and units["district"].validity_label == "đến 30/06/2025"
    assert units["short"].validity_label == "01/03/2025 – 31/03/2025" and units["always"].validity_label == ""


def test_a_period_counts_a_unit_in_force_on_any_of_its_days(units):
    assert _names(Unit.objects.in_force_during(dt.date(2025, 1, 1), dt.date(2025, 12, 31))) == {u.name for u in units.values()}
    assert _names(Unit.objects.in_force_during(dt.date(2026, 1, 1), dt.date(2026, 12, 31))) == {
        "Văn phòng HĐND và UBND phường",
        "Trường THCS Ngọc Xuyên",
    }
    assert _names(Unit.objects.in_force_during(dt.date(2025, 4, 1), END)) == {"Phòng Nội vụ quận", "Trường THCS Ngọc Xuyên"}
    assert _names(Unit.objects.in_force_during(END, START)) == {
        "Phòng Nội vụ quận",
        "Văn phòng HĐND và UBND phường",
        "Trường THCS Ngọc Xuyên",
    }


def test_people_of_a_period_follow_their_dated_memberships(units, reviewer):
    moved = PersonFactory(unit=units["district"], full_name="Chuyển sang phường")
    PersonFactory(unit=units["district"], full_name="Ở lại đơn vị cũ")
    person_transfer(person=moved, to_unit=units["ward"], on=START, by=reviewer)

    def people(start, end=None):
        return set(Person.objects.filter(people_in_force_q(start, end)).values_list("full_name", flat=True))

    assert people(END) == {"Chuyển sang phường", "Ở lại đơn vị cũ"}  # in the old unit that day
    assert people(START) == {"Chuyển sang phường"}
    assert people(dt.date(2026, 1, 1), dt.date(2026, 12, 31)) == {"Chuyển sang phường"}
    assert people(dt.date(2024, 1, 1), dt.date(2024, 12, 31)) == {"Chuyển sang phường", "Ở lại đơn vị cũ"}
