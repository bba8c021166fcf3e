"""Every report kind as PDF (text and fonts checked with poppler) and XLSX (read back with openpyxl)."""

import io
import subprocess
from decimal import Decimal

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from reports import formatters, generators
from reports.enums import ReportKind
from reports.periods import parse_period


def pdf_text(data, tmp_path):
    path = tmp_path / "r.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split()), fonts


def assert_fonts_embedded(fonts):
    rows = [line.split() for line in fonts.splitlines()[2:] if line.strip()]
    assert rows
    for row in rows:
        assert row[-5] == "yes", row  # the 'emb' column


def xlsx_rows(data):
    wb = load_workbook(io.BytesIO(data))
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}


def total_row_after(rows, title):
    """The 'Cộng' row of the table whose title is ``title``."""
    start = next(i for i, r in enumerate(rows) if r[0] == title)
    return next(r for r in rows[start:] if r[0] == "Cộng")


def test_summary_pdf_has_headings_units_and_embedded_fonts(world, tmp_path):
    document = generators.summary(period=parse_period("2025-Q4"))
    text, fonts = pdf_text(formatters.to_pdf(document), tmp_path)
    for heading in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "BÁO CÁO",
        "Tổng hợp kết quả công tác thi đua, khen thưởng quý IV năm 2025",
        "I. CÔNG TÁC THI ĐUA",
        "III. KẾT QUẢ KHEN THƯỞNG",
        "Khen thưởng theo đơn vị",
        "Nơi nhận:",
        "UBND phường Bàng La",
        "Phòng Giáo dục và Đào tạo",
        "Lao động tiên tiến (thử)",
    ]:
        assert heading in text, heading
    assert "Tổng số khen thưởng đã quyết định: 9 (7 cá nhân, 2 tập thể)" in text
    assert_fonts_embedded(fonts)


def test_summary_xlsx_has_the_same_totals(world):
    document = generators.summary(period=parse_period("2025-Q4"))
    sheets = xlsx_rows(formatters.to_xlsx(document))
    awards = next(rows for title, rows in sheets.items() if "KẾT QUẢ KHEN THƯỞNG" in title)
    by_kind = total_row_after(awards, "Khen thưởng theo danh hiệu, hình thức")
    expected_money = sum(int(r.award_kind.reward_multiplier * 234 + Decimal("0.5")) * 10000 for r in world["records"])
    assert by_kind[1:4] == [9, 7, 2]
    assert by_kind[-1] == expected_money
    by_unit = total_row_after(awards, "Khen thưởng theo đơn vị")
    assert by_unit[1] == 9
    names = {r[0] for r in awards}
    assert {"UBND phường Bàng La", "Phòng Giáo dục và Đào tạo"} <= names


def test_awards_report_by_unit_and_kind(world, tmp_path):
    document = generators.awards(period=parse_period("2025"))
    text, fonts = pdf_text(formatters.to_pdf(document), tmp_path)
    assert "KHEN THƯỞNG THEO ĐƠN VỊ VÀ HÌNH THỨC" in text
    assert "UBND phường Bàng La" in text and "Tập thể lao động tiên tiến (thử)" in text
    assert_fonts_embedded(fonts)
    sheet = next(iter(xlsx_rows(formatters.to_xlsx(document)).values()))
    assert total_row_after(sheet, "Theo đơn vị và danh hiệu, hình thức")[2] == 9


@pytest.mark.parametrize("kind", [ReportKind.CAMPAIGN_INTERIM, ReportKind.CAMPAIGN_FINAL])
def test_campaign_review_reports(world, tmp_path, kind):
    document = generators.generate(kind, campaign=world["campaign"])
    text, fonts = pdf_text(formatters.to_pdf(document), tmp_path)
    word = "Sơ kết" if kind == ReportKind.CAMPAIGN_INTERIM else "Tổng kết"
    assert f"{word} phong trào thi đua “Đợt thi đua đặc biệt chào mừng Đại hội”" in text
    assert "KẾT QUẢ TỔ CHỨC PHONG TRÀO" in text and "Nhà tạm được xóa" in text
    assert_fonts_embedded(fonts)
    sheets = xlsx_rows(formatters.to_xlsx(document))
    first = next(iter(sheets.values()))
    assert total_row_after(first, "Đăng ký thi đua và báo cáo tiến độ")[2] == 2  # registered units


def test_registrations_report_lists_every_participating_unit(world, tmp_path):
    document = generators.registrations(campaign=world["campaign"])
    text, fonts = pdf_text(formatters.to_pdf(document), tmp_path)
    assert "Tổng hợp đăng ký thi đua phong trào" in text
    assert "UBND phường Hải Sơn" in text and "Chưa đăng ký" in text and "Đã chấp nhận" in text
    assert_fonts_embedded(fonts)
    rows = next(iter(xlsx_rows(formatters.to_xlsx(document)).values()))
    states = {r[1]: r[2] for r in rows if len(r) > 2}
    assert states["UBND phường Hải Sơn"] == "Chưa đăng ký"
    assert states["UBND phường Bàng La"] == "Đã chấp nhận"


def test_proposed_awardees_list(world, tmp_path):
    document = generators.proposed(period=parse_period("2025"))
    text, fonts = pdf_text(formatters.to_pdf(document), tmp_path)
    assert "DANH SÁCH" in text and "trình Hội đồng Thi đua – Khen thưởng" in text
    assert "Tổng số: 2 đề nghị" in text
    assert "Chiến sĩ thi đua cơ sở (thử)" in text
    assert_fonts_embedded(fonts)


@pytest.mark.parametrize(
    ("kind", "extra"),
    [
        ("summary", ["--period", "2025-Q4"]),
        ("awards", ["--period", "2025-11"]),
        ("proposed", ["--period", "2025"]),
        ("interim", []),
        ("campaign_final", []),
        ("registrations", []),
    ],
)
@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
def test_build_report_command_writes_each_kind(world, tmp_path, kind, extra, fmt):
    out = tmp_path / f"r.{fmt}"
    if kind in ("interim", "campaign_final", "registrations"):
        extra = ["--campaign", str(world["campaign"].pk)]
    call_command("build_report", kind, *extra, "--format", fmt, "--out", str(out), stdout=io.StringIO())
    data = out.read_bytes()
    assert data.startswith(b"%PDF-" if fmt == "pdf" else b"PK")


def test_build_report_command_rejects_a_bad_period(db, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="không hợp lệ"):
        call_command("build_report", "summary", "--period", "2025-Q9", "--out", str(tmp_path / "x.pdf"))


@pytest.fixture
def issuers(db):
    """The issuing bodies of the data migration (re-seeded after a transactional test's flush)."""
    from django.apps import apps

    from awards.catalogue import seed_issuers
    from awards.models import IssuingBody

    if not IssuingBody.objects.exists():
        seed_issuers(apps)


def test_letterhead_follows_the_body_serving_on_the_report_date(world, issuers, tmp_path):
    """No district in a ward's report after 01/07/2025, the district's own in 2024; a typed value wins."""
    import datetime as dt

    from reports.models import ReportSettings

    document = generators.summary(period=parse_period("2025-Q4"))
    ward = formatters.document_context(document, date=dt.date(2025, 12, 31))
    assert (ward["issuer_parent"], ward["issuer_name"], ward["signer_titles"], ward["number"].strip()) == (
        "UBND PHƯỜNG ĐỒ SƠN",
        "VĂN PHÒNG HĐND VÀ UBND",
        ["CHÁNH VĂN PHÒNG HĐND VÀ UBND"],
        "/BC",
    )
    district = formatters.document_context(document, date=dt.date(2024, 12, 10))
    assert (district["issuer_parent"], district["issuer_name"], district["signer_titles"]) == (
        "UBND QUẬN ĐỒ SƠN",
        "PHÒNG NỘI VỤ",
        ["TRƯỞNG PHÒNG NỘI VỤ"],
    )
    text, _fonts = pdf_text(formatters.to_pdf(document, date=dt.date(2025, 12, 31)), tmp_path)
    assert "UBND PHƯỜNG ĐỒ SƠN" in text and "QUẬN" not in text
    ReportSettings.objects.create(issuer_name="PHÒNG VĂN HÓA – XÃ HỘI", number_suffix="BC-VHXH")
    typed = formatters.document_context(document, date=dt.date(2025, 12, 31))
    assert (typed["issuer_parent"], typed["issuer_name"], typed["number"].strip()) == (
        "UBND PHƯỜNG ĐỒ SƠN",
        "PHÒNG VĂN HÓA – XÃ HỘI",
        "/BC-VHXH",
    )
