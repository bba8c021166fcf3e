"""Carrying work across the 2025 reorganisation: the district's open work moves to the ward in one
reviewed step, with history rows; what cannot move is listed with the reason."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from awards import services
from awards.enums import NominationState as S
from awards.handover import handover_apply, handover_plan
from awards.models import AwardKind, AwardRecord, Handover, NominationTransition
from awards.selectors import issuing_body_on, nominations_for_decision
from tests.factories import PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db

JUNE = dt.date(2025, 6, 20)
JULY = dt.date(2025, 7, 10)


@pytest.fixture
def administrator(administrator):
    """The administrator of the admin site (superuser, as the demo's admin account)."""
    administrator.is_staff = administrator.is_superuser = True
    administrator.save()
    return administrator


def _entry(code, on):
    return AwardKind.objects.filter(code=code, valid_from__lte=on).order_by("-valid_from").first()


@pytest.fixture
def approved_in_june(issuers, make_nomination, unit, officer):
    """A Lao động tiên tiến nomination of 2025 under the district's catalogue entry, approved by the
    district's council in June 2025."""
    entry = _entry("lao-dong-tien-tien", JUNE)
    assert entry.valid_to == dt.date(2025, 6, 30) and entry.conferring_level == "district"
    nomination = make_nomination(
        person=PersonFactory(unit=unit, full_name="Nguyễn Thị Lan"), code=entry, state=S.APPROVED, year=2025, by=officer
    )
    nomination.council_result = "approved"
    nomination.save(update_fields=["council_result"])
    return nomination


def test_district_nomination_approved_in_june_is_decided_by_the_ward_in_july(approved_in_june, reviewer, leader, administrator):
    district, ward = issuing_body_on(JUNE), issuing_body_on(JULY)
    with time_machine.travel(dt.datetime(2025, 7, 10, 9, 0), tick=False):
        # Stuck before the handover: the ward decides only its own catalogue's entries.
        assert approved_in_june not in nominations_for_decision(JULY)
        with pytest.raises(services.ProcedureError):
            services.decision_draft(nominations=[approved_in_june], date=JULY, by=reviewer)

        plan = handover_plan(district)
        assert plan.to_body == ward and plan.effective_date == dt.date(2025, 7, 1)
        item = next(i for i in plan.movable if i.obj == approved_in_june)
        assert "Lao động tiên tiến" in item.detail and "cấp phường" in item.detail

        handover = handover_apply(from_body=district, by=administrator)
        approved_in_june.refresh_from_db()
        assert approved_in_june.award_kind == _entry("lao-dong-tien-tien", JULY)
        assert approved_in_june.award_kind.conferring_level == "ward"
        assert approved_in_june.state == S.APPROVED and approved_in_june.checked_at is not None
        history = NominationTransition.objects.filter(nomination=approved_in_june).latest("at")
        assert history.by == administrator and "Chuyển giao" in history.comment and history.from_state == history.to_state == S.APPROVED
        assert handover.items.get(object_id=approved_in_june.pk).moved

        decision = services.decision_draft(nominations=[approved_in_june], date=JULY, by=reviewer)
        services.decision_approve(decision=decision, by=leader)
        services.decision_issue(decision=decision, by=leader)
    decision.refresh_from_db()
    assert decision.issuing_body == ward
    record = AwardRecord.objects.get(nomination=approved_in_june)
    assert record.issuer_name == ward.full_name and record.decision_date == JULY


def test_what_cannot_move_is_listed_with_the_reason(approved_in_june, make_nomination, unit, administrator):
    district = issuing_body_on(JUNE)
    old_only = AwardKind.objects.create(
        code="danh-hieu-chi-cap-quan",
        name="Danh hiệu chỉ có ở cấp quận",
        category="title",
        subject="person",
        conferring_level="district",
        valid_from=dt.date(2024, 1, 1),
        valid_to=dt.date(2025, 6, 30),
    )
    stuck = make_nomination(person=PersonFactory(unit=unit), code=old_only, state=S.VERIFIED, year=2025)
    plan = handover_plan(district)
    blocked = next(i for i in plan.blocked if i.obj == stuck)
    assert "không còn" in blocked.detail and "đề nghị cấp trên" in blocked.detail
    handover = handover_apply(from_body=district, by=administrator)
    stuck.refresh_from_db()
    assert stuck.award_kind == old_only
    row = handover.items.get(object_id=stuck.pk, kind="nomination")
    assert not row.moved and row.detail == blocked.detail


def test_registration_of_a_merged_unit_moves_to_its_successor(issuers, administrator, reviewer):
    from campaigns.models import Campaign, Registration

    old = UnitFactory(name="UBND phường Cũ", short_code="P-CU", valid_to=dt.date(2025, 6, 30))
    heir = UnitFactory(name="UBND phường Mới", short_code="P-MOI", valid_from=dt.date(2025, 7, 1))
    old.successors.add(heir)
    campaign = Campaign.objects.create(
        name="Phong trào năm 2025", kind="regular", start_date=dt.date(2025, 1, 1), end_date=dt.date(2025, 12, 31)
    )
    registration = Registration.objects.create(campaign=campaign, unit=old, state="submitted")
    handover = handover_apply(from_body=issuing_body_on(JUNE), by=administrator)
    registration.refresh_from_db()
    assert registration.unit == heir
    assert registration.history.get().comment.endswith("đơn vị UBND phường Cũ → UBND phường Mới.")
    assert handover.items.get(kind="registration").moved


def test_admin_page_lists_then_moves_in_one_step(approved_in_june, client_for, administrator, reviewer):
    district = issuing_body_on(JUNE)
    url = reverse("admin:awards_issuingbody_handover", args=[district.pk])
    assert client_for(reviewer).get(url).status_code == 302  # not staff: the admin's sign-in
    client = client_for(administrator)
    page = client.get(url).content.decode()
    assert "Sẽ chuyển (1)" in page and "Nguyễn Thị Lan" in page
    response = client.post(url, {"confirm": "1"})
    handover = Handover.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("admin:awards_handover_change", args=[handover.pk])
    assert client.get(response["Location"]).status_code == 200
    ward = issuing_body_on(JULY)
    assert client.get(reverse("admin:awards_issuingbody_handover", args=[ward.pk])).status_code == 302  # still valid: nothing to hand over
