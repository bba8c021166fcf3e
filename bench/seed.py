"""City-scale data for benchmarks, generated inside PostgreSQL (INSERT ... SELECT generate_series),
so 100,000 people and 500,000 nominations with their history take seconds, not hours.

Everything generated is tagged: unit codes start with 'BENCH-', the creating account is 'bench', so
`seed_bench --reset` removes exactly what it made."""

import datetime as dt
import time

from django.db import connection, transaction

from units.demo import GIVEN_FEMALE, GIVEN_MALE, MIDDLE_FEMALE, MIDDLE_MALE, SURNAMES
from units.enums import Role, UnitKind
from units.models import User

from .api_lookup import BENCH_PREFIX, delete_service_periods, seed_service_periods

PERSON_KINDS = ["lao-dong-tien-tien", "chien-si-thi-dua-co-so", "giay-khen-chu-tich", "bang-khen-chu-tich-thanh-pho"]
# State mix of the current year (percent), every state of the workflow in a realistic share: a
# quarter waits for the reviewer (submitted or resubmitted); older years are decided or not approved.
CURRENT_SHARES = [
    ("draft", 8),
    ("submitted", 25),
    ("resubmitted", 5),
    ("returned", 7),
    ("verified", 10),
    ("with_council", 5),
    ("approved", 10),
    ("not_approved", 3),
    ("decided", 23),
    ("proposed_upward", 2),
    ("withdrawn", 2),
]
CURRENT_STATES = [state for state, _ in CURRENT_SHARES]


def _current_state_sql(bucket):
    """CASE over ``bucket`` (0..99) giving each state its share; built from the constants above."""
    parts, upto = [], 0
    for state, share in CURRENT_SHARES:
        upto += share
        parts.append(f"WHEN {bucket} < {upto} THEN '{state}'")
    return "CASE " + " ".join(parts) + " END"


def _exec(sql, params=None):
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        return cursor.rowcount


BENCH_CAMPAIGN_MARK = "(dữ liệu đo)"


def reset():
    """Delete every row seed_bench made (bench units and everything hanging on them)."""
    with transaction.atomic():
        campaigns = "SELECT id FROM campaigns_campaign WHERE name LIKE %s"
        mark = ["%" + BENCH_CAMPAIGN_MARK]
        _exec(f"DELETE FROM campaigns_exemplar WHERE campaign_id IN ({campaigns})", mark)  # noqa: S608 - constant SQL
        _exec(
            f"DELETE FROM campaigns_registrationentry WHERE registration_id IN (SELECT id FROM campaigns_registration WHERE campaign_id IN ({campaigns}))",  # noqa: S608
            mark,
        )
        _exec(f"DELETE FROM campaigns_registration WHERE campaign_id IN ({campaigns})", mark)  # noqa: S608
        _exec("DELETE FROM campaigns_campaign WHERE name LIKE %s", mark)
        _exec(
            "DELETE FROM awards_awardrecord WHERE unit_id IN (SELECT id FROM units_unit WHERE short_code LIKE %s) "
            "OR person_id IN (SELECT p.id FROM units_person p JOIN units_unit u ON u.id = p.unit_id WHERE u.short_code LIKE %s)",
            [BENCH_PREFIX + "%", BENCH_PREFIX + "%"],
        )
        _exec(
            "DELETE FROM awards_nominationtransition WHERE nomination_id IN (SELECT n.id FROM awards_nomination n JOIN units_unit u ON u.id = n.unit_id WHERE u.short_code LIKE %s)",
            [BENCH_PREFIX + "%"],
        )
        _exec("DELETE FROM awards_nomination WHERE unit_id IN (SELECT id FROM units_unit WHERE short_code LIKE %s)", [BENCH_PREFIX + "%"])
        delete_service_periods()
        _exec("DELETE FROM units_person WHERE unit_id IN (SELECT id FROM units_unit WHERE short_code LIKE %s)", [BENCH_PREFIX + "%"])
        _exec(
            "UPDATE units_user SET unit_id = NULL WHERE unit_id IN (SELECT id FROM units_unit WHERE short_code LIKE %s)",
            [BENCH_PREFIX + "%"],
        )
        # Children before parents: delete deepest first by repeating until nothing is left.
        while _exec(
            "DELETE FROM units_unit u WHERE short_code LIKE %s AND NOT EXISTS (SELECT 1 FROM units_unit c WHERE c.parent_id = u.id)",
            [BENCH_PREFIX + "%"],
        ):
            pass


def seed(*, units=1000, people=100_000, nominations=500_000, years=10, last_year=2025, decided=50_000, out=print):
    """Generate the data set. Rows: units_unit, units_person, awards_nomination (+2 transitions each),
    awards_awardrecord, and a 'bench' reviewer account plus one officer account per 100 units."""
    timings = {}
    started = time.monotonic()
    with transaction.atomic():
        _exec("SELECT setseed(0.2025)")
        # Units: a city committee, wards (about one in nine), departments and public-service units,
        # inside the territory of the body in force at the end of the last year (under its unit,
        # when it names one), so campaign participants and scopes reach them as a deployment's own.
        _exec(
            """
            INSERT INTO units_unit (name, short_code, kind, parent_id, display_order, active)
            VALUES ('UBND thành phố (dữ liệu đo)', %s, 'committee',
                    (SELECT unit_id FROM awards_issuingbody WHERE valid_from <= %s AND (valid_to IS NULL OR valid_to >= %s)
                     ORDER BY valid_from DESC LIMIT 1), 0, true)
            """,
            [BENCH_PREFIX + "ROOT", dt.date(last_year, 12, 31), dt.date(last_year, 12, 31)],
        )
        _exec(
            """
            INSERT INTO units_unit (name, short_code, kind, parent_id, display_order, active)
            SELECT CASE WHEN g %% 9 = 0 THEN 'UBND phường Đo Lường ' || g
                        WHEN g %% 9 IN (1, 2) THEN 'Phòng chuyên môn số ' || g
                        ELSE 'Trường học, trung tâm số ' || g END,
                   %s || g,
                   CASE WHEN g %% 9 = 0 THEN %s WHEN g %% 9 IN (1, 2) THEN %s ELSE %s END,
                   (SELECT id FROM units_unit WHERE short_code = %s), g, true
            FROM generate_series(1, %s) AS g
            """,
            [BENCH_PREFIX, UnitKind.WARD, UnitKind.DEPARTMENT, UnitKind.PUBLIC_SERVICE, BENCH_PREFIX + "ROOT", max(units - 1, 0)],
        )
        timings["units"] = time.monotonic() - started

        t = time.monotonic()
        _exec(
            """
            WITH bench_units AS (SELECT array_agg(id ORDER BY id) AS ids FROM units_unit WHERE short_code LIKE %s),
                 names AS (SELECT %s::text[] AS sn, %s::text[] AS mf, %s::text[] AS mm, %s::text[] AS gf, %s::text[] AS gm)
            INSERT INTO units_person (full_name, gender, birth_year, position, unit_id, is_direct_worker, active)
            SELECT sn[1 + floor(r1 * array_length(sn, 1))::int] || ' ' ||
                   CASE WHEN female THEN mf[1 + floor(r2 * array_length(mf, 1))::int] || ' ' || gf[1 + floor(r3 * array_length(gf, 1))::int]
                        ELSE mm[1 + floor(r2 * array_length(mm, 1))::int] || ' ' || gm[1 + floor(r3 * array_length(gm, 1))::int] END,
                   CASE WHEN female THEN 'female' ELSE 'male' END,
                   1960 + (g * 31) %% 42,
                   CASE WHEN g %% 10 = 0 THEN 'Trưởng phòng' WHEN g %% 10 = 1 THEN 'Phó Trưởng phòng' ELSE 'Chuyên viên' END,
                   ids[1 + g %% array_length(ids, 1)],
                   g %% 10 > 1,
                   true
            FROM generate_series(1, %s) AS g, bench_units, names,
                 LATERAL (SELECT random() < 0.48 AS female, random() AS r1, random() AS r2, random() AS r3 WHERE g > 0) AS f
            """,
            [BENCH_PREFIX + "%", SURNAMES, MIDDLE_FEMALE, MIDDLE_MALE, GIVEN_FEMALE, GIVEN_MALE, people],
        )
        timings["people"] = time.monotonic() - t

        bench_user, _ = User.objects.get_or_create(username="bench", defaults={"full_name": "Đo hiệu năng", "roles": [Role.REVIEWER]})
        kinds = {}
        with connection.cursor() as cursor:
            # The catalogue entry in force at the end of the last year (after the 2025 reorganisation,
            # the ward's): the waiting queue is the current body's work, not a former body's left over
            # (awards.selectors.former_body_condition).
            cursor.execute(
                "SELECT DISTINCT ON (code) code, id FROM awards_awardkind WHERE code = ANY(%s) AND valid_from <= %s"
                " ORDER BY code, valid_from DESC",
                [PERSON_KINDS, dt.date(last_year, 12, 31)],
            )
            kinds = dict(cursor.fetchall())
        kind_ids = [kinds[c] for c in PERSON_KINDS if c in kinds]
        if not kind_ids:
            raise RuntimeError("The award catalogue is empty: run migrations first.")

        t = time.monotonic()
        # Nomination g goes to person (g mod P) for year last_year - 2*(g div P) - (person mod 2): the
        # mapping is one-to-one, so the one-nomination-per-kind-and-period constraint holds.
        _exec(
            """
            WITH bench_people AS (
                SELECT array_agg(p.id ORDER BY p.id) AS ids FROM units_person p
                JOIN units_unit u ON u.id = p.unit_id WHERE u.short_code LIKE %s
            ), picks AS (
                SELECT g, ids[1 + g %% array_length(ids, 1)] AS person_id,
                       %s - ((2 * (g / array_length(ids, 1)) + (g %% array_length(ids, 1)) %% 2) %% %s) AS year
                FROM generate_series(0, %s - 1) AS g, bench_people
            )
            INSERT INTO awards_nomination (unit_id, nominee_person_id, nominee_name, award_kind_id, period_kind, year, basis,
                achievement_summary, excellent_completion, is_direct_worker, state, review_recommendation, review_note,
                council_result, council_note, checks, created_by_id, created_at, updated_at, submitted_at, state_changed_at)
            SELECT p.unit_id, p.id, p.full_name, (%s::bigint[])[1 + picks.g %% %s], 'calendar', picks.year, 'merit',
                   'Hoàn thành xuất sắc nhiệm vụ được giao năm ' || picks.year || '; tích cực tham gia phong trào thi đua.',
                   picks.g %% 3 = 0, p.is_direct_worker,
                   CASE WHEN picks.year < %s THEN (CASE WHEN picks.g %% 20 = 0 THEN 'not_approved' ELSE 'decided' END)
                        ELSE {current_state} END,
                   '', '', '', '', '[]'::jsonb, %s,
                   make_timestamptz(picks.year, 1 + picks.g %% 11, 1 + picks.g %% 27, 9, 0, 0, 'Asia/Ho_Chi_Minh'),
                   make_timestamptz(picks.year, 1 + picks.g %% 11, 1 + picks.g %% 27, 10, 0, 0, 'Asia/Ho_Chi_Minh'),
                   make_timestamptz(picks.year, 1 + picks.g %% 11, 1 + picks.g %% 27, 9, 30, 0, 'Asia/Ho_Chi_Minh'),
                   make_timestamptz(picks.year, 1 + picks.g %% 11, 1 + picks.g %% 27, 10, 0, 0, 'Asia/Ho_Chi_Minh')
            FROM picks JOIN units_person p ON p.id = picks.person_id
            """.replace("{current_state}", _current_state_sql("(abs(hashtext(picks.g::text)) %% 100)")),
            [
                BENCH_PREFIX + "%",
                last_year,
                years,
                nominations,
                kind_ids,
                len(kind_ids),
                last_year,
                bench_user.pk,
            ],
        )
        timings["nominations"] = time.monotonic() - t

        t = time.monotonic()
        _exec(
            """
            INSERT INTO awards_nominationtransition (nomination_id, from_state, to_state, by_id, at, comment)
            SELECT n.id, 'draft', 'submitted', n.created_by_id, n.submitted_at, ''
            FROM awards_nomination n JOIN units_unit u ON u.id = n.unit_id
            WHERE u.short_code LIKE %s AND n.state <> 'draft'
            UNION ALL
            SELECT n.id, 'submitted', n.state, n.created_by_id, n.state_changed_at, 'Chuyển trạng thái (dữ liệu đo)'
            FROM awards_nomination n JOIN units_unit u ON u.id = n.unit_id
            WHERE u.short_code LIKE %s AND n.state NOT IN ('draft', 'submitted')
            """,
            [BENCH_PREFIX + "%", BENCH_PREFIX + "%"],
        )
        timings["history"] = time.monotonic() - t

        t = time.monotonic()
        _exec(
            """
            INSERT INTO awards_awardrecord (person_id, unit_id, award_kind_id, award_code, award_name, period_kind, year,
                recipient_name, unit_name, decision_number, decision_date, issuer_name, source, nomination_id, created_at)
            SELECT n.nominee_person_id, NULL, k.id, k.code, k.name, n.period_kind, n.year, n.nominee_name, u.name,
                   (row_number() OVER (PARTITION BY n.year ORDER BY n.id)) || '/QĐ-UBND', make_date(n.year, 12, 20),
                   'UBND thành phố (dữ liệu đo)', 'decided', n.id, now()
            FROM awards_nomination n JOIN units_unit u ON u.id = n.unit_id JOIN awards_awardkind k ON k.id = n.award_kind_id
            WHERE u.short_code LIKE %s AND n.state = 'decided'
            ORDER BY n.id
            LIMIT %s
            """,
            [BENCH_PREFIX + "%", decided],
        )
        # The upper levels' awards of the statistical year after the last year (decided 20/12): one
        # person in a hundred and one unit in ten with a state honour, the catalogue's forms in force
        # then spread over them, so form 0602 gives every form its columns at city scale.
        day = dt.date(last_year, 12, 20)
        for subject, table, name, step in (("person", "units_person", "full_name", 100), ("collective", "units_unit", "name", 10)):
            owner = "unit_id" if table == "units_person" else "id"
            _exec(
                f"""
                INSERT INTO awards_awardrecord (person_id, unit_id, award_kind_id, award_code, award_name, period_kind, year,
                    recipient_name, unit_name, decision_number, decision_date, issuer_name, source, nomination_id, created_at)
                SELECT {"x.id" if table == "units_person" else "NULL"}, {"NULL" if table == "units_person" else "x.id"},
                       k.id, k.code, k.name, 'calendar', %s, x.{name}, x.unit_name, x.rn || '/QĐ-CTN', %s,
                       'Chủ tịch nước (dữ liệu đo)', 'imported', NULL, now()
                FROM (SELECT t.id, t.{name}, u.name AS unit_name, row_number() OVER (ORDER BY t.id) AS rn
                      FROM {table} t JOIN units_unit u ON u.id = t.{owner} WHERE u.short_code LIKE %s) x
                JOIN (SELECT k.*, row_number() OVER (ORDER BY k.code) - 1 AS kn, count(*) OVER () AS nk FROM awards_awardkind k
                      WHERE k.conferring_level = 'state' AND k.subject = %s AND k.valid_from <= %s
                        AND (k.valid_to IS NULL OR k.valid_to >= %s)) k ON (x.rn / %s) %% k.nk = k.kn
                WHERE x.rn %% %s = 0
                ON CONFLICT DO NOTHING
                """,  # noqa: S608 - table and column names are constants of this loop
                [last_year, day, BENCH_PREFIX + "%", subject, day, day, step, step],
            )
        timings["awards"] = time.monotonic() - t

        t = time.monotonic()
        _seed_campaign(last_year=last_year, bench_user=bench_user, kinds=kinds)
        timings["campaign"] = time.monotonic() - t

        t = time.monotonic()
        seed_service_periods()
        timings["service periods"] = time.monotonic() - t

        # One officer account per hundred units, so per-unit pages can be measured.
        officers = []
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id FROM units_unit WHERE short_code LIKE %s AND kind = 'ward' ORDER BY id LIMIT %s",
                [BENCH_PREFIX + "%", max(units // 100, 1)],
            )
            for index, (unit_id,) in enumerate(cursor.fetchall(), start=1):
                officers.append(
                    User(username=f"bench-officer-{index}", full_name=f"Cán bộ đo {index}", unit_id=unit_id, roles=[Role.UNIT_OFFICER])
                )
        User.objects.bulk_create(officers, ignore_conflicts=True)
    t = time.monotonic()
    with connection.cursor() as cursor:
        # A table in service has its visibility map kept by autovacuum, so index-only scans read no
        # heap pages; a bulk-loaded one has none until vacuumed. VACUUM cannot run in a transaction
        # (the seed inside a test's): there statistics only.
        command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
        for table in ("units_unit", "units_person", "awards_nomination", "awards_nominationtransition", "awards_awardrecord"):
            cursor.execute(f"{command} {table}")
    timings["analyze"] = time.monotonic() - t
    timings["total"] = time.monotonic() - started
    return timings


def _seed_campaign(*, last_year, bench_user, kinds):
    """The regular emulation of ``last_year`` with registrations from 90% of the bench units (mixed
    states), a third of their people registered for Lao động tiên tiến, and 2,000 published exemplars."""
    import datetime as dt

    from campaigns.models import Campaign

    campaign = Campaign.objects.create(
        name=f"Thi đua thường xuyên năm {last_year} {BENCH_CAMPAIGN_MARK}",
        kind="regular",
        start_date=dt.date(last_year, 1, 1),
        end_date=dt.date(last_year, 12, 31),
        launching_body="UBND thành phố",
        registration_deadline=dt.date(last_year, 3, 31),
    )
    _exec(
        """
        INSERT INTO campaigns_registration (campaign_id, unit_id, commitment, state, is_late, submitted_at, decided_at,
            review_comment, created_by_id, created_at, updated_at)
        SELECT %s, u.id, 'Phấn đấu hoàn thành xuất sắc nhiệm vụ năm.', (ARRAY['draft','submitted','returned','accepted','accepted'])[1 + u.id %% 5],
               u.id %% 7 = 0, now(), now(), '', %s, now(), now()
        FROM units_unit u WHERE u.short_code LIKE %s AND u.id %% 10 <> 0
        """,
        [campaign.pk, bench_user.pk, BENCH_PREFIX + "%"],
    )
    if "lao-dong-tien-tien" in kinds:
        _exec(
            """
            INSERT INTO campaigns_registrationentry (registration_id, person_id, award_kind_id)
            SELECT r.id, p.id, %s FROM campaigns_registration r JOIN units_person p ON p.unit_id = r.unit_id
            WHERE r.campaign_id = %s AND p.id %% 3 = 0
            """,
            [kinds["lao-dong-tien-tien"], campaign.pk],
        )
    _exec(
        """
        INSERT INTO campaigns_exemplar (campaign_id, unit_id, kind, title, person_id, summary, description, state,
            submitted_at, decided_at, review_comment, created_by_id, created_at)
        SELECT %s, p.unit_id, (ARRAY['good_model','new_factor','exemplary_person'])[1 + p.id %% 3],
               'Gương sáng ' || p.full_name, p.id, 'Tận tụy, sáng tạo trong công việc được giao',
               'Nhiều năm liền hoàn thành xuất sắc nhiệm vụ, có cách làm hay được nhân rộng.', 'accepted',
               now(), now() - (p.id %% 300) * interval '1 day', '', %s, now()
        FROM units_person p JOIN units_unit u ON u.id = p.unit_id
        WHERE u.short_code LIKE %s ORDER BY p.id LIMIT 2000
        """,
        [campaign.pk, bench_user.pk, BENCH_PREFIX + "%"],
    )
