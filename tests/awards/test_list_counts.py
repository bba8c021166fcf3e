"""The nomination list's state tabs and total come from counts cached per filtered set and
invalidated by the transition service: no GROUP BY and no COUNT(*) per request, and the numbers
stay exact after a move."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from awards import services
from awards.enums import NominationState as S
from dosonthidua.cache import NOMINATION_COUNTS, changed

from ..factories import PersonFactory

pytestmark = pytest.mark.django_db
URL = "/khen-thuong/de-nghi/"


def _get(client, **params):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(URL, params)
    assert response.status_code == 200
    return len(ctx.captured_queries), response


def _tabs(response):
    return {state: n for state, _, n in response.context["counts"]}


def test_tabs_follow_transitions_and_total_matches(client_for, reviewer, unit, make_nomination, django_capture_on_commit_callbacks):
    submitted = [make_nomination(person=PersonFactory(unit=unit), state=S.SUBMITTED) for _ in range(3)]
    client = client_for(reviewer)
    _, response = _get(client)
    assert _tabs(response)[S.SUBMITTED] == 3 and response.context["page"].paginator.count == 3
    with django_capture_on_commit_callbacks(execute=True):
        services.nomination_transition(nomination=submitted[0], to_state=S.RETURNED, by=reviewer, comment="Bổ sung báo cáo thành tích.")
    _, response = _get(client)
    assert (_tabs(response)[S.SUBMITTED], _tabs(response)[S.RETURNED]) == (2, 1)
    _, response = _get(client, state=S.SUBMITTED)
    assert response.context["page"].paginator.count == 2 and len(response.context["page"].object_list) == 2


def test_list_queries_do_not_grow_with_rows(client_for, reviewer, unit, make_nomination):
    client = client_for(reviewer)
    make_nomination(person=PersonFactory(unit=unit), state=S.SUBMITTED)
    _get(client)
    small, _ = _get(client, state=S.SUBMITTED)
    for _ in range(60):
        make_nomination(person=PersonFactory(unit=unit), state=S.SUBMITTED)
    changed(NOMINATION_COUNTS)  # what the services do on commit (the factory bypasses them)
    cold, _ = _get(client)
    large, response = _get(client, state=S.SUBMITTED, page=2)
    assert large == small <= cold - 1 <= 14  # the grouped count runs once, then comes from the cache
    assert response.context["page"].paginator.count == 61 and response.context["page"].number == 2
