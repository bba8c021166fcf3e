"""A computed statistical form in its own printed layout: PDF (WeasyPrint, A4 landscape when the
form is wide) and XLSX (openpyxl, the header's merged cells as on the form). Both start from
``layout()``, so the two documents print the same figures."""

import io

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from dosonthidua.documents import document_date_line, vn_number
from dosonthidua.pdf import render_pdf
from dosonthidua.spreadsheets import safe_cell


def _d(day):
    return f"{day:%d/%m/%Y}"


def _text(cell):
    """A figure as printed: the number, or the cell's mark ("x" not applicable, blank not recorded)."""
    return cell.mark if cell.value is None else vn_number(cell.value)


def layout(version, grid, ctx, *, today=None):
    """Everything a printed form shows, as plain values. ``fixed`` are the columns left of the
    figures (A Chỉ tiêu, B Mã số and, when the rows carry units, C Đơn vị tính); ``numbers`` the row
    under the header as (text, colspan)."""
    form = grid.form
    body = ctx.reporting_body
    today = today or timezone.localdate()
    level = getattr(body, "level", "") if body is not None else ""
    reporter = body.full_name if body is not None else ""
    return {
        "form": form,
        "version": version,
        "symbol": form.symbol,
        "circular_line": version.circular_line,
        "receipt_date": version.receipt_date,
        "title": form.title.upper(),
        "period_line": f"Năm thống kê {ctx.year} (từ ngày {_d(ctx.start)} đến ngày {_d(ctx.end)})",
        "reporter": reporter,
        "receiver": version.receiver_for(level),
        "unit_of_measure": form.unit_of_measure,
        "header": form.header,
        "fixed": _fixed(form),
        "numbers": [(letter, 1) for letter in "ABC"[: len(_fixed(form))]] + list(form.numbers),
        "rows": [
            {"row": row, "cells": [(c, _text(c)) for c in cells] if not row.heading else [(None, "")] * len(form.columns)}
            for row, cells in grid.rows
        ],
        "date_line": document_date_line(today, place=getattr(body, "place", None) or None),
        "landscape": form.landscape,
        **_grid_scale(len(form.columns)),
    }


# Figure columns an A4 landscape page holds at the form's usual type size (9.5 pt); a wider form (0602
# with many forms of award in a year) gets a smaller type and a fixed layout, so it stays on the page.
COLUMNS_AT_FULL_SIZE = 14
SMALLEST_TYPE_PT = 5.5


def _grid_scale(columns):
    """The type size and cell padding of the table, as CSS text (a template would print a
    localised decimal comma)."""
    if columns <= COLUMNS_AT_FULL_SIZE:
        return {"grid_font_pt": "9.5", "grid_pad_mm": "1.2", "grid_fixed": False}
    size = max(SMALLEST_TYPE_PT, 9.5 * COLUMNS_AT_FULL_SIZE / columns)
    return {"grid_font_pt": f"{size:.1f}", "grid_pad_mm": "0.5", "grid_fixed": True}


def _fixed(form):
    return ["Chỉ tiêu", "Mã số", "Đơn vị tính"] if form.unit_column else ["Chỉ tiêu", "Mã số"]


def to_pdf(version, grid, ctx, *, today=None):
    return render_pdf("reports/statforms/pdf.html", layout(version, grid, ctx, today=today))


_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def to_xlsx(version, grid, ctx, *, today=None):
    """One sheet: the form's top matter, its header with merged cells, the row of column letters and
    numbers (a numbered group's number merged over its columns), one line per row (numbers as
    numbers, "x" where a cell does not apply, blank where the portal records nothing), the signatures."""
    data = layout(version, grid, ctx, today=today)
    form = grid.form
    fixed = len(data["fixed"])
    width = fixed + len(form.columns)
    wb = Workbook()
    ws = wb.active
    ws.title = f"Biểu {form.code}"[:31]
    bold = Font(bold=True)
    ws.cell(row=1, column=1, value=safe_cell(f"Biểu số: {data['symbol']}")).font = bold
    ws.cell(row=2, column=1, value=safe_cell(data["circular_line"]))
    ws.cell(row=3, column=1, value=safe_cell(f"Ngày nhận báo cáo: {data['receipt_date']}"))
    ws.cell(row=1, column=fixed + 1, value=safe_cell(data["title"])).font = Font(bold=True, size=13)
    ws.cell(row=2, column=fixed + 1, value=safe_cell(data["period_line"]))
    right = max(width - 2, fixed + 2)
    ws.cell(row=1, column=right, value=safe_cell(f"Đơn vị báo cáo: {data['reporter']}"))
    ws.cell(row=2, column=right, value=safe_cell(f"Đơn vị nhận báo cáo: {data['receiver']}"))
    if data["unit_of_measure"]:
        ws.cell(row=3, column=right, value=safe_cell(f"Đơn vị tính: {data['unit_of_measure']}"))

    top = 5
    depth = len(form.header)
    # A (the row's name), B (its code) and C (its unit) span the whole header, as on the form.
    for col, label in enumerate(data["fixed"], start=1):
        ws.cell(row=top, column=col, value=label)
        if depth > 1:
            ws.merge_cells(start_row=top, start_column=col, end_row=top + depth - 1, end_column=col)
    occupied = set()
    for level, cells in enumerate(form.header):
        col = fixed + 1
        for cell in cells:
            while (top + level, col) in occupied:
                col += 1
            ws.cell(row=top + level, column=col, value=safe_cell(cell.label))
            if cell.colspan > 1 or cell.rowspan > 1:
                ws.merge_cells(
                    start_row=top + level, start_column=col, end_row=top + level + cell.rowspan - 1, end_column=col + cell.colspan - 1
                )
            for r in range(cell.rowspan):
                for c in range(cell.colspan):
                    occupied.add((top + level + r, col + c))
            col += cell.colspan
    numbers_row = top + depth
    col = 1
    for text, span in data["numbers"]:
        ws.cell(row=numbers_row, column=col, value=text)
        if span > 1:
            ws.merge_cells(start_row=numbers_row, start_column=col, end_row=numbers_row, end_column=col + span - 1)
        col += span
    for r in range(top, numbers_row + 1):
        for c in range(1, width + 1):
            cell = ws.cell(row=r, column=c)
            cell.font, cell.alignment, cell.border = bold, _CENTER, _BOX
    line = numbers_row
    for item in data["rows"]:
        line += 1
        row = item["row"]
        # The labels come from the definition files and start with "-" or "+" as on the circular:
        # written as text (openpyxl makes a formula only of "="), indented by the cell's alignment.
        ws.cell(row=line, column=1, value=safe_cell(row.label) if row.label.startswith("=") else row.label)
        ws.cell(row=line, column=2, value=row.code)
        if fixed == 3:
            ws.cell(row=line, column=3, value=safe_cell(row.unit))
        for offset, (cell, text) in enumerate(item["cells"], start=fixed + 1):
            if cell is not None:
                ws.cell(row=line, column=offset, value=text if cell.value is None else cell.value)
        for c in range(1, width + 1):
            target = ws.cell(row=line, column=c)
            target.border = _BOX
            if row.bold:
                target.font = bold
            if c == 1:
                target.alignment = Alignment(indent=2 * row.indent, wrap_text=True)
            else:
                target.alignment = Alignment(horizontal="center" if c <= fixed else "right")
    line += 2
    ws.cell(row=line, column=right, value=safe_cell(data["date_line"]))
    line += 1
    ws.cell(row=line, column=1, value="NGƯỜI LẬP BIỂU").font = bold
    ws.cell(row=line, column=fixed + 1, value="NGƯỜI KIỂM TRA BIỂU").font = bold
    ws.cell(row=line, column=right, value="THỦ TRƯỞNG ĐƠN VỊ").font = bold
    ws.column_dimensions["A"].width = 48
    ws.column_dimensions["B"].width = 8
    if fixed == 3:
        ws.column_dimensions["C"].width = 12
    for c in range(fixed + 1, width + 1):
        ws.column_dimensions[get_column_letter(c)].width = 13
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
