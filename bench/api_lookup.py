"""What `make bench` measures for issues 13 and 16 beside the pages of bench/run.py: the API's main
list endpoints with a token of the seeded data at two page sizes, the lookup page (tra cứu) with
its usual filters and its Excel export, and the candidates page, whose seniority and dedication
part reads the service periods generated here for a share of the bench people."""

from django.db import connection, transaction

# bench.run imports this module before django.setup(): what needs the models is imported inside.
BENCH_PREFIX = "BENCH-"  # the tag of every generated row (bench.seed takes it from here)

SYSTEM_NAME = "Đo hiệu năng (bench)"
# The API answers a list in at most this many SQL queries whatever the page size (issue 16).
API_MAX_QUERIES = 10
API_PAGE_SIZES = (50, 500)
API_LISTS = ["units", "people", "awards", "decisions", "nominations", "campaigns"]
TARGETS_MS = {"api": 200, "export": 2000}
MAX_QUERIES = {"api": API_MAX_QUERIES}
NOTES = [
    "- **API lists** are read with a whole-portal read token created for the run (bench/api_lookup.py) at page",
    f"  sizes {' and '.join(str(n) for n in API_PAGE_SIZES)}; their target is at most {API_MAX_QUERIES} SQL queries whatever the page size.",
    "- **Lookup exports** build the whole workbook inside the request (above EXPORT_SYNC_MAX_ROWS rows they become",
    "  a background job and the row measures the redirect to its page); the queries counted are the request's.",
    "  Their p95 target, 2 s, is the benchmark's own (no issue names one).",
    "- **Candidates** read the service periods generated for the heads, deputies and about one staff member in ten",
    "  (bench/api_lookup.py); each section (award and basis) shows a page of 25. For the whole city the seniority",
    "  thresholds reached are cached until a service period is written or a person renamed, deactivated or deleted",
    "  (units.TableVersion), so the row measures the warm page; the first visit after such a change computes them.",
    '- **Lookup** counts its matches up to 1,000 (above it the page says "hơn 1.000" and pages on without a total).',
    "",
    "## The profiles behind issue 16's API fixes",
    "",
    "Each list at page_size=500 through the whole middleware in one process (bench/api_profile.py: SQL time from an",
    "execute wrapper, the rest Python; cProfile; EXPLAIN ANALYZE), on the city-scale data, before the fixes.",
    "",
    "| list | SQL ms | Python ms | what dominated | fix |",
    "|---|---:|---:|---|---|",
    "| every list, p95 | — | — | full garbage collections walking the ~225,000 objects of Django and the apps"
    " (100-900 ms on the loaded machine) | `gc.freeze()` after start-up (dosonthidua/wsgi.py) |",
    "| units | 8 | 52 | DRF's generic path per row and field; a related manager and `.all()` per row for `successors`;"
    " a parent join nobody renders | compiled representation (dosonthidua/api/representation.py), successors"
    " fetched for the page (`prefetch_page`), no joins for lists |",
    "| people | 85 | 39 | a parallel seq scan and top-N sort of 100,517 rows by `full_name, id` (73 ms);"
    " `COUNT(*)` 15 ms | index `person_name_order`; cached exact count (dosonthidua/api/counts.py) |",
    "| awards | 119 | 39 | hash joins of people and award kinds, then a sort of 50,023 rows by"
    " `-year, recipient_name, id` (101 ms) | index `awardrecord_api_order`; no award-kind join; cached count |",
    "| nominations | 93 | 98 | `COUNT(*)` of 500,032 rows (156 MB, 60-74 ms); 25 ms of planning for six joins;"
    " seven model instances per row; DRF's nested serializer and time-zone lookups per row | cached exact count;"
    " award kinds prefetched (one query), no other join; compiled representation; attachments for the page |",
    "| decisions, campaigns | 2-4 | 8-14 | small tables: the framework floor | — |",
    "",
]
KEY_USER = "token:"  # a "username" of the pages table starting so sends the key, not a session


def seed_service_periods():
    """One open service period for every head and deputy of the bench units (position "Trưởng
    phòng" / "Phó Trưởng phòng"; one in seven at the director level) and for the staff of one
    block of ten ids in ten (about one staff member in ten), started on dates spread over
    1990-2025, so some reach the seniority and dedication thresholds. Idempotent (people with a
    period are skipped), one INSERT ... SELECT; returns the rows added. Rows: units_serviceperiod
    (no history rows: generated data)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO units_serviceperiod (person_id, position, "group", unit_id, organisation, start_date, end_date, note)
            SELECT p.id, p.position,
                   CASE WHEN p.position = 'Trưởng phòng' THEN CASE WHEN p.id %% 7 = 0 THEN 'director' ELSE 'department_head' END
                        WHEN p.position = 'Phó Trưởng phòng' THEN CASE WHEN p.id %% 7 = 0 THEN 'deputy_director' ELSE 'deputy_head' END
                        ELSE 'staff' END,
                   p.unit_id, '',
                   CASE WHEN p.position = 'Chuyên viên' THEN make_date((1990 + p.id %% 36)::int, (1 + p.id %% 12)::int, (1 + p.id %% 28)::int)
                        ELSE make_date((2008 + p.id %% 18)::int, (1 + p.id %% 12)::int, (1 + p.id %% 28)::int) END,
                   NULL, '(dữ liệu đo)'
            FROM units_person p JOIN units_unit u ON u.id = p.unit_id
            WHERE u.short_code LIKE %s AND (p.position <> 'Chuyên viên' OR (p.id / 10) %% 10 = 0)
              AND NOT EXISTS (SELECT 1 FROM units_serviceperiod s WHERE s.person_id = p.id)
            """,
            [BENCH_PREFIX + "%"],
        )
        added = cursor.rowcount
        if added:
            cursor.execute("ANALYZE units_serviceperiod")
    return added


def delete_service_periods():
    """Remove the generated periods (seed_bench --reset), before the people they hang on."""
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM units_serviceperiod WHERE person_id IN "
            "(SELECT p.id FROM units_person p JOIN units_unit u ON u.id = p.unit_id WHERE u.short_code LIKE %s)",
            [BENCH_PREFIX + "%"],
        )


def api_token():
    """A fresh whole-portal read token for this run (only a key's hash is stored, so the key of an
    earlier run cannot be read back): the bench's earlier tokens are revoked first. Rows: ApiToken
    and its service account (dosonthidua.api.services.token_create)."""
    from dosonthidua.api.enums import ApiPermission
    from dosonthidua.api.models import ApiToken
    from dosonthidua.api.services import token_create, token_revoke
    from units.models import User

    by = User.objects.get(username="bench-admin")
    for old in ApiToken.objects.filter(name=SYSTEM_NAME, revoked_at__isnull=True):
        token_revoke(token=old, by=by)
    readable = [p for p in ApiPermission.values if p.endswith((":read", ":personal"))]
    # A rate no bench run reaches: the measurement is of the endpoint, not of the throttle.
    _token, key = token_create(name=SYSTEM_NAME, permissions=readable, by=by, rate_per_minute=1_000_000)
    return key


def prepare():
    """Service periods for the candidates, the token, and the ids of the lookup's filters."""
    from units.models import Unit

    periods = seed_service_periods()
    ward = Unit.objects.filter(short_code__startswith=BENCH_PREFIX, kind="ward").order_by("pk").first()
    return {"api_key": api_token(), "lookup_unit": ward.pk if ward else None, "service_periods_added": periods}


def pages(ids):
    """(kind, label, user, path) rows in bench/run.py's format; a user "token:<key>" sends the key."""
    token = KEY_USER + ids["api_key"]
    table = []
    for name in API_LISTS:
        for size in API_PAGE_SIZES:
            table.append(("api", f"API /api/v1/{name}/, token, page_size={size}", token, f"/api/v1/{name}/?page_size={size}"))
    unit = ids.get("lookup_unit")
    lookup = "/khen-thuong/tra-cuu/"
    dates = "date_from=2024-01-01&date_to=2025-12-31"
    table += [
        ("list", "lookup: name, accent-insensitive (records), reviewer", "bench-reviewer", f"{lookup}?q=nguyen+van"),
        ("list", "lookup: name and decision date range (records), reviewer", "bench-reviewer", f"{lookup}?q=tran+thi&{dates}"),
        ("list", "lookup: nominations by name, reviewer", "bench-reviewer", f"{lookup}?source=nominations&q=le+thi"),
        ("list", "lookup: unit officer, own scope, by name", "bench-officer-1", f"{lookup}?q=nguyen"),
    ]
    if unit:
        table += [
            (
                "list",
                "lookup: one unit with its predecessors and a date range, reviewer",
                "bench-reviewer",
                f"{lookup}?unit={unit}&{dates}",
            ),
            (
                "export",
                "lookup Excel export: one unit and a date range, reviewer",
                "bench-reviewer",
                f"{lookup}?unit={unit}&{dates}&export=xlsx",
            ),
        ]
    table += [
        ("export", "lookup Excel export: name and date range, reviewer", "bench-reviewer", f"{lookup}?q=tran+thi&{dates}&export=xlsx"),
        (
            "list",
            "candidates (prerequisites, seniority, dedication), reviewer, whole city",
            "bench-reviewer",
            "/khen-thuong/ung-vien/?year=2025",
        ),
        ("list", "candidates, unit officer (own ward)", "bench-officer-1", "/khen-thuong/ung-vien/?year=2025"),
    ]
    return table


def session_for_token(username):
    """A requests session sending the API key of a "token:<key>" user."""
    import requests

    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {username[len(KEY_USER) :]}"
    return session
