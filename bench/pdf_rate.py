"""The long-report PDF rate, measured side by side in one run (`make bench`, or on its own:
`python -m bench.pdf_rate 3000 12501`):

- plain: a plain 6-column WeasyPrint table of the rows, one process (the yardstick of issue 17);
- single: the proposed-awardees report's template in one process (reports.formatters.to_pdf with
  the parallel path switched off);
- chunked: the same report through the chunked renderer (REPORT_PDF_CHUNK_ROWS rows per chunk,
  REPORT_PDF_WORKERS processes, merged with pypdf).

Each is run in a fresh subprocess while this process samples the memory of that subprocess and
all its descendants every 50 ms (/proc), so the peak includes the render workers: the sum of their
resident sets (RSS: pages shared between the processes, such as the libraries, count once in each)
and the sum of their proportional set sizes (PSS: shared pages divided among them, as bench/memory.py
measures).
The rows are synthetic (a seeded generator, realistic Vietnamese names and units); the database is
read only for the letterhead settings."""

import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODES = ("plain", "single", "chunked")

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Thanh", "Minh", "Ngọc", "Quang", "Thu", "Xuân"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hạnh", "Hòa", "Hùng", "Lan", "Long", "Mai", "Nam", "Phương", "Quân", "Thảo", "Yến"]
POSITIONS = ["Chuyên viên", "Giáo viên", "Kế toán", "Trưởng phòng", "Phó trưởng phòng", "Nhân viên", "Công nhân", ""]
UNITS = ["Trường Tiểu học Vạn Sơn", "Phòng Kinh tế", "UBND phường Ngọc Xuyên", "Trung tâm Y tế", "Trường THCS Hải Sơn", "Công an phường"]
BASES = ["Khen thưởng theo công trạng", "Khen thưởng theo chuyên đề", "Khen thưởng đột xuất"]
KINDS = ["Lao động tiên tiến", "Chiến sĩ thi đua cơ sở", "Giấy khen của Chủ tịch UBND"]


def synthetic_rows(n, seed=17):
    rnd = random.Random(seed)
    for i in range(1, n + 1):
        yield [
            i,
            f"{rnd.choice(FAMILY)} {rnd.choice(MIDDLE)} {rnd.choice(GIVEN)}",
            rnd.choice(POSITIONS),
            f"{rnd.choice(UNITS)} {rnd.randint(1, 40)}",
            rnd.choice(BASES),
            rnd.choice(["Có", "Không", ""]),
        ]


def synthetic_document(n):
    """A proposed-awardees report (reports.generators.proposed) of ``n`` synthetic rows in three
    award kinds, as the generator shapes it."""
    from reports.enums import ReportKind
    from reports.generators import ReportDocument, Section, Table

    rows = list(synthetic_rows(n))
    cuts = [0, n // 2, n * 5 // 6, n]
    tables = []
    for kind, start, end in zip(KINDS, cuts, cuts[1:], strict=False):
        part = [[j, *row[1:]] for j, row in enumerate(rows[start:end], start=1)]
        tables.append(
            Table(
                kind,
                ["STT", "Họ và tên / tập thể", "Chức vụ", "Đơn vị", "Loại hình", "Lao động trực tiếp"],
                part,
                numeric_from=99,
                wide=1,
                widths=[5, 24, 14, 27, 20, 10],
            )
        )
    section = Section("DANH SÁCH", [f"Tổng số: {n} đề nghị ({len(tables)} danh hiệu, hình thức)."], tables)
    return ReportDocument(
        ReportKind.PROPOSED,
        "DANH SÁCH",
        "Đề nghị khen thưởng năm 2025 trình Hội đồng Thi đua – Khen thưởng",
        ["Danh sách các cá nhân, tập thể đã được thẩm định, trình Hội đồng xét:"],
        [section],
        landscape=True,
    )


def plain_html(n):
    from xml.sax.saxutils import escape

    body = "".join("<tr>" + "".join(f"<td>{escape(str(v))}</td>" for v in row) + "</tr>" for row in synthetic_rows(n))
    return (
        "<html><head><meta charset='utf-8'><style>@page { size: A4 landscape; margin: 20mm 15mm 20mm 30mm; }"
        "table { width: 100%; border-collapse: collapse; font-size: 11.5pt; } td, th { border: 0.6pt solid #000; padding: 1mm 2mm; }"
        "thead { display: table-header-group; }</style></head><body><table><thead><tr>"
        + "".join(f"<th>{h}</th>" for h in ["STT", "Họ và tên / tập thể", "Chức vụ", "Đơn vị", "Loại hình", "Lao động trực tiếp"])
        + f"</tr></thead><tbody>{body}</tbody></table></body></html>"
    )


def run_one(mode, n):
    """In the measured subprocess: render, print 'seconds pages'."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dosonthidua.settings")
    os.environ.setdefault("DEBUG", "true")
    django.setup()
    from django.test.utils import override_settings
    from pypdf import PdfReader

    if mode == "plain":
        from weasyprint import HTML

        html = plain_html(n)
        started = time.perf_counter()
        data = HTML(string=html).write_pdf()
    else:
        from reports import formatters

        document = synthetic_document(n)
        started = time.perf_counter()
        if mode == "single":
            with override_settings(REPORT_PDF_PARALLEL_ROWS=n + 1):
                data = formatters.to_pdf(document)
        else:
            data = formatters.to_pdf(document)
    seconds = time.perf_counter() - started
    import io

    print(f"{seconds:.3f} {len(PdfReader(io.BytesIO(data)).pages)} {len(data)}")


def _pss(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _tree_memory(pid):
    """(RSS, PSS) in bytes, summed over ``pid`` and every descendant, from /proc."""
    parents = {}
    rss = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            parents[int(entry)] = int(fields[1])
            rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    tree, frontier = {pid}, [pid]
    while frontier:
        current = frontier.pop()
        for child, parent in parents.items():
            if parent == current and child not in tree:
                tree.add(child)
                frontier.append(child)
    return sum(rss.get(p, 0) for p in tree), sum(_pss(p) for p in tree)


def measure(mode, n):
    """(seconds, pages, bytes, peak RSS, peak PSS in bytes of the process tree) of one render in a subprocess."""
    proc = subprocess.Popen([sys.executable, "-m", "bench.pdf_rate", "--one", mode, str(n)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    peak = peak_pss = 0
    stop = threading.Event()

    def sample():
        nonlocal peak, peak_pss
        while not stop.is_set():
            rss, pss = _tree_memory(proc.pid)
            peak, peak_pss = max(peak, rss), max(peak_pss, pss)
            stop.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = proc.communicate()
    stop.set()
    sampler.join()
    if proc.returncode:
        raise RuntimeError(f"{mode} {n}: exit {proc.returncode}")
    seconds, pages, size = out.split()[-3:]
    return float(seconds), int(pages), int(size), peak, peak_pss


def compare(sizes):
    """Rows of the comparison: one dict per (rows, mode)."""
    from django.conf import settings

    results = []
    for n in sizes:
        for mode in MODES:
            seconds, pages, size, peak, peak_pss = measure(mode, n)
            results.append(
                {
                    "rows": n,
                    "mode": mode,
                    "seconds": seconds,
                    "pages": pages,
                    "mb": size / 1e6,
                    "peak_mb": peak / 2**20,
                    "peak_pss_mb": peak_pss / 2**20,
                    "rows_per_s": n / seconds,
                }
            )
            print(
                f"PDF {n:6d} rows {mode:8s} {seconds:7.1f} s  {pages:5d} pages  {n / seconds:7.1f} rows/s  "
                f"peak RSS {peak / 2**20:7.0f} MiB  PSS {peak_pss / 2**20:7.0f} MiB  file {size / 1e6:5.1f} MB",
                flush=True,
            )
    for n in sizes:
        plain = next(r for r in results if r["rows"] == n and r["mode"] == "plain")
        for r in results:
            if r["rows"] == n:
                r["vs_plain"] = r["rows_per_s"] / plain["rows_per_s"]
    return results, {"chunk_rows": settings.REPORT_PDF_CHUNK_ROWS, "workers": settings.REPORT_PDF_WORKERS}


def markdown(results, config):
    lines = [
        "## Long PDFs: chunked renderer against plain WeasyPrint",
        "",
        f"The proposed-awardees report of synthetic rows (bench/pdf_rate.py), chunks of {config['chunk_rows']} rows, "
        f"{config['workers']} render processes; each render in a fresh process, peak RSS and PSS summed over that process and",
        "its children (sampled every 50 ms). Rate relative to a plain 6-column WeasyPrint table of the same rows in one process.",
        "",
        "| rows | renderer | seconds | pages | rows/s | × plain rate | peak RSS MiB | peak PSS MiB | file MB |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r['rows']:,} | {r['mode']} | {r['seconds']:.1f} | {r['pages']} | {r['rows_per_s']:.0f} | {r['vs_plain']:.2f} | "
            f"{r['peak_mb']:.0f} | {r['peak_pss_mb']:.0f} | {r['mb']:.1f} |"
        )
    lines.append("")
    return lines


def main(argv):
    if argv[:1] == ["--one"]:
        run_one(argv[1], int(argv[2]))
        return
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dosonthidua.settings")
    os.environ.setdefault("DEBUG", "true")
    django.setup()
    results, config = compare([int(a) for a in argv] or [3000, 12501])
    print("\n".join(markdown(results, config)))


if __name__ == "__main__":
    main(sys.argv[1:])
