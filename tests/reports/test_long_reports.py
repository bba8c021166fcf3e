"""Long reports (issue 17): the PDF laid out in chunks by worker processes and merged, checked page
by page against the single-process render; the XLSX written in write-only mode (peak memory flat in
the rows); a period without rows says so in every file; a running report can be cancelled."""

import io
import multiprocessing
import re
import subprocess
import tempfile
import tracemalloc

import pytest
from django.test.utils import override_settings
from fontTools.ttLib import TTFont
from openpyxl import load_workbook
from pypdf import PdfReader

from dosonthidua.pdf import STATIC_ROOT_DIR
from reports import formatters, generators, pdf_chunks
from reports.enums import ReportKind
from reports.generators import ReportDocument, Section, Table
from reports.periods import parse_period

HEADER = ["STT", "Họ và tên / tập thể", "Chức vụ", "Đơn vị", "Loại hình", "Lao động trực tiếp"]
SUBJECT = "Đề nghị khen thưởng năm 2025 trình Hội đồng Thi đua – Khen thưởng"


def long_document(sizes=(70, 40, 25)):
    """A proposed-awardees list of three award kinds; every nominee's name is unique and numbered
    so that the order of the rows can be read back from the text."""
    tables, n = [], 0
    for kind, size in zip(["Lao động tiên tiến", "Chiến sĩ thi đua cơ sở", "Giấy khen"], sizes, strict=True):
        rows = []
        for i in range(1, size + 1):
            n += 1
            rows.append([i, f"Nguyễn Văn Mẫu{n:04d}", "Chuyên viên", "Phòng Nội vụ", "Khen thưởng theo công trạng", "Có"])
        tables.append(Table(kind, HEADER, rows, numeric_from=99, wide=1, widths=[5, 24, 14, 27, 20, 10]))
    return ReportDocument(
        ReportKind.PROPOSED,
        "DANH SÁCH",
        SUBJECT,
        ["Danh sách các cá nhân, tập thể đã được thẩm định, trình Hội đồng xét:"],
        [Section("DANH SÁCH", [f"Tổng số: {n} đề nghị."], tables)],
        landscape=True,
    )


def pages_text(data, tmp_path):
    path = tmp_path / "r.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def names(text):
    return re.findall(r"Mẫu(\d{4})", text)


def page_fonts(data):
    """The fonts the pages of a PDF draw with: {font dictionary's object number: (BaseFont, widths
    by glyph id, the embedded program's object number, the program's bytes)}."""
    found = {}
    for page in PdfReader(io.BytesIO(data)).pages:
        fonts = page["/Resources"].get_object().get("/Font", {}).get_object()
        for key in fonts:
            ref = fonts.raw_get(key)
            font = ref.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            found[ref.idnum] = (
                str(font["/BaseFont"]),
                pdf_chunks._widths(descendant["/W"]),
                descriptor.raw_get("/FontFile2").idnum,
                descriptor["/FontFile2"].get_object().get_data(),
            )
    return found


def assert_one_subset_per_face(chunked, single):
    """The chunked PDF draws with one font per face, as the single render does, each embedding one
    subset of its font file whose glyphs are the file's own at the same ids, with the widths the
    font dictionary states."""
    fonts, single_fonts = page_fonts(chunked), page_fonts(single)
    names = sorted(name for name, *_ in fonts.values())
    assert names == sorted(name for name, *_ in single_fonts.values()), names
    assert len(names) == len(set(names)) and len({program for *_, program, _data in fonts.values()}) == len(names)
    originals = {}
    for path in (STATIC_ROOT_DIR / "fonts").glob("*.ttf"):
        font = TTFont(path)
        originals[font["name"].getDebugName(6)] = font
    for name, widths, _program, data in fonts.values():
        embedded = TTFont(io.BytesIO(data))
        original = originals[embedded["name"].getDebugName(6)]
        upem = original["head"].unitsPerEm
        drawn = [glyph for glyph in original.getGlyphOrder() if original["glyf"][glyph].numberOfContours]
        kept = [glyph for glyph in embedded.getGlyphOrder() if embedded["glyf"][glyph].numberOfContours]
        assert len(kept) < len(drawn) / 4, (name, len(kept), len(drawn))  # a subset, not the whole file
        for gid, width in widths.items():
            mine, theirs = embedded.getGlyphName(gid), original.getGlyphName(gid)
            advance = original["hmtx"][theirs][0]
            assert embedded["hmtx"][mine][0] == advance and abs(float(width) - advance * 1000 / upem) < 0.5, (name, gid, width)
            ours = embedded["glyf"][mine].getCoordinates(embedded["glyf"])
            reference = original["glyf"][theirs].getCoordinates(original["glyf"])
            assert list(ours[0]) == list(reference[0]) and ours[1] == reference[1], (name, gid)


@pytest.mark.django_db
def test_chunked_pdf_reads_like_the_single_render_page_by_page(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where the chunks' files go
    document = long_document()
    chunk_rows = 30
    assert len(formatters.split_sections(formatters.document_context(document)["sections"], chunk_rows)) == 5
    with override_settings(REPORT_PDF_PARALLEL_ROWS=10**6):
        single = formatters.to_pdf(document)
    chunks_seen = []
    with override_settings(REPORT_PDF_PARALLEL_ROWS=0, REPORT_PDF_WORKERS=2):
        chunked = formatters.to_pdf(document, chunk_rows=chunk_rows, on_chunk=lambda done, total: chunks_seen.append((done, total)))
    assert chunks_seen == [(i, 5) for i in range(1, 6)]
    pages = pages_text(chunked, tmp_path)
    assert len(pages) == len(PdfReader(io.BytesIO(chunked)).pages) >= 5

    # Continuous page numbers in the top margin from page 2, as the single render prints them.
    assert not pages[0].strip().splitlines()[0].strip().isdigit()
    for number, page in enumerate(pages[1:], start=2):
        assert page.strip().splitlines()[0].strip() == str(number), (number, page[:200])
    # Letterhead and title once, on page 1; the signature block once, on the last page.
    assert "Độc lập - Tự do - Hạnh phúc" in pages[0] and SUBJECT.split(" trình")[0] in pages[0]
    assert sum(p.count("Độc lập - Tự do - Hạnh phúc") for p in pages) == 1
    assert sum(p.count("Nơi nhận:") for p in pages) == 1 and "Nơi nhận:" in pages[-1]
    # The table header on every page that has rows of it.
    for page in pages:
        if names(page):
            assert "Họ và tên / tập thể" in page
    # The same rows in the same order as the single-process render, none lost or doubled.
    single_pages = pages_text(single, tmp_path)
    expected = [f"{i:04d}" for i in range(1, 136)]
    assert names("".join(single_pages)) == expected
    assert names("".join(pages)) == expected
    # Each table's title once, its total-free fragments carrying on under the repeated header.
    assert sum(p.count("Chiến sĩ thi đua cơ sở") for p in pages) == 1
    # One font per face, however many chunks, each embedding one subset of the glyphs all use.
    assert_one_subset_per_face(chunked, single)
    assert not multiprocessing.active_children()
    assert not list(tmp_path.glob("pdf-chunks-*"))  # the chunks' files are removed


@pytest.mark.django_db
def test_the_parent_holds_no_chunk_pdf_while_the_workers_render(tmp_path):
    """The chunks' PDFs stay in files until the merge: measured in the parent with tracemalloc as
    each chunk's layout arrives, its memory does not grow with the chunks done (holding them, it
    would grow by a chunk's PDF each time)."""
    document = long_document((120, 60, 60))
    traced = []
    tracemalloc.start()
    try:
        with override_settings(REPORT_PDF_PARALLEL_ROWS=0, REPORT_PDF_WORKERS=2):
            data = formatters.to_pdf(
                document, chunk_rows=30, on_chunk=lambda done, total: traced.append(tracemalloc.get_traced_memory()[0])
            )
    finally:
        tracemalloc.stop()
    assert len(traced) == 8
    pages = len(PdfReader(io.BytesIO(data)).pages)
    per_chunk = len(data) / len(traced)  # about what one chunk's PDF weighs (its share of the merged file)
    growth = max(traced) - traced[0]
    print(
        f"parent while rendering: {traced[0]:,} B after the first chunk, +{growth:,} B by the last; a chunk's PDF about {per_chunk:,.0f} B"
    )
    assert growth < per_chunk, (traced, per_chunk)
    assert names("".join(pages_text(data, tmp_path))) == [f"{i:04d}" for i in range(1, 241)] and pages >= 8


@pytest.mark.django_db
def test_small_report_keeps_the_single_process_render(tmp_path):
    document = long_document((5, 3, 2))
    with override_settings(REPORT_PDF_PARALLEL_ROWS=1500):
        data = formatters.to_pdf(document, check=lambda: pytest.fail("no pool for a small report"))
    assert names("".join(pages_text(data, tmp_path))) == [f"{i:04d}" for i in range(1, 11)]


def _xlsx_peak(rows, tmp_path):
    document = long_document((rows, 0, 0))
    target = tmp_path / f"{rows}.xlsx"
    tracemalloc.start()
    try:
        formatters.to_xlsx(document, target)
        _size, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, target


@pytest.mark.django_db
def test_report_xlsx_peak_memory_does_not_grow_with_rows(tmp_path):
    _xlsx_peak(50, tmp_path)  # openpyxl's first-use caches stay out of the comparison
    small, _ = _xlsx_peak(500, tmp_path)
    large, path = _xlsx_peak(5000, tmp_path)
    # A workbook kept in memory costs about 2 KB a row (11 MB more at 5,000 rows); write-only, flat.
    print(f"XLSX peak: 500 rows {small:,} B, 5,000 rows {large:,} B")
    assert large < 2 * small + 512 * 1024, (small, large)
    sheet = load_workbook(path, read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == SUBJECT
    assert sum(1 for r in rows if len(r) > 1 and isinstance(r[1], str) and r[1].startswith("Nguyễn Văn Mẫu")) == 5000


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "kwargs"),
    [
        ("proposed", {"period": "2019"}),
        ("awards", {"period": "2019-03"}),
        ("summary", {"period": "2019-Q1"}),
    ],
)
def test_a_period_without_rows_says_so_in_the_pdf_and_the_xlsx(kind, kwargs, tmp_path):
    document = generators.generate(kind, period=parse_period(kwargs["period"]))
    assert document.empty
    text = " ".join("".join(pages_text(formatters.to_pdf(document), tmp_path)).split())
    assert formatters.EMPTY_REPORT_TEXT in text
    workbook = load_workbook(io.BytesIO(formatters.to_xlsx(document)), read_only=True)
    cells = [v for ws in workbook.worksheets for row in ws.iter_rows(values_only=True) for v in row if v]
    assert formatters.EMPTY_REPORT_TEXT in cells


def test_a_period_with_rows_does_not_say_it_is_empty(world):
    document = generators.proposed(period=parse_period("2025"))
    assert not document.empty
    workbook = load_workbook(io.BytesIO(formatters.to_xlsx(document)), read_only=True)
    cells = [v for ws in workbook.worksheets for row in ws.iter_rows(values_only=True) for v in row if v]
    assert formatters.EMPTY_REPORT_TEXT not in cells


# --- Cancelling ----------------------------------------------------------------------------------


@pytest.fixture
def proposals(db, unit):
    """45 nominations on the council's list for 2025: five chunks of ten rows."""
    import datetime as dt

    from django.utils import timezone

    from awards.enums import NominationState

    from .factories import AwardKindFactory, NominationFactory

    kind = AwardKindFactory(code="bc-huy", name="Lao động tiên tiến (hủy)")
    submitted = timezone.make_aware(dt.datetime(2025, 6, 2, 9, 0))
    for i in range(45):
        NominationFactory(unit=unit, award_kind=kind, state=NominationState.VERIFIED, submitted_at=submitted, nominee_name=f"Mẫu{i:04d}")
    return kind


def _run(by=None, status="running"):
    from reports.models import ReportRun

    return ReportRun.objects.create(kind=ReportKind.PROPOSED, period="2025", requested_by=by, status=status, task_id="t-1")


def test_a_run_cancelled_after_its_first_chunk_renders_no_more_and_keeps_no_file(proposals, leader, monkeypatch, settings, tmp_path):
    from reports import services
    from reports.enums import ReportStatus

    settings.MEDIA_ROOT = tmp_path / "media"
    run = _run(leader)
    seen = []
    real = services._chunk_progress

    def cancelled_after_the_first(run_id):
        report = real(run_id)

        def on_chunk(done, total):
            seen.append((done, total))
            report(done, total)
            if done == 1:  # the starter presses "Hủy" while the second chunk renders
                services.report_cancel(run=run)

        return on_chunk

    monkeypatch.setattr(services, "_chunk_progress", cancelled_after_the_first)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where the chunks' files go
    with override_settings(REPORT_PDF_PARALLEL_ROWS=0, REPORT_PDF_CHUNK_ROWS=10, REPORT_PDF_WORKERS=1):
        result = services.report_build(run=run)
    assert seen == [(1, 5)]
    assert result.status == ReportStatus.CANCELLED and not result.pdf and not result.xlsx
    assert not any((tmp_path / "media").rglob("*.pdf")) and not any((tmp_path / "media").rglob("*.xlsx"))
    assert not list(tmp_path.glob("pdf-chunks-*"))  # the chunks' files are removed
    assert not multiprocessing.active_children()  # the render processes were terminated


def test_a_cancelled_run_is_not_built_when_its_task_arrives(proposals, leader):
    from reports import services, tasks
    from reports.enums import ReportStatus

    run = _run(leader, status="pending")
    assert services.report_cancel(run=run)
    tasks.report_build_task.apply(args=(run.pk,))
    run.refresh_from_db()
    assert run.status == ReportStatus.CANCELLED and run.get_status_display() == "Đã hủy" and not run.pdf


def test_cancel_view_for_the_starter_reviewers_and_admins_only(
    client_for, leader, reviewer, administrator, officer, council_member, db, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    from reports.enums import ReportStatus
    from units.enums import Role

    from ..factories import UserFactory

    other_leader = UserFactory(username="lanhdao_khac", unit=leader.unit, roles=[Role.LEADER])
    run = _run(leader)
    url = reverse("reports:run-cancel", args=[run.pk])
    detail = reverse("reports:run-detail", args=[run.pk])
    assert 'id="cancel-run"' in client_for(leader).get(detail).content.decode()
    assert 'id="cancel-run"' not in client_for(other_leader).get(detail).content.decode()
    assert client_for(leader).get(url).status_code == 405
    for outsider in (other_leader, officer, council_member):
        assert client_for(outsider).post(url).status_code == 403
    run.refresh_from_db()
    assert run.status == ReportStatus.RUNNING
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client_for(leader).post(url)
    assert response.status_code == 302 and len(callbacks) == 1  # the task's revocation, after commit
    run.refresh_from_db()
    assert run.status == ReportStatus.CANCELLED and run.finished_at
    page = client_for(leader).get(detail).content.decode()
    assert "Đã hủy" in page and 'id="cancel-run"' not in page
    for staff in (reviewer, administrator):
        other = _run(leader)
        assert client_for(staff).post(reverse("reports:run-cancel", args=[other.pk])).status_code == 302
        other.refresh_from_db()
        assert other.status == ReportStatus.CANCELLED
    done = _run(leader, status="done")
    client_for(leader).post(reverse("reports:run-cancel", args=[done.pk]))
    done.refresh_from_db()
    assert done.status == ReportStatus.DONE


def test_csrf_is_required_to_cancel(leader, db):
    from django.test import Client
    from django.urls import reverse

    client = Client(enforce_csrf_checks=True)
    client.force_login(leader)
    run = _run(leader)
    assert client.post(reverse("reports:run-cancel", args=[run.pk])).status_code == 403
    run.refresh_from_db()
    assert run.status == "running"
