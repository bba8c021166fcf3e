"""Formatters: a ReportDocument to PDF bytes (official layout, Nghị định 30/2020) and to XLSX
bytes with the same tables and totals."""

import io
from decimal import Decimal
from xml.sax.saxutils import escape

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from dosonthidua.documents import document_date_line, vn_number
from dosonthidua.pdf import STATIC_ROOT_DIR, render_pdf
from dosonthidua.spreadsheets import WorkbookWriter

from .models import ReportRecipient, ReportSettings
from .pdf_chunks import render_parallel


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else ""
    if isinstance(value, int):
        return vn_number(value)
    if isinstance(value, Decimal | float):
        value = Decimal(value)
        return vn_number(value, 0 if value == value.to_integral() else 1)
    return str(value)


def bar_chart_svg(chart, width=620):
    """A horizontal bar chart as inline SVG (WeasyPrint draws it; no JavaScript in PDFs)."""
    pairs = [(label, float(value or 0)) for label, value in zip(chart.labels, chart.values, strict=False)]
    if not pairs or not any(v for _, v in pairs):
        return ""
    bar, gap, label_w = 16, 6, 230
    top = 22
    height = top + len(pairs) * (bar + gap) + 4
    peak = max(v for _, v in pairs)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        'font-family="Official Serif" font-size="11">',
        f'<text x="0" y="14" font-weight="bold" font-size="12">{escape(chart.title)}</text>',
    ]
    for i, (label, value) in enumerate(pairs):
        y = top + i * (bar + gap)
        w = 0 if not peak else (width - label_w - 60) * value / peak
        short = label if len(label) <= 38 else label[:36] + "…"
        parts.append(f'<text x="{label_w - 6}" y="{y + 12}" text-anchor="end">{escape(short)}</text>')
        parts.append(f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar}" fill="#4a6fa5"/>')
        parts.append(f'<text x="{label_w + w + 4:.1f}" y="{y + 12}">{escape(vn_number(value))}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # built from escaped text only


def document_context(document, *, date=None):
    config = ReportSettings.current()
    date = date or timezone.localdate()
    issuer_parent, issuer_name, number_suffix, signer_title = config.letterhead(date)
    recipients = [r.title for r in ReportRecipient.objects.filter(active=True).order_by("display_order", "id")]
    recipients += [line.strip().lstrip("- ") for line in config.extra_recipients.splitlines() if line.strip()]
    sections = []
    for section in document.sections:
        tables = [
            {
                "title": t.title,
                "headers": t.headers,
                "numeric_from": t.numeric_from,
                "wide": t.wide,
                "widths": t.widths,
                "rows": [[(_cell_text(v), i >= t.numeric_from) for i, v in enumerate(row)] for row in t.rows],
                "total": [(_cell_text(v), i >= t.numeric_from) for i, v in enumerate(t.total)] if t.total else None,
            }
            for t in section.tables
        ]
        sections.append(
            {
                "heading": section.heading,
                "paragraphs": section.paragraphs,
                "tables": tables,
                "charts": [bar_chart_svg(c) for c in section.charts],
            }
        )
    return {
        "issuer_parent": issuer_parent,
        "issuer_name": issuer_name,
        "number": f"       /{number_suffix}",
        "date_line": document_date_line(date),
        "doc_type": document.doc_type,
        "subject": document.subject,
        "signer_titles": [signer_title],
        "signer_name": config.signer_name,
        "recipients": recipients,
        "intro": document.intro,
        "sections": sections,
        "landscape": document.landscape,
        "empty": EMPTY_REPORT_TEXT if document.empty else "",
    }


# What a report with no rows in its period says, in the PDF under the introduction and in the XLSX.
EMPTY_REPORT_TEXT = "Không có dữ liệu trong kỳ báo cáo."


def table_rows(document):
    return sum(len(t.rows) for s in document.sections for t in s.tables)


def to_pdf(document, *, date=None, check=None, on_chunk=None, chunk_rows=None, workers=None):
    """The report's PDF. A long one (more than REPORT_PDF_PARALLEL_ROWS table rows) is split into
    chunks of ``chunk_rows`` rows laid out by ``workers`` processes (reports.pdf_chunks):
    ``on_chunk(done, total)`` reports each chunk, ``check()`` may raise to stop the job."""
    context = document_context(document, date=date)
    chunk_rows = chunk_rows or settings.REPORT_PDF_CHUNK_ROWS
    if table_rows(document) <= max(settings.REPORT_PDF_PARALLEL_ROWS, chunk_rows):
        return render_pdf("reports/pdf/report.html", context)
    parts = split_sections(context["sections"], chunk_rows)
    font_dir = (STATIC_ROOT_DIR / "fonts").as_uri()
    chunks = []
    for index, sections in enumerate(parts):
        first, last = index == 0, index == len(parts) - 1
        chunk_context = {**context, "FONT_DIR": font_dir, "sections": sections, "chunk": {"first": first, "last": last}}
        if not first:  # the letterhead, title and introduction open the document once
            chunk_context.update(doc_type="", subject="", intro=[], empty="")
        chunks.append(render_to_string("reports/pdf/report.html", chunk_context))
    page_size = "A4 landscape" if document.landscape else "A4 portrait"

    def overlay(first_number, pages, is_first):
        return render_to_string(
            "documents/page_numbers.html",
            {"FONT_DIR": font_dir, "page_size": page_size, "first_number": first_number, "is_first": is_first, "pages": range(pages)},
        )

    return render_parallel(
        chunks,
        overlay=overlay,
        base_url=str(STATIC_ROOT_DIR),
        font_files=sorted((STATIC_ROOT_DIR / "fonts").glob("*.ttf")),
        workers=workers or settings.REPORT_PDF_WORKERS,
        check=check,
        on_chunk=on_chunk,
    )


def split_sections(sections, chunk_rows):
    """The document's sections (as in ``document_context``) cut into chunks of at most
    ``chunk_rows`` table rows. A table cut across chunks keeps its title and the first rows in one,
    its header (repeated on every page) and the rest in the next, its total row in the last; a
    section's heading and paragraphs stay with its start, its charts with its end."""
    chunks, used = [[]], 0

    def open_chunk():
        chunks.append([])
        part = {"heading": "", "paragraphs": [], "tables": [], "charts": []}
        chunks[-1].append(part)
        return part

    for section in sections:
        part = {**section, "tables": [], "charts": []}
        chunks[-1].append(part)
        for table in section["tables"]:
            rows, start = table["rows"], 0
            while True:
                if used >= chunk_rows and (rows or start):
                    part, used = open_chunk(), 0
                take = rows[start : start + chunk_rows - used]
                end = start + len(take)
                part["tables"].append(
                    {
                        **table,
                        "rows": take,
                        "title": table["title"] if start == 0 else "",
                        "total": table["total"] if end == len(rows) else None,
                    }
                )
                used, start = used + len(take), end
                if start >= len(rows):
                    break
        part["charts"] = section["charts"]
    return chunks


def to_xlsx(document, target=None):
    """One sheet per section: the document's subject, then each table with its header and totals.
    Written in write-only mode (dosonthidua.spreadsheets.WorkbookWriter): into ``target`` (a path
    or a binary file) when given, else returned as bytes."""
    writer = WorkbookWriter()
    for index, section in enumerate(document.sections, start=1):
        widths = {}
        for table in section.tables:
            for i, h in enumerate(table.headers, start=1):
                widths[i] = max(widths.get(i, 12), min(len(h) + 4, 45))
        widths[1] = max(widths.get(1, 12), 45)
        ws = writer.sheet(f"{index}. {section.heading.split('. ', 1)[-1]}".replace("/", "-"), widths)
        writer.append(ws, [document.subject], "title")
        writer.append(ws, [section.heading])
        if index == 1 and document.empty:
            writer.append(ws, [EMPTY_REPORT_TEXT], "bold")
        for paragraph in section.paragraphs:
            writer.append(ws, [paragraph])
        for table in section.tables:
            writer.append(ws, [])
            writer.append(ws, [table.title], "bold")
            writer.append(ws, table.headers, "header")
            for row in table.rows:
                writer.append(ws, [_xlsx_value(v) for v in row])
            if table.total:
                writer.append(ws, [_xlsx_value(v) for v in table.total], "bold")
    if not document.sections:
        ws = writer.sheet("Báo cáo", {1: 45})
        writer.append(ws, [document.subject], "title")
        writer.append(ws, [EMPTY_REPORT_TEXT], "bold")
    if target is not None:
        writer.save(target)
        return None
    buffer = io.BytesIO()
    writer.save(buffer)
    return buffer.getvalue()


def _xlsx_value(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral() else float(value)
    return value
