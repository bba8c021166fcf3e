"""Property-based run of schemathesis against the live OpenAPI schema (/api/v1/schema/, served by
the portal's WSGI application), with a token of each scope: no 500, every response matches the
schema, and a unit-scoped token never sees a unit outside its subtree (checked on the unit ids of
every response). Bounded: MAX_EXAMPLES per operation and token."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance, status_code_conformance

from dosonthidua.api.enums import ApiPermission as P
from tests.campaigns.factories import CampaignFactory, RegistrationFactory
from tests.factories import PersonFactory
from units.selectors import unit_subtree_ids

from .conftest import UNIT_PERMISSIONS, WHOLE_PERMISSIONS

pytestmark = pytest.mark.django_db

MAX_EXAMPLES = 6
UNIT_KEYS = {"unit", "recipient_unit", "parent"}


@pytest.fixture
def wsgi_app():
    """The portal's WSGI application, called in the test's transaction (as Django's test client
    does, the per-request connection closing is suspended)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _unit_ids(path, body):
    """Every unit id a response names: unit, recipient_unit and parent fields at any depth, and the
    ids of the units list itself."""
    found = set()

    def walk(value, in_units):
        if isinstance(value, dict):
            for key, item in value.items():
                names_a_unit = key in UNIT_KEYS or (key == "id" and in_units)
                if names_a_unit and isinstance(item, int):
                    found.add(item)
                else:
                    walk(item, in_units and key == "results")
        elif isinstance(value, list):
            for item in value:
                walk(item, in_units)

    walk(body, path.startswith("/api/v1/units/"))
    return found


@pytest.fixture
def scoped_world(unit, other_unit, sub_unit, person, other_person, make_nomination):
    PersonFactory(unit=sub_unit)
    make_nomination(person=person)
    make_nomination(person=other_person)
    campaign = CampaignFactory()
    RegistrationFactory(campaign=campaign, unit=unit)
    RegistrationFactory(campaign=campaign, unit=other_unit)
    return unit


def test_schemathesis_against_the_live_schema(wsgi_app, make_token, scoped_world, unit):
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", wsgi_app)
    tokens = {
        "unit": (make_token(unit=unit, permissions=UNIT_PERMISSIONS, rate_per_minute=100_000)[1], set(unit_subtree_ids(unit.pk))),
        "whole": (make_token(permissions=WHOLE_PERMISSIONS, rate_per_minute=100_000)[1], None),
        "minimal": (make_token(unit=unit, permissions=[P.PEOPLE_READ], rate_per_minute=100_000)[1], set(unit_subtree_ids(unit.pk))),
    }
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20
    calls = {"total": 0, "2xx": 0}

    def check(case, key, scope):
        response = case.call(headers={"Authorization": f"Bearer {key}"})
        case.validate_response(
            response, checks=[not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
        )
        calls["total"] += 1
        if 200 <= response.status_code < 300:
            calls["2xx"] += 1
            if scope is not None and "json" in response.headers.get("Content-Type", ""):
                outside = _unit_ids(case.path, response.json()) - scope
                assert not outside, f"{case.method} {case.formatted_path}: units {sorted(outside)} outside the token's scope"

    def bounded_test(operation, key, scope):
        @hypothesis_settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def run(case):
            check(case, key, scope)

        return run

    for operation in operations:
        for key, scope in tokens.values():
            bounded_test(operation, key, scope)()
    assert calls["2xx"] > len(operations)  # the run reached real data, not only refusals


STATEFUL_STEPS = 8
STATEFUL_EXAMPLES = 20


def test_stateful_run_follows_the_links_between_operations(wsgi_app, make_token, scoped_world, unit):
    """Schemathesis's state machine over the same schema, with the unit-scoped writing token: it
    infers links between operations from the schema (a nomination created by POST is read, changed,
    given attachments and submitted through its id; a list's ids lead to its details; a decision
    read leads to registering its number) and runs sequences of calls that follow them, so a step
    meets the state an earlier one left (a PATCH after another PATCH found the undocumented 412).
    Every response passes the same checks and never names a unit outside the token's scope."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", wsgi_app)
    key = make_token(unit=unit, permissions=UNIT_PERMISSIONS, rate_per_minute=100_000)[1]
    scope = set(unit_subtree_ids(unit.pk))
    Machine = schema.as_state_machine()
    linked = schema.operations_with_incoming_links()
    assert {"PATCH /api/v1/nominations/{id}/", "POST /api/v1/nominations/{id}/submit/", "GET /api/v1/units/{id}/"} <= linked
    assert len(linked) >= 10, sorted(linked)
    followed = {"steps": 0, "2xx": 0}

    class Workflow(Machine):
        def get_call_kwargs(self, case):
            return {"headers": {"Authorization": f"Bearer {key}"}}

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            case.validate_response(
                response,
                checks=[not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance],
                transport_kwargs=kwargs,
            )
            followed["steps"] += 1
            if 200 <= response.status_code < 300:
                followed["2xx"] += 1
                if "json" in response.headers.get("Content-Type", ""):
                    outside = _unit_ids(case.path, response.json()) - scope
                    assert not outside, f"{case.method} {case.formatted_path}: units {sorted(outside)} outside the token's scope"

    Workflow.run(
        settings=hypothesis_settings(
            max_examples=STATEFUL_EXAMPLES,
            stateful_step_count=STATEFUL_STEPS,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
    )
    assert followed["steps"] > STATEFUL_EXAMPLES and followed["2xx"] > 0, followed
