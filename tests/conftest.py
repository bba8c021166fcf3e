"""Personas used across the suite: an officer of a unit, an officer of another unit, the reviewer
(Phòng Nội vụ), a council member, a leader, an administrator, and the anonymous visitor."""

import pytest

from units.enums import Role, UnitKind

from .factories import PersonFactory, UnitFactory, UserFactory, officer_of


@pytest.fixture
def district(db):
    return UnitFactory(name="UBND quận Thử", short_code="UBND-T", kind=UnitKind.COMMITTEE)


@pytest.fixture
def unit(district):
    return UnitFactory(name="UBND phường Bàng La", short_code="P-BL", kind=UnitKind.WARD, parent=district)


@pytest.fixture
def sub_unit(unit):
    return UnitFactory(name="Tổ dân phố 1", short_code="TDP1", kind=UnitKind.RESIDENTIAL_GROUP, parent=unit)


@pytest.fixture
def other_unit(district):
    return UnitFactory(name="Phòng Giáo dục và Đào tạo", short_code="GDDT-T", kind=UnitKind.DEPARTMENT, parent=district)


@pytest.fixture
def officer(unit):
    return officer_of(unit, username="canbo_p")


@pytest.fixture
def other_officer(other_unit):
    return officer_of(other_unit, username="canbo_khac")


@pytest.fixture
def reviewer(district):
    return UserFactory(username="noivu_t", unit=district, roles=[Role.REVIEWER])


@pytest.fixture
def council_member(district):
    return UserFactory(username="hoidong_t", unit=district, roles=[Role.COUNCIL_MEMBER])


@pytest.fixture
def leader(district):
    return UserFactory(username="lanhdao_t", unit=district, roles=[Role.LEADER])


@pytest.fixture
def administrator(district):
    return UserFactory(username="quantri_t", unit=district, roles=[Role.ADMINISTRATOR])


@pytest.fixture
def person(unit):
    return PersonFactory(unit=unit, full_name="Nguyễn Văn An")


@pytest.fixture
def other_person(other_unit):
    return PersonFactory(unit=other_unit, full_name="Trần Thị Bình")


@pytest.fixture
def client_for(client):
    """client_for(user) -> a test client signed in as ``user`` (None: anonymous)."""

    def make(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return make
