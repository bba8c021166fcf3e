import io

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from units.enums import Gender
from units.importers import PEOPLE_HEADERS
from units.models import Person, Unit
from units.selectors import person_list, unit_subtree_ids

from ..factories import PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db


def test_person_search_accent_insensitive_finds_same_person(reviewer, unit):
    target = PersonFactory(unit=unit, full_name="Nguyễn Văn An")
    PersonFactory(unit=unit, full_name="Trần Đức Bình")
    for query in ["nguyen van an", "Nguyễn Văn An", "NGUYEN VAN", "van an"]:
        assert list(person_list(user=reviewer, q=query)) == [target], query
    assert [p.full_name for p in person_list(user=reviewer, q="duc binh")] == ["Trần Đức Bình"]


def test_person_names_sort_vietnamese_correctly(reviewer, unit):
    for name in ["Zân", "Đặng", "Ánh", "An", "Dương"]:
        PersonFactory(unit=unit, full_name=name)
    assert [p.full_name for p in person_list(user=reviewer)] == ["An", "Ánh", "Dương", "Đặng", "Zân"]


def test_person_form_normalises_nfd_input_to_nfc(client_for, officer, unit):
    decomposed = "Nguye\u0302\u0303n Thi\u0323 Ha\u0300"  # NFD "Nguyễn Thị Hà"
    response = client_for(officer).post(
        reverse("units:person-create"),
        {"full_name": decomposed, "gender": Gender.FEMALE, "birth_year": 1990, "position": "Chuyên viên", "unit": unit.pk, "active": "on"},
    )
    assert response.status_code == 302
    assert Person.objects.get().full_name == "Nguyễn Thị Hà"


def test_subtree_includes_descendants_only(unit, sub_unit, other_unit):
    assert set(unit_subtree_ids(unit.pk)) == {unit.pk, sub_unit.pk}


@pytest.mark.parametrize(
    ("persona", "own", "other"),
    [("officer", 200, 404), ("other_officer", 404, 200), ("reviewer", 200, 200), ("leader", 200, 200), ("council_member", 200, 200)],
)
def test_person_detail_scoped_by_unit(request, client_for, person, other_person, persona, own, other):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(reverse("units:person-detail", args=[person.pk])).status_code == own
    assert client.get(reverse("units:person-detail", args=[other_person.pk])).status_code == other


def test_person_detail_anonymous_redirects_to_login(client_for, person):
    response = client_for(None).get(reverse("units:person-detail", args=[person.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_officer_cannot_edit_other_units_person(client_for, officer, other_person):
    response = client_for(officer).post(reverse("units:person-update", args=[other_person.pk]), {"full_name": "X"})
    assert response.status_code == 404
    other_person.refresh_from_db()
    assert other_person.full_name == "Trần Thị Bình"


def test_officer_cannot_move_person_to_unit_outside_scope(client_for, officer, person, other_unit):
    response = client_for(officer).post(
        reverse("units:person-update", args=[person.pk]),
        {"full_name": "Nguyễn Văn An", "gender": Gender.MALE, "unit": other_unit.pk, "active": "on"},
    )
    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode() or "Lựa chọn" in response.content.decode()
    person.refresh_from_db()
    assert person.unit_id != other_unit.pk


def test_refused_person_form_keeps_typed_values(client_for, officer, unit):
    response = client_for(officer).post(reverse("units:person-create"), {"full_name": "Lê Thị Mai", "birth_year": "3000", "unit": unit.pk})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Lê Thị Mai" in body
    assert Person.objects.count() == 0


def test_unit_edit_forbidden_for_officer(client_for, officer, unit):
    assert client_for(officer).get(reverse("units:unit-update", args=[unit.pk])).status_code == 403


def test_reviewer_sees_history_of_person_changes(client_for, reviewer, unit):
    client = client_for(reviewer)
    client.post(reverse("units:person-create"), {"full_name": "Phạm Văn Long", "gender": Gender.MALE, "unit": unit.pk, "active": "on"})
    person = Person.objects.get()
    client.post(
        reverse("units:person-update", args=[person.pk]),
        {"full_name": "Phạm Văn Long", "gender": Gender.MALE, "position": "Trưởng phòng", "unit": unit.pk, "active": "on"},
    )
    body = client.get(reverse("units:person-detail", args=[person.pk])).content.decode()
    assert "Lịch sử thay đổi" in body
    assert "Trưởng phòng" in body
    assert reviewer.full_name in body


@pytest.mark.parametrize("rows", [1, 3])
def test_person_list_query_count_constant(client_for, reviewer, unit, rows, django_assert_max_num_queries):
    PersonFactory.create_batch(rows, unit=unit)
    client = client_for(reviewer)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("units:person-list"))
    assert response.status_code == 200
    assert response.context["page"].paginator.count == rows


@pytest.mark.parametrize("rows", [1, 3])
def test_unit_list_query_count_constant(client_for, reviewer, district, rows, django_assert_max_num_queries):
    UnitFactory.create_batch(rows, parent=district)
    client = client_for(reviewer)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("units:unit-list"))
    assert response.status_code == 200
    assert response.context["page"].paginator.count == rows + 1


def test_person_export_xlsx_escapes_formulas(client_for, reviewer, unit):
    PersonFactory(unit=unit, full_name='=HYPERLINK("http://x")')
    response = client_for(reviewer).get(reverse("units:person-list") + "?export=xlsx&active=")
    wb = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    names = [row[0] for row in wb.active.iter_rows(min_row=2, values_only=True)]
    assert names == ['\'=HYPERLINK("http://x")']


def _xlsx(rows, headers=PEOPLE_HEADERS):
    wb = Workbook()
    wb.active.append(headers)
    for row in rows:
        wb.active.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    buffer.name = "ds.xlsx"
    return buffer


def test_people_import_with_a_bad_row_writes_nothing(client_for, officer, unit, other_unit):
    upload = _xlsx(
        [
            ["Nguyễn Văn An", "Nam", 1980, "Chuyên viên", unit.short_code, "Có"],
            ["", "Nữ", "abc", "", other_unit.short_code, "có lẽ"],
        ]
    )
    response = client_for(officer).post(reverse("units:import", args=["people"]), {"file": upload})
    body = response.content.decode()
    assert "Dòng 3" in body
    assert "thiếu họ và tên" in body.lower()
    assert "không thuộc phạm vi quản lý" in body
    assert "Xác nhận nhập" not in body
    assert Person.objects.count() == 0


def test_people_import_preview_then_confirm_writes_all(client_for, officer, unit):
    client = client_for(officer)
    upload = _xlsx(
        [["Nguyễn Văn An", "Nam", 1980, "Chuyên viên", unit.short_code, "Có"], ["Lê Thị Hoa", "Nữ", None, "", unit.short_code, "Không"]]
    )
    response = client.post(reverse("units:import", args=["people"]), {"file": upload})
    assert "Xác nhận nhập 2 dòng" in response.content.decode()
    assert Person.objects.count() == 0
    response = client.post(reverse("units:import", args=["people"]), {"confirm": "1"})
    assert response.status_code == 302
    assert sorted(Person.objects.values_list("full_name", flat=True)) == ["Lê Thị Hoa", "Nguyễn Văn An"]


def test_people_import_refuses_non_excel(client_for, officer):
    fake = io.BytesIO(b"not a spreadsheet")
    fake.name = "../../x.xlsx"
    response = client_for(officer).post(reverse("units:import", args=["people"]), {"file": fake})
    assert "không phải Excel" in response.content.decode()


def test_units_import_only_for_managers(client_for, officer):
    assert client_for(officer).get(reverse("units:import", args=["units"])).status_code == 403


def test_units_import_creates_hierarchy(client_for, reviewer, district):
    client = client_for(reviewer)
    upload = _xlsx(
        [["P-MOI", "UBND phường Mới", "UBND phường", district.short_code, 5], ["TDP-MOI", "Tổ dân phố Mới", "Tổ dân phố", "P-MOI", 1]],
        headers=["Mã đơn vị", "Tên đơn vị", "Loại đơn vị", "Mã đơn vị cấp trên", "Thứ tự"],
    )
    response = client.post(reverse("units:import", args=["units"]), {"file": upload})
    assert "Xác nhận nhập 2 dòng" in response.content.decode()
    client.post(reverse("units:import", args=["units"]), {"confirm": "1"})
    assert Unit.objects.get(short_code="TDP-MOI").parent.short_code == "P-MOI"


def test_import_row_errors_keep_the_codes_as_typed(officer, unit, other_unit):
    from units.importers import validate_people

    result = validate_people(
        [(2, {"Họ và tên": "", "Giới tính": "Nam", "Mã đơn vị": other_unit.short_code, "Lao động trực tiếp": "Có"})], user=officer
    )
    [(number, message)] = result.errors
    assert number == 2
    assert message.startswith("Thiếu họ và tên; ")
    assert f"“{other_unit.short_code}”" in message and message.endswith(".")
