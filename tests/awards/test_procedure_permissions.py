"""Permission matrix of the posting, council and decision pages (issue 5): every view × the seven
personas, in the same notation as tests/security/test_permission_matrix.py (whose shared table
should receive these rows). POST-only views are refused (405) on GET and checked with a POST."""

import pytest
from django.urls import reverse
from django.utils import timezone

from awards import services
from awards.enums import NominationState
from awards.models import FundEntry, FundYear, SignedDocument

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "officer", "other_officer", "reviewer", "council_member", "leader", "administrator"]
STAFF = "302 403 403 200 200 200 200"
REVIEWER = "302 403 403 200 403 403 403"
POST = "302 405 405 405 405 405 405"
PUBLIC = "200 200 200 200 200 200 200"
# Issued decisions naming the officer's unit: the officer opens them, another unit's officer gets 404.
UNIT_DECISION = "302 200 404 200 200 200 200"
SIGNED_IN = "302 200 200 200 200 200 200"
FUND = "302 403 403 200 403 200 200"

# fmt: off
GET_RULES = {
    "awards:notice-list":            STAFF,
    "awards:notice-create":          REVIEWER,
    "awards:notice-detail":          STAFF,
    "awards:objection-answer":       POST,
    "awards:public-notices":         PUBLIC,
    "awards:public-notice":          PUBLIC,
    "awards:meeting-list":           STAFF,
    "awards:meeting-create":         REVIEWER,
    "awards:meeting-detail":         STAFF,
    "awards:meeting-attendance":     POST,
    "awards:meeting-agenda":         POST,
    "awards:meeting-open":           POST,
    "awards:meeting-agenda-remove":  POST,
    "awards:meeting-times":          POST,
    "awards:meeting-vote":           POST,
    "awards:meeting-tally":          POST,
    "awards:meeting-written":        POST,
    "awards:meeting-close":          POST,
    "awards:meeting-pdf":            STAFF,
    "awards:decision-list":          SIGNED_IN,
    "awards:decision-create":        REVIEWER,
    "awards:decision-detail":        UNIT_DECISION,
    "awards:decision-edit":          REVIEWER,
    "awards:decision-preview":       REVIEWER,
    "awards:decision-return":        POST,
    "awards:decision-resubmit":      POST,
    "awards:decision-approve":       POST,
    "awards:decision-issue":         POST,
    "awards:decision-discard":       POST,
    "awards:decision-pdf":           UNIT_DECISION,
    # The signer the document names (the leader holds that signer's certificate) or an administrator.
    "awards:decision-sign":          "302 403 404 403 403 200 200",
    "awards:decision-docx":          STAFF,
    "awards:decision-certificates":  UNIT_DECISION,
    "awards:decision-publish":       POST,
    "awards:public-decisions":       PUBLIC,
    "awards:public-decision":        PUBLIC,
    "awards:proposal-list":          STAFF,
    "awards:proposal-create":        REVIEWER,
    "awards:proposal-detail":        STAFF,
    "awards:proposal-result":        POST,
    "awards:proposal-pdf":           STAFF,
    "awards:proposal-sign":          "302 403 403 403 403 200 200",
    "awards:signature-check":        SIGNED_IN,
    "awards:proposal-docx":          STAFF,
    "awards:proposal-dossier":       STAFF,
    # The reward fund: the advisory office keeps it, the leader and the administrator read it.
    "awards:fund-list":              FUND,
    "awards:fund-detail":            FUND,
    "awards:fund-pdf":               FUND,
    "awards:fund-xlsx":              FUND,
    "awards:fund-entry-add":         POST,
    "awards:fund-plan":              POST,
    "awards:proposal-package":       STAFF,
    # The world has no received package: staff reach the view and get 404 for the missing package.
    "awards:decision-package":       "302 403 403 404 404 404 404",
    "awards:interchange-import":     "302 403 403 200 403 403 200",
    # The record of a handover of a former body's open work: the staff who read everything.
    "awards:handover-detail":        STAFF,
}
# fmt: on

ARGS = {
    "awards:notice-detail": lambda w: {"pk": w.notice.pk},
    "awards:objection-answer": lambda w: {"pk": w.objection.pk},
    "awards:public-notice": lambda w: {"pk": w.notice.pk},
    "awards:meeting-detail": lambda w: {"pk": w.meeting.pk},
    "awards:meeting-attendance": lambda w: {"pk": w.meeting.pk},
    "awards:meeting-agenda": lambda w: {"pk": w.meeting.pk},
    "awards:meeting-open": lambda w: {"pk": w.meeting.pk},
    "awards:meeting-agenda-remove": lambda w: {"pk": w.meeting.pk, "item_pk": w.agenda_item.pk},
    "awards:meeting-times": lambda w: {"pk": w.meeting.pk},
    "awards:meeting-vote": lambda w: {"pk": w.meeting.pk},
    "awards:meeting-tally": lambda w: {"pk": w.meeting.pk},
    "awards:meeting-written": lambda w: {"pk": w.meeting.pk},
    "awards:meeting-close": lambda w: {"pk": w.meeting.pk},
    "awards:meeting-pdf": lambda w: {"pk": w.meeting.pk, "kind": "bien-ban"},
    "awards:decision-detail": lambda w: {"pk": w.decision.pk},
    "awards:decision-approve": lambda w: {"pk": w.decision.pk},
    "awards:decision-edit": lambda w: {"pk": w.draft.pk},
    "awards:decision-preview": lambda w: {"pk": w.draft.pk},
    "awards:decision-return": lambda w: {"pk": w.draft.pk},
    "awards:decision-resubmit": lambda w: {"pk": w.returned.pk},
    "awards:decision-issue": lambda w: {"pk": w.decision.pk},
    "awards:decision-discard": lambda w: {"pk": w.decision.pk},
    "awards:decision-pdf": lambda w: {"pk": w.decision.pk},
    "awards:decision-docx": lambda w: {"pk": w.decision.pk},
    "awards:decision-certificates": lambda w: {"pk": w.decision.pk},
    "awards:decision-publish": lambda w: {"pk": w.decision.pk},
    "awards:public-decision": lambda w: {"pk": w.decision.pk},
    "awards:proposal-detail": lambda w: {"pk": w.proposal.pk},
    "awards:proposal-result": lambda w: {"pk": w.upward_item.pk},
    "awards:proposal-pdf": lambda w: {"pk": w.proposal.pk},
    "awards:proposal-sign": lambda w: {"pk": w.proposal.pk},
    "awards:decision-sign": lambda w: {"pk": w.decision.pk},
    "awards:proposal-docx": lambda w: {"pk": w.proposal.pk},
    "awards:proposal-dossier": lambda w: {"pk": w.proposal.pk},
    "awards:fund-detail": lambda w: {"pk": w.decision.issuing_body_id, "year": w.decision.date.year},
    "awards:fund-pdf": lambda w: {"pk": w.decision.issuing_body_id, "year": w.decision.date.year},
    "awards:fund-xlsx": lambda w: {"pk": w.decision.issuing_body_id, "year": w.decision.date.year},
    "awards:fund-entry-add": lambda w: {"pk": w.decision.issuing_body_id, "year": w.decision.date.year},
    "awards:fund-plan": lambda w: {"pk": w.decision.issuing_body_id, "year": w.decision.date.year},
    "awards:proposal-package": lambda w: {"pk": w.proposal.pk},
    "awards:decision-package": lambda w: {"pk": w.decision.pk, "package_pk": 999999},
    "awards:handover-detail": lambda w: {"pk": w.handover.pk},
}


class World:
    pass


def handover_of(nominations, *, by):
    """A handover record from the district to the ward naming ``nominations`` as moved (the record
    alone: what the handover page shows)."""
    import datetime as dt

    from awards.models import Handover, HandoverItem
    from awards.selectors import issuing_body_on

    handover = Handover.objects.create(
        from_body=issuing_body_on(dt.date(2025, 6, 30)),
        to_body=issuing_body_on(dt.date(2025, 7, 1)),
        effective_date=dt.date(2025, 7, 1),
        by=by,
    )
    HandoverItem.objects.bulk_create(
        [
            HandoverItem(handover=handover, kind="nomination", object_id=n.pk, label=n.nominee_name, moved=True, detail="Danh mục")
            for n in nominations
        ]
    )
    return handover


@pytest.fixture
def world(db, issuers, council, members, make_nomination, unit, reviewer, leader):
    from tests.factories import PersonFactory

    w = World()
    verified = make_nomination(person=PersonFactory(unit=unit), state=NominationState.VERIFIED)
    w.notice = services.notice_publish(title="Danh sách", nominations=[verified], start_date=timezone.localdate(), by=reviewer)
    w.objection = services.objection_submit(notice=w.notice, name="A", contact="B", content="C", ip_address="10.1.1.1")
    w.meeting = services.meeting_create(council=council, date=timezone.localdate(), by=reviewer)
    on_agenda = make_nomination(person=PersonFactory(unit=unit), state=NominationState.VERIFIED)
    services.meeting_agenda_add(meeting=w.meeting, nominations=[on_agenda], by=reviewer)
    w.agenda_item = w.meeting.items.get()
    approved = make_nomination(person=PersonFactory(unit=unit), state=NominationState.APPROVED)
    w.decision = services.decision_draft(nominations=[approved], date=timezone.localdate(), by=reviewer)
    services.decision_approve(decision=w.decision, by=leader)
    services.decision_issue(decision=w.decision, by=leader)
    services.decision_publish(decision=w.decision, by=reviewer)
    w.draft = services.decision_draft(
        nominations=[make_nomination(person=PersonFactory(unit=unit), state=NominationState.APPROVED)],
        date=timezone.localdate(),
        by=reviewer,
    )
    w.returned = services.decision_draft(
        nominations=[make_nomination(person=PersonFactory(unit=unit), state=NominationState.APPROVED)],
        date=timezone.localdate(),
        by=reviewer,
    )
    services.decision_return(decision=w.returned, by=leader, comment="Sửa trích yếu")
    upward = make_nomination(person=PersonFactory(unit=unit), code="chien-si-thi-dua-thanh-pho", state=NominationState.APPROVED)
    w.proposal = services.proposal_create(nominations=[upward], number="1/TTr", date=timezone.localdate(), subject="x", by=reviewer)
    w.upward_item = w.proposal.items.get()
    w.handover = handover_of([verified], by=reviewer)
    # The leader's account holds the certificate of the signer both documents name.
    from awards.signatures import certificate_upload
    from tests.pki import PASSPHRASE, make_ca, make_signer

    ca_key, ca_cert = make_ca()
    for signer in {w.decision.signer, w.proposal.signer}:
        certificate_upload(
            signer=signer, user=leader, archive=make_signer(ca_key, ca_cert, signer.name), passphrase=PASSPHRASE, by=reviewer
        )
    return w


def _url(name, world):
    return reverse(name, kwargs=ARGS[name](world)) if name in ARGS else reverse(name)


def test_every_issue5_view_has_a_rule():
    from tests.security.urlmap import named_urls

    mine = {name for name, route in named_urls() if name.startswith("awards:")}
    earlier = {n for n in mine if n not in GET_RULES}
    assert set(GET_RULES) <= mine
    assert all(
        not n.startswith(("awards:notice", "awards:meeting", "awards:decision", "awards:proposal", "awards:public-decision"))
        for n in earlier
    )


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


# POST-only views: who must not get the action done (the object is unchanged).
POST_REFUSALS = [
    (
        "awards:objection-answer",
        ["anonymous", "other_officer", "officer", "council_member", "leader", "administrator"],
        {"answer": "Trả lời"},
    ),
    ("awards:meeting-attendance", ["anonymous", "other_officer", "officer", "council_member", "leader"], {"present": []}),
    ("awards:meeting-agenda", ["anonymous", "other_officer", "officer", "council_member", "leader"], {}),
    ("awards:meeting-open", ["anonymous", "other_officer", "officer", "council_member", "leader"], {}),
    ("awards:meeting-vote", ["anonymous", "other_officer", "officer", "reviewer", "leader"], {}),
    ("awards:meeting-tally", ["anonymous", "other_officer", "officer", "council_member", "leader"], {}),
    ("awards:meeting-written", ["anonymous", "other_officer", "officer", "council_member", "leader"], {}),
    ("awards:meeting-close", ["anonymous", "other_officer", "officer", "council_member", "leader"], {}),
    ("awards:meeting-agenda-remove", ["anonymous", "other_officer", "officer", "council_member", "leader"], {"reason": "Thiếu hồ sơ"}),
    ("awards:meeting-times", ["anonymous", "other_officer", "officer", "council_member", "leader"], {"start_time": "08:00"}),
    ("awards:decision-return", ["anonymous", "other_officer", "officer", "reviewer", "council_member"], {"comment": "Sửa"}),
    ("awards:decision-resubmit", ["anonymous", "other_officer", "officer", "council_member", "leader"], {}),
    ("awards:decision-approve", ["anonymous", "other_officer", "officer", "reviewer", "council_member"], {}),
    ("awards:decision-issue", ["anonymous", "other_officer", "officer", "reviewer", "council_member"], {}),
    ("awards:decision-discard", ["anonymous", "other_officer", "officer", "council_member", "reviewer", "leader"], {}),
    ("awards:proposal-result", ["anonymous", "other_officer", "officer", "council_member", "leader"], {"result": "conferred"}),
    ("awards:decision-publish", ["anonymous", "other_officer", "officer", "council_member", "administrator"], {"publish": "0"}),
    ("awards:decision-sign", ["anonymous", "other_officer", "officer", "reviewer", "council_member"], {"passphrase": "mat-khau-chung-thu"}),
    ("awards:proposal-sign", ["anonymous", "other_officer", "officer", "reviewer", "council_member"], {"passphrase": "mat-khau-chung-thu"}),
    (
        "awards:fund-entry-add",
        ["anonymous", "other_officer", "officer", "council_member", "leader", "administrator"],
        {"date": f"{timezone.localdate().year}-01-05", "kind": "expense", "amount": "100000", "description": "In giấy khen"},
    ),
    (
        "awards:fund-plan",
        ["anonymous", "other_officer", "officer", "council_member", "leader", "administrator"],
        {"base_amount": "1000000"},
    ),
]
POST_CHECKED = {name for name, _, _ in POST_REFUSALS}


def _snapshot(world):
    for obj in (world.objection, world.meeting, world.upward_item, world.decision, world.draft, world.returned):
        obj.refresh_from_db()
    return (
        world.objection.answer,
        world.meeting.state,
        world.meeting.items.count(),
        world.meeting.start_time,
        world.upward_item.result,
        world.decision.state,
        world.decision.published_at,
        world.draft.state,
        world.returned.state,
        SignedDocument.objects.count(),
        list(FundEntry.objects.values_list("pk", "amount")),
        list(FundYear.objects.values_list("pk", "base_amount", "planned_amount")),
    )


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
