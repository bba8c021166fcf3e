"""Permission matrix of the emulation bloc pages (issue 14), in the notation of
tests/security/test_permission_matrix.py (which reads these tables so every named URL has a rule).
The world: a bloc whose leader is a third ward; `unit` (the officer's) is a member whose card is sent
to the leader; `other_unit` (other_officer's) is the deputy. The round is open and unpublished, so
the members see their own cards only and nobody but the global readers sees the ranking."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from campaigns import bloc_services

from .blocs import card_of, leader_world, score_and_submit

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "officer", "other_officer", "reviewer", "council_member", "leader", "administrator"]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SIGNED_IN = "302 200 200 200 200 200 200"
POST = "302 405 405 405 405 405 405"
OWN_CARD = "302 200 404 200 200 200 200"
GLOBAL = "302 403 403 200 200 200 200"

# fmt: off
GET_RULES = {
    "campaigns:bloc-list":            SIGNED_IN,
    "campaigns:bloc-year-detail":     SIGNED_IN,
    "campaigns:bloc-year-transition": POST,
    "campaigns:bloc-year-open-cards": POST,
    "campaigns:bloc-ranking-pdf":     GLOBAL,
    "campaigns:bloc-ranking-xlsx":    GLOBAL,
    "campaigns:covenant-pdf":         SIGNED_IN,
    "campaigns:covenant-docx":        SIGNED_IN,
    "campaigns:covenant-scan":        SIGNED_IN,
    "campaigns:scorecard-detail":     OWN_CARD,
    # The owner's card is with the leader: its page sends the officer back to the card (302).
    "campaigns:scorecard-edit":       "302 302 404 403 403 403 403",
    "campaigns:scorecard-check":      "302 403 404 403 403 403 403",
    "campaigns:scorecard-transition": POST,
    "campaigns:scorecard-pdf":        OWN_CARD,
    "campaigns:scorecard-evidence":   OWN_CARD,
    # Proposals wait for the publication.
    "awards:bloc-proposals":          "302 403 403 403 403 403 403",
}
# fmt: on

ARGS = {
    "campaigns:bloc-year-detail": lambda w: {"pk": w.bloc_year.pk},
    "campaigns:bloc-year-transition": lambda w: {"pk": w.bloc_year.pk},
    "campaigns:bloc-year-open-cards": lambda w: {"pk": w.bloc_year.pk},
    "campaigns:bloc-ranking-pdf": lambda w: {"pk": w.bloc_year.pk},
    "campaigns:bloc-ranking-xlsx": lambda w: {"pk": w.bloc_year.pk},
    "campaigns:covenant-pdf": lambda w: {"pk": w.bloc_year.pk},
    "campaigns:covenant-docx": lambda w: {"pk": w.bloc_year.pk},
    "campaigns:covenant-scan": lambda w: {"pk": w.bloc_year.pk},
    "campaigns:scorecard-detail": lambda w: {"pk": w.card.pk},
    "campaigns:scorecard-edit": lambda w: {"pk": w.card.pk},
    "campaigns:scorecard-check": lambda w: {"pk": w.card.pk},
    "campaigns:scorecard-transition": lambda w: {"pk": w.card.pk},
    "campaigns:scorecard-pdf": lambda w: {"pk": w.card.pk},
    "campaigns:scorecard-evidence": lambda w: {"pk": w.evidence.pk},
    "awards:bloc-proposals": lambda w: {"pk": w.bloc_year.pk},
}


@pytest.fixture
def world(settings, tmp_path, district, unit, other_unit, officer, reviewer):
    settings.MEDIA_ROOT = tmp_path / "media"
    w = leader_world(district, unit, other_unit, reviewer)
    w.card = card_of(w.bloc_year, unit)
    bloc_services.scorecard_self_score(scorecard=w.card, values={}, by=officer)
    w.evidence = bloc_services.evidence_add(scorecard=w.card, uploaded=SimpleUploadedFile("minh-chung.pdf", PDF), by=officer)
    score_and_submit(w, unit, officer)
    bloc_services.covenant_scan_attach(covenant=w.covenant, uploaded=SimpleUploadedFile("giao-uoc.pdf", PDF), by=reviewer)
    w.card.refresh_from_db()
    return w


def _url(name, world):
    return reverse(name, kwargs=ARGS[name](world)) if name in ARGS else reverse(name)


def test_every_bloc_view_has_a_rule():
    from tests.security.urlmap import named_urls

    names = {name for name, _ in named_urls()}
    blocs = {n for n in names if n.startswith(("campaigns:bloc", "campaigns:scorecard", "campaigns:covenant", "awards:bloc"))}
    assert blocs == set(GET_RULES)


@pytest.mark.parametrize("name", sorted(GET_RULES))
def test_get_permission_matrix(name, world, request, client):
    url = _url(name, world)
    actual = []
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        actual.append(str(client.get(url).status_code))
    assert " ".join(actual) == GET_RULES[name], f"{name}: expected {GET_RULES[name]}, got {' '.join(actual)}"


# POST-only views: who must not get the action done (the watched states are unchanged).
POST_REFUSALS = [
    ("campaigns:bloc-year-transition", ROLES, {"to": "ranked", "meeting_date": "05/12/2025"}),
    ("campaigns:bloc-year-open-cards", ["anonymous", "officer", "other_officer", "council_member", "leader"], {}),
    ("campaigns:scorecard-transition", ROLES, {"to": "returned", "comment": "Thiếu minh chứng"}),
]
POST_CHECKED = {name for name, _, _ in POST_REFUSALS}


def _snapshot(world):
    world.bloc_year.refresh_from_db()
    world.card.refresh_from_db()
    return world.bloc_year.state, world.card.state, world.bloc_year.scorecards.count(), world.bloc_year.history.count()


@pytest.mark.parametrize(("name", "roles", "data"), POST_REFUSALS)
def test_post_refused(name, roles, data, world, request, client):
    before = _snapshot(world)
    for role in roles:
        client.logout()
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        response = client.post(_url(name, world), data)
        if role == "anonymous":
            assert response.status_code == 302 and "/dang-nhap/" in response["Location"]
        else:
            assert response.status_code in (302, 403, 404), f"{name} as {role}: {response.status_code}"
    assert _snapshot(world) == before


def test_post_by_the_leaders_officer_returns_the_card(world, client):
    """The positive control: the same request by the bloc leader's officer does the move."""
    client.force_login(world.lead_officer)
    client.post(_url("campaigns:scorecard-transition", world), POST_REFUSALS[2][2])
    world.card.refresh_from_db()
    assert world.card.state == "returned"
    assert world.card.history.last().comment == "Thiếu minh chứng"


def test_the_leaders_officer_sees_every_card_and_the_ranking(world, client, other_unit):
    client.force_login(world.lead_officer)
    assert client.get(_url("campaigns:scorecard-detail", world)).status_code == 200
    assert client.get(_url("campaigns:scorecard-check", world)).status_code == 200
    assert client.get(_url("campaigns:bloc-ranking-pdf", world)).status_code == 200
    # ... but checks its own card only through the deputy.
    own = card_of(world.bloc_year, world.lead)
    assert client.get(reverse("campaigns:scorecard-check", args=[own.pk])).status_code == 403
