"""Profile of the API's list endpoints in one process (issue 16's benchmark rows): for each list and
page size, the wall time of the whole request through the middleware (Django's test client), the SQL
time of its queries (each timed by an execute wrapper), the rest as Python time, a cProfile of one
request and, with --explain, EXPLAIN ANALYZE of every SELECT it ran.

Runs against DATABASE_URL inside one transaction that is rolled back at the end: the token it
creates (the bench's whole-portal read token, bench/api_lookup.py), the audit rows and the token's
last use are never committed, so it may read the benchmark databases, which must not be written.

    DATABASE_URL=postgres://…/dosonthidua_bench python -m bench.api_profile [-n 20] [--explain] [--profile] [lists…]
"""

import argparse
import cProfile
import gc
import io
import os
import pstats
import statistics
import time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("lists", nargs="*")
    parser.add_argument("-n", type=int, default=20, help="timed requests per list and page size")
    parser.add_argument("--sizes", default="50,500")
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--wsgi", action="store_true", help="start up through dosonthidua.wsgi, as gunicorn's workers do")
    parser.add_argument("--queries", action="store_true", help="print the last request's queries with their times")
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dosonthidua.settings")
    os.environ.setdefault("SECRET_KEY", "profile-only-" + "x" * 40)
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    import django

    django.setup()
    if args.wsgi:
        import dosonthidua.wsgi  # noqa: F401 - start-up as gunicorn's workers do (gc.freeze)
    from django.db import connection, transaction
    from django.test import Client

    from bench import api_lookup
    from dosonthidua.api.enums import ApiPermission
    from dosonthidua.api.services import token_create
    from units.models import User

    lists = args.lists or api_lookup.API_LISTS
    sizes = [int(s) for s in args.sizes.split(",")]

    class Rollback(Exception):
        pass

    try:
        with transaction.atomic():
            by = User.objects.filter(username="bench-admin").first()  # None before a `make bench`
            readable = [p for p in ApiPermission.values if p.endswith((":read", ":personal"))]
            _token, key = token_create(name="profil (rolled back)", permissions=readable, by=by, rate_per_minute=1_000_000)
            client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
            for name in lists:
                for size in sizes:
                    run(client, connection, f"/api/v1/{name}/?page_size={size}", args)
            raise Rollback
    except Rollback:
        pass


def run(client, connection, path, args):
    queries = []

    def timer(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            queries.append((sql, params, (time.perf_counter() - started) * 1000))

    pauses = []
    started_gc = []

    def gc_timer(phase, info):
        if phase == "start":
            started_gc.append(time.perf_counter())
        elif started_gc:
            pauses.append(((time.perf_counter() - started_gc.pop()) * 1000, info["generation"]))

    for _ in range(3):
        client.get(path)
    walls, sqls, counts, gcs = [], [], set(), []
    gc.callbacks.append(gc_timer)
    for _ in range(args.n):
        queries.clear()
        pauses.clear()
        with connection.execute_wrapper(timer):
            started = time.perf_counter()
            response = client.get(path)
            wall = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, (path, response.status_code, response.content[:300])
        walls.append(wall)
        sqls.append(sum(q[2] for q in queries))
        counts.add(len(queries))
        gcs.append(sum(p[0] for p in pauses))
    gc.callbacks.remove(gc_timer)
    walls.sort()
    p95 = walls[max(0, int(round(0.95 * len(walls))) - 1)]
    sql = statistics.median(sqls)
    median = statistics.median(walls)
    print(
        f"{path:40s} median {median:7.1f} ms  p95 {p95:7.1f} ms  SQL {sql:6.1f} ms  Python {median - sql:6.1f} ms  "
        f"GC {statistics.median(gcs):5.1f} (max {max(gcs):5.1f}) ms  queries {max(counts)}  {len(response.content) // 1024} KiB",
        flush=True,
    )
    last = list(queries)
    if args.queries:
        for sql_text, _params, ms in last:
            print(f"    {ms:7.1f} ms  {sql_text[:150]}")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        client.get(path)
        profiler.disable()
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats("tottime").print_stats(args.top)
        # Where the request's time goes, by stage (cumulative; the profiler's overhead included).
        stats.sort_stats("cumulative").print_stats(
            r"paginate_queryset|count|prefetch_related_objects|serializers.py.*\(data\)|renderers.py.*render|audit_api_call|authenticate\b|allow_request|_fetch_all"
        )
        print(out.getvalue())
    if args.explain:
        with connection.cursor() as cursor:
            for sql_text, params, _ms in last:
                if not sql_text.lstrip().upper().startswith(("SELECT", "WITH")):
                    continue
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql_text, params)
                print("    --- " + sql_text[:200])
                for (line,) in cursor.fetchall():
                    print("      " + line)


if __name__ == "__main__":
    main()
