"""Issue 11: people and unit imports with rows as real published lists write them: honorifics and
ranks before names, blank optional columns, re-uploads, units by name, xã and đặc khu, the template's
list of allowed values."""

import io
import unicodedata

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from units.enums import UnitKind
from units.importers import PEOPLE_HEADERS, UNIT_HEADERS, validate_people, validate_units
from units.models import Person, Unit
from units.names import name_key, split_honorific

from ..factories import PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db


def _xlsx(rows, headers=PEOPLE_HEADERS):
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    buffer.name = "danh-sach.xlsx"
    return buffer


def _rows(*rows, headers=PEOPLE_HEADERS):
    return [(i, dict(zip(headers, r, strict=False))) for i, r in enumerate(rows, start=2)]


@pytest.mark.parametrize(
    ("written", "honorific", "name"),
    [
        ("Thầy Nguyễn Văn Đóa", "Thầy", "Nguyễn Văn Đóa"),
        ("Cô giáo Phạm Thị Thu Trang", "Cô giáo", "Phạm Thị Thu Trang"),
        ("Đại tá Trần Văn Hùng", "Đại tá", "Trần Văn Hùng"),
        ("Thiếu úy Lò Văn Sơn", "Thiếu úy", "Lò Văn Sơn"),
        ("Đồng chí Thượng tá Vũ Đức Long", "Đồng chí Thượng tá", "Vũ Đức Long"),
        ("PGS.TS. Lê Thị Mai", "PGS.TS.", "Lê Thị Mai"),
        ("ThS. BS. Hoàng Minh Châu", "ThS. BS.", "Hoàng Minh Châu"),
        ("Bà Đỗ Thị Lan", "Bà", "Đỗ Thị Lan"),
        ("Ông  Ngô   Quang Vinh", "Ông", "Ngô Quang Vinh"),
        ("Bà Nguyễn", "", "Bà Nguyễn"),  # too short to be an honorific plus a name
        ("Cao Văn Thầy", "", "Cao Văn Thầy"),
    ],
)
def test_honorifics_and_ranks_are_split_off(written, honorific, name):
    assert split_honorific(written) == (honorific, name)


def test_name_key_ignores_honorific_case_and_normal_form():
    decomposed = unicodedata.normalize("NFD", "Thầy Nguyễn Văn Đóa")
    assert decomposed != "Thầy Nguyễn Văn Đóa"
    assert name_key(decomposed) == name_key("nguyễn văn đóa") == name_key("Nguyễn Văn Đóa")


def test_published_school_list_with_honorifics_and_blank_optional_columns(officer, unit):
    result = validate_people(
        _rows(
            ["Thầy Nguyễn Văn Đóa", "", "", "Giáo viên", unit.short_code, ""],
            ["Cô Phạm Thị Huệ", "Nữ", 1979, "Tổ trưởng chuyên môn", unit.short_code, "Không"],
            ["Đại úy Bùi Văn Tài", "Nam", "", "", unit.short_code, "Có"],
        ),
        user=officer,
    )
    assert result.errors == []
    fields = [f for _, _, f in result.rows]
    assert [(f["honorific"], f["full_name"]) for f in fields] == [
        ("Thầy", "Nguyễn Văn Đóa"),
        ("Cô", "Phạm Thị Huệ"),
        ("Đại úy", "Bùi Văn Tài"),
    ]
    # Blank means unknown, not "Không".
    assert (fields[0]["gender"], fields[0]["birth_year"], fields[0]["is_direct_worker"]) == ("", None, None)
    displays = [d for _, d, _ in result.rows]
    assert displays[0][1:] == ["Chưa rõ", "Chưa rõ", "Giáo viên", unit.name, "Chưa rõ"]
    assert displays[1][5] == "Không" and displays[2][5] == "Có"
    assert not any(v in (True, False, "True", "False") for d in displays for v in d)


def test_people_import_without_gender_column_writes_unknowns(client_for, officer, unit):
    client = client_for(officer)
    upload = _xlsx([["Thầy Nguyễn Văn Đóa", unit.short_code]], headers=["Họ và tên", "Mã đơn vị"])
    response = client.post(reverse("units:import", args=["people"]), {"file": upload})
    page = response.content.decode()
    assert "Xác nhận nhập 1 dòng" in page and "True" not in page and "False" not in page
    client.post(reverse("units:import", args=["people"]), {"confirm": "1"})
    person = Person.objects.get()
    assert (person.honorific, person.full_name, person.gender, person.is_direct_worker) == ("Thầy", "Nguyễn Văn Đóa", "", None)


def test_reupload_is_shown_as_existing_and_skipped(client_for, officer, unit):
    PersonFactory(unit=unit, full_name="Nguyễn Văn Đóa", birth_year=1975, position="Giáo viên")
    client = client_for(officer)
    rows = [
        ["Thầy Nguyễn Văn Đóa", "Nam", 1975, "Hiệu phó", unit.short_code, "Không"],
        ["Cô Lê Thị Hằng", "Nữ", 1988, "Giáo viên", unit.short_code, "Có"],
    ]
    response = client.post(reverse("units:import", args=["people"]), {"file": _xlsx(rows), "on_existing": "skip"})
    page = response.content.decode()
    assert "đã có" in page and "Dòng 2: Đã có: Nguyễn Văn Đóa" in page
    response = client.post(reverse("units:import", args=["people"]), {"confirm": "1"}, follow=True)
    assert "Đã nhập 1 dòng. Bỏ qua 1 dòng đã có." in response.content.decode()
    assert Person.objects.count() == 2
    assert Person.objects.get(full_name="Nguyễn Văn Đóa").position == "Giáo viên"


def test_reupload_can_update_the_existing_person(client_for, officer, unit):
    PersonFactory(unit=unit, full_name="Nguyễn Văn Đóa", birth_year=None, position="Giáo viên")
    client = client_for(officer)
    rows = [["Thầy Nguyễn Văn Đóa", "Nam", 1975, "Hiệu phó", unit.short_code, ""]]
    client.post(reverse("units:import", args=["people"]), {"file": _xlsx(rows), "on_existing": "update"})
    client.post(reverse("units:import", args=["people"]), {"confirm": "1"})
    person = Person.objects.get()
    assert (person.honorific, person.position, person.birth_year) == ("Thầy", "Hiệu phó", 1975)
    assert person.is_direct_worker is True  # a blank cell keeps what was recorded


def test_same_person_twice_in_one_file_is_refused_with_both_rows(officer, unit):
    result = validate_people(
        _rows(["Thầy Nguyễn Văn Đóa", "Nam", 1975, "", unit.short_code, ""], ["Nguyễn Văn Đóa", "Nam", 1975, "", unit.short_code, ""]),
        user=officer,
    )
    assert result.errors == [(3, "Trùng với dòng 2 trong tệp (cùng họ tên, đơn vị, năm sinh).")]


def test_person_created_by_hand_warns_about_an_existing_one(client_for, officer, unit):
    PersonFactory(unit=unit, full_name="Nguyễn Văn Đóa", birth_year=1975)
    client = client_for(officer)
    data = {"full_name": unicodedata.normalize("NFD", "Thầy Nguyễn Văn Đóa"), "gender": "male", "birth_year": 1975, "unit": unit.pk}
    data.update({"is_direct_worker": "unknown", "active": "on"})
    response = client.post(reverse("units:person-create"), data)
    assert response.status_code == 200
    assert "Đã có: Nguyễn Văn Đóa, sinh năm 1975" in response.content.decode()
    assert Person.objects.count() == 1
    response = client.post(reverse("units:person-create"), {**data, "confirm_duplicate": "on"})
    assert response.status_code == 302
    created = Person.objects.order_by("-pk").first()
    assert (created.honorific, created.full_name, created.is_direct_worker) == ("Thầy", "Nguyễn Văn Đóa", None)


# --- Units -------------------------------------------------------------------------------------------


def _unit_rows(*rows):
    return _rows(*rows, headers=UNIT_HEADERS)


def test_units_by_published_name_with_generated_and_vietnamese_codes(district):
    result = validate_units(
        _unit_rows(
            ["", "UBND xã Kiến Thụy", "xã", district.short_code, 1],
            ["", "UBND đặc khu Cát Hải", "đặc khu", district.name, 2],
            ["P-ĐỒSƠN", "UBND phường Đồ Sơn", "UBND phường", "", 3],
            ["", "Tổ dân phố 5", "Tổ dân phố", "UBND phường Đồ Sơn", 4],
        )
    )
    assert result.errors == []
    fields = [f for _, _, f in result.rows]
    assert [f["short_code"] for f in fields] == ["UBND-XA-KIEN-THUY", "UBND-DAC-KHU-CAT-HAI", "P-ĐỒSƠN", "TO-DAN-PHO-5"]
    assert [f["kind"] for f in fields] == [UnitKind.COMMUNE, UnitKind.SPECIAL_ZONE, UnitKind.WARD, UnitKind.RESIDENTIAL_GROUP]
    assert [f["parent_code"] for f in fields] == [district.short_code, district.short_code, None, "P-ĐỒSƠN"]


def test_units_import_writes_vietnamese_codes_and_detects_reupload(client_for, reviewer, district):
    client = client_for(reviewer)
    rows = [["P-ĐỒSƠN", "UBND phường Đồ Sơn", "phường", district.short_code, 3], ["", "UBND xã Bạch Đằng", "xã", "", 4]]
    client.post(reverse("units:import", args=["units"]), {"file": _xlsx(rows, UNIT_HEADERS)})
    client.post(reverse("units:import", args=["units"]), {"confirm": "1"})
    assert Unit.objects.get(short_code="P-ĐỒSƠN").parent == district
    assert Unit.objects.get(name="UBND xã Bạch Đằng").kind == UnitKind.COMMUNE
    count = Unit.objects.count()
    # The same list again, the second unit written in another case and without its code.
    again = [["P-ĐỒSƠN", "UBND phường Đồ Sơn", "phường", district.short_code, 3], ["", "ubnd xã bạch đằng", "xã", "", 9]]
    response = client.post(reverse("units:import", args=["units"]), {"file": _xlsx(again, UNIT_HEADERS)})
    page = response.content.decode()
    assert page.count('badge text-bg-warning" title="Đã có') == 2
    client.post(reverse("units:import", args=["units"]), {"confirm": "1"})
    assert Unit.objects.count() == count
    assert Unit.objects.get(name="UBND xã Bạch Đằng").display_order == 4


def test_unit_with_a_known_name_but_another_code_is_refused(district):
    UnitFactory(name="UBND xã Kiến Thụy", short_code="XA-KT", parent=district)
    result = validate_units(_unit_rows(["KIENTHUY", "UBND xã Kiến Thụy", "xã", "", 1]))
    assert result.errors == [(2, "Đơn vị “UBND xã Kiến Thụy” đã có với mã “XA-KT”, khác mã “KIENTHUY” trong tệp; hãy sửa mã cho khớp.")]


def test_unit_row_messages_share_one_style(district):
    result = validate_units(_unit_rows(["A B", "", "không rõ", "KHONG-CO", -1]))
    [(number, message)] = result.errors
    assert number == 2 and message[0].isupper() and message.endswith(".")


@pytest.mark.parametrize(("kind", "column", "value"), [("people", "Giới tính", "Nữ"), ("units", "Loại đơn vị", "UBND đặc khu")])
def test_template_second_sheet_lists_allowed_values(client_for, reviewer, officer, kind, column, value):
    user = officer if kind == "people" else reviewer
    response = client_for(user).get(reverse("units:import-template", args=[kind]))
    wb = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert wb.sheetnames[1] == "Giá trị hợp lệ"
    rows = list(wb["Giá trị hợp lệ"].iter_rows(values_only=True))
    assert rows[0] == ("Cột", "Giá trị", "Ý nghĩa")
    assert (column, value) in [(r[0], r[1]) for r in rows]
