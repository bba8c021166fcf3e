"""Excel import and export shared by every app.

Exports escape cells that a spreadsheet would run as a formula (CSV/formula injection). Imports read
the first sheet with openpyxl in read-only mode, refuse what is not a real .xlsx, and hand back rows
as dicts keyed by the template's headers; validation and writing belong to each app's importer.
"""

import datetime as dt
import io
import tempfile
import zipfile

from django.http import FileResponse
from django.utils import timezone
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .downloads import content_disposition
from .text import clean_text, nfc

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_IMPORT_ROWS = 5000
MAX_IMPORT_BYTES = 10 * 1024 * 1024
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class SpreadsheetError(ValueError):
    """A file that cannot be read as the expected template; the message is for the user."""


def safe_cell(value):
    """A value safe to write into a cell: strings that would start a formula are prefixed with '."""
    if isinstance(value, str):
        value = nfc(value)
        if value.startswith(_FORMULA_PREFIXES):
            return "'" + value
        return value
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, bool):
        return "Có" if value else "Không"
    return value


# What an export with no rows says in its file (instead of a bare header row).
EMPTY_EXPORT_TEXT = "Không có dữ liệu nào trong phạm vi đã chọn."


class WorkbookWriter:
    """A workbook written row by row in openpyxl's write-only mode: rows go to a temporary file as
    they are appended and no cell stays in memory, so the peak does not grow with the rows. Every
    value passes ``safe_cell``. Shared by the list exports (``write_workbook``) and the reports'
    XLSX (reports.formatters.to_xlsx)."""

    def __init__(self):
        self.workbook = Workbook(write_only=True)
        self.styles = {
            "header": (Font(bold=True), PatternFill("solid", fgColor="DDEBF7"), Alignment(wrap_text=True, vertical="center")),
            "bold": (Font(bold=True), None, None),
            "title": (Font(bold=True, size=13), None, None),
        }

    def sheet(self, title, widths=None):
        """A new sheet; ``widths`` maps column numbers (from 1) to widths, which write-only mode
        needs before the first row."""
        ws = self.workbook.create_sheet(title[:31])
        for index, width in (widths or {}).items():
            ws.column_dimensions[get_column_letter(index)].width = width
        return ws

    def append(self, ws, values, style=None):
        if style is None:
            ws.append([safe_cell(v) for v in values])
            return
        font, fill, alignment = self.styles[style]
        cells = []
        for value in values:
            cell = WriteOnlyCell(ws, value=safe_cell(value))
            cell.font = font
            if fill is not None:
                cell.fill = fill
            if alignment is not None:
                cell.alignment = alignment
            cells.append(cell)
        ws.append(cells)

    def save(self, target):
        self.workbook.save(target)


def write_workbook(target, title, headers, rows, *, widths=None, progress=None, every=2000):
    """Write a one-sheet workbook into ``target`` (a path or a binary file) row by row as ``rows``
    yields them: openpyxl's write-only mode keeps no cells in memory, so the peak does not grow with
    the number of rows. ``progress(n)`` is called every ``every`` rows. Returns the row count."""
    writer = WorkbookWriter()
    ws = writer.sheet(
        title,
        {i: (widths or {}).get(h) or min(max(len(str(h)) + 4, 14), 50) for i, h in enumerate(headers, start=1)},
    )
    ws.freeze_panes = "A2"
    writer.append(ws, headers, "header")
    count = 0
    for row in rows:
        writer.append(ws, row)
        count += 1
        if progress is not None and count % every == 0:
            progress(count)
    if count == 0:
        writer.append(ws, [EMPTY_EXPORT_TEXT])
    writer.save(target)
    return count


def xlsx_response(filename, title, headers, rows, **kwargs):
    """The workbook as a download: rows are written to a temporary file as they are read (pass an
    iterator, e.g. ``queryset.iterator()``), then the file is streamed in blocks."""
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it after streaming
    write_workbook(handle, title, headers, rows, **kwargs)
    handle.seek(0)
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(filename)
    return response


def read_rows(uploaded, headers, *, required=()):
    """Read an uploaded .xlsx whose first row holds ``headers`` (order free, extra columns ignored).

    Returns a list of (row_number, {header: value}) for non-empty rows. Raises SpreadsheetError with a
    Vietnamese message for anything that is not the template.
    """
    size = getattr(uploaded, "size", None)
    if size is not None and size > MAX_IMPORT_BYTES:
        raise SpreadsheetError("Tệp quá lớn (tối đa 10 MB).")
    data = uploaded.read()
    if not data.startswith(b"PK"):
        raise SpreadsheetError("Tệp không phải Excel (.xlsx). Hãy tải mẫu và nhập dữ liệu vào mẫu.")
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise SpreadsheetError("Không đọc được tệp Excel: tệp hỏng hoặc không đúng định dạng .xlsx.") from exc
    except Exception as exc:  # openpyxl raises assorted errors on hostile files
        raise SpreadsheetError("Không đọc được tệp Excel: nội dung không hợp lệ.") from exc
    try:
        ws = wb.worksheets[0] if wb.worksheets else None
        if ws is None:
            raise SpreadsheetError("Tệp Excel không có trang tính nào.")
        rows_iter = ws.iter_rows(values_only=True)
        try:
            header_row = next(rows_iter)
        except StopIteration:
            raise SpreadsheetError("Tệp Excel trống.") from None
        found = [nfc(str(h)) if h is not None else "" for h in header_row]
        missing = [h for h in (required or headers) if h not in found]
        if missing:
            raise SpreadsheetError("Thiếu cột: " + ", ".join(missing) + ". Hãy dùng đúng tệp mẫu.")
        positions = {h: found.index(h) for h in headers if h in found}
        result = []
        for number, raw in enumerate(rows_iter, start=2):
            if raw is None or all(v is None or (isinstance(v, str) and not v.strip()) for v in raw):
                continue
            if len(result) >= MAX_IMPORT_ROWS:
                raise SpreadsheetError(f"Tệp có quá nhiều dòng (tối đa {MAX_IMPORT_ROWS}).")
            row = {}
            for header, pos in positions.items():
                value = raw[pos] if pos < len(raw) else None
                if isinstance(value, str):
                    value = clean_text(value)
                    value = value.lstrip("'") if value.startswith("'") else value
                row[header] = value
            result.append((number, row))
        return result
    finally:
        wb.close()


ALLOWED_SHEET = "Giá trị hợp lệ"


def template_response(filename, title, headers, example_rows=(), allowed=None):
    """The import template: the headers and example rows on the first sheet and, when ``allowed`` is
    given (a list of (column, [(value, meaning), ...])), a second sheet listing the values each coded
    column accepts."""
    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    ws.append([safe_cell(h) for h in headers])
    for cell in ws[1]:
        cell.font, cell.fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for row in example_rows:
        ws.append([safe_cell(v) for v in row])
    for index, header in enumerate(headers, start=1):
        ws.column_dimensions[get_column_letter(index)].width = min(max(len(str(header)) + 4, 14), 50)
    ws.freeze_panes = "A2"
    if allowed:
        sheet = wb.create_sheet(ALLOWED_SHEET)
        sheet.append(["Cột", "Giá trị", "Ý nghĩa"])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for column, values in allowed:
            for value, meaning in values:
                sheet.append([safe_cell(column), safe_cell(value), safe_cell(meaning)])
        for letter, width in (("A", 24), ("B", 36), ("C", 60)):
            sheet.column_dimensions[letter].width = width
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    wb.save(buffer)
    return FileResponse(io.BytesIO(buffer.getvalue()), as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE)
