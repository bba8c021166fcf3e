"""Property-based tests (hypothesis): whatever a user types or uploads, the portal answers with a
clear Vietnamese message or a clean save, never a server error, and never writes half a file."""

import io
import unicodedata
import zipfile

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from dosonthidua.spreadsheets import SpreadsheetError, read_rows
from units.forms import PersonForm
from units.importers import PEOPLE_HEADERS, validate_people
from units.models import Person

pytestmark = pytest.mark.django_db

HYPO = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
cell = st.one_of(
    st.none(), st.text(max_size=300), st.integers(min_value=-(10**12), max_value=10**12), st.floats(allow_nan=True), st.booleans()
)


@HYPO
@given(
    name=st.text(max_size=400),
    year=st.one_of(st.none(), st.integers(-(10**6), 10**6), st.text(max_size=12)),
    position=st.text(max_size=400),
)
def test_person_form_never_crashes(officer, unit, name, year, position):
    form = PersonForm(
        {"full_name": name, "gender": "female", "birth_year": year, "position": position, "unit": unit.pk, "active": "on"},
        user=officer,
    )
    if form.is_valid():
        person = form.save()
        assert person.full_name == unicodedata.normalize("NFC", person.full_name)
        assert 2 <= len(person.full_name) <= 150
        person.delete()
    else:
        assert form.errors


@HYPO
@given(rows=st.lists(st.lists(cell, min_size=6, max_size=6), max_size=12))
def test_people_import_random_cells_never_crash_nor_half_write(officer, unit, rows):
    before = Person.objects.count()
    parsed = [(i + 2, dict(zip(PEOPLE_HEADERS, row, strict=True))) for i, row in enumerate(rows)]
    result = validate_people(parsed, user=officer)
    assert Person.objects.count() == before  # validation writes nothing
    for number, message in result.errors:
        assert isinstance(number, int) and message


@HYPO
@given(data=st.binary(max_size=4096))
def test_read_rows_refuses_arbitrary_bytes_cleanly(data):
    upload = io.BytesIO(data)
    try:
        read_rows(upload, PEOPLE_HEADERS)
    except SpreadsheetError as exc:
        assert str(exc)


def _hostile_xlsx(kind):
    buffer = io.BytesIO()
    if kind == "truncated":
        wb = Workbook()
        wb.active.append(PEOPLE_HEADERS)
        wb.save(buffer)
        return io.BytesIO(buffer.getvalue()[:300])
    if kind == "zip-not-xlsx":
        with zipfile.ZipFile(buffer, "w") as z:
            z.writestr("hello.txt", "xin chào")
        buffer.seek(0)
        return buffer
    if kind == "no-headers":
        wb = Workbook()
        wb.active.append(["a", "b"])
        wb.save(buffer)
        buffer.seek(0)
        return buffer
    if kind == "formula-and-nfd":
        wb = Workbook()
        wb.active.append(PEOPLE_HEADERS)
        wb.active.append(["=cmd|' /C calc'!A0", "Nam", "=1+1", "Chuye\u0302n vie\u0302n", "X", "Có"])
        wb.save(buffer)
        buffer.seek(0)
        return buffer
    raise AssertionError(kind)


@pytest.mark.parametrize("kind", ["truncated", "zip-not-xlsx", "no-headers", "formula-and-nfd"])
def test_hostile_spreadsheets_get_a_vietnamese_message(client_for, officer, kind):
    upload = _hostile_xlsx(kind)
    upload.name = "ds.xlsx"
    response = client_for(officer).post(reverse("units:import", args=["people"]), {"file": upload})
    assert response.status_code == 200
    body = response.content.decode()
    assert any(word in body for word in ["Không đọc được", "Thiếu cột", "Dòng 2", "không phải Excel"]), body[:500]
    assert Person.objects.count() == 0


@pytest.mark.parametrize("value", ["31/02/2025", "00/00/0000", "2025-13-40", "99999999"])
def test_impossible_dates_are_refused_in_vietnamese(client_for, reviewer, value):
    response = client_for(reviewer).post(
        reverse("units:unit-create"), {"name": "Đơn vị X", "short_code": "X1", "kind": "other", "display_order": 1, "valid_from": value}
    )
    assert response.status_code == 200
    assert "Nhập ngày hợp lệ" in response.content.decode() or "ngày" in response.content.decode()
