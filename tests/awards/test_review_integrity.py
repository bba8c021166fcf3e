"""Issue 11: the review cannot be bypassed. One gate on every path to `verified`, posting that cannot
be back-dated silently, no vote on a dossier changed since it was posted, the reviewer's comment shown
as such, and no uncertainty markers in what officers read."""

import datetime as dt

import pytest
from django.utils import timezone

from awards import services
from awards.enums import NominationState as S
from awards.models import EligibilityRule, NominationTransition, PublicNotice
from awards.services import ProcedureError, TransitionError
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

BULK_URL = "/khen-thuong/de-nghi/xu-ly-nhieu/"


def _failing(make_nomination, unit):
    """A submitted Lao động tiên tiến dossier failing three hard checks: no registration, no
    achievement report, and a nominee who is a collective although the title is for a person."""
    return make_nomination(unit=unit, code="lao-dong-tien-tien", state=S.SUBMITTED)


def test_bulk_verify_refuses_the_failing_nominee_and_passes_the_rest(client_for, reviewer, unit, make_nomination):
    good = [make_nomination(person=PersonFactory(unit=unit, full_name=name), state=S.SUBMITTED) for name in ("Lê Văn Hải", "Vũ Thị Lan")]
    bad = _failing(make_nomination, unit)
    response = client_for(reviewer).post(BULK_URL, {"ids": [good[0].pk, bad.pk, good[1].pk], "action": "verified"}, follow=True)
    page = response.content.decode()
    assert "Đã xử lý 2 đề nghị." in page
    assert f"{bad.nominee_name}: Chưa xác nhận thẩm định được:" in page
    assert "chưa đăng ký thi đua" in page and "Chưa có báo cáo thành tích" in page and "dành cho đối tượng cá nhân" in page
    for n in good:
        n.refresh_from_db()
        assert n.state == S.VERIFIED
    bad.refresh_from_db()
    assert bad.state == S.SUBMITTED
    assert not NominationTransition.objects.filter(nomination=bad).exists()
    # The refusal re-ran the checks on the record: the stored checks say why.
    assert {c["code"] for c in bad.hard_failures} >= {"not_registered", "achievement_report", "subject_mismatch"}


def test_single_verify_refused_on_hard_failure_and_allowed_once_fixed(reviewer, unit, make_nomination):
    bad = _failing(make_nomination, unit)
    with pytest.raises(TransitionError, match="Chưa xác nhận thẩm định được"):
        services.nomination_transition(nomination=bad, to_state=S.VERIFIED, by=reviewer)
    bad.refresh_from_db()
    assert bad.state == S.SUBMITTED
    # A rule an administrator turns off (or lowers to a warning) no longer blocks.
    EligibilityRule.objects.filter(code__in=["not_registered", "achievement_report", "subject_mismatch"]).update(severity="soft")
    services.nomination_transition(nomination=bad, to_state=S.VERIFIED, by=reviewer)
    bad.refresh_from_db()
    assert bad.state == S.VERIFIED


def test_verify_runs_on_the_record_as_it_is_now(reviewer, person, make_nomination, make_record):
    """Checks stored at submission time do not count: a duplicate that appeared since is caught."""
    nomination = make_nomination(person=person, state=S.SUBMITTED)
    assert not nomination.checks
    make_record(person=person, code="giay-khen-chu-tich", year=nomination.year)
    with pytest.raises(TransitionError, match="đã được tặng"):
        services.nomination_transition(nomination=nomination, to_state=S.VERIFIED, by=reviewer)


# --- Posting ---------------------------------------------------------------------------------------


def test_posting_with_a_past_start_date_needs_a_reason(make_nomination, person, reviewer):
    nomination = make_nomination(person=person, state=S.VERIFIED)
    today = timezone.localdate()
    yesterday = today - dt.timedelta(days=1)
    with pytest.raises(ProcedureError, match="đã qua"):
        services.notice_publish(title="Danh sách", nominations=[nomination], start_date=yesterday, by=reviewer)
    assert not PublicNotice.objects.exists()
    notice = services.notice_publish(
        title="Danh sách",
        nominations=[nomination],
        start_date=yesterday,
        by=reviewer,
        backdate_reason="  Đã niêm yết tại trụ sở từ hôm qua.  ",
    )
    assert notice.backdate_reason == "Đã niêm yết tại trụ sở từ hôm qua."
    # Starting today needs no reason, and a reason given anyway is not printed.
    other = services.notice_publish(title="Danh sách 2", nominations=[nomination], start_date=today, by=reviewer, backdate_reason="x")
    assert other.backdate_reason == ""


def test_posting_reason_printed_on_the_notice_pages(client_for, make_nomination, person, reviewer):
    nomination = make_nomination(person=person, state=S.VERIFIED)
    client = client_for(reviewer)
    past = timezone.localdate() - dt.timedelta(days=2)
    response = client.post(
        "/khen-thuong/cong-khai/them/",
        {"title": "Danh sách đề nghị", "start_date": past.strftime("%d/%m/%Y"), "nominations": [nomination.pk]},
    )
    assert response.status_code == 200
    assert "đã qua" in response.content.decode()
    response = client.post(
        "/khen-thuong/cong-khai/them/",
        {
            "title": "Danh sách đề nghị",
            "start_date": past.strftime("%d/%m/%Y"),
            "backdate_reason": "Niêm yết giấy tại bảng tin từ ngày này.",
            "nominations": [nomination.pk],
        },
    )
    assert response.status_code == 302
    notice = PublicNotice.objects.get()
    assert "Lý do: Niêm yết giấy tại bảng tin từ ngày này." in client.get(f"/khen-thuong/cong-khai/{notice.pk}/").content.decode()
    public = client_for(None).get(f"/khen-thuong/danh-sach-cong-khai/{notice.pk}/").content.decode()
    assert "Lý do: Niêm yết giấy tại bảng tin từ ngày này." in public


# --- Council guard on changed dossiers -------------------------------------------------------------


def _published(make_nomination, person, reviewer):
    nomination = make_nomination(person=person, state=S.VERIFIED)
    start = timezone.localdate() - dt.timedelta(days=20)
    services.notice_publish(title="Danh sách", nominations=[nomination], start_date=start, by=reviewer, backdate_reason="Thử.")
    return nomination


def _meeting(council, reviewer, members, nominations):
    meeting = services.meeting_create(council=council, date=timezone.localdate(), by=reviewer)
    services.meeting_attendance_set(meeting=meeting, present_member_ids=[m.pk for m in members], by=reviewer)
    services.meeting_agenda_add(meeting=meeting, nominations=nominations, by=reviewer)
    return meeting


def test_voting_opens_on_an_unchanged_posted_dossier(make_nomination, person, reviewer, council, members):
    nomination = _published(make_nomination, person, reviewer)
    meeting = _meeting(council, reviewer, members, [nomination])
    services.meeting_open_voting(meeting=meeting, by=reviewer)
    meeting.refresh_from_db()
    assert meeting.state == "voting"


def test_voting_refused_on_a_dossier_changed_since_posting(make_nomination, person, reviewer, council, members):
    nomination = _published(make_nomination, person, reviewer)
    type(nomination).objects.filter(pk=nomination.pk).update(achievement_summary="Thành tích viết lại sau khi công khai.")
    nomination.refresh_from_db()
    meeting = _meeting(council, reviewer, members, [nomination])
    with pytest.raises(ProcedureError, match="Hồ sơ đã thay đổi sau khi công khai"):
        services.meeting_open_voting(meeting=meeting, by=reviewer)
    # Posting it again (as it is now) clears the way once that posting has run.
    services.notice_publish(
        title="Danh sách bổ sung",
        nominations=[nomination],
        start_date=timezone.localdate() - dt.timedelta(days=20),
        by=reviewer,
        backdate_reason="Thử.",
    )
    services.meeting_open_voting(meeting=meeting, by=reviewer)


def test_voting_refused_when_an_attachment_was_added_after_posting(make_nomination, person, reviewer, council, members, officer):
    from tests.awards.conftest import pdf_file

    nomination = _published(make_nomination, person, reviewer)
    services.attachment_add(nomination=nomination, kind="achievement_report", uploaded=pdf_file(), by=officer)
    meeting = _meeting(council, reviewer, members, [nomination])
    with pytest.raises(ProcedureError, match="đã thay đổi"):
        services.meeting_open_voting(meeting=meeting, by=reviewer)


def test_legacy_notice_without_fingerprint_is_stale_after_a_return(make_nomination, person, reviewer, officer):
    from awards.selectors import posting_blockers

    nomination = _published(make_nomination, person, reviewer)
    PublicNotice.objects.update(fingerprints={})
    assert posting_blockers(nomination) == []
    services.nomination_transition(nomination=nomination, to_state=S.RETURNED, by=reviewer, comment="Bổ sung báo cáo.")
    assert "Hồ sơ đã thay đổi sau khi công khai" in posting_blockers(nomination)[0]


# --- What users read ---------------------------------------------------------------------------------


def test_returned_nomination_shows_the_comment_as_opinion(client_for, officer, reviewer, person, make_nomination):
    nomination = make_nomination(person=person, state=S.SUBMITTED)
    services.nomination_transition(nomination=nomination, to_state=S.RETURNED, by=reviewer, comment="Thiếu xác nhận của thủ trưởng.")
    page = client_for(officer).get(f"/khen-thuong/de-nghi/{nomination.pk}/").content.decode()
    assert "Ý kiến: Thiếu xác nhận của thủ trưởng." in page
    assert "Chưa có ý kiến" not in page


def test_no_uncertainty_markers_on_officer_pages(client_for, officer, unit, make_nomination):
    from django.apps import apps

    from awards.catalogue import seed_admin_notes
    from awards.models import AwardKind

    seed_admin_notes(apps)
    client = client_for(officer)
    catalogue = client.get("/khen-thuong/danh-muc/?all=1").content.decode()
    nomination = make_nomination(unit=unit, code="tap-the-lao-dong-tien-tien")
    services.nomination_check(nomination=nomination)
    detail = client.get(f"/khen-thuong/de-nghi/{nomination.pk}/").content.decode()
    for page in (catalogue, detail):
        assert "cần xác minh" not in page
    assert "Điều 84" in detail
    # The uncertainty stays where administrators read it.
    assert EligibilityRule.objects.get(code="not_registered").admin_note
    assert AwardKind.objects.filter(code="tap-the-lao-dong-tien-tien").exclude(admin_note="").exists()


def test_every_check_of_every_catalogue_kind_shows_its_article(client_for, officer, unit, make_nomination):
    """For each award kind of today's catalogue (the seeded decrees' rows), a nomination of the
    right subject is checked and its page rendered as the officer sees it: every check names its
    basis, and no uncertainty marker reaches the screen (those stay in the admin-only notes)."""
    from django.apps import apps

    from awards.catalogue import seed_admin_notes
    from awards.enums import AwardSubject
    from awards.selectors import kinds_valid_on

    seed_admin_notes(apps)
    client = client_for(officer)
    person = PersonFactory(unit=unit)
    kinds = list(kinds_valid_on())
    assert len(kinds) >= 10
    markers = ("xác minh", "xac minh", "verify", "đối chiếu")
    for kind in kinds:
        subject = {"person": person} if kind.subject == AwardSubject.PERSON else {"unit": unit}
        nomination = make_nomination(**subject, code=kind)
        checks = services.nomination_check(nomination=nomination)
        assert checks, kind.code
        for check in checks:
            assert check["legal_basis"].strip(), (kind.code, check["code"])
            assert not any(m in check["legal_basis"].lower() or m in check["message"].lower() for m in markers), (kind.code, check)
        page = client.get(f"/khen-thuong/de-nghi/{nomination.pk}/").content.decode()
        assert 'id="checks"' in page and "Căn cứ: —" not in page, kind.code
        assert not any(m in page.lower() for m in markers), kind.code
        nomination.delete()
    catalogue = client.get("/khen-thuong/danh-muc/?all=1").content.decode().lower()
    assert not any(m in catalogue for m in markers)
