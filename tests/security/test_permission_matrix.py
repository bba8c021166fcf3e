"""Permission matrix generated from the URL configuration: every named view × every persona.

A view added without a row here fails `test_every_view_has_a_rule`, so nobody ships a page whose
permissions were never decided. Columns: anonymous, officer of the unit that owns the objects,
officer of another unit, reviewer (Phòng Nội vụ), council member, leader, administrator.
302 for anonymous is the redirect to sign-in; 404 means the object is outside the user's scope;
405 means the view only accepts POST (its POST rules are in POST_RULES below)."""

import pytest
from django.urls import reverse

from ..api.test_permission_matrix import ARGS as API_ARGS
from ..api.test_permission_matrix import GET_RULES as API_RULES
from ..api.test_permission_matrix import POST_CHECKED as API_POST_CHECKED
from ..awards.test_conference_permissions import ARGS as CONFERENCE_ARGS
from ..awards.test_conference_permissions import GET_RULES as CONFERENCE_RULES
from ..awards.test_conference_permissions import POST_CHECKED as CONFERENCE_POST_CHECKED
from ..awards.test_procedure_permissions import ARGS as PROCEDURE_ARGS
from ..awards.test_procedure_permissions import GET_RULES as PROCEDURE_RULES
from ..awards.test_procedure_permissions import POST_CHECKED as PROCEDURE_POST_CHECKED
from ..campaigns.test_bloc_permissions import ARGS as BLOC_ARGS
from ..campaigns.test_bloc_permissions import GET_RULES as BLOC_RULES
from ..campaigns.test_bloc_permissions import POST_CHECKED as BLOC_POST_CHECKED
from .urlmap import ARGS, named_urls

ROLES = ["anonymous", "officer", "other_officer", "reviewer", "council_member", "leader", "administrator"]

# fmt: off
GET_RULES = {
    "home":                              "200 200 200 200 200 200 200",
    "healthz":                           "200 200 200 200 200 200 200",
    "readyz":                            "200 200 200 200 200 200 200",
    "login":                             "200 200 200 200 200 200 200",
    "logout":                            "405 405 405 405 405 405 405",
    "profile":                           "302 200 200 200 200 200 200",
    "twofactor-verify":                  "302 302 302 302 302 302 302",
    "twofactor-setup":                   "302 200 200 200 200 200 200",
    "twofactor-backup-codes":            "302 302 302 302 302 302 302",
    "password_change":                   "302 200 200 200 200 200 200",
    "password_change_done":              "302 200 200 200 200 200 200",
    "units:unit-tree":                   "302 200 200 200 200 200 200",
    "units:unit-list":                   "302 200 200 200 200 200 200",
    "units:unit-create":                 "302 403 403 200 403 403 200",
    "units:unit-detail":                 "302 200 404 200 200 200 200",
    "units:unit-tree-children":          "302 200 404 200 200 200 200",
    "units:unit-update":                 "302 403 403 200 403 403 200",
    "units:person-list":                 "302 200 200 200 200 200 200",
    "units:person-create":               "302 200 200 200 403 403 200",
    "units:person-detail":               "302 200 404 200 200 200 200",
    "units:person-update":               "302 200 404 200 403 403 200",
    "units:person-merge":                "302 403 403 200 403 403 200",
    "units:person-transfer":             "302 403 403 200 403 403 200",
    "units:person-service":              "302 200 404 200 403 403 200",
    "units:notification-list":           "302 200 200 200 200 200 200",
    "units:notification-open":           "302 302 404 404 404 404 404",
    "units:import":                      "302 200 200 200 403 403 200",
    "units:import-template":             "302 200 200 200 403 403 200",
    "units:export-detail":               "302 200 404 404 404 404 404",
    "units:export-status":               "302 200 404 404 404 404 404",
    "units:export-download":             "302 200 404 404 404 404 404",
    "campaigns:campaign-list":           "302 200 200 200 200 200 200",
    "campaigns:campaign-create":         "302 403 403 200 403 403 200",
    "campaigns:campaign-detail":         "302 200 200 200 200 200 200",
    "campaigns:campaign-update":         "302 403 403 200 403 403 200",
    "campaigns:registration-edit":       "302 200 200 403 403 403 403",
    "campaigns:registration-matrix":     "302 403 403 200 200 200 200",
    "campaigns:registration-remind":     "302 405 405 405 405 405 405",
    "campaigns:report-create":           "302 200 200 403 403 403 403",
    "campaigns:report-overview":         "302 403 403 200 200 200 200",
    "campaigns:registration-list":       "302 200 200 200 200 200 200",
    "campaigns:registration-detail":     "302 200 404 200 200 200 200",
    "campaigns:registration-transition": "302 405 405 405 405 405 405",
    "campaigns:report-list":             "302 200 200 200 200 200 200",
    "campaigns:report-detail":           "302 200 404 200 200 200 200",
    "campaigns:report-update":           "302 200 404 403 403 403 403",
    "campaigns:report-transition":       "302 405 405 405 405 405 405",
    "campaigns:report-attachment":       "302 200 404 200 200 200 200",
    "campaigns:exemplar-list":           "302 200 200 200 200 200 200",
    "campaigns:exemplar-create":         "302 200 200 403 403 403 403",
    "campaigns:exemplar-detail":         "302 200 404 200 200 200 200",
    "campaigns:exemplar-update":         "302 403 404 403 403 403 403",
    "campaigns:exemplar-transition":     "302 405 405 405 405 405 405",
    "campaigns:exemplar-photo":          "302 200 404 200 200 200 200",
    "campaigns:public-exemplar-list":    "200 200 200 200 200 200 200",
    "campaigns:public-exemplar-detail":  "200 200 200 200 200 200 200",
    "campaigns:public-exemplar-photo":   "200 200 200 200 200 200 200",
    "awards:kind-list":                  "302 200 200 200 200 200 200",
    "awards:nomination-list":            "302 200 200 200 200 200 200",
    "awards:nomination-create":          "302 200 200 403 403 403 403",
    "awards:nomination-bulk":            "302 405 405 405 405 405 405",
    "awards:nomination-detail":          "302 200 404 200 200 200 200",
    "awards:nomination-edit":            "302 200 404 403 403 403 403",
    "awards:nomination-transition":      "302 405 405 405 405 405 405",
    "awards:nomination-recheck":         "302 405 405 405 405 405 405",
    "awards:attachment-add":             "302 405 405 405 405 405 405",
    "awards:attachment-download":        "302 200 404 200 200 200 200",
    "awards:submission-list":            "302 200 200 200 200 200 200",
    "awards:submission-create":          "302 200 200 403 403 403 403",
    "awards:submission-detail":          "302 200 404 200 200 200 200",
    "awards:submission-submit":          "302 405 405 405 405 405 405",
    "awards:submission-pdf":             "302 200 404 200 200 200 200",
    "awards:submission-minutes":         "302 200 404 200 200 200 200",
    "awards:import":                     "302 200 200 403 403 403 403",
    "awards:import-template":            "302 200 200 403 403 403 403",
    "awards:person-awards":              "302 200 404 200 200 200 200",
    "awards:unit-awards":                "302 200 404 200 200 200 200",
    "awards:lookup":                     "302 200 200 200 200 200 200",
    "awards:occasion-list":              "302 200 200 200 200 200 200",
    "awards:candidate-list":             "302 200 200 200 200 200 200",
    "awards:occasion-detail":            "302 200 200 200 200 200 200",
    "reports:dashboard":                 "302 403 403 200 403 200 200",
    "reports:award-list":                "302 403 403 200 403 200 200",
    "reports:nomination-list":           "302 403 403 200 403 200 200",
    "reports:archive":                   "302 403 403 200 403 200 200",
    "reports:request":                   "302 403 403 200 403 200 200",
    "reports:run-detail":                "302 403 403 200 403 200 200",
    "reports:run-status":                "302 403 403 200 403 200 200",
    "reports:run-retry":                 "302 405 405 405 405 405 405",
    "reports:run-cancel":                "302 405 405 405 405 405 405",
    "reports:run-download":              "302 403 403 200 403 200 200",
    "reports:statforms":                 "302 403 403 200 403 200 200",
    "reports:statform":                  "302 403 403 200 403 200 200",
    "reports:statform-cell":             "302 403 403 200 403 200 200",
    "reports:statform-download":         "302 403 403 200 403 200 200",
}

# POST-only endpoints. Each is tried with a valid form for a real move (data below); the roles
# listed must not get it done: the object keeps its state, and an outsider to the unit (or an
# anonymous visitor) gets 404 (or the sign-in redirect), never the action.
POST_RULES = {
    # name: (roles that must be refused, form data, object attribute of the world whose state must not change)
    "campaigns:registration-remind":     (["anonymous", "officer", "other_officer"], {}, None),
    "campaigns:registration-transition": (["anonymous", "other_officer", "council_member", "leader"], {"to": "submitted"}, "registration"),
    "campaigns:report-transition":       (["anonymous", "other_officer", "council_member", "leader"], {"to": "submitted"}, "report"),
    "campaigns:exemplar-transition":     (["anonymous", "other_officer", "officer", "council_member", "leader"], {"to": "accepted"}, "proposal"),
    "awards:nomination-bulk":            (["anonymous", "officer", "other_officer", "council_member", "leader"], {"action": "return", "comment": "x"}, "nomination"),
    "awards:nomination-transition":      (["anonymous", "other_officer", "council_member", "leader"], {"to_state": "submitted", "expected_state": "draft"}, "nomination"),
    "awards:nomination-recheck":         (["anonymous", "other_officer"], {}, "nomination"),
    "awards:attachment-add":             (["anonymous", "other_officer", "reviewer", "council_member", "leader", "administrator"], {"kind": "other"}, "nomination"),
    "awards:submission-submit":          (["anonymous", "other_officer", "reviewer", "council_member", "leader", "administrator"], {}, "nomination"),
    "reports:run-retry":                 (["anonymous", "officer", "other_officer", "council_member"], {}, "run"),
    "reports:run-cancel":                (["anonymous", "officer", "other_officer", "council_member", "leader"], {}, "run"),
    "logout":                            ([], {}, None),
}
# fmt: on


def _url(name, world):
    return reverse(name, kwargs=ARGS[name](world)) if name in ARGS else reverse(name)


def test_every_view_has_a_rule():
    """Every named view has a rule here or in the procedure matrix (posting, council, decisions:
    tests/awards/test_procedure_permissions.py, which builds its own world of meetings and decisions)
    or in the API's (tests/api/test_permission_matrix.py) or the emulation blocs'
    (tests/campaigns/test_bloc_permissions.py, with its own world of a bloc's year) or the conference's
    (tests/awards/test_conference_permissions.py: conferences, stage reviews, the propaganda pages)."""
    rules = {**GET_RULES, **PROCEDURE_RULES, **API_RULES, **BLOC_RULES, **CONFERENCE_RULES}
    others = set(GET_RULES) | set(PROCEDURE_RULES) | set(API_RULES) | set(BLOC_RULES)
    assert not others & set(CONFERENCE_RULES), "a view has rules in two tables"
    assert not (set(GET_RULES) | set(PROCEDURE_RULES) | set(API_RULES)) & set(BLOC_RULES), "a view has rules in two tables"
    assert not set(GET_RULES) & set(PROCEDURE_RULES), "a view has rules in both tables"
    assert not (set(GET_RULES) | set(PROCEDURE_RULES)) & set(API_RULES), "a view has rules in two tables"
    names = {name for name, _ in named_urls()}
    missing = sorted(names - set(rules))
    stale = sorted(set(rules) - names)
    assert missing == [], f"views without a permission rule: {missing}"
    assert stale == [], f"rules for views that no longer exist: {stale}"
    needs_args = {name for name, route in named_urls() if "<" in route}
    known_args = set(ARGS) | set(PROCEDURE_ARGS) | set(API_ARGS) | set(BLOC_ARGS) | set(CONFERENCE_ARGS)
    assert needs_args <= known_args, f"add arguments for: {sorted(needs_args - known_args)}"
    post_only = {name for name, rule in rules.items() if rule.split()[1:] == ["405"] * 6}
    checked = set(POST_RULES) | set(PROCEDURE_POST_CHECKED) | set(API_POST_CHECKED) | set(BLOC_POST_CHECKED) | set(CONFERENCE_POST_CHECKED)
    assert post_only <= checked, f"POST-only views without POST rules: {sorted(post_only - checked)}"


@pytest.mark.django_db
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


def _state(obj):
    obj.refresh_from_db()
    return getattr(obj, "state", None) or getattr(obj, "status", None)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(POST_RULES))
def test_post_refused_for_outsiders(name, world, request, client):
    url = _url(name, world)
    roles, data, watched = POST_RULES[name]
    for role in roles:
        obj = getattr(world, watched) if watched else None
        before = _state(obj) if obj is not None else None
        client.logout()
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        response = client.post(url, {"ids": [world.nomination.pk], **data})
        location = response.get("Location", "")
        if role in ("anonymous", "other_officer"):
            strict = "302-login" if response.status_code == 302 and "/dang-nhap/" in location else str(response.status_code)
            assert strict in {"302-login", "404", "403"}, f"{name} as {role}: {strict}"
        else:
            assert response.status_code < 500
            assert response.status_code in (302, 400, 403, 404), f"{name} as {role}: {response.status_code}"
        if obj is not None:
            assert _state(obj) == before, f"{name} as {role} changed the state"


# The same requests made by the users who may act do change the state: the refusals above are not
# an artefact of a form that nobody could submit.
POSITIVE_CONTROLS = [
    ("campaigns:registration-transition", "officer", "registration", "submitted"),
    ("campaigns:report-transition", "officer", "report", "submitted"),
    ("campaigns:exemplar-transition", "reviewer", "proposal", "accepted"),
    ("awards:nomination-transition", "officer", "nomination", "submitted"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "role", "watched", "expected"), POSITIVE_CONTROLS)
def test_post_allowed_user_succeeds(name, role, watched, expected, world, request, client):
    client.force_login(request.getfixturevalue(role))
    client.post(_url(name, world), {"ids": [world.nomination.pk], **POST_RULES[name][1]})
    assert _state(getattr(world, watched)) == expected
