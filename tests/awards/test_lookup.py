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


# --- Paging without an exact count over every row (dosonthidua.views.paginate_capped) -----------


def _capped(user, cap, page=None, qs=None):
    from django.test import RequestFactory

    from dosonthidua.views import paginate_capped

    request = RequestFactory().get("/", {"page": page} if page else {})
    qs = lookup_records(user=user, params={}) if qs is None else qs
    return paginate_capped(request, qs, per_page=2, cap=cap)


def _many_records(unit, make_record, n):
    """n records of n people, years 2000.. so the lookup's order (newest first) is known."""
    people = [PersonFactory(unit=unit, full_name=f"Người Số {i:02d}") for i in range(n)]
    for i, person in enumerate(people):
        make_record(code="lao-dong-tien-tien", year=2000 + i, person=person)
    return [p.full_name for p in reversed(people)]  # the lookup's order


def test_the_count_is_exact_up_to_the_cap_and_said_to_be_more_above_it(reviewer, unit, make_record, django_assert_max_num_queries):
    order = _many_records(unit, make_record, 7)
    exact = _capped(reviewer, cap=10)
    assert (exact.paginator.capped, exact.paginator.count, exact.paginator.num_pages) == (False, 7, 4)
    assert [r.recipient_name for r in exact.object_list] == order[:2]
    capped = _capped(reviewer, cap=5)
    assert capped.paginator.capped and capped.has_next() and not capped.has_previous()
    assert capped.paginator.cap_label == "5"
    # Past the cap the pages still follow each other, in order, one at a time.
    names = []
    qs = lookup_records(user=reviewer, params={})
    for number in range(1, 5):
        with django_assert_max_num_queries(2):  # the ids in order, then the rows with their relations
            page = _capped(reviewer, cap=5, page=number, qs=qs)
        names += [r.recipient_name for r in page.object_list]
        assert page.has_next() == (number < 4)
    assert names == order
    assert _capped(reviewer, cap=5, page=4).paginator.capped  # past the cap: still "more than 5"
    # A page past the end (typed by hand) counts every row once and shows the last page.
    last = _capped(reviewer, cap=5, page=9)
    assert (last.number, last.paginator.capped, last.paginator.count) == (4, False, 7)
    assert [r.recipient_name for r in last.object_list] == order[6:]
    assert _capped(reviewer, cap=10, page=9).number == 4
    assert _capped(reviewer, cap=10, page="abc").number == 1


def test_the_page_says_more_than_the_cap_and_its_links_keep_the_filters(client_for, reviewer, unit, make_record, monkeypatch):
    from dosonthidua import views

    _many_records(unit, make_record, 30)
    url = reverse("awards:lookup")
    params = {"q": "nguoi so", "col": ["recipient", "year"], "year_from": "2000"}
    text = client_for(reviewer).get(url, params).content.decode()
    assert "Tìm thấy <strong>30</strong> khen thưởng" in text and "Trang 1/2 · 30 bản ghi" in text
    assert "q=nguoi+so&amp;col=recipient&amp;col=year&amp;year_from=2000&amp;page=2" in text
    second = client_for(reviewer).get(url, {**params, "page": 2}).content.decode()
    assert "Người Số 04" in second and "Người Số 05" not in second  # rows 26-30, newest first
    monkeypatch.setattr(views, "COUNT_CAP", 20)
    capped = client_for(reviewer).get(url, params).content.decode()
    assert "Tìm thấy <strong>hơn 20</strong> khen thưởng" in capped and "cổng chỉ đếm đến 20" in capped
    assert "Trang 1 · hơn 20 bản ghi" in capped and "Trang cuối" not in capped


def test_a_record_is_found_by_its_recipients_name_unit_and_scope_not_by_a_join(reviewer, officer, unit, other_unit, make_record):
    """The name, unit and scope filters read the recipients first (people, units), then the records
    by recipient: a collective's record is found by its own name, a person's by theirs, never the
    other way round (a person working in a unit named alike is not that unit's record)."""
    alike = PersonFactory(unit=other_unit, full_name="Bàng La Văn Tâm")
    make_record(code="lao-dong-tien-tien", year=2025, person=alike)
    make_record(code="tap-the-lao-dong-tien-tien", year=2025, unit=unit)  # "UBND phường Bàng La"
    assert _names(lookup_records(user=reviewer, params=_params(reviewer, q="ubnd bang la"))) == ["UBND phường Bàng La"]
    assert _names(lookup_records(user=reviewer, params=_params(reviewer, q="bang la"))) == ["Bàng La Văn Tâm", "UBND phường Bàng La"]
    assert _names(lookup_records(user=officer, params=_params(officer, q="bang la"))) == ["UBND phường Bàng La"]
    assert _names(lookup_records(user=reviewer, params=_params(reviewer, unit=str(other_unit.pk)))) == ["Bàng La Văn Tâm"]
