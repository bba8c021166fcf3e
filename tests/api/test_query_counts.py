"""Every list endpoint answers in at most 10 queries, whatever the page size (1 or 50 rows), for a
unit-scoped and a whole-portal token."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from awards import services
from awards.enums import NominationState
from awards.models import AwardRecord, Nomination
from tests.campaigns.factories import CampaignFactory, CampaignTargetFactory, RegistrationFactory
from tests.factories import PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db

LISTS = ["unit", "person", "award-kind", "award", "nomination", "campaign", "registration"]
WHOLE_ONLY = ["decision"]
LIMIT = 10


@pytest.fixture
def many(unit, make_nomination, issuers, reviewer, leader, this_year):
    units = [UnitFactory(parent=unit, name=f"Tổ dân phố {i}", short_code=f"TDP-Q{i}") for i in range(30)]
    people = [PersonFactory(unit=units[i % 30], full_name=f"Người thứ {i}") for i in range(30)]
    kind = make_nomination(person=people[0]).award_kind
    for i, person in enumerate(people):
        AwardRecord.objects.create(
            person=person, award_kind=kind, award_code=kind.code, award_name=kind.name, year=2020 + i % 5, recipient_name=person.full_name
        )
        if i:
            make_nomination(person=person, state=NominationState.APPROVED if i < 7 else NominationState.DRAFT)
    for _ in range(3):
        batch = list(Nomination.objects.filter(state=NominationState.APPROVED, decision_item__isnull=True)[:2])
        services.decision_draft(nominations=batch, date=timezone.localdate(), by=reviewer)
    for i in range(30):
        campaign = CampaignFactory()
        CampaignTargetFactory(campaign=campaign)
        RegistrationFactory(campaign=campaign, unit=units[i])
    return units


def _count(client, url, params):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200, response.content
    return len(ctx.captured_queries), len(response.json()["results"])


@pytest.mark.parametrize("token_name", ["unit_token", "whole_token"])
def test_list_endpoints_stay_within_ten_queries(token_name, request, api, many):
    _, key = request.getfixturevalue(token_name)
    client = api(key)
    names = LISTS + (WHOLE_ONLY if token_name == "whole_token" else [])
    measured = {}
    for name in names:
        url = reverse(f"api:{name}-list")
        cold, _ = _count(client, url, {"page_size": 1})
        small, one = _count(client, url, {"page_size": 1})
        large, rows = _count(client, url, {"page_size": 50})
        assert one == 1 and rows > 1, f"{name}: the data set does not exercise paging ({rows} rows)"
        assert max(cold, small, large) <= LIMIT, f"{name}: {cold}/{small}/{large} queries"
        assert large == small, f"{name}: {small} queries for 1 row, {large} for {rows}"
        measured[name] = large
    assert measured  # figures for the report: pytest -s prints nothing; see docs/api.md
