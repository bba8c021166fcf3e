"""List exports stream: memory does not grow with the rows, an empty selection says so in the file,
and a list above EXPORT_SYNC_MAX_ROWS becomes a background job only its requester sees."""

import io
import tracemalloc

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from dosonthidua.spreadsheets import EMPTY_EXPORT_TEXT
from units.enums import ExportStatus
from units.models import ExportJob, Person
from units.tasks import export_build_task

pytestmark = pytest.mark.django_db


def _add_people(unit, n, start=0):
    Person.objects.bulk_create(
        Person(full_name=f"Nguyễn Văn Thử {i}", unit=unit, birth_year=1980, position="Chuyên viên", gender="male")
        for i in range(start, start + n)
    )


def _sheet(response):
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True).active


def _export_peak(client):
    tracemalloc.start()
    try:
        response = client.get(reverse("units:person-list"), {"export": "xlsx"})
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert response.status_code == 200
    return peak, response


def test_export_peak_memory_does_not_grow_with_rows(client_for, reviewer, unit, settings):
    settings.EXPORT_SYNC_MAX_ROWS = 100_000
    client = client_for(reviewer)
    _add_people(unit, 1500)  # three chunks of EXPORT_CHUNK: the steady state is reached
    _export_peak(client)  # warm-up: imports, template and query compilation
    small, _ = _export_peak(client)
    _add_people(unit, 6000, start=1500)
    large, response = _export_peak(client)
    rows = sum(1 for _ in _sheet(response).iter_rows(min_row=2))
    assert rows == 7500
    # Five times the rows, about the same peak (a list-based export grows linearly: ~5x).
    assert large < small * 1.5, (small, large)


def test_empty_export_says_so(client_for, reviewer, unit):
    response = client_for(reviewer).get(reverse("units:person-list"), {"export": "xlsx", "q": "không có ai tên này"})
    rows = list(_sheet(response).iter_rows(values_only=True))
    assert rows[0][0] == "Họ và tên"
    assert rows[1][0] == EMPTY_EXPORT_TEXT and len(rows) == 2


def test_large_export_becomes_a_job_for_its_requester_only(client_for, reviewer, leader, unit, settings):
    settings.EXPORT_SYNC_MAX_ROWS = 10
    _add_people(unit, 25)
    client = client_for(reviewer)
    response = client.get(reverse("units:person-list"), {"export": "xlsx", "q": "thu"})
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("units:export-detail", args=[job.pk])
    assert (job.user, job.total, job.status) == (reviewer, 25, ExportStatus.PENDING)
    page = client.get(reverse("units:export-detail", args=[job.pk])).content.decode()
    assert "0/25 dòng" in page and "hx-get" in page
    export_build_task.apply(args=[job.pk])  # what the worker runs
    job.refresh_from_db()
    assert (job.status, job.done_rows) == (ExportStatus.DONE, 25)
    status = client.get(reverse("units:export-status", args=[job.pk])).content.decode()
    assert "Tải tệp Excel (25 dòng)" in status and "hx-get" not in status
    download = client.get(reverse("units:export-download", args=[job.pk]))
    names = [r[0] for r in _sheet(download).iter_rows(min_row=2, values_only=True)]
    assert sorted(names) == sorted(f"Nguyễn Văn Thử {i}" for i in range(25))
    other = client_for(leader)
    for name in ("units:export-detail", "units:export-status", "units:export-download"):
        assert other.get(reverse(name, args=[job.pk])).status_code == 404
