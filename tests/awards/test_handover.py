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


# --- Whose work is it: the receiving ward's territory, and the queue on either side of 01/07/2025 ---


@pytest.fixture
def reorganised(issuers, district):
    """The ward the portal serves from 01/07/2025 (its issuing body names its unit), an old ward
    merged into it, an old ward merged into the neighbouring ward, and a department of the district
    that ended with it."""
    from units.enums import UnitKind

    end, start = dt.date(2025, 6, 30), dt.date(2025, 7, 1)
    ward = UnitFactory(name="UBND phường Đồ Sơn", short_code="P-DS", kind=UnitKind.WARD, valid_from=start)
    neighbour = UnitFactory(name="UBND phường Nam Đồ Sơn", short_code="P-NDS", kind=UnitKind.WARD, valid_from=start)
    here = UnitFactory(name="UBND phường Vạn Hương", short_code="P-VH", kind=UnitKind.WARD, parent=district, valid_to=end)
    there = UnitFactory(name="UBND phường Hợp Đức", short_code="P-HD", kind=UnitKind.WARD, parent=district, valid_to=end)
    department = UnitFactory(name="Phòng Y tế quận", short_code="YTE-Q", parent=district, valid_to=end)
    here.successors.add(ward)
    there.successors.add(neighbour)
    body = issuing_body_on(JULY)
    body.unit = ward
    body.save(update_fields=["unit"])
    return {"ward": ward, "neighbour": neighbour, "here": here, "there": there, "department": department}


def _sent_in_june(make_nomination, unit, name, state=S.SUBMITTED):
    entry = _entry("giay-khen-chu-tich", JUNE)
    with time_machine.travel(dt.datetime(2025, 6, 20, 9, 0), tick=False):
        from django.utils import timezone

        return make_nomination(
            person=PersonFactory(unit=unit, full_name=name), code=entry, state=state, year=2025, submitted_at=timezone.now()
        )


def test_the_ward_takes_its_own_units_and_the_districts_departments_not_its_neighbours(reorganised, make_nomination, administrator):
    mine = _sent_in_june(make_nomination, reorganised["here"], "Người Vạn Hương")
    department = _sent_in_june(make_nomination, reorganised["department"], "Người Phòng Y tế")
    theirs = _sent_in_june(make_nomination, reorganised["there"], "Người Hợp Đức")
    plan = handover_plan(issuing_body_on(JUNE))
    assert {i.obj for i in plan.movable} == {mine, department}
    refused = next(i for i in plan.blocked if i.obj == theirs)
    assert refused.detail == (
        "Không chuyển được: UBND phường Hợp Đức đã sáp nhập vào UBND phường Nam Đồ Sơn, không thuộc địa bàn phường Đồ Sơn: "
        "chuyển hồ sơ cho UBND phường Nam Đồ Sơn (gói liên thông)."
    )
    handover_apply(from_body=issuing_body_on(JUNE), by=administrator)
    theirs.refresh_from_db()
    assert theirs.award_kind == _entry("giay-khen-chu-tich", JUNE)  # left as it was, with the district


def _waiting(user):
    from awards.home import reviewer_panel

    panel = reviewer_panel(user)
    return panel["waiting"], panel["left_waiting"]


def test_the_queue_on_30_06_2025_then_on_01_07_2025_before_and_after_the_handover(
    reorganised, make_nomination, client_for, reviewer, officer_of_the_ward, administrator, django_capture_on_commit_callbacks
):
    from awards.models import Nomination
    from awards.selectors import former_body_condition

    sent = _sent_in_june(make_nomination, reorganised["here"], "Người Vạn Hương")
    theirs = _sent_in_june(make_nomination, reorganised["there"], "Người Hợp Đức")
    left = Nomination.objects.filter(former_body_condition(dt.date(2025, 7, 1)))
    client = client_for(reviewer)
    url = reverse("awards:nomination-list")

    # 30/06/2025: the district's own queue.
    with time_machine.travel(dt.datetime(2025, 6, 30, 16, 0), tick=False):
        assert not Nomination.objects.filter(former_body_condition()).exists()
        assert _waiting(reviewer) == (2, 0)
        assert "data-origin" not in client.get(url).content.decode()

    # 01/07/2025, before the handover: the district's dossiers are the district's, not the ward's queue.
    with time_machine.travel(dt.datetime(2025, 7, 1, 8, 0), tick=False):
        assert set(left) == {sent, theirs}
        assert _waiting(reviewer) == (0, 2)
        page = client.get(url, {"state": "submitted"}).content.decode()
        assert page.count('data-origin="left"') == 2 and "Ủy ban nhân dân quận Đồ Sơn để lại, chưa chuyển giao" in page
        assert "Người Vạn Hương" not in client.get(url, {"state": "submitted", "work": "current"}).content.decode()
        assert "Người Vạn Hương" in client.get(url, {"work": "left"}).content.decode()

        with django_capture_on_commit_callbacks(execute=True):  # the list counts are renewed on commit
            handover = handover_apply(from_body=issuing_body_on(JUNE), by=administrator)

        # After it: what the ward received is in its queue, marked, with a link to the handover.
        assert _waiting(reviewer) == (1, 1)
        mark = (
            f'href="{reverse("awards:handover-detail", args=[handover.pk])}">Chuyển giao từ Ủy ban nhân dân quận Đồ Sơn ngày 01/07/2025</a>'
        )
        page = client.get(url, {"state": "submitted", "work": "current"}).content.decode()
        assert "Người Vạn Hương" in page and mark in page and "Người Hợp Đức" not in page
        home = client.get("/").content.decode()
        assert "Không tính" in home and "1 đề nghị cơ quan trước để lại</a>, không được chuyển giao" in home
        detail = client.get(reverse("awards:nomination-detail", args=[sent.pk])).content.decode()
        assert 'data-origin="handover"' in detail and "Xem biên bản chuyển giao" in detail
        detail = client.get(reverse("awards:nomination-detail", args=[theirs.pk])).content.decode()
        assert "Ủy ban nhân dân quận Đồ Sơn để lại, không chuyển giao" in detail and "sáp nhập vào UBND phường Nam Đồ Sơn" in detail
        assert "Hồ sơ không được chuyển giao nên không thẩm định, trình Hội đồng hay quyết định tiếp được ở đây" in detail

        record = client.get(reverse("awards:handover-detail", args=[handover.pk])).content.decode()
        assert "Đã chuyển (1)" in record and "Không chuyển được (1)" in record
        assert reverse("awards:nomination-detail", args=[sent.pk]) in record

        # The ward's officer sees where the dossier came from; the record is the reviewing staff's.
        officer = client_for(officer_of_the_ward)
        page = officer.get(reverse("awards:nomination-detail", args=[sent.pk])).content.decode()
        assert 'data-origin="handover"' in page and "Xem biên bản chuyển giao" not in page
        assert officer.get(reverse("awards:handover-detail", args=[handover.pk])).status_code == 403


@pytest.fixture
def officer_of_the_ward(reorganised):
    from tests.factories import officer_of

    return officer_of(reorganised["here"])


def test_a_dossier_left_without_a_handover_waits_for_it(
    reorganised, make_nomination, client_for, reviewer, officer_of_the_ward, administrator
):
    """On 01/07/2025 the ward's reviewer cannot verify, return or send on the district's dossier
    before the handover: the page says why and offers no move; the unit may still withdraw its own.
    After the handover the same dossier is the ward's to review."""
    from awards.rules import allowed_moves, left_by_former_body

    sent = _sent_in_june(make_nomination, reorganised["here"], "Người Vạn Hương")
    withdrawn = _sent_in_june(make_nomination, reorganised["here"], "Người Rút Lại")
    with time_machine.travel(dt.datetime(2025, 6, 30, 16, 0), tick=False):
        assert not left_by_former_body(sent) and S.VERIFIED in allowed_moves(reviewer, sent)
    with time_machine.travel(dt.datetime(2025, 7, 1, 8, 0), tick=False):
        assert left_by_former_body(sent)
        assert allowed_moves(reviewer, sent) == []
        for to_state, comment in ((S.VERIFIED, ""), (S.RETURNED, "Bổ sung")):
            with pytest.raises(services.TransitionError, match="Ủy ban nhân dân quận Đồ Sơn › Chuyển giao công việc"):
                services.nomination_transition(nomination=sent, to_state=to_state, by=reviewer, comment=comment)
        sent.refresh_from_db()
        assert sent.state == S.SUBMITTED and not NominationTransition.objects.filter(nomination=sent, to_state=S.VERIFIED).exists()
        done, errors = services.nominations_bulk_transition(nominations=[sent], to_state=S.VERIFIED, by=reviewer)
        assert done == [] and "chưa được chuyển giao cho" in errors[0][1]
        page = client_for(reviewer).get(reverse("awards:nomination-detail", args=[sent.pk])).content.decode()
        assert "Không thẩm định, trình Hội đồng hay quyết định tiếp được cho đến khi quản trị viên chuyển giao" in page
        assert f'value="{S.VERIFIED}"' not in page
        response = client_for(reviewer).post(
            reverse("awards:nomination-transition", args=[sent.pk]), {"to_state": S.VERIFIED, "expected_state": S.SUBMITTED}, follow=True
        )
        sent.refresh_from_db()
        assert sent.state == S.SUBMITTED and "là việc Ủy ban nhân dân quận Đồ Sơn để lại" in response.content.decode()
        # The unit's own withdrawal is not the successor's work: it stays open to the unit.
        services.nomination_transition(nomination=withdrawn, to_state=S.WITHDRAWN, by=officer_of_the_ward)

        handover_apply(from_body=issuing_body_on(JUNE), by=administrator)
        sent.refresh_from_db()
        assert not left_by_former_body(sent)
        services.nomination_transition(nomination=sent, to_state=S.VERIFIED, by=reviewer)
        assert sent.state == S.VERIFIED


def test_a_dossier_of_2024_handed_over_is_judged_by_the_wards_catalogue(reorganised, make_nomination, reviewer, administrator):
    """A Giấy khen dossier for 2024, sent to the district in November 2024 and still open on
    01/07/2025: after the handover its catalogue entry and competence are the ward's (judged from the
    entry's first day, not from 31/12/2024 when only the district's entry existed), so the ward's
    reviewer can verify it."""
    entry = _entry("giay-khen-chu-tich", dt.date(2024, 11, 20))
    with time_machine.travel(dt.datetime(2024, 11, 20, 9, 0), tick=False):
        from django.utils import timezone

        dossier = make_nomination(
            person=PersonFactory(unit=reorganised["here"], full_name="Người Năm Trước"), code=entry, state=S.SUBMITTED, year=2024,
            submitted_at=timezone.now(),
        )  # fmt: skip
    with time_machine.travel(dt.datetime(2025, 7, 2, 9, 0), tick=False):
        handover_apply(from_body=issuing_body_on(JUNE), by=administrator)
        dossier.refresh_from_db()
        assert dossier.award_kind == _entry("giay-khen-chu-tich", JULY) and dossier.reference_date == dt.date(2025, 7, 1)
        checks = {c["code"]: c for c in dossier.checks}
        assert checks["kind_not_valid"]["ok"] and checks["conferring_level"]["ok"], checks
        services.nomination_transition(nomination=dossier, to_state=S.VERIFIED, by=reviewer)
        assert dossier.state == S.VERIFIED


def test_a_campaign_is_for_the_territory_of_the_bodies_that_run_it(reorganised, district):
    """A ward's campaign of 2026 is for the ward's units, not the neighbouring ward's; the district's
    special campaign that ran on to the end of 2025 is for the district's units, then the ward's."""
    from campaigns.selectors import participating_units
    from tests.reports.factories import CampaignFactory

    district_body = issuing_body_on(JUNE)
    district_body.unit = district
    district_body.save(update_fields=["unit"])
    school = PersonFactory().unit  # the factory's own unit: outside both territories
    ward_school = UnitFactory(name="Trường Tiểu học Đồ Sơn", short_code="TH-DS", parent=reorganised["ward"], valid_from=dt.date(2025, 7, 1))
    theirs = UnitFactory(
        name="Trường Tiểu học Nam Đồ Sơn", short_code="TH-NDS", parent=reorganised["neighbour"], valid_from=dt.date(2025, 7, 1)
    )
    ward_round = CampaignFactory(start_date=dt.date(2026, 1, 1), end_date=dt.date(2026, 12, 31), registration_deadline=dt.date(2026, 3, 31))
    taking_part = set(participating_units(ward_round))
    assert {reorganised["ward"], ward_school} <= taking_part
    assert not taking_part & {reorganised["neighbour"], theirs, school, reorganised["here"], district}
    special = CampaignFactory(start_date=dt.date(2024, 11, 20), end_date=dt.date(2025, 12, 31))
    taking_part = set(participating_units(special))
    assert {district, reorganised["here"], reorganised["there"], reorganised["department"], reorganised["ward"], ward_school} <= taking_part
    assert not taking_part & {reorganised["neighbour"], theirs}
