"""Ad-hoc and thematic awards through the law's simplified procedure (dated ProcedureTrack data):
which steps they skip, on which data, and that they still reach a decision through the same service."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from awards import services
from awards.eligibility import evaluate
from awards.enums import NominationBasis, NominationState
from awards.models import ProcedureTrack
from awards.rules import allowed_moves
from awards.selectors import posting_blockers, track_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def ad_hoc(make_nomination, person, this_year):
    def make(**extra):
        return make_nomination(
            person=person,
            code="giay-khen-chu-tich",
            basis=NominationBasis.AD_HOC,
            event_name="Cứu người đuối nước tại bãi tắm Khu 2",
            event_date=timezone.localdate() - dt.timedelta(days=3),
            **extra,
        )

    return make


def _checks(nomination):
    nomination.refresh_from_db()
    return {r["code"]: r for r in evaluate(nomination)}


def test_the_tracks_are_dated_data_with_their_skipped_steps(ad_hoc, make_nomination, person):
    track = track_for(ad_hoc())
    assert track.name == "Khen thưởng đột xuất (thủ tục đơn giản)"
    assert not (track.needs_registration or track.needs_full_report or track.needs_posting or track.needs_council)
    assert "Điều 85" in track.legal_basis and "xác minh" not in track.legal_basis.lower()
    merit = make_nomination(person=person, code="giay-khen-chu-tich", year=timezone.localdate().year - 2)
    assert track_for(merit) is None  # merit: the full road
    # An award code's own row overrides the basis row.
    ProcedureTrack.objects.create(basis="ad_hoc", award_code="giay-khen-chu-tich", name="Riêng Giấy khen", valid_from=dt.date(2024, 1, 1))
    assert track_for(ad_hoc(year=timezone.localdate().year - 1)).name == "Riêng Giấy khen"


def test_ad_hoc_needs_no_registration_and_a_summary_replaces_the_report(make_nomination, person, this_year):
    # Lao động tiên tiến asks registration and a report on the full road.
    merit = make_nomination(person=person, code="lao-dong-tien-tien")
    full = _checks(merit)
    assert not full["not_registered"]["ok"] and not full["achievement_report"]["ok"]
    quick = make_nomination(
        person=person,
        code="lao-dong-tien-tien",
        basis=NominationBasis.AD_HOC,
        year=this_year - 1,
        event_name="Phát hiện, tố giác tội phạm",
        event_date=dt.date(this_year - 1, 5, 1),
    )
    simple = _checks(quick)
    assert simple["not_registered"]["ok"] and "không cần đăng ký" in simple["not_registered"]["message"]
    assert simple["achievement_report"]["ok"] and "tóm tắt thành tích" in simple["achievement_report"]["message"]
    assert "Điều 85" in simple["achievement_report"]["legal_basis"]


def test_no_posting_needed_and_the_reviewer_sends_it_straight_to_the_leader(ad_hoc, reviewer, leader, officer):
    nomination = ad_hoc(state=NominationState.VERIFIED)
    assert posting_blockers(nomination) == []
    assert NominationState.APPROVED in allowed_moves(reviewer, nomination, manual=True)
    assert NominationState.APPROVED not in allowed_moves(officer, nomination, manual=True)
    services.nomination_transition(nomination=nomination, to_state=NominationState.APPROVED, by=reviewer, comment="Thủ tục đơn giản")
    nomination.refresh_from_db()
    assert nomination.state == NominationState.APPROVED and nomination.council_result == ""  # no council result invented
    decision = services.decision_draft(nominations=[nomination], date=timezone.localdate(), by=reviewer)
    assert "Biên bản họp" not in decision.grounds  # no meeting to cite
    services.decision_approve(decision=decision, by=leader)
    services.decision_issue(decision=decision, by=leader)
    nomination.refresh_from_db()
    assert nomination.state == NominationState.DECIDED


def test_the_full_road_cannot_skip_the_council(make_nomination, person, reviewer):
    nomination = make_nomination(person=person, code="giay-khen-chu-tich", state=NominationState.VERIFIED)
    assert NominationState.APPROVED not in allowed_moves(reviewer, nomination, manual=True)
    assert posting_blockers(nomination) == ["Chưa công khai danh sách đề nghị."]
    with pytest.raises(PermissionDenied):
        services.nomination_transition(nomination=nomination, to_state=NominationState.APPROVED, by=reviewer)


def test_the_council_stays_available_and_the_page_explains_the_track(client_for, ad_hoc, reviewer):
    nomination = ad_hoc(state=NominationState.VERIFIED)
    assert NominationState.WITH_COUNCIL in allowed_moves(reviewer, nomination)
    page = client_for(reviewer).get(reverse("awards:nomination-detail", args=[nomination.pk])).content.decode()
    assert "Trình lãnh đạo quyết định (thủ tục đơn giản, không qua Hội đồng)" in page
    assert "Khen thưởng đột xuất (thủ tục đơn giản): không cần đăng ký thi đua trước" in page
    assert "Cứu người đuối nước tại bãi tắm Khu 2" in page and "Thời gian xử lý mục tiêu: 5 ngày làm việc" in page


def test_an_ad_hoc_nomination_needs_its_event(officer, person, this_year):
    from awards.forms import NominationForm
    from awards.models import AwardKind

    kind = AwardKind.objects.filter(code="giay-khen-chu-tich").order_by("-valid_from").first()
    data = {
        "nominee_type": "person",
        "nominee_person": person.pk,
        "award_kind": kind.pk,
        "period_kind": "calendar",
        "year": this_year,
        "basis": NominationBasis.AD_HOC,
        "achievement_summary": "Dũng cảm cứu người.",
    }
    form = NominationForm(data, user=officer)
    assert not form.is_valid()
    assert form.errors["event_name"] == ["Khen thưởng đột xuất phải ghi sự việc, thành tích đột xuất."]
    assert form.errors["event_date"] == ["Khen thưởng đột xuất phải ghi ngày xảy ra sự việc."]
    future = NominationForm({**data, "event_name": "Cứu hộ", "event_date": "01/01/2100"}, user=officer)
    assert not future.is_valid() and future.errors["event_date"] == ["Ngày xảy ra sự việc không được sau hôm nay."]
