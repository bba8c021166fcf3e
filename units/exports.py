"""List exports of every app: rows are written as they are read (queryset.iterator(), openpyxl
write-only), so memory stays flat whatever the size; an export above EXPORT_SYNC_MAX_ROWS rows is
built by a Celery task into a stored file whose page shows progress (ExportJob).

An app declares a builder ``f(user, params) -> Export`` decorated with ``@export_builder``; its list
view returns ``export_response(request, f)``. The task re-runs the same builder with the stored
filters, so the file holds exactly what the list showed."""

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import QueryDict
from django.shortcuts import redirect
from django.utils.module_loading import import_string

from dosonthidua.spreadsheets import xlsx_response

# Rows fetched per round trip (a server-side cursor): at most two chunks are alive at once.
EXPORT_CHUNK = 500


@dataclass
class Export:
    filename: str
    title: str
    headers: list
    rows: Any  # a queryset (read with .iterator()) or a list
    row: Any = None  # object -> list of cell values; None when ``rows`` already holds lists
    widths: dict = field(default_factory=dict)

    def count(self):
        return self.rows.count() if hasattr(self.rows, "iterator") else len(self.rows)

    def iter_rows(self):
        source = self.rows.iterator(chunk_size=EXPORT_CHUNK) if hasattr(self.rows, "iterator") else self.rows
        return (self.row(obj) for obj in source) if self.row else iter(source)


def export_builder(func):
    func.export_builder = True
    return func


def builder_path(func):
    return f"{func.__module__}.{func.__qualname__}"


def load_builder(path):
    """The builder a stored job names; only functions marked with @export_builder are accepted."""
    func = import_string(path)
    if not getattr(func, "export_builder", False):
        raise ValueError(f"{path} is not an export builder")
    return func


def export_response(request, builder):
    """Stream the export of ``builder`` for this request's filters, or queue it as a job when it is
    larger than EXPORT_SYNC_MAX_ROWS and send the user to the job's page."""
    from .services import export_job_create

    export = builder(request.user, request.GET)
    total = export.count()
    if total > settings.EXPORT_SYNC_MAX_ROWS:
        job = export_job_create(user=request.user, builder=builder, params=request.GET.urlencode(), export=export, total=total)
        messages.info(request, f"Danh sách có {total:,} dòng".replace(",", ".") + ": tệp Excel được lập trong nền, trang này báo tiến độ.")
        return redirect("units:export-detail", pk=job.pk)
    return xlsx_response(export.filename, export.title, export.headers, export.iter_rows(), widths=export.widths)


def params_of(job):
    return QueryDict(job.params)
