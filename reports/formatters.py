"""Formatters: a ReportDocument to PDF bytes (official layout, Nghị định 30/2020) and to XLSX
bytes with the same tables and totals."""

import io
from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.safestring import mark_safe
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from dosonthidua.documents import document_date_line, vn_number
from dosonthidua.pdf import render_pdf
from dosonthidua.spreadsheets import safe_cell

from .models import ReportRecipient, ReportSettings


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
    }


def to_pdf(document, *, date=None):
    return render_pdf("reports/pdf/report.html", document_context(document, date=date))


def to_xlsx(document):
    """One sheet per section: the document's subject, then each table with its header and totals."""
    wb = Workbook()
    wb.remove(wb.active)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for index, section in enumerate(document.sections, start=1):
        ws = wb.create_sheet(title=f"{index}. {section.heading.split('. ', 1)[-1]}"[:31].replace("/", "-"))
        ws.append([safe_cell(document.subject)])
        ws["A1"].font = Font(bold=True, size=13)
        ws.append([safe_cell(section.heading)])
        for paragraph in section.paragraphs:
            ws.append([safe_cell(paragraph)])
        widths = {}
        for table in section.tables:
            ws.append([])
            ws.append([safe_cell(table.title)])
            ws.cell(row=ws.max_row, column=1).font = bold
            ws.append([safe_cell(h) for h in table.headers])
            for cell in ws[ws.max_row]:
                cell.font, cell.fill = bold, fill
                cell.alignment = Alignment(wrap_text=True, vertical="center")
            for row in table.rows:
                ws.append([safe_cell(_xlsx_value(v)) for v in row])
            if table.total:
                ws.append([safe_cell(_xlsx_value(v)) for v in table.total])
                for cell in ws[ws.max_row]:
                    cell.font = bold
            for i, h in enumerate(table.headers, start=1):
                widths[i] = max(widths.get(i, 12), min(len(h) + 4, 45))
        widths[1] = max(widths.get(1, 12), 45)
        for i, w in widths.items():
            ws.column_dimensions[get_column_letter(i)].width = w
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _xlsx_value(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral() else float(value)
    return value
