from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from units.services import notify

from ..enums import (
    CouncilResult,
    MeetingState,
    VoteBase,
    VoteChoice,
    VoteMode,
)
from ..enums import NominationState as S
from .nominations import nomination_transition
from .posting import ProcedureError, _require_perm

# --- Issue 5: council meetings -------------------------------------------------------------------


def meeting_create(*, council, date, by, location="", title="", vote_mode="online", secretary_name="", start_time=None, end_time=None):
    """Create a meeting with its roster: the members valid on ``date``, all marked absent until the
    attendance is taken. Rows: CouncilMeeting, Attendance."""
    from ..models import Attendance, CouncilMeeting
    from ..selectors import council_members_on

    _require_perm(by, "awards.manage_council")
    members = list(council_members_on(council, date))
    if not members:
        raise ProcedureError("Hội đồng chưa có thành viên còn hiệu lực vào ngày họp.")
    with transaction.atomic():
        meeting = CouncilMeeting.objects.create(
            council=council,
            date=date,
            location=location or "Phòng họp UBND",
            title=title or "Xét đề nghị khen thưởng",
            vote_mode=vote_mode,
            secretary_name=secretary_name,
            start_time=start_time,
            end_time=end_time,
            created_by=by,
        )
        Attendance.objects.bulk_create([Attendance(meeting=meeting, member=m) for m in members])
    return meeting


def _require_state(meeting, *states):
    if meeting.state not in states:
        raise ProcedureError(f"Phiên họp đang ở trạng thái “{meeting.get_state_display()}”, không thực hiện được thao tác này.")


def meeting_attendance_set(*, meeting, present_member_ids, by):
    """Take the attendance (before voting starts). Rows: Attendance.present."""
    _require_perm(by, "awards.manage_council")
    _require_state(meeting, MeetingState.PREPARING)
    ids = {int(i) for i in present_member_ids}
    with transaction.atomic():
        meeting.attendance.update(present=False)
        meeting.attendance.filter(member_id__in=ids).update(present=True)


def meeting_agenda_add(*, meeting, nominations, by):
    """Put verified nominations on the agenda; each moves verified → with_council through
    nomination_transition. Rows: AgendaItem, and what the transition writes."""
    from ..models import AgendaItem

    _require_perm(by, "awards.manage_council")
    _require_state(meeting, MeetingState.PREPARING)
    with transaction.atomic():
        for nomination in nominations:
            if nomination.state == S.VERIFIED:
                nomination_transition(
                    nomination=nomination, to_state=S.WITH_COUNCIL, by=by, comment=f"Trình {meeting}", expected_state=S.VERIFIED
                )
            elif nomination.state != S.WITH_COUNCIL:
                raise ProcedureError(f"“{nomination.nominee_name}” chưa được thẩm định, không đưa vào chương trình họp được.")
            AgendaItem.objects.get_or_create(meeting=meeting, nomination=nomination, defaults={"secret": nomination.award_kind.vote_secret})


def meeting_agenda_remove(*, meeting, item, by, reason):
    """Take one nomination off a meeting's agenda before voting opens, with the reason on the record:
    the nomination goes back with_council → verified (its transition row keeps the reason) and an
    AgendaRemoval row shows it on the meeting and in the minutes. Rows: AgendaRemoval, AgendaItem
    deleted, the nomination's transition."""
    from ..models import AgendaRemoval

    _require_perm(by, "awards.manage_council")
    reason = (reason or "").strip()
    if not reason:
        raise ProcedureError("Hãy ghi lý do rút đề nghị khỏi chương trình họp.")
    with transaction.atomic():
        locked = type(meeting).objects.select_for_update().get(pk=meeting.pk)
        _require_state(locked, MeetingState.PREPARING)
        if item.meeting_id != locked.pk:
            raise ProcedureError("Đề nghị không thuộc chương trình phiên họp này.")
        nomination = item.nomination
        AgendaRemoval.objects.create(meeting=locked, nomination=nomination, reason=reason, by=by)
        item.delete()
        if nomination.state == S.WITH_COUNCIL:
            nomination_transition(
                nomination=nomination,
                to_state=S.VERIFIED,
                by=by,
                comment=f"Rút khỏi chương trình {locked}: {reason}",
                expected_state=S.WITH_COUNCIL,
            )


def meeting_times_set(*, meeting, start_time, end_time, by):
    """Record the real start and end of the meeting (printed in the minutes). Rows: CouncilMeeting."""
    _require_perm(by, "awards.manage_council")
    if start_time and end_time and end_time < start_time:
        raise ProcedureError("Giờ kết thúc phải sau giờ bắt đầu.")
    meeting.start_time, meeting.end_time = start_time, end_time
    meeting.save(update_fields=["start_time", "end_time"])
    return meeting


def meeting_quorum(meeting):
    from ..voting import Quorum

    rows = list(meeting.attendance.values_list("present", flat=True))
    return Quorum(sum(rows), len(rows), meeting.council.quorum_numerator, meeting.council.quorum_denominator)


def meeting_open_voting(*, meeting, by, today=None):
    """Start voting: needs the quorum, a non-empty agenda, and for every item a finished posting with
    every objection answered. Rows: CouncilMeeting.state."""
    from ..selectors import posting_blockers

    _require_perm(by, "awards.manage_council")
    _require_state(meeting, MeetingState.PREPARING)
    quorum = meeting_quorum(meeting)
    if not quorum.met:
        raise ProcedureError(f"Chưa đủ số thành viên dự họp: {quorum.text}.")
    items = list(meeting.items.select_related("nomination"))
    if not items:
        raise ProcedureError("Chương trình họp chưa có đề nghị nào.")
    problems = []
    for item in items:
        for message in posting_blockers(item.nomination, today):
            problems.append(f"{item.nomination.nominee_name}: {message}")
    if problems:
        raise ProcedureError("Chưa bỏ phiếu được. " + " ".join(problems))
    meeting.state = MeetingState.VOTING
    meeting.save(update_fields=["state"])
    voters = [a.member.user for a in meeting.attendance.select_related("member__user").filter(present=True) if a.member.user_id]
    notify(
        users=voters,
        subject=f"Mời bỏ phiếu: {meeting.council.name}, {meeting}",
        text=f"{len(items)} đề nghị khen thưởng chờ ý kiến của đồng chí.",
        url=reverse("awards:meeting-detail", args=[meeting.pk]),
    )


def ballot_cast(*, meeting, by, choices):
    """A present member's online vote on every item of the meeting (``choices``: item id -> 'yes' or
    'no'). For a secret item only the fact of voting is stored (BallotCast without choice) and the
    choice increments the anonymous tally; open items keep the choice. All or nothing; a second vote
    on an item is refused by the unique constraint. Rows: BallotCast, AgendaItem tallies."""
    from django.db.models import F

    from ..models import AgendaItem, Attendance, BallotCast

    _require_perm(by, "awards.vote")
    with transaction.atomic():
        locked = type(meeting).objects.select_for_update().get(pk=meeting.pk)
        _require_state(locked, MeetingState.VOTING)
        if locked.vote_mode != VoteMode.ONLINE:
            raise ProcedureError("Phiên họp này bỏ phiếu giấy; thư ký nhập kết quả kiểm phiếu.")
        attendance = Attendance.objects.filter(meeting=locked, member__user=by, present=True).select_related("member").first()
        if attendance is None:
            raise ProcedureError("Bạn không có tên trong danh sách thành viên có mặt của phiên họp này.")
        items = {item.pk: item for item in AgendaItem.objects.filter(meeting=locked)}
        if {int(k) for k in choices} != set(items):
            raise ProcedureError("Hãy cho ý kiến về tất cả các đề nghị trong chương trình họp.")
        try:
            with transaction.atomic():
                for item_id, choice in choices.items():
                    item = items[int(item_id)]
                    if choice not in (VoteChoice.YES, VoteChoice.NO):
                        raise ProcedureError("Lựa chọn không hợp lệ.")
                    BallotCast.objects.create(item=item, member=attendance.member, choice="" if item.secret else choice)
                    field = "yes_count" if choice == VoteChoice.YES else "no_count"
                    AgendaItem.objects.filter(pk=item.pk).update(**{field: F(field) + 1})
        except IntegrityError as exc:
            raise ProcedureError("Bạn đã bỏ phiếu trong phiên họp này.") from exc


def meeting_tally_enter(*, meeting, tallies, by):
    """Paper ballots: the secretariat enters the counted tallies (item id -> (yes, no)). Written
    votes of absent members may be included, so a tally may not exceed the roster. Rows: AgendaItem."""
    from ..models import AgendaItem

    _require_perm(by, "awards.manage_council")
    _require_state(meeting, MeetingState.VOTING)
    if meeting.vote_mode != VoteMode.PAPER:
        raise ProcedureError("Phiên họp này bỏ phiếu trực tuyến.")
    members = meeting.attendance.count()
    with transaction.atomic():
        for item_id, (yes, no) in tallies.items():
            if yes < 0 or no < 0 or yes + no > members:
                raise ProcedureError(f"Số phiếu không hợp lệ: {yes} + {no} vượt quá {members} thành viên.")
            AgendaItem.objects.filter(pk=item_id, meeting=meeting).update(yes_count=yes, no_count=no)


def meeting_written_votes_enter(*, meeting, tallies, by):
    """Online meeting: the secretariat enters the written votes of absent members (item id -> (yes,
    no)); they count only for kinds whose vote base is all members, and never exceed the absentees.
    Rows: AgendaItem.written_yes/written_no."""
    from ..models import AgendaItem

    _require_perm(by, "awards.manage_council")
    _require_state(meeting, MeetingState.VOTING)
    absent = meeting.attendance.filter(present=False).count()
    with transaction.atomic():
        for item_id, (yes, no) in tallies.items():
            if yes < 0 or no < 0 or yes + no > absent:
                raise ProcedureError(f"Số phiếu bằng văn bản không hợp lệ: {yes} + {no} vượt quá {absent} thành viên vắng mặt.")
            AgendaItem.objects.filter(pk=item_id, meeting=meeting).update(written_yes=yes, written_no=no)


def meeting_close(*, meeting, by, conclusion=""):
    """Close the vote: apply each item's vote rule (awards.voting), store the result with its
    arithmetic and move the nomination with_council → approved / not_approved through
    nomination_transition. Rows: AgendaItem.result/arithmetic, CouncilMeeting, transitions."""
    from ..voting import vote_outcome

    _require_perm(by, "awards.manage_council")
    with transaction.atomic():
        locked = type(meeting).objects.select_for_update().select_related("council").get(pk=meeting.pk)
        _require_state(locked, MeetingState.VOTING)
        quorum = meeting_quorum(locked)
        for item in locked.items.select_related("nomination", "nomination__award_kind"):
            kind = item.nomination.award_kind
            written = item.written_yes if kind.vote_base == VoteBase.ALL_MEMBERS else 0
            outcome = vote_outcome(
                yes=item.yes_count + written,
                members=quorum.members,
                present=quorum.present,
                base=kind.vote_base,
                threshold_percent=kind.vote_threshold_percent,
                quorum_numerator=quorum.numerator,
                quorum_denominator=quorum.denominator,
            )
            if outcome.approved is None:
                raise ProcedureError(outcome.text)
            item.result = CouncilResult.APPROVED if outcome.approved else CouncilResult.NOT_APPROVED
            item.arithmetic = outcome.text + (f" (gồm {written} phiếu bằng văn bản)" if written else "")
            item.save(update_fields=["result", "arithmetic"])
            if item.nomination.state == S.WITH_COUNCIL:
                nomination_transition(
                    nomination=item.nomination,
                    to_state=S.APPROVED if outcome.approved else S.NOT_APPROVED,
                    by=by,
                    comment=f"{locked}: {outcome.text}",
                    expected_state=S.WITH_COUNCIL,
                )
        locked.state = MeetingState.CLOSED
        locked.closed_at = timezone.now()
        locked.conclusion = conclusion
        locked.save(update_fields=["state", "closed_at", "conclusion"])
    meeting.refresh_from_db()
    return locked
