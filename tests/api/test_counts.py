"""The lists' totals (dosonthidua/api/counts.py): cached per query in autocommit, recounted after
any committed write to a table the query reads, whatever wrote it (the ORM's save, update and
delete, raw SQL), never changed by a rolled-back write, never cached inside a transaction or for a
query reading a table whose writes are not watched, and exact with Redis unreachable. These tests
commit (transaction=True), as the API's requests do."""

import pytest
from django.db import connection, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.enums import NominationState
from awards.models import Nomination
from dosonthidua.api.counts import _written_tables
from tests.factories import PersonFactory
from units.models import Person

committed = pytest.mark.django_db(transaction=True)


def _get(client, name, **params):
    """(count in the body, COUNT queries run, rows) of one list request."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse(f"api:{name}-list"), params)
    assert response.status_code == 200, response.content
    counts = [q["sql"] for q in ctx.captured_queries if "COUNT(" in q["sql"]]
    return response.json()["count"], len(counts), response.json()["results"]


@pytest.fixture
def client(api, whole_token):
    return api(whole_token[1])


@committed
def test_a_total_is_counted_once_then_recounted_after_each_committed_write(client, unit, other_unit):
    for _ in range(3):
        PersonFactory(unit=unit)
    assert _get(client, "person")[:2] == (3, 1)
    assert _get(client, "person")[:2] == (3, 0)  # from the cache

    PersonFactory(unit=other_unit)  # save()
    assert _get(client, "person")[:2] == (4, 1)
    Person.objects.filter(unit=other_unit).delete()  # a queryset delete
    assert _get(client, "person")[:2] == (3, 1)
    Person.objects.filter(unit=unit).update(active=False)  # a queryset update changes a filtered set
    assert _get(client, "person", active="false")[:2] == (3, 1)
    assert _get(client, "person", active="true")[:2] == (0, 1)
    with connection.cursor() as cursor:  # raw SQL through Django's connection
        cursor.execute("UPDATE units_person SET active = true WHERE unit_id = %s", [unit.pk])
    assert _get(client, "person", active="true")[:2] == (3, 1)
    assert _get(client, "person", active="true")[:2] == (3, 0)


@committed
def test_a_rolled_back_write_changes_neither_the_total_nor_its_cache(client, unit):
    PersonFactory(unit=unit)
    assert _get(client, "person")[:2] == (1, 1)

    class Undo(Exception):
        pass

    with pytest.raises(Undo), transaction.atomic():
        PersonFactory(unit=unit)
        PersonFactory(unit=unit)
        raise Undo
    assert _get(client, "person")[:2] == (1, 0)
    assert Person.objects.count() == 1


@committed
def test_filtered_totals_follow_transitions_made_by_update(client, unit, make_nomination):
    for year in (2023, 2024, 2025):
        make_nomination(person=PersonFactory(unit=unit), year=year)
    assert _get(client, "nomination", year=2024)[:2] == (1, 1)
    assert _get(client, "nomination", year=2024)[:2] == (1, 0)
    Nomination.objects.filter(year=2025).update(year=2024, state=NominationState.SUBMITTED)
    assert _get(client, "nomination", year=2024)[:2] == (2, 1)
    assert _get(client, "nomination", state=NominationState.SUBMITTED)[:2] == (1, 1)


@committed
def test_inside_a_transaction_the_total_is_always_counted(client, unit):
    PersonFactory(unit=unit)
    with transaction.atomic():
        assert _get(client, "person")[:2] == (1, 1)
        PersonFactory(unit=unit)
        assert _get(client, "person")[:2] == (2, 1)
        assert _get(client, "person")[:2] == (2, 1)
    assert _get(client, "person")[:2] == (2, 1)


@committed
def test_a_list_reading_an_unwatched_table_is_always_counted(client):
    assert _get(client, "campaign")[1] == 1
    assert _get(client, "campaign")[1] == 1


@committed
def test_with_redis_unreachable_totals_are_counted_and_exact(client, unit):
    PersonFactory(unit=unit)
    assert _get(client, "person")[:2] == (1, 1)
    dead = {
        "default": {
            "BACKEND": "dosonthidua.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.1, "socket_timeout": 0.1},
        }
    }
    with override_settings(CACHES=dead):
        PersonFactory(unit=unit)
        assert _get(client, "person")[:2] == (2, 1)
        assert _get(client, "person")[:2] == (2, 1)
    # Back on Redis: the write made while it was unreachable is not hidden by the total cached before.
    assert _get(client, "person")[0] == 2


@pytest.mark.parametrize(
    ("sql", "tables"),
    [
        ('SELECT COUNT(*) FROM "awards_nomination"', set()),
        ('  select * from "awards_nomination" for update', set()),
        ('SAVEPOINT "s1"', set()),
        ('UPDATE "awards_nomination" SET "year" = %s', {"awards_nomination"}),
        ('INSERT INTO "awards_nominationattachment" ("nomination_id") VALUES (%s)', set()),
        ('DELETE FROM "units_person" WHERE "units_person"."unit_id" IN (%s)', {"units_person"}),
        ("WITH RECURSIVE tree(id) AS (SELECT id FROM units_unit) SELECT id FROM tree", set()),
        ("WITH moved AS (UPDATE units_person SET unit_id = 1 RETURNING id) SELECT count(*) FROM moved", {"units_person"}),
        ('TRUNCATE "units_unit", "awards_awardkind" CASCADE', {"units_unit", "awards_awardkind"}),
        ('INSERT INTO "units_unit_successors" ("from_unit_id", "to_unit_id") VALUES (%s, %s)', set()),
    ],
)
def test_which_statements_start_a_generation(sql, tables):
    assert _written_tables(sql) == tables
