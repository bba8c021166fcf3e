"""Permission matrix of the API (/api/v1/) with the portal's session personas, in the notation of
tests/security/test_permission_matrix.py (which reads these tables so every named URL has a rule).
401 is the API's answer to an anonymous caller; 404 an object outside the caller's units; 405 a
POST-only action (its POST refusals are below)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from awards import services
from awards.enums import DecisionState, NominationState
from awards.models import AwardRecord

from ..security.conftest import world as security_world  # noqa: F401

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "officer", "other_officer", "reviewer", "council_member", "leader", "administrator"]
PUBLIC = "200 200 200 200 200 200 200"
SIGNED_IN = "401 200 200 200 200 200 200"
OWNED = "401 200 404 200 200 200 200"
GLOBAL_READERS = "401 403 403 200 200 200 200"
REPORTS = "401 403 403 200 403 200 200"
POST = "401 405 405 405 405 405 405"

# fmt: off
GET_RULES = {
    "api:schema":               PUBLIC,
    "api:docs":                 PUBLIC,
    "api:me":                   SIGNED_IN,
    "api:unit-list":            SIGNED_IN,
    "api:unit-detail":          OWNED,
    "api:person-list":          SIGNED_IN,
    "api:person-detail":        OWNED,
    "api:award-kind-list":      SIGNED_IN,
    "api:award-kind-detail":    SIGNED_IN,
    "api:award-list":           SIGNED_IN,
    "api:award-detail":         OWNED,
    "api:nomination-list":      SIGNED_IN,
    "api:nomination-detail":    OWNED,
    "api:nomination-submit":    POST,
    "api:nomination-attachments": POST,
    "api:decision-list":        GLOBAL_READERS,
    "api:decision-detail":      GLOBAL_READERS,
    "api:decision-register":    POST,
    "api:campaign-list":        SIGNED_IN,
    "api:campaign-detail":      SIGNED_IN,
    "api:registration-list":    SIGNED_IN,
    "api:registration-detail":  OWNED,
    "api:dashboard":            REPORTS,
    "api:national-export":      REPORTS,
    "api:national-package":     REPORTS,
}
# fmt: on

ARGS = {
    "api:unit-detail": lambda w: {"pk": w.unit.pk},
    "api:person-detail": lambda w: {"pk": w.person.pk},
    "api:award-kind-detail": lambda w: {"pk": w.nomination.award_kind_id},
    "api:award-detail": lambda w: {"pk": w.record.pk},
    "api:nomination-detail": lambda w: {"pk": w.nomination.pk},
    "api:nomination-submit": lambda w: {"pk": w.nomination.pk},
    "api:nomination-attachments": lambda w: {"pk": w.nomination.pk},
    "api:decision-detail": lambda w: {"pk": w.decision.pk},
    "api:decision-register": lambda w: {"pk": w.decision.pk},
    "api:campaign-detail": lambda w: {"pk": w.campaign.pk},
    "api:registration-detail": lambda w: {"pk": w.registration.pk},
}


@pytest.fixture
def world(security_world, issuers, make_nomination, unit, reviewer, leader):  # noqa: F811
    from tests.factories import PersonFactory

    w = security_world
    approved = make_nomination(person=PersonFactory(unit=unit, full_name="Đặng Thị Ánh"), state=NominationState.APPROVED)
    w.decision = services.decision_draft(nominations=[approved], date=timezone.localdate(), by=reviewer)
    services.decision_approve(decision=w.decision, by=leader)
    kind = w.nomination.award_kind
    w.record = AwardRecord.objects.create(
        person=w.person, award_kind=kind, award_code=kind.code, award_name=kind.name, year=2024, recipient_name=w.person.full_name
    )
    return w


def _url(name, world):
    return reverse(name, kwargs=ARGS[name](world)) if name in ARGS else reverse(name)


@pytest.mark.parametrize("name", sorted(GET_RULES))
def test_get_permission_matrix(name, world, request, client):
    url = _url(name, world)
    actual = []
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        actual.append(str(client.get(url).status_code))
    assert " ".join(actual) == GET_RULES[name], f"{name}: expected {GET_RULES[name]}, got {' '.join(actual)} ({', '.join(ROLES)})"


# POST-only actions: who must not get them done (the watched object keeps its state).
POST_REFUSALS = {
    "api:nomination-submit": (["anonymous", "other_officer", "reviewer", "council_member", "leader", "administrator"], {}, "nomination"),
    "api:nomination-attachments": (
        ["anonymous", "other_officer", "reviewer", "council_member", "leader", "administrator"],
        {"kind": "other"},
        "nomination",
    ),
    "api:decision-register": (
        ["anonymous", "officer", "other_officer", "reviewer", "council_member", "administrator"],
        {"number": "07/QĐ-UBND", "date": timezone.localdate().isoformat()},
        "decision",
    ),
}
POST_CHECKED = set(POST_REFUSALS)


@pytest.mark.parametrize("name", sorted(POST_REFUSALS))
def test_post_refused(name, world, request, client):
    roles, data, watched = POST_REFUSALS[name]
    obj = getattr(world, watched)
    for role in roles:
        client.logout()
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        response = client.post(_url(name, world), data)
        expected = {"anonymous": {401}, "other_officer": {403, 404}}.get(role, {400, 403, 404})
        assert response.status_code in expected, f"{name} as {role}: {response.status_code}"
        before = obj.state
        obj.refresh_from_db()
        assert obj.state == before, f"{name} as {role} changed the state"


def test_post_allowed_users_succeed(world, officer, leader, client):
    client.force_login(officer)
    assert client.post(_url("api:nomination-submit", world), {}).status_code == 200
    world.nomination.refresh_from_db()
    assert world.nomination.state == NominationState.SUBMITTED
    client.force_login(leader)
    response = client.post(_url("api:decision-register", world), POST_REFUSALS["api:decision-register"][1])
    assert response.status_code == 200, response.content
    world.decision.refresh_from_db()
    assert (world.decision.state, world.decision.number) == (DecisionState.ISSUED, "07/QĐ-UBND")
