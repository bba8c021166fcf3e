"""Property-based tests of the nomination web form and the nomination Excel import: random Unicode,
decomposed Vietnamese, huge strings, impossible years, hostile files. Each case ends in a clear
Vietnamese message or a clean save, never a server error, never half-written."""

import io
import unicodedata

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from awards.importers import NOMINATION_HEADERS, validate_nominations
from awards.models import AwardKind, Nomination, NominationAttachment

pytestmark = pytest.mark.django_db

HYPO = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
cell = st.one_of(
    st.none(), st.text(max_size=200), st.integers(min_value=-(10**9), max_value=10**9), st.floats(allow_nan=True), st.booleans()
)


@pytest.fixture
def giay_khen(db):
    return AwardKind.objects.filter(code="giay-khen-chu-tich").order_by("-valid_from").first()


@HYPO
@given(
    summary=st.text(max_size=3000),
    year=st.one_of(st.integers(-(10**6), 10**6), st.text(max_size=10)),
    period=st.sampled_from(["calendar", "school", "", "xyz"]),
)
def test_nomination_form_never_errors(client_for, officer, person, giay_khen, summary, year, period):
    client = client_for(officer)
    before = Nomination.objects.count()
    response = client.post(
        reverse("awards:nomination-create"),
        {
            "nominee_type": "person",
            "nominee_person": person.pk,
            "award_kind": giay_khen.pk,
            "period_kind": period,
            "year": year,
            "basis": "merit",
            "achievement_summary": summary,
        },
    )
    assert response.status_code in (200, 302)
    after = Nomination.objects.count()
    if response.status_code == 200:  # refused: nothing written, the typed summary is kept
        assert after == before
        assert "alert" in response.content.decode() or "invalid-feedback" in response.content.decode()
    else:
        saved = Nomination.objects.order_by("-id").first()
        assert saved.achievement_summary == unicodedata.normalize("NFC", saved.achievement_summary)
        saved.delete()


def test_nomination_form_decomposed_vietnamese_is_stored_composed(client_for, officer, person, giay_khen):
    nfd = unicodedata.normalize("NFD", "Hoàn thành xuất sắc nhiệm vụ; tích cực tham gia phong trào “Dân vận khéo”.")
    client_for(officer).post(
        reverse("awards:nomination-create"),
        {
            "nominee_type": "person",
            "nominee_person": person.pk,
            "award_kind": giay_khen.pk,
            "period_kind": "calendar",
            "year": 2025,
            "basis": "merit",
            "achievement_summary": nfd,
        },
    )
    assert Nomination.objects.get().achievement_summary == unicodedata.normalize("NFC", nfd)


@HYPO
@given(rows=st.lists(st.lists(cell, min_size=len(NOMINATION_HEADERS), max_size=len(NOMINATION_HEADERS)), max_size=10))
def test_nomination_import_random_cells_never_crash(officer, unit, rows):
    before = Nomination.objects.count()
    parsed = [(i + 2, dict(zip(NOMINATION_HEADERS, row, strict=True))) for i, row in enumerate(rows)]
    result = validate_nominations(parsed, user=officer)
    assert Nomination.objects.count() == before
    for number, message in result.errors:
        assert isinstance(number, int) and message


@pytest.mark.parametrize("payload", [b"", b"PK\x03\x04garbage", b"%PDF-1.4 not a sheet", "xin chào".encode()])
def test_nomination_import_hostile_files_refused_in_vietnamese(client_for, officer, payload):
    upload = io.BytesIO(payload)
    upload.name = "danh-sach.xlsx"
    response = client_for(officer).post(reverse("awards:import", args=["nominations"]), {"file": upload})
    assert response.status_code == 200
    body = response.content.decode()
    assert any(w in body for w in ["không phải Excel", "Không đọc được", "Tệp", "trống"]), body[:300]
    assert Nomination.objects.count() == 0


def test_nomination_import_formula_cells_stay_text(client_for, officer, unit, person):
    wb = Workbook()
    wb.active.append(NOMINATION_HEADERS)
    wb.active.append(
        [
            "Cá nhân",
            person.full_name,
            unit.short_code,
            "giay-khen-chu-tich",
            2025,
            "Năm",
            "Công trạng và thành tích",
            "Không",
            '=HYPERLINK("http://x","bấm")',
        ]
    )
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    buffer.name = "ds.xlsx"
    response = client_for(officer).post(reverse("awards:import", args=["nominations"]), {"file": buffer})
    assert response.status_code == 200
    assert NominationAttachment.objects.count() == 0
