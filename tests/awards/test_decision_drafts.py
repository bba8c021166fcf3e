"""Drafts people can edit (issue 10): the reviewer edits a draft (history kept), the leader returns
it with a comment, every move has a history row; an agenda item leaves a meeting before voting with
its reason; a unit's officer opens the decisions naming the unit; minutes print the real times."""

import datetime as dt
import subprocess

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from awards import services
from awards.documents import meeting_context
from awards.enums import DecisionState, NominationState
from awards.models import AgendaRemoval, NominationTransition
from awards.services import ProcedureError
from dosonthidua.pdf import render_pdf
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(make_nomination, unit, issuers, reviewer):
    nominations = [
        make_nomination(person=PersonFactory(unit=unit, full_name=name), state=NominationState.APPROVED)
        for name in ("Nguyễn Văn An", "Đặng Thị Ánh")
    ]
    return services.decision_draft(nominations=nominations, date=timezone.localdate(), by=reviewer)


def test_leader_returns_reviewer_fixes_and_sends_again_with_history(draft, reviewer, leader):
    with pytest.raises(ProcedureError, match="nội dung cần sửa"):
        services.decision_return(decision=draft, by=leader, comment="  ")
    with pytest.raises(PermissionDenied):
        services.decision_return(decision=draft, by=reviewer, comment="Sửa")
    services.decision_return(decision=draft, by=leader, comment="Sửa trích yếu cho đúng mẫu")
    assert draft.state == DecisionState.RETURNED
    with pytest.raises(ProcedureError):
        services.decision_approve(decision=draft, by=leader)
    services.decision_update(decision=draft, by=reviewer, changes={"subject": "Về việc tặng Giấy khen năm 2026 (sửa)"})
    services.decision_resubmit(decision=draft, by=reviewer)
    services.decision_approve(decision=draft, by=leader)
    services.decision_issue(decision=draft, by=leader)
    moves = [(t.from_state, t.to_state, t.comment) for t in draft.transitions.all()]
    assert moves == [
        ("draft", "returned", "Sửa trích yếu cho đúng mẫu"),
        ("returned", "draft", ""),
        ("draft", "approved", ""),
        ("approved", "issued", "Số 01/QĐ-UBND"),
    ]
    subjects = [h.subject for h in draft.history.order_by("history_date", "history_id")]
    assert "Về việc tặng Giấy khen năm 2026 (sửa)" in subjects and subjects[0].startswith("Về việc tặng Giấy khen")
    with pytest.raises(ProcedureError):
        services.decision_update(decision=draft, by=reviewer, changes={"subject": "Không sửa được nữa"})


def test_edit_changes_the_annex_order_and_refuses_empty_texts_and_foreign_signers(draft, reviewer, issuers):
    items = list(draft.items.order_by("order"))
    assert [i.recipient_name for i in items] == ["Nguyễn Văn An", "Đặng Thị Ánh"]
    services.decision_update(decision=draft, by=reviewer, changes={}, item_order=[items[1].pk, items[0].pk])
    assert [i.recipient_name for i in draft.items.order_by("order")] == ["Đặng Thị Ánh", "Nguyễn Văn An"]
    with pytest.raises(ProcedureError, match="không được để trống"):
        services.decision_update(decision=draft, by=reviewer, changes={"grounds": " "})
    with pytest.raises(ProcedureError, match="đúng các cá nhân"):
        services.decision_update(decision=draft, by=reviewer, changes={}, item_order=[items[0].pk])
    district_signer = issuers.get(name_line2="QUẬN ĐỒ SƠN").signers.first()
    with pytest.raises(ProcedureError, match="Người ký"):
        services.decision_update(decision=draft, by=reviewer, changes={"signer": district_signer})


def test_edit_page_saves_and_previews(client_for, draft, reviewer, tmp_path):
    client = client_for(reviewer)
    url = reverse("awards:decision-edit", args=[draft.pk])
    page = client.get(url)
    assert page.status_code == 200 and "decision-preview" in page.content.decode()
    items = list(draft.items.order_by("order"))
    data = {
        "subject": "Về việc tặng Giấy khen cho cán bộ phường",
        "grounds": draft.grounds,
        "award_phrase": draft.award_phrase,
        "reward_text": draft.reward_text,
        "executors": draft.executors,
        "recipients": draft.recipients,
        "signer": draft.signer_id,
        "proposal_number": "15/TTr-VP",
        "proposal_date": "10/12/2026",
        f"order-{items[0].pk}": "2",
        f"order-{items[1].pk}": "1",
    }
    preview = client.post(reverse("awards:decision-preview", args=[draft.pk]), data)
    assert preview.status_code == 200 and preview["Content-Type"] == "application/pdf"
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    path = tmp_path / "p.pdf"
    path.write_bytes(preview.content)
    text = " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout.split())
    assert "Về việc tặng Giấy khen cho cán bộ phường" in text
    assert text.index("Đặng Thị Ánh", text.index("DANH SÁCH")) < text.index("Nguyễn Văn An", text.index("DANH SÁCH"))
    draft.refresh_from_db()
    assert draft.subject != "Về việc tặng Giấy khen cho cán bộ phường"  # a preview never saves
    assert client.post(url, data).status_code == 302
    draft.refresh_from_db()
    assert (draft.subject, draft.proposal_number, draft.proposal_date) == (
        "Về việc tặng Giấy khen cho cán bộ phường",
        "15/TTr-VP",
        dt.date(2026, 12, 10),
    )
    assert [i.recipient_name for i in draft.items.order_by("order")] == ["Đặng Thị Ánh", "Nguyễn Văn An"]


def test_officer_opens_decisions_naming_the_unit_only_after_issue(client_for, draft, leader, officer, other_officer, tmp_path):
    detail = reverse("awards:decision-detail", args=[draft.pk])
    assert client_for(officer).get(detail).status_code == 404  # a draft is not shown outside the office
    services.decision_approve(decision=draft, by=leader)
    services.decision_issue(decision=draft, by=leader)
    client = client_for(officer)
    assert client.get(detail).status_code == 200
    assert str(draft.number) in client.get(reverse("awards:decision-list")).content.decode()
    pdf = client.get(reverse("awards:decision-pdf", args=[draft.pk]))
    certificates = client.get(reverse("awards:decision-certificates", args=[draft.pk]))
    assert pdf.status_code == certificates.status_code == 200
    assert client.get(reverse("awards:decision-docx", args=[draft.pk])).status_code == 403
    other = client_for(other_officer)
    assert other.get(detail).status_code == 404
    assert other.get(reverse("awards:decision-certificates", args=[draft.pk])).status_code == 404
    assert draft.number not in other.get(reverse("awards:decision-list")).content.decode()


def test_officer_gets_only_the_certificates_of_the_units_people(
    client_for, make_nomination, unit, other_unit, issuers, reviewer, leader, officer, tmp_path
):
    ours = make_nomination(person=PersonFactory(unit=unit, full_name="Nguyễn Văn An"), state=NominationState.APPROVED)
    theirs = make_nomination(person=PersonFactory(unit=other_unit, full_name="Trần Thị Bình"), state=NominationState.APPROVED)
    decision = services.decision_draft(nominations=[ours, theirs], date=timezone.localdate(), by=reviewer)
    services.decision_approve(decision=decision, by=leader)
    services.decision_issue(decision=decision, by=leader)
    response = client_for(officer).get(reverse("awards:decision-certificates", args=[decision.pk]))
    path = tmp_path / "c.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Nguyễn Văn An" in text and "Trần Thị Bình" not in text


def _posted_meeting(posted, council, members, reviewer, names):
    nominations = posted(names)
    meeting = services.meeting_create(council=council, date=timezone.localdate(), by=reviewer, start_time=dt.time(8, 30))
    services.meeting_attendance_set(meeting=meeting, present_member_ids=[m.pk for m in members], by=reviewer)
    services.meeting_agenda_add(meeting=meeting, nominations=nominations, by=reviewer)
    return meeting, nominations


def test_reviewer_removes_an_agenda_item_before_voting_with_its_reason(posted, council, members, reviewer, tmp_path):
    meeting, nominations = _posted_meeting(posted, council, members, reviewer, ["Nguyễn Văn An", "Đặng Thị Ánh"])
    item = meeting.items.get(nomination=nominations[1])
    with pytest.raises(ProcedureError, match="lý do"):
        services.meeting_agenda_remove(meeting=meeting, item=item, by=reviewer, reason="")
    services.meeting_agenda_remove(meeting=meeting, item=item, by=reviewer, reason="Thiếu báo cáo thành tích có xác nhận")
    nominations[1].refresh_from_db()
    assert nominations[1].state == NominationState.VERIFIED
    assert NominationTransition.objects.filter(nomination=nominations[1], to_state="verified", comment__contains="Thiếu báo cáo").exists()
    assert AgendaRemoval.objects.get().reason == "Thiếu báo cáo thành tích có xác nhận"
    services.meeting_open_voting(meeting=meeting, by=reviewer)  # the rest of the agenda is not blocked
    remaining = meeting.items.get()
    with pytest.raises(ProcedureError):
        services.meeting_agenda_remove(meeting=meeting, item=remaining, by=reviewer, reason="Muộn")
    for m in members:
        services.ballot_cast(meeting=meeting, by=m.user, choices={remaining.pk: "yes"})
    services.meeting_close(meeting=meeting, by=reviewer)
    services.meeting_times_set(meeting=meeting, start_time=dt.time(8, 30), end_time=dt.time(10, 15), by=reviewer)
    path = tmp_path / "m.pdf"
    path.write_bytes(render_pdf("awards/documents/minutes.html", meeting_context(meeting)))
    text = " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout.split())
    assert "Vào hồi 08 giờ 30" in text and "kết thúc vào hồi 10 giờ 15" in text
    assert "Đặng Thị Ánh (Thiếu báo cáo thành tích có xác nhận)" in text


def test_meeting_times_must_be_in_order(posted, council, members, reviewer):
    meeting, _ = _posted_meeting(posted, council, members, reviewer, ["Nguyễn Văn An"])
    with pytest.raises(ProcedureError, match="sau giờ bắt đầu"):
        services.meeting_times_set(meeting=meeting, start_time=dt.time(10, 0), end_time=dt.time(9, 0), by=reviewer)


def test_minutes_group_heading_never_ends_a_page(posted, council, members, reviewer, make_nomination, unit, kind, tmp_path):
    """Many items in two groups: no page's last table line is a group heading."""
    meeting, _ = _posted_meeting(posted, council, members, reviewer, [f"Cán bộ Thử {i:02d}" for i in range(22)])
    extra = posted([f"Người Thử {i:02d}" for i in range(14)], code="lao-dong-tien-tien")
    services.meeting_agenda_add(meeting=meeting, nominations=extra, by=reviewer)
    path = tmp_path / "m.pdf"
    path.write_bytes(render_pdf("awards/documents/minutes.html", meeting_context(meeting)))
    pages = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout.split("\f")
    headings = 0
    for page in pages:
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        headings += sum("tỷ lệ tối thiểu" in line for line in lines)
        marks = [i for i, line in enumerate(lines) if "tỷ lệ tối thiểu" in line]
        if marks:
            after = lines[marks[-1] + 1 :]
            assert any("Thử" in line for line in after), "a group heading ends a page"
    assert headings == 2 and len([p for p in pages if p.strip()]) >= 2
