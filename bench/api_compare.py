"""Before/after of the API's lists in one run: two checkouts served side by side by gunicorn (as
`make bench` serves one, bench/run.py's Server), each on its own copy of the city-scale data.

1. Bodies: the same requests (lists at several sizes, pages, filters and orderings; details with
   their ETag) with tokens of three shapes (whole portal with and without people:personal, one
   ward) must answer the same status, the same ETag and the same bytes (the server's own address
   aside, in next/previous). Any difference stops the run.
2. Times: each list at page sizes 50 and 500, requests alternating between the two servers so both
   see the same load; median, p95, SQL queries and SQL ms (PORTAL_QUERY_COUNT_HEADER) per side.

It creates tokens and writes audit rows in both databases: give it copies, never the benchmark
databases themselves (refused by name).

    python -m bench.api_compare --before-root /work/wt/api-base --before-db postgres://…/copy_a --after-db postgres://…/copy_b
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROTECTED = {"dosonthidua", "dosonthidua_bench", "dosonthidua_bench_small"}
LISTS = ["units", "people", "awards", "decisions", "nominations", "campaigns"]
SIZES = (50, 500)
# Created in each database by that checkout's own token service; printed as JSON.
TOKENS_CODE = """
import json, django
django.setup()
from dosonthidua.api.enums import ApiPermission as P
from dosonthidua.api.services import token_create
from units.models import Unit
ward = Unit.objects.filter(short_code__startswith="BENCH-", kind="ward").order_by("pk").first()
read = [p for p in P.values if p.endswith((":read", ":personal"))]
keys = {
    "whole": token_create(name="so sánh (api_compare)", permissions=read, by=None, rate_per_minute=1_000_000)[1],
    "whole-basic": token_create(name="so sánh (api_compare)", permissions=[p for p in read if p != P.PEOPLE_PERSONAL], by=None, rate_per_minute=1_000_000)[1],
    "ward": token_create(name="so sánh (api_compare)", unit=ward, permissions=[p for p in read if p not in (P.DECISIONS_READ, P.DASHBOARD_READ)], by=None, rate_per_minute=1_000_000)[1],
}
print(json.dumps({"keys": keys, "ward": ward.pk}))
"""


def _db_name(url):
    return url.rsplit("/", 1)[-1].split("?", 1)[0]


def make_tokens(root, database_url):
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "dosonthidua.settings", "DEBUG": "true"}
    done = subprocess.run([sys.executable, "-c", TOKENS_CODE], cwd=root, env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def body_paths(session, server, ward):
    """Lists at several sizes and pages, filtered and ordered, and the details of their first rows."""
    paths = []
    for name in [*LISTS, "registrations", "award-kinds"]:
        first = session.get(f"{server.url}/api/v1/{name}/?page_size=500")
        if first.status_code != 200:
            paths.append(f"/api/v1/{name}/?page_size=500")
            continue
        count = first.json()["count"]
        last = max(1, -(-count // 500))
        paths += [f"/api/v1/{name}/", f"/api/v1/{name}/?page_size=50", f"/api/v1/{name}/?page_size=500"]
        paths += [f"/api/v1/{name}/?page_size=500&page={p}" for p in sorted({2, last}) if p <= last]
        paths += [f"/api/v1/{name}/?page_size=500&ordering=-id", f"/api/v1/{name}/?page_size=7&page=3"]
        paths += [f"/api/v1/{name}/{row['id']}/" for row in first.json()["results"][:3]]
    paths += [
        "/api/v1/schema/?format=json",  # the schema, hence every client's view of the API, unchanged
        "/api/v1/people/?q=nguyen+van&page_size=500",
        f"/api/v1/people/?unit={ward}&page_size=500",
        "/api/v1/people/?ordering=unit,id&page_size=500&page=3",
        "/api/v1/awards/?year=2024&page_size=500",
        f"/api/v1/awards/?unit={ward}&page_size=500",
        "/api/v1/awards/?ordering=recipient_name,id&page_size=500",
        "/api/v1/nominations/?state=submitted&page_size=500",
        "/api/v1/nominations/?year=2025&award_code=giay-khen-chu-tich&page_size=500",
        f"/api/v1/nominations/?unit={ward}&page_size=500",
        "/api/v1/nominations/?ordering=nominee_name,id&page_size=500&page=10",
        "/api/v1/units/?kind=ward&page_size=500",
        "/api/v1/units/?valid_on=2025-01-01&page_size=500",
    ]
    return paths


def compare_bodies(pairs, ward):
    """pairs: {token: (before_session, before_server, after_session, after_server)}; raises on a difference."""
    compared = total_bytes = 0
    for token, (bs, bsrv, as_, asrv) in pairs.items():
        for path in body_paths(as_, asrv, ward):
            before, after = bs.get(bsrv.url + path), as_.get(asrv.url + path)
            same_status = before.status_code == after.status_code
            b_body = before.content.replace(bsrv.url.encode(), b"<server>")
            a_body = after.content.replace(asrv.url.encode(), b"<server>")
            if not (same_status and b_body == a_body and before.headers.get("ETag") == after.headers.get("ETag")):
                raise SystemExit(
                    f"DIFFERENT ({token}) {path}: {before.status_code}/{after.status_code}, {len(b_body)}/{len(a_body)} bytes\n"
                    f"{b_body[:400]!r}\n{a_body[:400]!r}"
                )
            compared += 1
            total_bytes += len(a_body)
    return compared, total_bytes


def _p95(values):
    values = sorted(values)
    return values[max(0, int(round(0.95 * len(values))) - 1)]


def measure(sides, repeat):
    """sides: [(label, session, server)]; every list and size, requests alternating between sides."""
    rows = []
    for name in LISTS:
        for size in SIZES:
            path = f"/api/v1/{name}/?page_size={size}"
            stats = {label: {"ms": [], "floor": [], "sql": [], "queries": set(), "bytes": 0} for label, _s, _srv in sides}
            for i in range(repeat + 3):
                for label, session, server in sides if i % 2 == 0 else list(reversed(sides)):
                    # As bench/run.py measures: each request right after one to the trivial view.
                    started = time.perf_counter()
                    session.get(server.url + "/healthz")
                    floor = (time.perf_counter() - started) * 1000
                    started = time.perf_counter()
                    response = session.get(server.url + path)
                    elapsed = (time.perf_counter() - started) * 1000
                    assert response.status_code == 200, (label, path, response.status_code)
                    if i >= 3:
                        s = stats[label]
                        s["ms"].append(elapsed)
                        s["floor"].append(floor)
                        s["sql"].append(float(response.headers.get("X-Query-Time-Ms", "0") or 0))
                        s["queries"].add(int(response.headers.get("X-Query-Count", "-1")))
                        s["bytes"] = len(response.content)
            row = {"path": path}
            for label, s in stats.items():
                row[label] = {
                    "median": statistics.median(s["ms"]),
                    "p95": _p95(s["ms"]),
                    "floor": statistics.median(s["floor"]),
                    "sql_ms": statistics.median(s["sql"]),
                    "queries": max(s["queries"]),
                    "kib": s["bytes"] // 1024,
                }
            rows.append(row)
            print(
                f"{path:34s} "
                + "   ".join(
                    f"{label}: median {row[label]['median']:6.1f} p95 {row[label]['p95']:6.1f} ms "
                    f"(×{row[label]['median'] / row[label]['floor']:4.1f} floor), "
                    f"{row[label]['queries']} queries, SQL {row[label]['sql_ms']:5.1f} ms"
                    for label, _s, _srv in sides
                ),
                flush=True,
            )
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--before-root", required=True, help="checkout of the code before (its own worktree)")
    parser.add_argument("--before-db", required=True)
    parser.add_argument("--after-root", default=str(ROOT))
    parser.add_argument("--after-db", required=True)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--bodies-only", action="store_true")
    parser.add_argument("--json", help="write the figures here")
    args = parser.parse_args()
    for url in (args.before_db, args.after_db):
        if _db_name(url) in PROTECTED or _db_name(url).startswith("test_"):
            raise SystemExit(f"{_db_name(url)}: not a copy (this run writes tokens and audit rows)")

    from bench.run import Server

    before_tokens = make_tokens(args.before_root, args.before_db)
    after_tokens = make_tokens(args.after_root, args.after_db)
    assert before_tokens["ward"] == after_tokens["ward"], "the two databases are not copies of one another"
    servers = [Server(args.before_db, root=args.before_root), Server(args.after_db, root=args.after_root)]
    try:
        import requests

        def session(key):
            s = requests.Session()
            s.headers["Authorization"] = f"Bearer {key}"
            return s

        pairs = {
            token: (session(before_tokens["keys"][token]), servers[0], session(after_tokens["keys"][token]), servers[1])
            for token in before_tokens["keys"]
        }
        started = time.monotonic()
        compared, size = compare_bodies(pairs, after_tokens["ward"])
        print(f"bodies: {compared} responses identical ({size / 1e6:.1f} MB), {time.monotonic() - started:.0f} s", flush=True)
        if args.bodies_only:
            return
        whole = pairs["whole"]
        rows = measure([("before", whole[0], whole[1]), ("after", whole[2], whole[3])], args.repeat)
        if args.json:
            Path(args.json).write_text(json.dumps({"bodies_compared": compared, "rows": rows}, indent=1))
    finally:
        for server in servers:
            server.stop()


if __name__ == "__main__":
    main()
