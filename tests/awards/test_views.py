import datetime as dt
import os
import subprocess
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from awards.enums import NominationState as S
from awards.models import AwardRecord, Nomination, NominationAttachment, Submission
from dosonthidua.uploads import clean_filename, validate_upload
from tests.factories import PersonFactory

from .conftest import PDF_BYTES, pdf_file, xlsx_bytes

pytestmark = pytest.mark.django_db


def form_data(person, kind, year, **extra):
    return {
        "nominee_type": "person",
        "nominee_person": person.pk,
        "award_kind": kind.pk,
        "period_kind": "calendar",
        "year": year,
        "basis": "merit",
        "achievement_summary": "Hoàn thành xuất sắc nhiệm vụ năm; chủ trì số hóa hồ sơ một cửa.",
        "attachment_kind": "achievement_report",
        **extra,
    }


# --- scope -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/khen-thuong/de-nghi/{pk}/",
        "/khen-thuong/de-nghi/{pk}/sua/",
        "/khen-thuong/ca-nhan/{person}/",
    ],
)
def test_other_units_nomination_answers_404(url, client_for, other_officer, person, make_nomination):
    nomination = make_nomination(person=person)
    response = client_for(other_officer).get(url.format(pk=nomination.pk, person=person.pk))
    assert response.status_code == 404


def test_other_units_transition_and_attachment_answer_404(client_for, other_officer, officer, person, make_nomination):
    nomination = make_nomination(person=person)
    from awards.services import attachment_add

    attachment = attachment_add(nomination=nomination, kind="achievement_report", uploaded=pdf_file(), by=officer)
    client = client_for(other_officer)
    assert (
        client.post(f"/khen-thuong/de-nghi/{nomination.pk}/chuyen/", {"to_state": "submitted", "expected_state": "draft"}).status_code
        == 404
    )
    assert client.get(f"/khen-thuong/de-nghi/{nomination.pk}/tai-lieu/{attachment.pk}/").status_code == 404
    assert Nomination.objects.get(pk=nomination.pk).state == S.DRAFT


def test_anonymous_is_sent_to_login(client_for):
    response = client_for(None).get("/khen-thuong/de-nghi/")
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


def test_reviewer_sees_every_unit(client_for, reviewer, person, other_person, make_nomination):
    make_nomination(person=person)
    make_nomination(person=other_person)
    content = client_for(reviewer).get("/khen-thuong/de-nghi/").content.decode()
    assert "Nguyễn Văn An" in content and "Trần Thị Bình" in content


# --- lists -----------------------------------------------------------------------------------------


def test_list_filters_search_and_counts(client_for, officer, unit, make_nomination):
    a = PersonFactory(unit=unit, full_name="Đặng Thị Ánh", is_direct_worker=True)
    b = PersonFactory(unit=unit, full_name="Lê Văn Bảo", is_direct_worker=False)
    make_nomination(person=a, state=S.SUBMITTED)
    make_nomination(person=b)
    client = client_for(officer)
    content = client.get("/khen-thuong/de-nghi/", {"q": "dang thi anh"}).content.decode()
    assert "Đặng Thị Ánh" in content and "Lê Văn Bảo" not in content
    content = client.get("/khen-thuong/de-nghi/", {"direct_worker": "0"}).content.decode()
    assert "Lê Văn Bảo" in content and "Đặng Thị Ánh" not in content
    c = PersonFactory(unit=unit, full_name="Vũ Chưa Rõ", is_direct_worker=None)
    make_nomination(person=c)
    unknown = client.get("/khen-thuong/de-nghi/", {"direct_worker": "unknown"}).content.decode()
    assert "Vũ Chưa Rõ" in unknown and "Lê Văn Bảo" not in unknown and "Đặng Thị Ánh" not in unknown
    assert "Vũ Chưa Rõ" not in client.get("/khen-thuong/de-nghi/", {"direct_worker": "0"}).content.decode()
    response = client.get("/khen-thuong/de-nghi/", {"state": "submitted"})
    assert [n.nominee_name for n in response.context["page"].object_list] == ["Đặng Thị Ánh"]
    counts = {state: count for state, _, count in response.context["counts"]}
    assert (counts["draft"], counts["submitted"], counts["returned"]) == (2, 1, 0)


@pytest.mark.parametrize("rows", [1, 3])
def test_list_query_count(rows, client_for, officer, unit, make_nomination, django_assert_num_queries):
    for _ in range(rows):
        make_nomination(person=PersonFactory(unit=unit))
    client = client_for(officer)
    client.get("/khen-thuong/de-nghi/")  # warm the session
    # session, user, scope subtree, campaigns (filter), units (filter), kinds (filter), page, menu/panel extras;
    # the state counts (and the total drawn from them) come from the cache after the first visit
    with django_assert_num_queries(8):
        response = client.get("/khen-thuong/de-nghi/")
    assert len(response.context["page"].object_list) == rows


@pytest.mark.parametrize("rows", [1, 3])
def test_reviewer_list_query_count(rows, client_for, reviewer, unit, make_nomination, django_assert_num_queries):
    for _ in range(rows):
        make_nomination(person=PersonFactory(unit=unit), state=S.SUBMITTED)
    client = client_for(reviewer)
    client.get("/khen-thuong/de-nghi/")
    with django_assert_num_queries(9):  # as above, plus the overdue cutoffs of the waiting nominations
        client.get("/khen-thuong/de-nghi/")


def test_export_with_chosen_columns(client_for, officer, person, make_nomination):
    make_nomination(person=person)
    response = client_for(officer).get("/khen-thuong/de-nghi/", {"export": "xlsx", "col": ["nominee", "state"]})
    from io import BytesIO

    from openpyxl import load_workbook

    ws = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    assert [c.value for c in ws[1]] == ["Người/tập thể được đề nghị", "Trạng thái"]
    assert [c.value for c in ws[2]] == ["Nguyễn Văn An", "Dự thảo"]


# --- the form --------------------------------------------------------------------------------------


def test_create_with_report_runs_checks(client_for, officer, person, kind, this_year, media_root):
    response = client_for(officer).post(
        "/khen-thuong/de-nghi/them/", form_data(person, kind("lao-dong-tien-tien"), this_year, attachment=pdf_file("../../bao cao.pdf"))
    )
    nomination = Nomination.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/khen-thuong/de-nghi/{nomination.pk}/"
    assert (nomination.unit, nomination.nominee_name, nomination.is_direct_worker, nomination.created_by) == (
        person.unit,
        "Nguyễn Văn An",
        True,
        officer,
    )
    attachment = NominationAttachment.objects.get()
    stored = Path(attachment.file.path).resolve()
    assert stored.is_relative_to(Path(media_root).resolve())
    assert stored.name != "bao cao.pdf" and stored.suffix == ".pdf"
    assert attachment.original_name == "bao cao.pdf"  # Django's parser already dropped the directories
    codes = {c["code"]: c["ok"] for c in nomination.checks}
    assert codes["achievement_report"] is True and codes["not_registered"] is False
    page = client_for(officer).get(response["Location"]).content.decode()
    assert "chưa đăng ký thi đua" in page and "Căn cứ:" in page


def test_refused_form_keeps_input(client_for, officer, person, kind, this_year):
    data = form_data(
        person, kind("giay-khen-chu-tich"), this_year, achievement_summary="Thành tích đặc biệt ghi bằng tiếng Việt", basis="campaign"
    )
    response = client_for(officer).post("/khen-thuong/de-nghi/them/", data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Khen thưởng theo đợt, chuyên đề phải chọn phong trào thi đua." in content
    assert "Thành tích đặc biệt ghi bằng tiếng Việt" in content
    assert f'value="{person.pk}" selected' in content
    assert not Nomination.objects.exists()


@pytest.mark.parametrize(
    "upload, message",
    [
        (SimpleUploadedFile("bao-cao.pdf", b"MZ\x90\x00 not a pdf at all", content_type="application/pdf"), "không đúng định dạng"),
        (SimpleUploadedFile("bao-cao.pdf", PDF_BYTES + b"0" * 2048, content_type="application/pdf"), "quá lớn"),
    ],
    ids=["wrong-type", "too-large"],
)
def test_bad_attachment_refused_nothing_saved(upload, message, settings, client_for, officer, person, kind, this_year, media_root):
    settings.UPLOAD_MAX_BYTES = 1024
    response = client_for(officer).post(
        "/khen-thuong/de-nghi/them/", form_data(person, kind("giay-khen-chu-tich"), this_year, attachment=upload)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Nomination.objects.exists() and not NominationAttachment.objects.exists()
    assert not any(Path(media_root).rglob("*.pdf"))


def test_path_like_names_refused():
    with pytest.raises(ValidationError, match="không được chứa đường dẫn"):
        clean_filename("../../x.pdf")
    with pytest.raises(ValidationError):
        validate_upload(SimpleUploadedFile("..\\..\\x.pdf", PDF_BYTES))


def test_duplicate_refused_by_form_and_database(client_for, officer, person, kind, this_year, make_nomination):
    make_nomination(person=person, code="giay-khen-chu-tich")
    response = client_for(officer).post("/khen-thuong/de-nghi/them/", form_data(person, kind("giay-khen-chu-tich"), this_year))
    assert "đã được đề nghị danh hiệu này trong cùng kỳ" in response.content.decode()
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        make_nomination(person=person, code="giay-khen-chu-tich")


def test_submitted_nomination_cannot_be_edited(client_for, officer, person, make_nomination):
    nomination = make_nomination(person=person, state=S.SUBMITTED)
    assert client_for(officer).get(f"/khen-thuong/de-nghi/{nomination.pk}/sua/").status_code == 403


def test_buttons_follow_the_rules(client_for, officer, reviewer, person, make_nomination):
    nomination = make_nomination(person=person, state=S.SUBMITTED)
    officer_page = client_for(officer).get(f"/khen-thuong/de-nghi/{nomination.pk}/").content.decode()
    reviewer_page = client_for(reviewer).get(f"/khen-thuong/de-nghi/{nomination.pk}/").content.decode()
    assert 'value="verified"' not in officer_page and 'value="withdrawn"' in officer_page
    assert 'value="verified"' in reviewer_page and 'value="returned"' in reviewer_page


def test_transition_view_stale_state_message(client_for, reviewer, person, make_nomination):
    nomination = make_nomination(person=person, state=S.VERIFIED)
    response = client_for(reviewer).post(
        f"/khen-thuong/de-nghi/{nomination.pk}/chuyen/",
        {"to_state": "returned", "expected_state": "submitted", "comment": "x"},
        follow=True,
    )
    assert "vừa được chuyển sang trạng thái" in response.content.decode()


def test_bulk_view(client_for, reviewer, person, other_person, make_nomination):
    a = make_nomination(person=person, state=S.SUBMITTED)
    b = make_nomination(person=other_person, state=S.SUBMITTED)
    response = client_for(reviewer).post("/khen-thuong/de-nghi/xu-ly-nhieu/", {"ids": [a.pk, b.pk], "action": "verified"}, follow=True)
    assert "Đã xử lý 2 đề nghị." in response.content.decode()
    assert set(Nomination.objects.values_list("state", flat=True)) == {S.VERIFIED}


def test_bulk_forbidden_for_officer(client_for, officer, person, make_nomination):
    a = make_nomination(person=person, state=S.SUBMITTED)
    assert client_for(officer).post("/khen-thuong/de-nghi/xu-ly-nhieu/", {"ids": [a.pk], "action": "verified"}).status_code == 403


# --- submissions -----------------------------------------------------------------------------------


def test_submission_create_submit_and_pdf(client_for, officer, person, make_nomination, tmp_path):
    nomination = make_nomination(person=person, by=officer)
    client = client_for(officer)
    response = client.post(
        "/khen-thuong/to-trinh/them/",
        {
            "number": "12/TTr-UBND",
            "date": "05/01/2026",
            "subject": "Về việc đề nghị tặng Giấy khen",
            "head_title": "Chủ tịch",
            "signer_capacity": "deputy",
            "signer_title": "Phó Chủ tịch",
            "signer_name": "Phạm Đức Thắng",
            "nominations": [nomination.pk],
            "minutes": pdf_file("bien-ban.pdf"),
        },
    )
    submission = Submission.objects.get()
    assert response.status_code == 302
    assert submission.minutes.name.startswith("minutes/") and submission.minutes_name == "bien-ban.pdf"
    client.post(f"/khen-thuong/to-trinh/{submission.pk}/gui/")
    assert Nomination.objects.get(pk=nomination.pk).state == S.SUBMITTED
    pdf = client.get(f"/khen-thuong/to-trinh/{submission.pk}/pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    path = tmp_path / "t.pdf"
    path.write_bytes(pdf.content)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    for expected in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "TỜ TRÌNH",
        "12/TTr-UBND",
        "ngày 05 tháng 01 năm 2026",
        "Nguyễn Văn An",
        "Giấy khen",
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Phạm Đức Thắng",
        "UBND PHƯỜNG BÀNG LA",
    ]:
        assert expected in text, expected


def test_other_units_submission_404(client_for, officer, other_officer):
    submission = Submission.objects.create(unit=officer.unit, number="1/TTr", date=dt.date(2026, 1, 5), created_by=officer)
    assert client_for(other_officer).get(f"/khen-thuong/to-trinh/{submission.pk}/pdf/").status_code == 404


# --- import and history ----------------------------------------------------------------------------


def test_import_preview_errors_then_confirm(client_for, officer, person, unit, this_year):
    from awards.importers import NOMINATION_HEADERS

    good = ["Cá nhân", "Nguyễn Văn An", unit.short_code, "giay-khen-chu-tich", this_year, "Năm", "", "Có", "Thành tích tốt"]
    bad = ["Cá nhân", "Không Có Ai", unit.short_code, "khong-ton-tai", "abc", "Quý", "", "Có", ""]
    client = client_for(officer)
    upload = SimpleUploadedFile("ds.xlsx", xlsx_bytes(NOMINATION_HEADERS, [good, bad]))
    content = client.post("/khen-thuong/nhap/nominations/", {"file": upload}).content.decode()
    assert "Dòng 3: Không tìm thấy cán bộ “Không Có Ai”" in content and "năm không hợp lệ" in content
    assert not Nomination.objects.exists()
    upload = SimpleUploadedFile("ds.xlsx", xlsx_bytes(NOMINATION_HEADERS, [good]))
    content = client.post("/khen-thuong/nhap/nominations/", {"file": upload}).content.decode()
    assert "Xác nhận nhập 1 dòng" in content
    client.post("/khen-thuong/nhap/nominations/", {"confirm": "1"})
    nomination = Nomination.objects.get()
    assert (nomination.nominee_person, nomination.excellent_completion, nomination.state) == (person, True, S.DRAFT)
    assert nomination.checks


def test_import_refuses_other_units_people(client_for, other_officer, person, unit, this_year):
    from awards.importers import NOMINATION_HEADERS

    row = ["Cá nhân", "Nguyễn Văn An", unit.short_code, "giay-khen-chu-tich", this_year, "Năm", "", "Không", "x"]
    upload = SimpleUploadedFile("ds.xlsx", xlsx_bytes(NOMINATION_HEADERS, [row]))
    content = client_for(other_officer).post("/khen-thuong/nhap/nominations/", {"file": upload}).content.decode()
    assert "không thuộc phạm vi của bạn" in content


def test_records_import_feeds_history_and_streaks(client_for, reviewer, officer, person, unit, this_year, make_nomination):
    from awards import eligibility
    from awards.importers import RECORD_HEADERS

    rows = [
        ["Cá nhân", "Nguyễn Văn An", unit.short_code, "chien-si-thi-dua-co-so", y, "Năm", f"{i}/QĐ-UBND", f"20/12/{y}", "UBND quận Đồ Sơn"]
        for i, y in enumerate((this_year - 2, this_year - 1, this_year), start=1)
    ]
    client = client_for(reviewer)
    client.post("/khen-thuong/nhap/records/", {"file": SimpleUploadedFile("r.xlsx", xlsx_bytes(RECORD_HEADERS, rows))})
    client.post("/khen-thuong/nhap/records/", {"confirm": "1"})
    assert AwardRecord.objects.filter(person=person).count() == 3
    page = client_for(officer).get(f"/khen-thuong/ca-nhan/{person.pk}/").content.decode()
    assert "Chiến sĩ thi đua cơ sở" in page and "2/QĐ-UBND" in page
    nomination = make_nomination(person=person, code="chien-si-thi-dua-thanh-pho")
    streak = [r for r in eligibility.evaluate(nomination) if "Ba năm liên tục" in r["message"]]
    assert streak and streak[0]["ok"] is True


def test_records_import_forbidden_for_officer(client_for, officer):
    assert client_for(officer).get("/khen-thuong/nhap/records/").status_code == 403


def test_unit_history_includes_merged_predecessors(client_for, reviewer, unit, other_unit, make_record, this_year):
    other_unit.successors.add(unit)
    make_record(unit=other_unit, code="tap-the-lao-dong-tien-tien", year=this_year - 1)
    content = client_for(reviewer).get(f"/khen-thuong/don-vi/{unit.pk}/").content.decode()
    assert "Tập thể lao động tiên tiến" in content and other_unit.name in content


def test_home_panels(client_for, officer, reviewer, person, make_nomination):
    make_nomination(person=person, state=S.RETURNED)
    assert "Đề nghị khen thưởng của đơn vị" in client_for(officer).get("/").content.decode()
    assert "Hồ sơ chờ thẩm định" in client_for(reviewer).get("/").content.decode()


def test_media_is_outside_static(settings):
    assert not str(settings.MEDIA_ROOT).startswith(str(Path(settings.BASE_DIR) / "static"))
    assert os.path.basename(str(settings.MEDIA_ROOT)) == "media"
