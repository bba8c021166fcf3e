"""Public posting, council meetings, secret ballots, decisions and upward proposals (issue 5)."""

import datetime as dt
import re
import subprocess
import threading

import pytest
from django.db import connection
from django.utils import timezone

from awards import services
from awards.enums import DecisionState, MeetingState, NominationState, RecordSource
from awards.models import AgendaItem, AwardRecord, BallotCast, Decision, Objection, PublicNotice
from awards.selectors import posting_blockers
from awards.services import ProcedureError

pytestmark = pytest.mark.django_db


def _meeting(council, reviewer, members, nominations, *, present=None, mode="online"):
    meeting = services.meeting_create(
        council=council, date=timezone.localdate(), by=reviewer, vote_mode=mode, secretary_name="Đỗ Thị Thu Hà"
    )
    services.meeting_attendance_set(meeting=meeting, present_member_ids=[m.pk for m in (present or members)], by=reviewer)
    services.meeting_agenda_add(meeting=meeting, nominations=nominations, by=reviewer)
    return meeting


# --- Posting and objections ----------------------------------------------------------------------


def test_notice_publish_counts_working_days(make_nomination, person, reviewer):
    nomination = make_nomination(person=person, state=NominationState.VERIFIED)
    notice = services.notice_publish(
        title="Danh sách", nominations=[nomination], start_date=dt.date(2025, 4, 28), by=reviewer, today=dt.date(2025, 4, 25)
    )
    assert notice.working_days == nomination.award_kind.posting_days == 5
    # Seeded calendar: 30/4, 1/5 and 2/5 (swapped with Saturday 26/4) are days off in 2025.
    assert notice.end_date == dt.date(2025, 5, 7)


def test_notice_publish_refuses_unverified_and_non_reviewers(make_nomination, person, reviewer, officer):
    draft = make_nomination(person=person)
    with pytest.raises(ProcedureError):
        services.notice_publish(title="x", nominations=[draft], start_date=dt.date(2025, 5, 5), by=reviewer)
    with pytest.raises(services.PermissionDenied):
        services.notice_publish(title="x", nominations=[draft], start_date=dt.date(2025, 5, 5), by=officer)


def test_objection_honeypot_is_dropped(posted):
    posted(["Nguyễn Văn An"], ended=False)
    notice = PublicNotice.objects.get()
    assert (
        services.objection_submit(notice=notice, name="Bot", contact="x", content="spam", ip_address="1.2.3.4", honeypot="http://x") is None
    )
    assert Objection.objects.count() == 0


def test_objection_rate_limited_per_ip(posted):
    posted(["Nguyễn Văn An"], ended=False)
    notice = PublicNotice.objects.get()
    for i in range(services.OBJECTION_LIMIT):
        services.objection_submit(notice=notice, name=f"Người {i}", contact="0900", content="Góp ý", ip_address="10.0.0.1")
    with pytest.raises(ProcedureError, match="quá nhiều"):
        services.objection_submit(notice=notice, name="Người 6", contact="0900", content="Góp ý", ip_address="10.0.0.1")
    services.objection_submit(notice=notice, name="Người khác", contact="0900", content="Góp ý", ip_address="10.0.0.2")
    assert Objection.objects.count() == services.OBJECTION_LIMIT + 1


def test_objection_refused_after_posting_ended(posted):
    posted(["Nguyễn Văn An"], ended=True)
    with pytest.raises(ProcedureError, match="không còn"):
        services.objection_submit(notice=PublicNotice.objects.get(), name="A", contact="B", content="C", ip_address="10.0.0.3")


def test_council_cannot_vote_while_posting_runs(posted, council, members, reviewer):
    nominations = posted(["Nguyễn Văn An"], ended=False)
    meeting = _meeting(council, reviewer, members, nominations)
    with pytest.raises(ProcedureError, match="Đang công khai"):
        services.meeting_open_voting(meeting=meeting, by=reviewer)


def test_council_cannot_vote_with_unanswered_objection(posted, council, members, reviewer):
    nominations = posted(["Nguyễn Văn An"], ended=False)
    notice = PublicNotice.objects.get()
    objection = services.objection_submit(
        notice=notice, nomination=nominations[0], name="Lê Văn Cử", contact="0912", content="Đề nghị xem lại", ip_address="10.0.0.4"
    )
    PublicNotice.objects.filter(pk=notice.pk).update(start_date=dt.date(2025, 1, 2), end_date=dt.date(2025, 1, 9))
    assert posting_blockers(nominations[0]) == ["Còn 1 ý kiến góp ý chưa được trả lời."]
    meeting = _meeting(council, reviewer, members, nominations)
    with pytest.raises(ProcedureError, match="chưa được trả lời"):
        services.meeting_open_voting(meeting=meeting, by=reviewer)
    services.objection_answer(objection=objection, answer="Đã xác minh, thành tích đúng.", by=reviewer)
    services.meeting_open_voting(meeting=meeting, by=reviewer)
    assert meeting.state == MeetingState.VOTING


# --- Council -------------------------------------------------------------------------------------


def test_meeting_quorum_missing_blocks_voting(posted, council, members, reviewer):
    nominations = posted(["Nguyễn Văn An"])
    meeting = _meeting(council, reviewer, members, nominations, present=members[:1])
    with pytest.raises(ProcedureError, match="1/3"):
        services.meeting_open_voting(meeting=meeting, by=reviewer)


def test_secret_ballot_stores_no_link_from_voter_to_choice(posted, council, members, reviewer, kind):
    secret = kind("chien-si-thi-dua-co-so")
    assert secret.vote_secret
    nominations = posted(["Nguyễn Văn An"], code="chien-si-thi-dua-co-so")
    meeting = _meeting(council, reviewer, members, nominations)
    services.meeting_open_voting(meeting=meeting, by=reviewer)
    item = AgendaItem.objects.get()
    for member, choice in zip(members, ["yes", "no", "yes"], strict=True):
        services.ballot_cast(meeting=meeting, by=member.user, choices={item.pk: choice})
    # The tables: who voted (no choice) and anonymous counts (no member).
    assert list(BallotCast.objects.values_list("member_id", "choice").order_by("member_id")) == [(m.pk, "") for m in members]
    assert {f.name for f in AgendaItem._meta.concrete_fields}.isdisjoint({"member", "user", "voter"})
    with connection.cursor() as cursor:
        cursor.execute("SELECT column_name FROM information_schema.columns WHERE table_name = 'awards_ballotcast'")
        assert sorted(r[0] for r in cursor.fetchall()) == ["choice", "id", "item_id", "member_id"]
    item.refresh_from_db()
    assert (item.yes_count, item.no_count) == (2, 1)
    with pytest.raises(ProcedureError, match="đã bỏ phiếu"):
        services.ballot_cast(meeting=meeting, by=members[0].user, choices={item.pk: "yes"})
    services.meeting_close(meeting=meeting, by=reviewer)
    item.refresh_from_db()
    nominations[0].refresh_from_db()
    # Chiến sĩ thi đua cơ sở: ≥70% of those present by secret ballot (seeded rule); 2/3 = 66.67%.
    assert item.arithmetic == f"2/3 thành viên có mặt = 66,67% < {secret.vote_rule_text.split('≥ ')[1].split('%')[0]}%"
    assert nominations[0].state == NominationState.NOT_APPROVED


def test_open_vote_keeps_choices_and_approves(posted, council, members, reviewer):
    nominations = posted(["Nguyễn Văn An", "Trần Thị Bình"])
    meeting = _meeting(council, reviewer, members, nominations)
    services.meeting_open_voting(meeting=meeting, by=reviewer)
    items = list(AgendaItem.objects.order_by("id"))
    assert not any(i.secret for i in items)
    for member in members:
        services.ballot_cast(
            meeting=meeting, by=member.user, choices={items[0].pk: "yes", items[1].pk: "no" if member != members[0] else "yes"}
        )
    assert set(BallotCast.objects.values_list("choice", flat=True)) == {"yes", "no"}
    services.meeting_close(meeting=meeting, by=reviewer)
    states = {n.nominee_name: n.state for n in (type(nominations[0]).objects.filter(pk__in=[x.pk for x in nominations]))}
    assert states == {"Nguyễn Văn An": NominationState.APPROVED, "Trần Thị Bình": NominationState.NOT_APPROVED}
    assert AgendaItem.objects.get(pk=items[0].pk).arithmetic == "3/3 thành viên có mặt = 100% ≥ 50,01%"


def test_absent_member_cannot_vote_online(posted, council, members, reviewer):
    nominations = posted(["Nguyễn Văn An"])
    meeting = _meeting(council, reviewer, members, nominations, present=members[:2])
    services.meeting_open_voting(meeting=meeting, by=reviewer)
    with pytest.raises(ProcedureError, match="không có tên"):
        services.ballot_cast(meeting=meeting, by=members[2].user, choices={AgendaItem.objects.get().pk: "yes"})


def test_paper_tallies_entered_and_bounded(posted, council, members, reviewer):
    nominations = posted(["Nguyễn Văn An"])
    meeting = _meeting(council, reviewer, members, nominations, mode="paper")
    services.meeting_open_voting(meeting=meeting, by=reviewer)
    item = AgendaItem.objects.get()
    with pytest.raises(ProcedureError):
        services.meeting_tally_enter(meeting=meeting, tallies={item.pk: (3, 1)}, by=reviewer)
    services.meeting_tally_enter(meeting=meeting, tallies={item.pk: (2, 1)}, by=reviewer)
    services.meeting_close(meeting=meeting, by=reviewer)
    nominations[0].refresh_from_db()
    assert nominations[0].state == NominationState.APPROVED


def _pdftext(data, tmp_path, name="f.pdf"):
    path = tmp_path / name
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return text, fonts


def test_minutes_pdf_shows_attendance_and_arithmetic(posted, council, members, reviewer, tmp_path):
    from awards.documents import meeting_context
    from dosonthidua.pdf import render_pdf

    nominations = posted(["Nguyễn Văn An"])
    meeting = _meeting(council, reviewer, members, nominations)
    services.meeting_open_voting(meeting=meeting, by=reviewer)
    for m in members:
        services.ballot_cast(meeting=meeting, by=m.user, choices={AgendaItem.objects.get().pk: "yes"})
    services.meeting_close(meeting=meeting, by=reviewer)
    text, fonts = _pdftext(render_pdf("awards/documents/minutes.html", meeting_context(meeting, full=True)), tmp_path)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "BIÊN BẢN" in text
    assert "Lê Thị Hồng Nhung" in text
    raw = subprocess.run(["pdftotext", str(tmp_path / "f.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    assert "3/3 thành viên có mặt = 100% ≥ 50,01%" in " ".join(raw.split())
    assert "Hoàn thành xuất sắc nhiệm vụ được giao." in " ".join(raw.split())
    assert "yes" in fonts.splitlines()[2]  # embedded


# --- Decisions -----------------------------------------------------------------------------------


@pytest.fixture
def approved(make_nomination, unit):
    from tests.factories import PersonFactory

    def make(names, code="giay-khen-chu-tich"):
        return [
            make_nomination(
                person=PersonFactory(unit=unit, full_name=name, position="Công chức"), code=code, state=NominationState.APPROVED
            )
            for name in names
        ]

    return make


def test_decision_draft_rewards_and_total(approved, issuers, reviewer):
    nominations = approved(["Nguyễn Văn An", "Đặng Thị Ánh"])
    decision = services.decision_draft(nominations=nominations, date=timezone.localdate(), by=reviewer)
    assert decision.base_salary == 2_340_000
    assert [i.amount for i in decision.items.all()] == [700_000, 700_000]
    assert decision.total_amount == 1_400_000
    assert decision.issuing_body.full_name == "Ủy ban nhân dân phường Đồ Sơn"
    assert (decision.signer.capacity, decision.signer.position_title) == ("head", "Chủ tịch")


def test_decision_on_a_date_before_the_reorganisation_uses_the_district(approved, issuers, reviewer, kind):
    nominations = approved(["Nguyễn Văn An"])
    # Kinds valid in 2025 H1 are conferred by the district: re-point the nomination to that version.
    from awards.models import AwardKind

    old = AwardKind.objects.get(code="giay-khen-chu-tich", valid_from=dt.date(2024, 1, 1))
    type(nominations[0]).objects.filter(pk=nominations[0].pk).update(award_kind=old)
    nominations[0].refresh_from_db()
    decision = services.decision_draft(nominations=nominations, date=dt.date(2025, 3, 3), by=reviewer)
    assert decision.issuing_body.name_line2 == "QUẬN ĐỒ SƠN"
    assert decision.items.get().amount == 700_000


def test_decision_needs_leader_approval_then_numbers_and_history(approved, issuers, reviewer, leader):
    first = services.decision_draft(nominations=approved(["Nguyễn Văn An"]), date=timezone.localdate(), by=reviewer)
    with pytest.raises(ProcedureError, match="duyệt"):
        services.decision_issue(decision=first, by=leader)
    with pytest.raises(services.PermissionDenied):
        services.decision_approve(decision=first, by=reviewer)
    services.decision_approve(decision=first, by=leader)
    services.decision_issue(decision=first, by=leader)
    assert first.number == "01/QĐ-UBND" and first.state == DecisionState.ISSUED
    second = services.decision_draft(nominations=approved(["Đặng Thị Ánh"]), date=timezone.localdate(), by=reviewer)
    services.decision_approve(decision=second, by=leader)
    services.decision_issue(decision=second, by=leader)
    assert second.number == "02/QĐ-UBND"
    record = AwardRecord.objects.get(recipient_name="Nguyễn Văn An")
    assert (record.decision_number, record.issuer_name, record.source) == (
        "01/QĐ-UBND",
        "Ủy ban nhân dân phường Đồ Sơn",
        RecordSource.DECIDED,
    )
    assert record.nomination.state == NominationState.DECIDED


def test_decision_numbers_restart_each_year(approved, issuers, reviewer, leader, this_year):
    a = services.decision_draft(nominations=approved(["Nguyễn Văn An"]), date=dt.date(this_year, 12, 30), by=reviewer)
    b = services.decision_draft(nominations=approved(["Đặng Thị Ánh"]), date=dt.date(this_year + 1, 1, 2), by=reviewer)
    for d in (a, b):
        services.decision_approve(decision=d, by=leader)
        services.decision_issue(decision=d, by=leader)
    assert (a.number, b.number) == ("01/QĐ-UBND", "01/QĐ-UBND")
    assert (a.year, b.year) == (this_year, this_year + 1)


def test_decision_refuses_unapproved_nominations(make_nomination, person, issuers, reviewer):
    verified = make_nomination(person=person, state=NominationState.VERIFIED)
    with pytest.raises(ProcedureError):
        services.decision_draft(nominations=[verified], date=timezone.localdate(), by=reviewer)


@pytest.mark.django_db(transaction=True)
def test_two_decisions_issued_concurrently_get_consecutive_numbers(approved, issuers, reviewer, leader):
    drafts = [services.decision_draft(nominations=approved([name]), date=timezone.localdate(), by=reviewer) for name in ("An", "Bình")]
    for d in drafts:
        services.decision_approve(decision=d, by=leader)
    barrier, errors = threading.Barrier(2), []

    def issue(decision):
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            services.decision_issue(decision=decision, by=leader)
        except Exception as exc:  # noqa: BLE001 (reported below)
            errors.append(exc)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=issue, args=(d,)) for d in drafts]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(Decision.objects.values_list("number", flat=True)) == ["01/QĐ-UBND", "02/QĐ-UBND"]


def test_decision_pdf_docx_and_certificates(approved, issuers, reviewer, leader, tmp_path):
    from docx import Document

    from awards.documents import certificates_context, decision_context, decision_docx
    from dosonthidua.pdf import render_pdf

    decision = services.decision_draft(
        nominations=approved(["Nguyễn Văn An", "Đặng Thị Ánh", "Vũ Đức Mạnh"]), date=timezone.localdate(), by=reviewer
    )
    services.decision_approve(decision=decision, by=leader)
    services.decision_issue(decision=decision, by=leader)
    text, fonts = _pdftext(render_pdf("awards/documents/decision.html", decision_context(decision)), tmp_path)
    flat = " ".join(text.split())
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "ỦY BAN NHÂN DÂN",
        "PHƯỜNG ĐỒ SƠN",
        "Số: 01/QĐ-UBND",
        "QUYẾT ĐỊNH",
        "Căn cứ Luật Thi đua, khen thưởng",
        "Điều 1.",
        "Điều 2.",
        "Điều 3.",
        "Nơi nhận:",
        "Đặng Thị Ánh",
        "Nguyễn Văn An",
        "Tổng cộng",
        "2.100.000",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG ĐỒ SƠN",
        "Trần Khắc Kiên",
    ):
        assert expected in flat, expected
    assert "TM. ỦY BAN NHÂN DÂN" not in flat  # an award decision is the chairman's own power
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:])  # every font embedded

    document = Document(__import__("io").BytesIO(decision_docx(decision)))
    paragraphs = [p.text for p in document.paragraphs]
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells for c in [c]]
    assert "QUYẾT ĐỊNH" in paragraphs
    assert "Số: 01/QĐ-UBND" in "\n".join(p.text for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs)
    assert "Đặng Thị Ánh" in cells and "2.100.000" in cells
    assert any(p.startswith("Điều 2.") and "2.100.000 đồng (bằng chữ: Hai triệu một trăm nghìn đồng)" in p for p in paragraphs)

    cert_path = tmp_path / "cert.pdf"
    cert_path.write_bytes(render_pdf("awards/documents/certificates.html", certificates_context(decision)))
    info = subprocess.run(["pdfinfo", str(cert_path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Pages:\s+3\n", info)
    assert "841.89 x 595.27" in info  # A4 landscape
    cert_text = subprocess.run(["pdftotext", "-layout", str(cert_path), "-"], capture_output=True, text=True, check=True).stdout
    assert "GIẤY KHEN" in cert_text and "Vũ Đức Mạnh" in cert_text and "01/QĐ-UBND" in cert_text


# --- Upward proposals ----------------------------------------------------------------------------


def test_upward_proposal_and_result_enter_history(approved, issuers, reviewer):
    nominations = approved(["Nguyễn Văn An"], code="chien-si-thi-dua-thanh-pho")
    proposal = services.proposal_create(
        nominations=nominations, number="12/TTr-UBND", date=timezone.localdate(), subject="Về việc đề nghị tặng danh hiệu", by=reviewer
    )
    nominations[0].refresh_from_db()
    assert nominations[0].state == NominationState.PROPOSED_UPWARD
    item = proposal.items.get()
    services.proposal_record_result(
        item=item, result="conferred", decision_number="1234/QĐ-UBND", decision_date=timezone.localdate(), by=reviewer
    )
    record = AwardRecord.objects.get()
    assert (record.source, record.decision_number) == (RecordSource.UPWARD, "1234/QĐ-UBND")
    proposal.refresh_from_db()
    assert proposal.state == "closed"


def test_paper_ballots_pdf_has_one_page_per_member(posted, council, members, reviewer, tmp_path):
    from awards.documents import ballots_context
    from dosonthidua.pdf import render_pdf

    nominations = posted(["Nguyễn Văn An", "Đặng Thị Ánh"])
    meeting = _meeting(council, reviewer, members, nominations, mode="paper")
    path = tmp_path / "phieu.pdf"
    path.write_bytes(render_pdf("awards/documents/ballots.html", ballots_context(meeting)))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Pages:\s+3\n", info)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert text.count("PHIẾU BIỂU QUYẾT") == 3 and "Đặng Thị Ánh" in text


def test_minutes_hide_tallies_while_voting(posted, council, members, reviewer, tmp_path):
    from awards.documents import meeting_context
    from dosonthidua.pdf import render_pdf

    nominations = posted(["Nguyễn Văn An"])
    meeting = _meeting(council, reviewer, members, nominations)
    services.meeting_open_voting(meeting=meeting, by=reviewer)
    services.ballot_cast(meeting=meeting, by=members[0].user, choices={AgendaItem.objects.get().pk: "yes"})
    text, _ = _pdftext(render_pdf("awards/documents/minutes.html", meeting_context(meeting)), tmp_path)
    assert "Dự thảo: kết quả kiểm phiếu" in " ".join(text.split())
    row = next(line for line in text.splitlines() if "Nguyễn Văn An" in line)
    assert " 1 " not in row.split("Nguyễn Văn An")[1]


def test_decision_signed_by_the_vice_chairman(approved, issuers, reviewer, tmp_path):
    from awards.documents import decision_context
    from awards.selectors import signers_on
    from dosonthidua.pdf import render_pdf

    vice = signers_on(timezone.localdate()).get(name="Nguyễn Văn Dũng")
    decision = services.decision_draft(nominations=approved(["Nguyễn Văn An"]), date=timezone.localdate(), by=reviewer, signer=vice)
    text, _ = _pdftext(render_pdf("awards/documents/decision.html", decision_context(decision)), tmp_path)
    flat = " ".join(text.split())
    assert "KT. CHỦ TỊCH" in flat and "PHÓ CHỦ TỊCH" in flat and "Nguyễn Văn Dũng" in flat
    assert "DỰ THẢO" in flat  # not issued yet: no number


def test_upward_proposal_pdf_and_docx(approved, issuers, reviewer, tmp_path):
    import io

    from docx import Document

    from awards.documents import proposal_context, proposal_docx, proposal_paragraphs
    from dosonthidua.pdf import render_pdf

    proposal = services.proposal_create(
        nominations=approved(["Nguyễn Văn An"], code="chien-si-thi-dua-thanh-pho"),
        number="12/TTr-UBND",
        date=timezone.localdate(),
        subject="Về việc đề nghị tặng danh hiệu Chiến sĩ thi đua thành phố",
        by=reviewer,
    )
    context = proposal_context(proposal)
    context["paragraphs"] = proposal_paragraphs(context)
    text, _ = _pdftext(render_pdf("awards/documents/proposal.html", context), tmp_path)
    flat = " ".join(text.split())
    for expected in ("TỜ TRÌNH", "Số: 12/TTr-UBND", "Nguyễn Văn An", "Chiến sĩ thi đua thành phố"):
        assert expected in flat, expected
    document = Document(io.BytesIO(proposal_docx(proposal)))
    assert "TỜ TRÌNH" in [p.text for p in document.paragraphs]
    assert "Nguyễn Văn An" in [c.text for t in document.tables for row in t.rows for c in row.cells]


def test_certificate_of_a_title_is_a_giay_chung_nhan(approved, issuers, reviewer, leader, tmp_path):
    from awards.documents import certificates_context
    from dosonthidua.pdf import render_pdf

    decision = services.decision_draft(
        nominations=approved(["Nguyễn Văn An"], code="lao-dong-tien-tien"), date=timezone.localdate(), by=reviewer
    )
    services.decision_approve(decision=decision, by=leader)
    services.decision_issue(decision=decision, by=leader)
    text, _ = _pdftext(render_pdf("awards/documents/certificates.html", certificates_context(decision)), tmp_path)
    assert "GIẤY CHỨNG NHẬN" in text and "Lao động tiên tiến" in text and "GIẤY KHEN" not in text


def test_upward_dossier_zip_holds_cover_and_attachments(approved, issuers, reviewer, officer):
    import io
    import zipfile

    from awards.documents import proposal_dossier_zip
    from tests.awards.conftest import pdf_file

    nomination = approved(["Nguyễn Văn An"], code="chien-si-thi-dua-thanh-pho")[0]
    services.attachment_add(nomination=nomination, kind="achievement_report", uploaded=pdf_file("bao-cao-thanh-tich.pdf"), by=officer)
    proposal = services.proposal_create(nominations=[nomination], number="12/TTr-UBND", date=timezone.localdate(), subject="x", by=reviewer)
    names = zipfile.ZipFile(io.BytesIO(proposal_dossier_zip(proposal))).namelist()
    assert names == ["to-trinh.pdf", "to-trinh.docx", "01 Nguyễn Văn An/bao-cao-thanh-tich.pdf"]


def test_written_votes_of_absentees_count_for_an_all_members_rule(posted, council, members, reviewer, kind):
    from awards.models import AwardKind

    nominations = posted(["Nguyễn Văn An"])
    AwardKind.objects.filter(pk=nominations[0].award_kind_id).update(vote_base="all_members", vote_threshold_percent=90)
    meeting = _meeting(council, reviewer, members, nominations, present=members[:2])
    services.meeting_open_voting(meeting=meeting, by=reviewer)
    item = AgendaItem.objects.get()
    for member in members[:2]:
        services.ballot_cast(meeting=meeting, by=member.user, choices={item.pk: "yes"})
    with pytest.raises(ProcedureError, match="vắng mặt"):
        services.meeting_written_votes_enter(meeting=meeting, tallies={item.pk: (2, 0)}, by=reviewer)
    services.meeting_written_votes_enter(meeting=meeting, tallies={item.pk: (1, 0)}, by=reviewer)
    services.meeting_close(meeting=meeting, by=reviewer)
    item.refresh_from_db()
    assert item.arithmetic == "3/3 thành viên Hội đồng = 100% ≥ 90% (gồm 1 phiếu bằng văn bản)"
    assert item.result == "approved"


def test_absentee_without_written_vote_fails_an_all_members_rule(posted, council, members, reviewer):
    from awards.models import AwardKind

    nominations = posted(["Nguyễn Văn An"])
    AwardKind.objects.filter(pk=nominations[0].award_kind_id).update(vote_base="all_members", vote_threshold_percent=90)
    meeting = _meeting(council, reviewer, members, nominations, present=members[:2])
    services.meeting_open_voting(meeting=meeting, by=reviewer)
    item = AgendaItem.objects.get()
    for member in members[:2]:
        services.ballot_cast(meeting=meeting, by=member.user, choices={item.pk: "yes"})
    services.meeting_close(meeting=meeting, by=reviewer)
    item.refresh_from_db()
    assert (item.result, item.arithmetic) == ("not_approved", "2/3 thành viên Hội đồng = 66,67% < 90%")


def test_decision_grounds_cite_the_council_minutes(posted, council, members, reviewer, issuers):
    nominations = posted(["Nguyễn Văn An"])
    meeting = _meeting(council, reviewer, members, nominations)
    services.meeting_open_voting(meeting=meeting, by=reviewer)
    for m in members:
        services.ballot_cast(meeting=meeting, by=m.user, choices={AgendaItem.objects.get().pk: "yes"})
    services.meeting_close(meeting=meeting, by=reviewer)
    nominations[0].refresh_from_db()
    decision = services.decision_draft(nominations=nominations, date=timezone.localdate(), by=reviewer)
    from dosonthidua.documents import vn_date

    assert f"Căn cứ Biên bản họp {council.name} {vn_date(meeting.date)};" in decision.ground_lines


def test_discarded_draft_frees_its_nominations_but_an_issued_decision_stays(approved, issuers, reviewer, leader):
    from awards.selectors import nominations_for_decision

    nominations = approved(["Nguyễn Văn An"])
    draft = services.decision_draft(nominations=nominations, date=timezone.localdate(), by=reviewer)
    assert not nominations_for_decision().filter(pk=nominations[0].pk).exists()
    services.decision_discard(decision=draft, by=leader)
    assert nominations_for_decision().filter(pk=nominations[0].pk).exists()
    issued = services.decision_draft(nominations=nominations, date=timezone.localdate(), by=reviewer)
    services.decision_approve(decision=issued, by=leader)
    services.decision_issue(decision=issued, by=leader)
    with pytest.raises(ProcedureError, match="đã ban hành"):
        services.decision_discard(decision=issued, by=reviewer)


def test_decision_documents_show_user_text_literally(approved, issuers, reviewer, leader, tmp_path):
    """A name with markup or a formula prints as typed in the PDF and the DOCX: nothing interprets it."""
    import io

    from docx import Document

    from awards.documents import decision_context, decision_docx
    from dosonthidua.pdf import render_pdf

    hostile = "Lê <b>Văn</b> =SUM(A1)"
    decision = services.decision_draft(nominations=approved([hostile]), date=timezone.localdate(), by=reviewer)
    services.decision_approve(decision=decision, by=leader)
    services.decision_issue(decision=decision, by=leader)
    text, _fonts = _pdftext(render_pdf("awards/documents/decision.html", decision_context(decision)), tmp_path)
    flat = " ".join(text.split())
    # The name wraps inside its table cell, so check the fragments: shown as typed, not interpreted.
    assert "Lê <b>Văn</b>" in flat and "=SUM(A1)" in flat
    document = Document(io.BytesIO(decision_docx(decision)))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert hostile in cells


def test_minutes_name_the_office_of_the_councils_body(posted, council, members, reviewer, tmp_path):
    """The minutes say which office checked the dossiers: the advisory office of the council's issuing
    body (data), never a fixed name; editing the body's data changes the text."""
    from awards.documents import meeting_context
    from dosonthidua.pdf import render_pdf

    body = council.issuing_body
    body.advisory_office = "Văn phòng HĐND và UBND"
    body.save()
    meeting = _meeting(council, reviewer, members, posted(["Nguyễn Văn An"]))
    text, _ = _pdftext(render_pdf("awards/documents/minutes.html", meeting_context(meeting)), tmp_path)
    flat = " ".join(text.split())
    assert "đã được Văn phòng HĐND và UBND thẩm định" in flat
    assert "Phòng Nội vụ" not in flat
