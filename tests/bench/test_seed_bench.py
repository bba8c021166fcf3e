import datetime as dt
import io

import pytest
from django.core.management import call_command

from awards.models import AwardRecord, Nomination, NominationTransition
from units.models import Person, Unit

pytestmark = pytest.mark.django_db


def test_seed_bench_generates_exact_counts_and_reset_removes_them():
    call_command("seed_bench", units=30, people=300, nominations=900, years=6, decided=100, stdout=io.StringIO())
    bench_units = Unit.objects.filter(short_code__startswith="BENCH-")
    assert bench_units.count() == 30
    assert Person.objects.filter(unit__in=bench_units).count() == 300
    nominations = Nomination.objects.filter(unit__in=bench_units)
    assert nominations.count() == 900
    assert set(nominations.values_list("year", flat=True)) == {2020, 2021, 2022, 2023, 2024, 2025}
    # The current year holds every state of the workflow in its share (bench.seed.CURRENT_SHARES).
    from collections import Counter

    from awards.enums import NominationState
    from bench.seed import CURRENT_SHARES

    current = Counter(nominations.filter(year=2025).values_list("state", flat=True))
    assert set(current) == set(NominationState.values)
    total = sum(current.values())
    for state, share in CURRENT_SHARES:
        assert abs(100 * current[state] / total - share) < max(share, 6), (state, current[state], total)
    # Two history rows for every nomination past submission, one for those only submitted.
    expected = nominations.exclude(state="draft").count() + nominations.exclude(state__in=["draft", "submitted"]).count()
    assert NominationTransition.objects.filter(nomination__in=nominations).count() == expected
    assert AwardRecord.objects.filter(person__unit__in=bench_units, source="decided").count() == 100
    # The upper levels' honours of the year after: one person in a hundred, one unit in ten.
    state = AwardRecord.objects.filter(source="imported", award_kind__conferring_level="state", decision_date=dt.date(2025, 12, 20))
    assert state.filter(person__unit__in=bench_units).count() == 3 and state.filter(unit__in=bench_units).count() == 3
    from campaigns.models import Campaign, Exemplar, Registration, RegistrationEntry

    campaign = Campaign.objects.get(name__endswith="(dữ liệu đo)")
    registrations = Registration.objects.filter(campaign=campaign)
    assert registrations.count() == sum(1 for pk in bench_units.values_list("id", flat=True) if pk % 10)
    assert set(registrations.values_list("state", flat=True)) == {"draft", "submitted", "returned", "accepted"}
    assert (
        RegistrationEntry.objects.filter(registration__campaign=campaign).count()
        == Person.objects.filter(
            unit__in=registrations.values("unit"),
            id__in=[p for p in Person.objects.filter(unit__in=bench_units).values_list("id", flat=True) if p % 3 == 0],
        ).count()
    )
    assert Exemplar.objects.filter(campaign=campaign, state="accepted").count() == 300
    # Names are Vietnamese, accent-searchable through the generated column.
    assert Person.objects.filter(unit__in=bench_units, search_name__startswith="nguyen").exists()

    # Service periods for every head and deputy and about one staff member in ten (bench.api_lookup).
    from bench.api_lookup import seed_service_periods
    from units.models import ServicePeriod

    people = Person.objects.filter(unit__in=bench_units)
    expected = [p for p, position in people.values_list("id", "position") if position != "Chuyên viên" or (p // 10) % 10 == 0]
    assert sorted(ServicePeriod.objects.filter(person__in=people).values_list("person_id", flat=True)) == sorted(expected)
    assert seed_service_periods() == 0  # idempotent

    call_command("seed_bench", reset=True, nominations=0, people=0, units=0, stdout=io.StringIO())
    assert not ServicePeriod.objects.exists()
    assert not Unit.objects.filter(short_code__startswith="BENCH-").exists()
    assert Nomination.objects.count() == 0
    assert not Campaign.objects.filter(name__endswith="(dữ liệu đo)").exists()


def test_the_api_lookup_and_candidates_rows_answer_within_their_query_limits(client):
    """bench.api_lookup's rows requested through the test client on a small seeded set: every one
    answers 200, the API lists within API_MAX_QUERIES at both page sizes, the candidates page finds
    seniority and dedication candidates in the generated service periods."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench import api_lookup
    from units.enums import Role
    from units.models import User

    call_command("seed_bench", units=30, people=600, nominations=600, years=3, decided=100, stdout=io.StringIO())
    root = Unit.objects.get(short_code="BENCH-ROOT")
    ward = Unit.objects.filter(short_code__startswith="BENCH-", kind="ward").order_by("pk").first()
    User.objects.create(username="bench-admin", roles=[Role.ADMINISTRATOR], unit=root)
    reviewer = User.objects.create(username="bench-reviewer", roles=[Role.REVIEWER], unit=root)
    officer = User.objects.get(username="bench-officer-1")  # seed_bench's officer of the first ward
    assert officer.unit == ward
    ids = api_lookup.prepare()
    users = {"bench-reviewer": reviewer, "bench-officer-1": officer}
    rows = api_lookup.pages(ids)
    assert {kind for kind, *_ in rows} == {"api", "list", "export"} and len(rows) == 2 * len(api_lookup.API_LISTS) + 9
    for kind, label, user, path in rows:
        client.logout()
        headers = {}
        if user.startswith(api_lookup.KEY_USER):
            headers["HTTP_AUTHORIZATION"] = "Bearer " + user[len(api_lookup.KEY_USER) :]
        else:
            client.force_login(users[user])
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, **headers)
            body = b"".join(response.streaming_content) if response.streaming else response.content
        assert response.status_code == 200, (label, response.status_code)
        if kind == "api":
            assert len(queries) <= api_lookup.API_MAX_QUERIES, (label, len(queries))
            assert response.json()["count"] >= 0
        if kind == "export":
            assert body[:2] == b"PK", label  # an XLSX (zip) file
        if "candidates" in label and user == "bench-reviewer":
            page = body.decode()
            assert "Huân chương Lao động hạng Ba" in page and "Kỷ niệm chương" in page
    # A second run revokes the first run's key.
    first = ids["api_key"]
    api_lookup.api_token()
    client.logout()
    assert client.get("/api/v1/units/", HTTP_AUTHORIZATION=f"Bearer {first}").status_code == 401
