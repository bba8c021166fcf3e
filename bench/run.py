"""`make bench`: serve the portal under gunicorn on loopback with production settings, measure each
page (median and p95 time, SQL queries), run a mixed locust load, and write docs/benchmarks.md.

Run as `python -m bench.run` with DATABASE_URL pointing at a database seeded by seed_bench."""

import csv
import datetime as dt
import os
import platform
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import django

from bench import api_lookup

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = os.environ.get("BENCH_PASSWORD", "bench12345")
REPEAT = int(os.environ.get("BENCH_REPEAT", "40"))
LOAD_USERS = int(os.environ.get("BENCH_USERS", "50"))
LOAD_SECONDS = int(os.environ.get("BENCH_SECONDS", "60"))
# Rows of the long-PDF comparison (bench/pdf_rate.py: chunked renderer against plain WeasyPrint); empty to skip it.
PDF_ROWS = [int(n) for n in os.environ.get("BENCH_PDF_ROWS", "3000,12501").split(",") if n.strip()]
TARGETS_MS = {"list": 200, "detail": 200, "dashboard": 300, "home": 200, "public": 200, "floor": None, "pdf": 5000}
MAX_QUERIES = 15
# Each page's median against the trivial view's, both measured in the same rounds (issue 17's targets).
FLOOR_TARGETS = {"home": 15, "list": 20}
ADMIN_FILTERED = "admin changelist: nominations, filtered (state, year)"
ADMIN_UNFILTERED = "admin changelist: nominations, unfiltered"
ADMIN_PEOPLE = "admin changelist: people, search"
# Our list -> the admin changelist showing the same rows.
ADMIN_PAIRS = [
    ("nomination list, reviewer, filtered (state, year)", ADMIN_FILTERED),
    ("nomination list, reviewer, unfiltered", ADMIN_UNFILTERED),
    ("people list, reviewer, search", ADMIN_PEOPLE),
]


NOTES = [
    "## Notes",
    "",
    "- **Cached aggregates.** The dashboard's figures are cached per scope (the page states when they were",
    "  computed), invalidated by the services that change them and warmed by beat; the cold row above forces",
    "  the recomputation (?refresh=1) on every request.",
    "- **Under load** the 2 cores serve gunicorn, PostgreSQL, Redis and locust together; signing in (PBKDF2 with",
    "  Django's default iterations) is the most expensive request, by design.",
    "- **Admin changelists** are the Django admin's own pages for the same rows (the nomination changelist is",
    "  registered read-only for the bench server only, bench/admin.py); ours do more per page (state tabs,",
    "  overdue flags, the checks' column).",
    "",
    "## The profiles behind issue 17's fixes",
    "",
    "| where | profile | fix |",
    "|---|---|---|",
    "| reviewer's home, overdue panel | every waiting nomination loaded and its working days counted in Python"
    " (4.6 of 4.9 s) | one SQL query over the holiday calendar gives each service level's cutoff date, then a range"
    " on `submitted_at` (partial index `nomination_waiting`) |",
    "| reviewer panel, first fix | one `aggregate()` whose FILTERs ran over every row (5.6 s at 120,000) |"
    " the aggregate restricted to the states it counts |",
    "| list exports | openpyxl in normal mode held every cell (5.4 GB at 500,000 rows) | server-side cursor"
    " (500 rows a chunk) into a write-only workbook; above `EXPORT_SYNC_MAX_ROWS` a Celery job with progress |",
    "| state tabs, list total | a `GROUP BY state` and a `COUNT(*)` per request | counts cached per filtered set,"
    " invalidated by the transition service |",
    "| unit tree | every unit and a people count per request (245 KB) | one level at a time (htmx), cached counts |",
    "| long PDFs | WeasyPrint lays out one table on one core | chunks of 500 rows laid out by two processes,"
    " numbered by an overlay and merged with pypdf (reports/pdf_chunks.py) |",
    "| long PDFs, memory | 661 MiB RSS (571 PSS) at 12,501 rows in chunks of 1,000: each worker 200 MiB (the styles"
    " and boxes of the chunk it lays out, 25 MiB the Celery application imported through the project package, 200–208"
    " MiB from chunk to chunk), the parent 172 MiB (126 of them Django) growing to 250 in the pypdf merge while both idle"
    " workers kept 195 | chunk PDFs in files, the pool exits before the parent merges, chunks of 500 rows (a worker"
    " peaks at 126–139 MiB), the module in `reports` (workers import WeasyPrint and pypdf only), one font subset per face |",
    "| statistical form 0602 | one aggregate with a COUNT(*) FILTER per cell (120 FILTERs, 48 KB of SQL; 291 ms SQL"
    " and ~90 ms building the 120 Q objects under load) over every award of the year joined to persons and nominations |"
    " one grouped query per source: each condition's terms computed once per record, the terms all cells share as WHERE"
    " (0602 reads state-level awards only), the other boolean terms folded into one integer grouping key; the"
    " leadership-rank subquery only for persons with a leadership period |",
    "| reviewer's home, after its first fixes (15.3× the floor) | of the count's 59 ms of SQL, 20.7 were PostgreSQL's JIT"
    " compiling the plan (its correlated NOT EXISTS priced per row puts the estimate above jit_above_cost) and 26 a bitmap"
    " heap scan of 25,000 rows over 4,000 pages | JIT off for the portal's database (units 0015), a covering partial index"
    " `nomination_queue_counts` (state, kind, sent, id over the four states counted): the count 59 → 11 ms, the page"
    " in-process 80 → 24 ms |",
    "| dashboard, cold | 558 ms in-process for a year of 13 nominations: two seq scans of all 500,000 nominations for"
    " `(submitted_at AT TIME ZONE …)::date BETWEEN …` (195 ms each); in the busy year 70 ms of `reverse()` and"
    " `urlencode()` for two links per unit | the period as a range on `submitted_at` (index `nomination_submitted`), the"
    " per-unit links from one query string: 558 → 74 ms (2026), 226 → 155 ms (2025) |",
    "| statistical form 0603 | 73 of its 336 ms were JIT compilation (estimated cost 152,000) | JIT off (above) |",
    "| the admin's delete pages | one query or more per related row named (45/75/575 queries for a user with 1/3/50"
    " nominations) | counts per kind from the deletion collector (dosonthidua.admin.DeletionSummaryMixin): 34/34/34 |",
    "",
]


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare():
    """Bench accounts (one per role) with a known password, and the ids the pages need."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dosonthidua.settings")
    os.environ.setdefault("DEBUG", "true")
    django.setup()
    from django_otp import devices_for_user

    from awards.models import Nomination
    from units.enums import Role
    from units.models import Unit, User

    root = Unit.objects.get(short_code="BENCH-ROOT")
    ward = Unit.objects.filter(short_code__startswith="BENCH-", kind="ward").order_by("pk").first()
    accounts = {
        "bench-reviewer": ([Role.REVIEWER], root),
        "bench-leader": ([Role.LEADER], root),
        "bench-council": ([Role.COUNCIL_MEMBER], root),
        "bench-admin": ([Role.ADMINISTRATOR], root),
        "bench-officer-1": ([Role.UNIT_OFFICER], ward),
    }
    for username, (roles, unit) in accounts.items():
        user, _ = User.objects.get_or_create(username=username, defaults={"full_name": username, "roles": roles, "unit": unit})
        user.roles, user.unit = roles, unit
        user.is_staff = user.is_superuser = username == "bench-admin"  # the admin changelists compared
        user.set_password(PASSWORD)
        user.save()
        # The bench accounts sign in with the password alone: no enrolled authenticator (which would
        # send every page to the second-factor step) and no role requiring one on the bench server.
        for device in devices_for_user(user, confirmed=None):
            device.delete()
    nomination_ids = list(Nomination.objects.filter(unit__short_code__startswith="BENCH-", year=2025).values_list("pk", flat=True)[:50])
    officer_nominations = list(Nomination.objects.filter(unit=ward).values_list("pk", flat=True)[:20])
    officer_nomination = officer_nominations[0] if officer_nominations else None
    campaign_id = None
    try:
        from django.db.models import Count

        from campaigns.models import Campaign

        campaign = Campaign.objects.annotate(n=Count("registrations")).order_by("-n").first()
        campaign_id = campaign.pk if campaign else None
    except Exception:  # the campaigns app may name the relation differently; the matrix is then skipped
        campaign_id = None
    return {
        "nomination_ids": nomination_ids,
        "officer_nomination": officer_nomination,
        "officer_nomination_ids": officer_nominations,
        "campaign_id": campaign_id,
        **api_lookup.prepare(),  # service periods, the API token, the lookup's unit
    }


def pages(ids):
    nomination = ids["nomination_ids"][0] if ids["nomination_ids"] else None
    table = [
        ("floor", "trivial view /healthz (framework floor)", None, "/healthz"),
        ("home", "home – reviewer", "bench-reviewer", "/"),
        ("home", "home – leader", "bench-leader", "/"),
        ("home", "home – council member", "bench-council", "/"),
        ("home", "home – unit officer", "bench-officer-1", "/"),
        ("home", "home – administrator", "bench-admin", "/"),
        ("list", "nomination list, reviewer, filtered (state, year)", "bench-reviewer", "/khen-thuong/de-nghi/?state=submitted&year=2025"),
        ("list", "nomination list, reviewer, accent-insensitive search", "bench-reviewer", "/khen-thuong/de-nghi/?q=nguyen+van"),
        ("list", "nomination list, unit officer", "bench-officer-1", "/khen-thuong/de-nghi/"),
        ("list", "nomination list, reviewer, unfiltered", "bench-reviewer", "/khen-thuong/de-nghi/"),
        ("list", "people list, reviewer, search", "bench-reviewer", "/don-vi/can-bo/?q=tran+thi"),
        ("list", "unit tree, reviewer", "bench-reviewer", "/don-vi/"),
        # The dashboards of the benchmark's last year (seed_bench's last_year, 2025: 50,000 nominations
        # and the waiting queue), not the default current year, which holds only the demo's rows.
        ("dashboard", "dashboard – leader (warm)", "bench-leader", "/bao-cao/?year=2025"),
        (
            "dashboard",
            "dashboard – reviewer, cold (?refresh=1 recomputes every figure)",
            "bench-reviewer",
            "/bao-cao/?year=2025&refresh=1",
        ),
        ("admin", ADMIN_FILTERED, "bench-admin", "/quan-tri/awards/nomination/?state__exact=submitted&year__exact=2025"),
        ("admin", ADMIN_UNFILTERED, "bench-admin", "/quan-tri/awards/nomination/"),
        ("admin", ADMIN_PEOPLE, "bench-admin", "/quan-tri/units/person/?q=tran+thi"),
        # The sector's statistical forms over the benchmark's awards (decided 20/12/2025: statistical year 2026).
        (
            "dashboard",
            "statistical form 0602 (awards by form, subject, basis) – reviewer",
            "bench-reviewer",
            "/bao-cao/thong-ke-nganh/0602/?year=2026",
        ),
        ("dashboard", "statistical form 0601 (movements) – leader", "bench-leader", "/bao-cao/thong-ke-nganh/0601/?year=2026"),
        # The heaviest form at this scale: the city-level awards of 20/12/2024 (statistical year 2025).
        (
            "dashboard",
            "statistical form 0603 (city-level awards of a year) – reviewer",
            "bench-reviewer",
            "/bao-cao/thong-ke-nganh/0603/?year=2025",
        ),
        (
            "list",
            "statistical form drill-down list (0602, persons), reviewer",
            "bench-reviewer",
            "/bao-cao/thong-ke-nganh/0602/chi-tiet/?year=2026&row=person&col=total",
        ),
        ("public", "public exemplars page", None, "/phong-trao/guong-dien-hinh/"),
    ]
    if nomination:
        table.insert(9, ("detail", "nomination detail, reviewer", "bench-reviewer", f"/khen-thuong/de-nghi/{nomination}/"))
    if ids["officer_nomination"]:
        table.insert(
            10, ("detail", "nomination detail, unit officer", "bench-officer-1", f"/khen-thuong/de-nghi/{ids['officer_nomination']}/")
        )
    if ids["campaign_id"]:
        table.insert(
            11, ("list", "registration matrix (all units)", "bench-reviewer", f"/phong-trao/{ids['campaign_id']}/ma-tran-dang-ky/")
        )
    return table + api_lookup.pages(ids)


class Server:
    def __init__(self, database_url=None, root=ROOT):
        """gunicorn serving the checkout at ``root`` (bench/api_compare.py serves two side by side)."""
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {
            **os.environ,
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_COOKIES": "false",
            "PORTAL_HTTP_ONLY": "true",
            "AXES_ENABLED": "false",
            "PORTAL_QUERY_COUNT_HEADER": "true",
            "LOG_LEVEL": "WARNING",
            "TWO_FACTOR_REQUIRED_ROLES": "",
            "PORTAL_BENCH_ADMIN": "true",  # the read-only nomination changelist compared with our list (bench/admin.py)  # the bench accounts sign in with a password (no authenticator)
        }
        if database_url:
            env["DATABASE_URL"] = database_url
        subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=root, env=env, check=True)
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "dosonthidua.wsgi:application",
                "-b",
                f"127.0.0.1:{self.port}",
                "-w",
                "3",
                "--timeout",
                "60",
            ],
            cwd=root,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        import requests

        for _ in range(100):
            try:
                requests.get(self.url + "/healthz", timeout=5)
                return
            except requests.RequestException:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def stop(self):
        self.proc.terminate()
        self.proc.wait(15)


def session_for(server, username):
    import requests

    session = requests.Session()
    if username is None:
        return session
    if username.startswith(api_lookup.KEY_USER):
        return api_lookup.session_for_token(username)
    form = session.get(server.url + "/dang-nhap/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    response = session.post(
        server.url + "/dang-nhap/",
        data={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token},
        headers={"Referer": server.url + "/dang-nhap/"},
    )
    if "dang-nhap" in response.url:
        raise RuntimeError(f"could not sign in as {username}")
    return session


def _get(session, url):
    started = time.perf_counter()
    response = session.get(url, allow_redirects=False)  # a redirect (sign-in, second factor) shows as such
    return (time.perf_counter() - started) * 1000, response


def measure(server, table):
    """Each page ``REPEAT`` times after 3 warm-up requests, each request right after one to the
    trivial view in the same session and worker pool, so a page's ratio is against the floor measured
    in the same moments. Also reads the SQL count and time the server reports for each response."""
    floor_path = next(path for kind, _l, _u, path in table if kind == "floor")
    sessions = {}
    results = []
    for kind, label, username, path in table:
        if username not in sessions:
            sessions[username] = session_for(server, username)
        session = sessions[username]
        times, floors, sql_ms, queries, statuses = [], [], [], set(), set()
        for i in range(REPEAT + 3):
            floor_ms, _ = _get(session, server.url + floor_path)
            elapsed, response = _get(session, server.url + path)
            statuses.add(response.status_code)
            if i >= 3:  # warm-up excluded
                times.append(elapsed)
                floors.append(floor_ms)
                queries.add(int(response.headers.get("X-Query-Count", "-1")))
                sql_ms.append(float(response.headers.get("X-Query-Time-Ms", "0") or 0))
        times.sort()
        median = statistics.median(times)
        results.append(
            {
                "kind": kind,
                "label": label,
                "path": path,
                "median": median,
                "p95": times[max(0, int(round(0.95 * len(times))) - 1)],
                "floor": statistics.median(floors),
                "sql_ms": statistics.median(sql_ms),
                "queries": max(queries),
                "status": ",".join(str(s) for s in sorted(statuses)),
                "bytes": len(response.content),
            }
        )
        r = results[-1]
        print(
            f"{label:60s} median {r['median']:7.1f} ms  p95 {r['p95']:7.1f} ms  ×floor {r['median'] / r['floor']:5.1f}  "
            f"queries {r['queries']:3d}  sql {r['sql_ms']:6.1f} ms  {r['status']}",
            flush=True,
        )
    return results


LOAD_CLASSES = ["Reviewer", "Leader", "Officer", "PublicVisitor"]


def load(server, ids, *, think=True, classes=None):
    """A locust run of ``LOAD_SECONDS`` with ``LOAD_USERS`` users (think time between requests, or
    none), in its own process; returns locust's stats rows."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "BENCH_NOMINATION_IDS": ",".join(str(i) for i in ids["nomination_ids"]),
            "BENCH_CAMPAIGN_ID": str(ids["campaign_id"] or ""),
            "BENCH_OFFICER_NOMINATION_IDS": ",".join(str(i) for i in ids["officer_nomination_ids"]),
            "BENCH_THINK": "1" if think else "0",
        }
        env.pop("DJANGO_SETTINGS_MODULE", None)
        subprocess.run(
            [
                str(Path(sys.executable).with_name("locust")),
                "-f",
                str(ROOT / "bench" / "load" / "locustfile.py"),
                "--headless",
                "-u",
                str(LOAD_USERS),
                "-r",
                "10",
                "-t",
                f"{LOAD_SECONDS}s",
                "--host",
                server.url,
                "--csv",
                f"{tmp}/load",
                "--only-summary",
                "--loglevel",
                "WARNING",
                *(classes or LOAD_CLASSES),
            ],
            env=env,
            check=False,
            timeout=LOAD_SECONDS + 120,
        )
        with open(f"{tmp}/load_stats.csv") as handle:
            rows = list(csv.DictReader(handle))
    return rows


def loads(server, ids):
    """The mix with think time, the mix without, and the trivial view alone (the floor's throughput)."""
    if LOAD_SECONDS <= 0:
        return {}
    return {
        "with think time": load(server, ids, think=True),
        "without think time": load(server, ids, think=False),
        "floor": load(server, ids, think=False, classes=["Floor"]),
    }


def memory():
    """Peak memory of the export and the long report, each in a fresh process (bench.memory)."""
    import json

    runs = [
        ("Excel export, nominations of 2024 (reviewer's list filtered by year)", ["export", "year=2024"], 150),
        ("Excel export, every nomination (reviewer's unfiltered list)", ["export", ""], 300),
        ("proposed-awardees report 2025 (PDF + XLSX)", ["report", "proposed", "2025"], 500),
    ]
    out = []
    for label, args, target_mb in runs if os.environ.get("BENCH_MEMORY", "1") != "0" else []:
        done = subprocess.run(
            [sys.executable, "-m", "bench.memory", *args], cwd=ROOT, env=os.environ, capture_output=True, text=True, timeout=3600
        )
        if done.returncode:
            print(done.stderr[-2000:])
            out.append({"label": label, "error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed"})
            continue
        result = json.loads(done.stdout.strip().splitlines()[-1])
        result.update(label=label, target_mb=target_mb)
        print(f"{label}: {result}", flush=True)
        out.append(result)
    return out


def small_scale():
    """The same pages at demo scale (BENCH_SMALL_DB, seeded by scripts/bench.sh with a small
    seed_bench), for the growth from demo to city scale; None when not configured."""
    import json

    url = os.environ.get("BENCH_SMALL_DATABASE_URL")
    if not url:
        return None
    env = {**os.environ, "DATABASE_URL": url}
    code = "import json, bench.run as r; ids = r.prepare(); print(json.dumps({'ids': ids, 'counts': r.scale()}))"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    data = json.loads(done.stdout.strip().splitlines()[-1])
    server = Server(database_url=url)
    try:
        results = measure(server, pages(data["ids"]))
    finally:
        server.stop()
    return {"counts": data["counts"], "results": results}


def scale():
    from django.db import connection

    counts = {}
    with connection.cursor() as cursor:
        for label, table in [
            ("units", "units_unit"),
            ("people", "units_person"),
            ("nominations", "awards_nomination"),
            ("nomination history rows", "awards_nominationtransition"),
            ("decided awards (history)", "awards_awardrecord"),
            ("service periods", "units_serviceperiod"),
        ]:
            cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 - fixed table names
            counts[label] = cursor.fetchone()[0]
    return counts


def machine():
    info = {}
    for path, key, field in (("/proc/cpuinfo", "model name", "cpu"), ("/proc/meminfo", "MemTotal", "mem")):
        try:
            line = next(line for line in Path(path).read_text().splitlines() if line.startswith(key))
            info[field] = line.split(":", 1)[1].strip()
        except (OSError, StopIteration):
            info[field] = "?"
    mem = info["mem"].split()[0]
    mem = f"{int(mem) // 1024 // 1024} GiB" if mem.isdigit() else mem
    return f"{os.cpu_count()} cores ({info['cpu']}), {mem}, Python {platform.python_version()}, gunicorn 3 sync workers, PostgreSQL and Redis on the same machine"


def _ratio(r):
    return r["median"] / r["floor"] if r["floor"] else float("nan")


def _counts_line(counts):
    return ", ".join(f"{v:,} {k}".replace(",", ".") for k, v in counts.items())


def _page_rows(results):
    lines = [
        "| page | median ms | p95 ms | × floor | SQL queries | SQL ms | KiB | target | meets |",
        "|---|---:|---:|---:|---:|---:|---:|---|:---:|",
    ]
    for r in results:
        target = TARGETS_MS.get(r["kind"], api_lookup.TARGETS_MS.get(r["kind"]))
        max_queries = api_lookup.MAX_QUERIES.get(r["kind"], MAX_QUERIES)
        misses, wanted = [], []
        if target is not None:
            wanted.append(f"p95 ≤ {target} ms")
            if r["p95"] > target:
                misses.append(f"p95 > {target} ms")
        if r["kind"] in FLOOR_TARGETS:
            wanted.append(f"≤ {FLOOR_TARGETS[r['kind']]}× floor")
            if _ratio(r) > FLOOR_TARGETS[r["kind"]]:
                misses.append(f"> {FLOOR_TARGETS[r['kind']]}× floor")
        if r["kind"] in api_lookup.MAX_QUERIES:
            wanted.append(f"≤ {max_queries} queries")
        if r["kind"] != "admin" and r["queries"] > max_queries:
            misses.append(f"{r['queries']} > {max_queries} queries")
        if r["status"] != "200":
            misses.append(f"HTTP {r['status']}")
        lines.append(
            f"| {r['label']} | {r['median']:.1f} | {r['p95']:.1f} | {_ratio(r):.1f} | {r['queries']} | {r['sql_ms']:.1f} | "
            f"{r['bytes'] / 1024:.0f} | {', '.join(wanted) or '—'} | {'yes' if not misses else 'NO: ' + ', '.join(misses)} |"
        )
    return lines


def _load_summary(rows):
    agg = next((r for r in rows if r.get("Name") == "Aggregated"), rows[-1] if rows else None)
    return agg


def write_report(results, loads_rows, extra, counts, *, states=None, mem=(), small=None, pdf_lines=()):
    by_label = {r["label"]: r for r in results}
    lines = [
        "# Benchmarks",
        "",
        f"Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC by `make bench` (bench/run.py) on {machine()}.",
        "",
        "Scale: "
        + _counts_line(counts)
        + " (generated by `manage.py seed_bench`)."
        + (f" Nominations by state: {states}." if states else ""),
        "",
        "## Ratios (issue 17)",
        "",
        "| measure | value | target | meets |",
        "|---|---:|---|:---:|",
    ]

    def ratio_row(name, value, target, fmt="{:.1f}×"):
        meets = "—" if target is None else ("yes" if value <= target else "NO")
        lines.append(
            f"| {name} | {fmt.format(value)} | {'—' if target is None else fmt.format(target).replace('×', '×') + ' at most'} | {meets} |"
        )

    for label, target in [
        ("home – reviewer", 15),
        ("nomination list, reviewer, unfiltered", 20),
        ("unit tree, reviewer", 20),
        ("dashboard – leader (warm)", 10),
    ]:
        if label in by_label:
            ratio_row(f"{label} against the floor", _ratio(by_label[label]), target)
    cold = next((r for r in results if "cold" in r["label"]), None)
    if cold and cold["sql_ms"]:
        ratio_row("dashboard cold against its own SQL time", cold["median"] / cold["sql_ms"], None)
        lines.append(f"| dashboard cold: SQL queries | {cold['queries']} | 15 at most | {'yes' if cold['queries'] <= 15 else 'NO'} |")
    for ours, admin in ADMIN_PAIRS:
        if ours in by_label and admin in by_label:
            ratio_row(f"{ours} against the {admin} (median)", by_label[ours]["median"] / by_label[admin]["median"], None)
    for m in mem:
        if "error" in m:
            lines.append(f"| {m['label']}: peak memory | failed: {m['error']} | — | NO |")
            continue
        figures = f"{m['rows']:,} rows, {m['seconds']:.1f} s".replace(",", ".")
        lines.append(
            f"| {m['label']} ({figures}): peak memory of the process tree | {m['tree_peak_mb']:.0f} MB | "
            f"{m['target_mb']} MB at most | {'yes' if m['tree_peak_mb'] <= m['target_mb'] else 'NO'} |"
        )
    if small:
        small_by_label = {r["label"]: r for r in small["results"]}
        for label in ("home – reviewer", "nomination list, reviewer, unfiltered", "dashboard – leader (warm)"):
            if label in by_label and label in small_by_label:
                ratio_row(
                    f"{label}: city scale against demo scale (median)", by_label[label]["median"] / small_by_label[label]["median"], None
                )
    floor_rows = loads_rows.get("floor") if loads_rows else None
    floor_rps = float(_load_summary(floor_rows)["Requests/s"]) if floor_rows else None
    for name in ("with think time", "without think time"):
        rows = (loads_rows or {}).get(name)
        if rows and floor_rps:
            agg = _load_summary(rows)
            ratio_row(
                f"load mix {name}: throughput against the floor's ({floor_rps:.0f} req/s)",
                float(agg["Requests/s"]) / floor_rps,
                None,
                "{:.2f}",
            )
    lines += [
        "",
        f"## Pages at city scale ({REPEAT} requests each after 3 warm-ups, one at a time over loopback)",
        "",
        "Each request follows one to the trivial view in the same session; × floor = median / median of those.",
        "SQL queries and SQL ms come from the X-Query-Count / X-Query-Time-Ms headers (PORTAL_QUERY_COUNT_HEADER).",
        "",
        *_page_rows(results),
    ]
    for label, seconds, target in extra:
        lines.append(
            f"| {label} | {seconds * 1000:.0f} | — | — | — | — | — | ≤ {target * 1000:.0f} ms | {'yes' if seconds <= target else 'NO'} |"
        )
    if small:
        lines += ["", f"## The same pages at demo scale ({_counts_line(small['counts'])})", "", *_page_rows(small["results"])]
    for name, rows in (loads_rows or {}).items():
        agg = _load_summary(rows)
        users = f"{LOAD_USERS} users" if name != "floor" else f"{LOAD_USERS} users on the trivial view only"
        lines += [
            "",
            f"## Load, {name}: {users} for {LOAD_SECONDS} s (locust, headless, separate process)",
            "",
            "| request | count | failures | median ms | p95 ms | req/s |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for row in rows:
            lines.append(
                f"| {row['Name']} | {row['Request Count']} | {row['Failure Count']} | {row['Median Response Time']} | {row['95%']} | {float(row['Requests/s']):.1f} |"
            )
        lines += ["", f"Throughput {float(agg['Requests/s']):.1f} requests/s, p95 {agg['95%']} ms, {agg['Failure Count']} errors."]
    if pdf_lines:
        lines += ["", *pdf_lines]
    lines += [
        "",
        "Targets: at most 15 SQL queries per page whatever the data size; p95 ≤ 200 ms for lists and details,",
        "≤ 300 ms for the dashboard; home ≤ 15× and lists ≤ 20× the floor; the warm dashboard ≤ 10× the floor;",
        "no error under load; exports peak ≤ 150 MB (50,000 rows) and ≤ 300 MB (every row); the long report ≤ 500 MB.",
        "",
    ]
    lines += NOTES + api_lookup.NOTES
    out = ROOT / "docs" / "benchmarks.md"
    out.write_text("\n".join(lines))
    print(f"wrote {out}")


def states():
    from django.db.models import Count

    from awards.models import Nomination

    rows = Nomination.objects.order_by().values_list("state").annotate(n=Count("id")).order_by("-n")
    return ", ".join(f"{state} {n:,}".replace(",", ".") for state, n in rows)


def timed_documents():
    """Generated documents timed in-process: what exists is measured, nothing is faked."""
    extra = []
    if os.environ.get("BENCH_DOCUMENTS", "1") == "0":
        return extra
    try:
        from reports import bench_hooks  # optional: the reports app exposes its heavy generators here
    except ImportError:
        return extra
    for label, function, target in bench_hooks.BENCHMARKS:
        started = time.perf_counter()
        rows = function()
        extra.append((f"{label}: {rows} rows", time.perf_counter() - started, target))
    return extra


def main():
    ids = prepare()
    counts = scale()
    extra = timed_documents()
    mem = memory()
    pdf_lines = []
    if PDF_ROWS:
        from bench import pdf_rate

        pdf_lines = pdf_rate.markdown(*pdf_rate.compare(PDF_ROWS))
    server = Server()
    try:
        results = measure(server, pages(ids))
        loads_rows = loads(server, ids)
    finally:
        server.stop()
    small = small_scale()
    write_report(results, loads_rows, extra, counts, states=states(), mem=mem, small=small, pdf_lines=pdf_lines)


if __name__ == "__main__":
    main()
