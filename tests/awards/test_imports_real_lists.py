"""Issue 11: nomination and award-history imports with rows as real published lists write them
(honorifics and ranks, collectives, duplicates, blank optional columns, stages of several years)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from awards.enums import NominationState, PeriodKind, RecordSource
from awards.importers import NOMINATION_HEADERS, RECORD_HEADERS, validate_nominations, validate_records
from awards.models import AwardRecord, Nomination
from tests.factories import PersonFactory

from .conftest import xlsx_bytes

pytestmark = pytest.mark.django_db


def _rows(headers, *rows):
    return [(i, dict(zip(headers, r, strict=False))) for i, r in enumerate(rows, start=2)]


@pytest.fixture
def teacher(unit):
    return PersonFactory(unit=unit, full_name="Nguyễn Văn Đóa", honorific="Thầy")


def test_nomination_row_finds_the_person_whatever_the_honorific(officer, unit, teacher, this_year):
    result = validate_nominations(
        _rows(
            NOMINATION_HEADERS,
            ["Cá nhân", "Nguyễn Văn Đóa", unit.short_code, "giay-khen-chu-tich", this_year, "Năm", "", "", "Hoàn thành xuất sắc nhiệm vụ."],
        ),
        user=officer,
    )
    assert result.errors == []
    assert result.rows[0][2]["nominee_person"] == teacher
    # The same row written with an honorific, and a person recorded with it in the name, match too.
    PersonFactory(unit=unit, full_name="Đại úy Trần Văn Hùng")
    result = validate_nominations(
        _rows(
            NOMINATION_HEADERS,
            ["Cá nhân", "Thầy Nguyễn Văn Đóa", unit.short_code, "lao-dong-tien-tien", this_year, "", "", "", "Hoàn thành tốt nhiệm vụ."],
            ["Cá nhân", "Trần Văn Hùng", unit.short_code, "lao-dong-tien-tien", this_year, "", "", "", "Hoàn thành tốt nhiệm vụ."],
        ),
        user=officer,
    )
    assert result.errors == []
    assert [d[7] for _, d, _ in result.rows] == ["Không", "Không"]  # blank "Hoàn thành xuất sắc" shown as Không, never False


def test_subject_mismatch_refused_with_row_and_reason(officer, unit, teacher, this_year):
    result = validate_nominations(
        _rows(
            NOMINATION_HEADERS,
            ["Tập thể", "", unit.short_code, "lao-dong-tien-tien", this_year, "Năm", "", "", "Tập thể hoàn thành tốt nhiệm vụ."],
            ["Cá nhân", "Thầy Nguyễn Văn Đóa", unit.short_code, "tap-the-lao-dong-tien-tien", this_year, "Năm", "", "", "Tốt."],
        ),
        user=officer,
    )
    assert result.errors == [
        (2, "“Lao động tiên tiến” chỉ dành cho cá nhân, nhưng dòng này là một tập thể."),
        (3, "“Tập thể lao động tiên tiến” dành cho tập thể, nhưng dòng này là một cá nhân."),
    ]


def test_record_import_refuses_subject_mismatch_too(unit, teacher):
    result = validate_records(
        _rows(RECORD_HEADERS, ["Tập thể", "", unit.short_code, "chien-si-thi-dua-co-so", 2023, "Năm", "15/QĐ-UBND", "20/12/2023", "UBND"])
    )
    assert result.errors == [(2, "“Chiến sĩ thi đua cơ sở” chỉ dành cho cá nhân, nhưng dòng này là một tập thể.")]


def test_duplicate_rows_refused_and_existing_nominations_marked(officer, unit, teacher, this_year, make_nomination):
    make_nomination(person=teacher, code="giay-khen-chu-tich")
    row = ["Cá nhân", "Thầy Nguyễn Văn Đóa", unit.short_code, "giay-khen-chu-tich", this_year, "Năm", "", "", "Thành tích."]
    other = ["Cá nhân", "Nguyễn Văn Đóa", unit.short_code, "lao-dong-tien-tien", this_year, "Năm", "", "", "Thành tích."]
    result = validate_nominations(_rows(NOMINATION_HEADERS, row, other, other), user=officer)
    assert result.errors == [(4, "Trùng với dòng 3 trong tệp.")]
    assert result.existing == {2: f"Đã có: đề nghị “Giấy khen của Chủ tịch UBND (cá nhân)” năm {this_year} cho Nguyễn Văn Đóa (dự thảo)."}


def _nomination_import(client, rows, on_existing):
    client.post(reverse("awards:import", args=["nominations"]), {"file": _upload(NOMINATION_HEADERS, rows), "on_existing": on_existing})
    return client.post(reverse("awards:import", args=["nominations"]), {"confirm": "1"}, follow=True)


def test_nominations_reupload_skipped_or_updated_never_duplicated(client_for, officer, unit, teacher, this_year, make_nomination):
    """A unit re-uploads its list: the rows already recorded are shown "đã có" and skipped, or
    written into the recorded drafts when the officer chooses; a nomination already sent on is
    never rewritten from a file."""
    draft = make_nomination(person=teacher, code="giay-khen-chu-tich")
    colleague = PersonFactory(unit=unit, full_name="Cô Lê Thị Mai")
    sent = make_nomination(person=colleague, code="giay-khen-chu-tich", state=NominationState.SUBMITTED)
    rows = [
        ["Cá nhân", "Thầy Nguyễn Văn Đóa", unit.short_code, "giay-khen-chu-tich", this_year, "Năm", "", "Có", "Thành tích mới của thầy."],
        ["Cá nhân", "Lê Thị Mai", unit.short_code, "giay-khen-chu-tich", this_year, "Năm", "", "", "Thành tích mới của cô."],
        ["Cá nhân", "Nguyễn Văn Đóa", unit.short_code, "lao-dong-tien-tien", this_year, "Năm", "", "", "Hoàn thành tốt nhiệm vụ."],
    ]
    client = client_for(officer)
    preview = client.post(reverse("awards:import", args=["nominations"]), {"file": _upload(NOMINATION_HEADERS, rows)}).content.decode()
    assert "2 dòng đã có" in preview and "đã gửi đi nên dòng này luôn được bỏ qua" in preview
    page = _nomination_import(client, rows, "skip").content.decode()
    assert "Đã nhập 1 dòng. Bỏ qua 2 dòng đã có." in page
    assert Nomination.objects.count() == 3  # the two recorded and the new Lao động tiên tiến
    draft.refresh_from_db()
    assert draft.achievement_summary == "Hoàn thành xuất sắc nhiệm vụ được giao."

    _nomination_import(client, rows, "update")
    assert Nomination.objects.count() == 3
    draft.refresh_from_db()
    sent.refresh_from_db()
    assert (draft.achievement_summary, draft.excellent_completion) == ("Thành tích mới của thầy.", True)
    assert draft.checked_at is not None  # the checks ran again on the updated draft
    assert sent.achievement_summary == "Hoàn thành xuất sắc nhiệm vụ được giao." and sent.state == NominationState.SUBMITTED


def test_records_reupload_can_update_imported_rows_only(client_for, reviewer, unit, teacher, make_nomination):
    decided = AwardRecord.objects.create(
        person=teacher,
        award_code="lao-dong-tien-tien",
        award_name="Lao động tiên tiến",
        year=2022,
        recipient_name=teacher.full_name,
        decision_number="01/QĐ-UBND",
        source=RecordSource.DECIDED,
    )
    rows = [
        ["Cá nhân", "Nguyễn Văn Đóa", unit.short_code, "chien-si-thi-dua-co-so", 2023, "Năm", "", "", ""],
        ["Cá nhân", "Nguyễn Văn Đóa", unit.short_code, "lao-dong-tien-tien", 2022, "Năm", "99/QĐ-UBND", "20/12/2022", "UBND"],
    ]
    client = client_for(reviewer)
    for on_existing in ("skip", "update"):
        client.post(reverse("awards:import", args=["records"]), {"file": _upload(RECORD_HEADERS, rows), "on_existing": on_existing})
        client.post(reverse("awards:import", args=["records"]), {"confirm": "1"})
    rows[0][6:9] = ["15/QĐ-UBND", "20/12/2023", "UBND quận"]
    client.post(reverse("awards:import", args=["records"]), {"file": _upload(RECORD_HEADERS, rows), "on_existing": "update"})
    client.post(reverse("awards:import", args=["records"]), {"confirm": "1"})
    assert AwardRecord.objects.count() == 2
    imported = AwardRecord.objects.get(award_code="chien-si-thi-dua-co-so")
    assert (imported.decision_number, imported.decision_date, imported.issuer_name) == ("15/QĐ-UBND", dt.date(2023, 12, 20), "UBND quận")
    decided.refresh_from_db()
    assert (decided.decision_number, decided.decision_date) == ("01/QĐ-UBND", None)  # decided in the portal: never rewritten


def test_nomination_year_outside_the_range_is_a_row_message(officer, unit, teacher, this_year):
    row = ["Cá nhân", "Nguyễn Văn Đóa", unit.short_code, "giay-khen-chu-tich", this_year + 2, "Năm", "", "", "Thành tích."]
    [(number, message)] = validate_nominations(_rows(NOMINATION_HEADERS, row), user=officer).errors
    assert (number, message) == (2, f"Năm xét khen thưởng phải từ 2000 đến {this_year + 1}.")


def test_records_reupload_shown_as_existing_and_not_duplicated(client_for, reviewer, unit, teacher):
    rows = [
        ["Cá nhân", "Thầy Nguyễn Văn Đóa", unit.short_code, "chien-si-thi-dua-co-so", 2023, "Năm", "15/QĐ-UBND", "20/12/2023", "UBND quận"],
        ["Tập thể", "", unit.short_code, "tap-the-lao-dong-tien-tien", 2023, "", "16/QĐ-UBND", "20/12/2023", "UBND quận"],
    ]
    client = client_for(reviewer)
    upload = {"file": _upload(RECORD_HEADERS, rows)}
    client.post(reverse("awards:import", args=["records"]), upload)
    client.post(reverse("awards:import", args=["records"]), {"confirm": "1"})
    assert AwardRecord.objects.count() == 2
    response = client.post(reverse("awards:import", args=["records"]), {"file": _upload(RECORD_HEADERS, rows)})
    page = response.content.decode()
    assert "Dòng 2: Đã có: Chiến sĩ thi đua cơ sở 2023 (15/QĐ-UBND)." in page
    client.post(reverse("awards:import", args=["records"]), {"confirm": "1"})
    assert AwardRecord.objects.count() == 2


def test_multi_year_stage_for_dedication_awards(unit, teacher):
    result = validate_records(
        _rows(
            RECORD_HEADERS,
            ["Cá nhân", "Nguyễn Văn Đóa", unit.short_code, "bang-khen-chu-tich-thanh-pho", "", "giai đoạn 2021–2025", "", "", ""],
            ["Cá nhân", "Nguyễn Văn Đóa", unit.short_code, "bang-khen-chu-tich-thanh-pho", 2024, "2016-2020", "", "", ""],
        )
    )
    assert result.errors == [(3, "Năm 2024 khác năm cuối của giai đoạn 2016–2020.")]
    fields = result.rows[0][2]
    assert (fields["period_kind"], fields["period_from"], fields["year"]) == (PeriodKind.STAGE, 2021, 2025)
    AwardRecord.objects.create(**fields)
    nomination = Nomination(period_kind=PeriodKind.STAGE, period_from=2021, year=2025)
    assert nomination.period_label == "giai đoạn 2021–2025"


def test_nomination_import_of_a_published_collective_list(client_for, officer, unit, teacher, this_year):
    rows = [
        ["Tập thể", "", unit.short_code, "giay-khen-chu-tich-tap-the", this_year, "Năm", "", "", "Tập thể tiêu biểu."],
        ["Cá nhân", "Thầy Nguyễn Văn Đóa", unit.short_code, "giay-khen-chu-tich", this_year, "Năm", "", "Có", "Cá nhân tiêu biểu."],
    ]
    client = client_for(officer)
    response = client.post(reverse("awards:import", args=["nominations"]), {"file": _upload(NOMINATION_HEADERS, rows)})
    page = response.content.decode()
    assert "Xác nhận nhập 2 dòng" in page and "True" not in page and "False" not in page
    client.post(reverse("awards:import", args=["nominations"]), {"confirm": "1"})
    assert sorted(Nomination.objects.values_list("nominee_name", flat=True)) == sorted([unit.name, "Nguyễn Văn Đóa"])


def _upload(headers, rows):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("ds.xlsx", xlsx_bytes(headers, rows))


def test_catalogue_page_shows_the_code_the_import_asks_for(client_for, officer):
    page = client_for(officer).get(reverse("awards:kind-list")).content.decode()
    assert '<code class="kind-code">lao-dong-tien-tien</code>' in page
    assert "Mã danh hiệu" in page
    assert timezone.localdate() >= dt.date(2025, 7, 1)


def test_nomination_template_lists_codes_and_periods(client_for, officer):
    import io

    from openpyxl import load_workbook

    response = client_for(officer).get(reverse("awards:import-template", args=["nominations"]))
    wb = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = [(r[0], r[1]) for r in wb["Giá trị hợp lệ"].iter_rows(values_only=True)]
    assert ("Mã danh hiệu", "lao-dong-tien-tien") in rows and ("Kỳ", "giai đoạn 2021–2025") in rows
