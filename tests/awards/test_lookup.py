"""Tra cứu: every filter of the lookup at its edge, the officer's scope, units with their predecessors,
the Excel export with chosen columns, and the page's states."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from awards.enums import NominationState
from awards.lookup import LookupForm, lookup_nominations, lookup_records
from tests.factories import PersonFactory, UnitFactory
from units.enums import Gender, UnitKind

pytestmark = pytest.mark.django_db


def _params(user, **data):
    form = LookupForm(data, user=user)
    assert form.is_valid(), form.errors
    return form.cleaned_data


def _names(qs):
    return sorted(r.recipient_name if hasattr(r, "recipient_name") else r.nominee_name for r in qs)


@pytest.fixture
def world(unit, other_unit, make_record):
    """Records of five people and one collective over three years, with known genders, birth years and
    direct-worker flags (one of each left unknown)."""
    people = {
        "an": PersonFactory(unit=unit, full_name="Nguyễn Văn Ân", gender=Gender.MALE, birth_year=1970, is_direct_worker=True),
        "binh": PersonFactory(unit=unit, full_name="Trần Thị Bình", gender=Gender.FEMALE, birth_year=1985, is_direct_worker=False),
        "cuong": PersonFactory(unit=other_unit, full_name="Lê Văn Cường", gender="", birth_year=1990, is_direct_worker=None),
        "dung": PersonFactory(unit=other_unit, full_name="Phạm Thị Dung", gender=Gender.FEMALE, birth_year=None, is_direct_worker=True),
    }
    make_record(code="lao-dong-tien-tien", year=2023, person=people["an"])
    make_record(code="lao-dong-tien-tien", year=2024, person=people["an"])
    make_record(code="chien-si-thi-dua-co-so", year=2024, person=people["binh"])
    make_record(code="lao-dong-tien-tien", year=2025, person=people["cuong"])
    make_record(code="giay-khen-chu-tich", year=2025, person=people["dung"])
    make_record(code="tap-the-lao-dong-tien-tien", year=2025, unit=unit)
    return people


def test_name_search_ignores_accents_and_case(reviewer, world):
    assert _names(lookup_records(user=reviewer, params=_params(reviewer, q="nguyen van an"))) == ["Nguyễn Văn Ân"] * 2
    assert _names(lookup_records(user=reviewer, params=_params(reviewer, q="BÌNH"))) == ["Trần Thị Bình"]
    assert _names(lookup_records(user=reviewer, params=_params(reviewer, q="bang la"))) == ["UBND phường Bàng La"]


def test_officer_sees_only_the_records_of_their_scope(officer, other_officer, world):
    assert _names(lookup_records(user=officer, params=_params(officer))) == sorted(
        ["Nguyễn Văn Ân", "Nguyễn Văn Ân", "Trần Thị Bình", "UBND phường Bàng La"]
    )
    assert _names(lookup_records(user=other_officer, params=_params(other_officer))) == ["Lê Văn Cường", "Phạm Thị Dung"]


def test_year_range_edges(reviewer, world):
    got = lookup_records(user=reviewer, params=_params(reviewer, year_from="2024", year_to="2024"))
    assert sorted(r.year for r in got) == [2024, 2024]
    assert lookup_records(user=reviewer, params=_params(reviewer, year_from="2026")).count() == 0


def test_decision_date_range_and_number(reviewer, world):
    # make_record dates every decision 20/12 of its year and numbers it YY/QĐ-UBND.
    on_the_day = _params(reviewer, date_from="20/12/2024", date_to="20/12/2024")
    assert _names(lookup_records(user=reviewer, params=on_the_day)) == ["Nguyễn Văn Ân", "Trần Thị Bình"]
    assert lookup_records(user=reviewer, params=_params(reviewer, date_from="21/12/2024", date_to="19/12/2025")).count() == 0
    assert _names(lookup_records(user=reviewer, params=_params(reviewer, decision_number="23/QĐ"))) == ["Nguyễn Văn Ân"]


def test_gender_direct_worker_and_birth_year_count_unknown_apart(reviewer, world):
    def names(**data):
        return _names(lookup_records(user=reviewer, params=_params(reviewer, **data)))

    assert names(gender=Gender.FEMALE) == ["Phạm Thị Dung", "Trần Thị Bình"]
    assert names(gender="unknown") == ["Lê Văn Cường"]
    assert names(direct_worker="0") == ["Trần Thị Bình"]
    assert names(direct_worker="unknown") == ["Lê Văn Cường"]
    assert names(direct_worker="1") == ["Nguyễn Văn Ân", "Nguyễn Văn Ân", "Phạm Thị Dung"]
    assert names(birth_year_from="1985", birth_year_to="1990") == ["Lê Văn Cường", "Trần Thị Bình"]
    assert names(birth_year_from="1986", birth_year_to="1989") == []


def test_award_level_and_subject(reviewer, world):
    def names(**data):
        return _names(lookup_records(user=reviewer, params=_params(reviewer, **data)))

    assert names(award_code="chien-si-thi-dua-co-so") == ["Trần Thị Bình"]
    assert names(subject="unit") == ["UBND phường Bàng La"]
    assert len(names(subject="person")) == 5
    levels = {r.award_kind.conferring_level for r in lookup_records(user=reviewer, params=_params(reviewer))}
    for level in levels:
        got = lookup_records(user=reviewer, params=_params(reviewer, level=level))
        assert got.count() and all(r.award_kind.conferring_level == level for r in got)


def test_a_unit_includes_its_sub_units_and_the_units_it_succeeded(reviewer, district, make_record):
    old = UnitFactory(name="UBND phường Vạn Hương", short_code="P-VH", kind=UnitKind.WARD, parent=district)
    heir = UnitFactory(name="UBND phường Đồ Sơn mới", short_code="P-DS2", kind=UnitKind.WARD, parent=district)
    old.successors.add(heir)
    school = UnitFactory(name="Trường Tiểu học Vạn Hương", short_code="TH-VH", kind=UnitKind.PUBLIC_SERVICE, parent=heir)
    make_record(code="tap-the-lao-dong-tien-tien", year=2024, unit=old)
    make_record(code="tap-the-lao-dong-tien-tien", year=2025, unit=school)
    make_record(code="lao-dong-tien-tien", year=2025, person=PersonFactory(unit=heir, full_name="Vũ Thị Hà"))
    got = _names(lookup_records(user=reviewer, params=_params(reviewer, unit=str(heir.pk))))
    assert got == ["Trường Tiểu học Vạn Hương", "UBND phường Vạn Hương", "Vũ Thị Hà"]
    assert _names(lookup_records(user=reviewer, params=_params(reviewer, unit=str(school.pk)))) == ["Trường Tiểu học Vạn Hương"]


def test_nominations_with_state_and_decision(reviewer, officer, other_officer, make_nomination, world):
    make_nomination(person=world["an"], state=NominationState.SUBMITTED)
    make_nomination(person=world["cuong"], state=NominationState.DRAFT)

    def names(user, **data):
        return _names(lookup_nominations(user=user, params=_params(user, source="nominations", **data)))

    assert names(reviewer, state=NominationState.SUBMITTED) == ["Nguyễn Văn Ân"]
    assert names(reviewer, q="cuong") == ["Lê Văn Cường"]
    assert names(officer) == ["Nguyễn Văn Ân"]
    assert names(other_officer) == ["Lê Văn Cường"]
    assert names(reviewer, direct_worker="unknown") == ["Lê Văn Cường"]


def test_reversed_ranges_are_refused_in_vietnamese(reviewer):
    form = LookupForm({"year_from": "2025", "year_to": "2024", "date_from": "02/01/2025", "date_to": "01/01/2025"}, user=reviewer)
    assert not form.is_valid()
    assert form.errors["year_to"] == ["Năm khen “đến” phải sau hoặc bằng năm “từ”."]
    assert form.errors["date_to"] == ["Ngày “đến” phải sau hoặc bằng ngày “từ”."]


def test_page_lists_links_to_history_and_paginates(client_for, reviewer, world):
    response = client_for(reviewer).get(reverse("awards:lookup"), {"q": "nguyen van an"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Tìm thấy <strong>2</strong> khen thưởng" in text
    assert reverse("awards:person-awards", args=[world["an"].pk]) in text
    empty = client_for(reviewer).get(reverse("awards:lookup"), {"q": "không ai tên thế này"}).content.decode()
    assert "Không tìm thấy khen thưởng hay đề nghị nào" in empty


def test_export_has_the_chosen_columns_and_the_scoped_rows(client_for, officer, world):
    response = client_for(officer).get(reverse("awards:lookup"), {"export": "xlsx", "col": ["recipient", "year", "direct", "gender"]})
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    rows = list(load_workbook(io.BytesIO(body), read_only=True).active.iter_rows(values_only=True))
    assert rows[0] == ("Người/tập thể được khen", "Năm", "LĐ trực tiếp", "Giới tính")
    assert sorted(rows[1:]) == sorted(
        [
            ("Nguyễn Văn Ân", 2024, "Có", "Nam"),
            ("Nguyễn Văn Ân", 2023, "Có", "Nam"),
            ("Trần Thị Bình", 2024, "Không", "Nữ"),
            ("UBND phường Bàng La", 2025, None, None),
        ]
    )


def test_anonymous_is_sent_to_sign_in(client_for):
    response = client_for(None).get(reverse("awards:lookup"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_history_survives_the_dates(reviewer, world):
    """The filter on decision dates takes dd/mm/yyyy like every other date field."""
    params = _params(reviewer, date_from="01/01/2025")
    assert all(r.decision_date >= dt.date(2025, 1, 1) for r in lookup_records(user=reviewer, params=params))
