"""Peak memory of exports and long reports, each measured in a fresh process so its peak is its own:
`python -m bench.memory export "<query string>"` or `python -m bench.memory report <kind> <period>`
prints one JSON line (rows, seconds, file size, and the peak memory of the process tree: the sum of
the proportional set sizes (PSS) of the process and its live children, sampled every 50 ms, so
worker processes rendering in parallel count once each and shared pages are not counted twice).
Run by bench/run.py against the benchmark database (DATABASE_URL)."""

import json
import os
import resource
import sys
import tempfile
import threading
import time
from contextlib import contextmanager

import psutil


def _setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dosonthidua.settings")
    os.environ.setdefault("DEBUG", "true")
    import django

    django.setup()


def _pss(process):
    try:
        return process.memory_full_info().pss
    except (psutil.NoSuchProcess, psutil.AccessDenied, AttributeError):
        return 0


@contextmanager
def tree_peak(interval=0.05):
    """Yields a dict whose "tree_peak_mb" is, after the block, the largest PSS sum seen over this
    process and its descendants."""
    me = psutil.Process()
    result = {"tree_peak_mb": 0.0}
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            total = _pss(me) + sum(_pss(child) for child in me.children(recursive=True))
            result["tree_peak_mb"] = max(result["tree_peak_mb"], total / 2**20)
            stop.wait(interval)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        yield result
    finally:
        stop.set()
        thread.join()
        result["process_maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def export(query):
    """The reviewer's nomination list export for ``query`` (the list's filters), written the way the
    export job writes it (units.exports.Export.iter_rows into dosonthidua.spreadsheets)."""
    from django.http import QueryDict

    from awards.views import nomination_export
    from dosonthidua.spreadsheets import write_workbook
    from units.models import User

    user = User.objects.get(username="bench-reviewer")
    started = time.perf_counter()
    with tree_peak() as peak:
        job = nomination_export(user, QueryDict(query))
        with tempfile.TemporaryFile() as handle:
            rows = write_workbook(handle, job.title, job.headers, job.iter_rows(), widths=job.widths)
            size = handle.tell()
    return {"rows": rows, "seconds": time.perf_counter() - started, "file_mb": size / 2**20, **peak}


def report(kind, period):
    """A report of ``kind`` for ``period`` as PDF and XLSX, through the report formatters."""
    from reports import formatters, generators
    from reports.periods import parse_period

    started = time.perf_counter()
    with tree_peak() as peak:
        document = generators.generate(kind, period=parse_period(period))
        rows = sum(len(t.rows) for s in document.sections for t in s.tables)
        pdf = formatters.to_pdf(document)
        pdf_seconds = time.perf_counter() - started
        xlsx = formatters.to_xlsx(document)
    return {
        "rows": rows,
        "seconds": time.perf_counter() - started,
        "pdf_seconds": pdf_seconds,
        "pdf_mb": len(pdf) / 2**20,
        "xlsx_mb": len(xlsx) / 2**20,
        **peak,
    }


if __name__ == "__main__":
    _setup()
    what, *args = sys.argv[1:]
    print(json.dumps({"export": export, "report": report}[what](*args)))
