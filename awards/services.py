"""Write-side use cases of the awards app. Each function names the rows it writes and the side
effects it queues. Only nomination_transition changes a nomination's state."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from dosonthidua.cache import NOMINATION_COUNTS, changed, figures_changed
from dosonthidua.uploads import clean_filename, validate_upload
from units.services import notify

from . import eligibility
from . import rules as award_rules
from .enums import (
    CouncilResult,
    DecisionState,
    MeetingState,
    ProposalState,
    RecordSource,
    UpwardResult,
    VoteBase,
    VoteChoice,
    VoteMode,
)
from .enums import NominationState as S
from .models import AwardRecord, Nomination, NominationAttachment, NominationTransition, Submission
from .selectors import reviewers, unit_officers


class TransitionError(Exception):
    """A refused move; the message is for the user (Vietnamese)."""


def _kind_on_reference_date(nomination):
    """Use the catalogue row of the chosen award code that is valid on the nomination's reference
    date (a 2024 nomination is judged under the 2023 decree's row, not today's)."""
    from django.db.models import Q

    from .models import AwardKind

    kind, when = nomination.award_kind, nomination.reference_date
    if kind.valid_on(when):
        return
    other = (
        AwardKind.objects.filter(code=kind.code, active=True, valid_from__lte=when)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=when))
        .order_by("-valid_from")
        .first()
    )
    if other is not None:
        nomination.award_kind = other


def _fill_from_nominee(nomination):
    if nomination.award_kind_id and nomination.year:
        _kind_on_reference_date(nomination)
    if nomination.nominee_person_id:
        person = nomination.nominee_person
        nomination.unit_id = person.unit_id
        nomination.nominee_name = person.full_name
        nomination.is_direct_worker = person.is_direct_worker
    elif nomination.nominee_unit_id:
        nomination.unit_id = nomination.nominee_unit_id
        nomination.nominee_name = nomination.nominee_unit.name
        nomination.is_direct_worker = False


def nomination_check(*, nomination):
    """Run the eligibility checks and store them on the row (Nomination.checks, checked_at)."""
    nomination.checks = eligibility.evaluate(nomination)
    nomination.checked_at = timezone.now()
    if nomination.pk:
        Nomination.objects.filter(pk=nomination.pk).update(checks=nomination.checks, checked_at=nomination.checked_at)
    return nomination.checks


def nomination_gate(*, nomination, verifying=False):
    """The one gate on every path that sends a dossier on (submission) or certifies it as checked
    (verification: single page, bulk list, any future import or admin action goes through
    nomination_transition). Re-runs the checks on the record as it is now and stores them; returns the
    refusal message (Vietnamese) naming each hard failure, or "" when the nomination may move."""
    checks = nomination_check(nomination=nomination)
    hard = [c for c in checks if not c["ok"] and c["severity"] == "hard"]
    if not hard:
        return ""
    lead = "Chưa xác nhận thẩm định được" if verifying else "Chưa gửi được"
    return f"{lead}: " + " ".join(c["message"] for c in hard)


def attachment_add(*, nomination, kind, uploaded, by):
    """Validate an uploaded file by its content and store it under MEDIA_ROOT with a generated name.
    Rows: one NominationAttachment. Raises ValidationError (Vietnamese) and writes nothing on refusal."""
    file_type = validate_upload(uploaded)
    original = clean_filename(uploaded.name)
    attachment = NominationAttachment(
        nomination=nomination, kind=kind, original_name=original, file_type=file_type, size=uploaded.size, uploaded_by=by
    )
    attachment.file.save(f"tep.{file_type}", uploaded, save=False)
    try:
        attachment.save()
    except Exception:
        attachment.file.delete(save=False)
        raise
    return attachment


def nomination_save(*, nomination, by, attachments=()):
    """Create or update a draft (or returned) nomination with its new attachments, then run the
    eligibility checks. Rows: Nomination, NominationAttachment. All or nothing: an invalid file or a
    duplicate nominee leaves nothing half-saved (files written are removed)."""
    if nomination.pk and not nomination.is_editable:
        raise ValidationError("Đề nghị đã gửi đi, không sửa được nữa.")
    for _, uploaded in attachments:
        validate_upload(uploaded)
    _fill_from_nominee(nomination)
    is_new = not nomination.pk
    if is_new:
        nomination.created_by = by
    saved_files = []
    try:
        with transaction.atomic():
            nomination.full_clean(exclude=["checks", "created_by"])
            nomination.save()
            for kind, uploaded in attachments:
                saved_files.append(attachment_add(nomination=nomination, kind=kind, uploaded=uploaded, by=by))
    except IntegrityError as exc:
        for attachment in saved_files:
            attachment.file.delete(save=False)
        raise ValidationError(
            f"{nomination.nominee_name} đã được đề nghị “{nomination.award_kind.name}” trong {nomination.period_label} (một đề nghị khác còn hiệu lực)."
        ) from exc
    except Exception:
        for attachment in saved_files:
            attachment.file.delete(save=False)
        raise
    if is_new:
        transaction.on_commit(lambda: changed(NOMINATION_COUNTS))  # a new draft in the state tabs
    nomination_check(nomination=nomination)
    return nomination


class _GateRefusal(TransitionError):
    def __init__(self, message, checks):
        super().__init__(message)
        self.checks = checks


def nomination_transition(*, nomination, to_state, by, comment="", expected_state=None, recommendation=None):
    """See _nomination_transition. A move refused by the eligibility gate still keeps the checks it
    ran (Nomination.checks), so the page shows why."""
    try:
        return _nomination_transition(
            nomination=nomination, to_state=to_state, by=by, comment=comment, expected_state=expected_state, recommendation=recommendation
        )
    except _GateRefusal as exc:
        Nomination.objects.filter(pk=nomination.pk).update(checks=exc.checks, checked_at=timezone.now())
        nomination.checks = exc.checks
        raise TransitionError(str(exc)) from None


def _nomination_transition(*, nomination, to_state, by, comment="", expected_state=None, recommendation=None):
    """Move one nomination to ``to_state`` if the table in awards.rules allows it for ``by``.

    Locks the row (select_for_update) so two reviewers acting at once cannot both move it; the loser
    gets a TransitionError naming the current state. Submitting moves re-run the eligibility checks
    and are refused while a hard check fails. Rows: Nomination (state fields, update_fields), one
    NominationTransition; notifications to the unit's officers (and reviewers on submission), e-mail
    queued on commit."""
    comment = (comment or "").strip()
    with transaction.atomic():
        locked = (
            Nomination.objects.select_for_update(of=("self",))
            .select_related("award_kind", "nominee_person", "nominee_unit")
            .get(pk=nomination.pk)
        )
        current = locked.state
        if expected_state and current != expected_state:
            last = NominationTransition.objects.filter(nomination=locked).select_related("by").order_by("-at", "-id").first()
            who = f" bởi {last.by}" if last and last.by else ""
            raise TransitionError(
                f"Đề nghị “{locked.nominee_name}” vừa được chuyển sang trạng thái “{locked.get_state_display()}”{who}; "
                "thao tác của bạn không được thực hiện. Hãy xem lại đề nghị."
            )
        move = (current, to_state)
        if move not in award_rules.TRANSITIONS:
            raise TransitionError(f"Không thể chuyển đề nghị từ “{S(current).label}” sang “{S(to_state).label}”.")
        if not award_rules.can_move(by, locked, to_state):
            raise PermissionDenied("Bạn không có quyền thực hiện thao tác này.")
        if move in award_rules.COMMENT_REQUIRED and not comment:
            raise TransitionError("Hãy ghi rõ nội dung cần bổ sung, sửa chữa khi trả lại đề nghị.")
        if move in award_rules.GATED_MOVES:
            refusal = nomination_gate(nomination=locked, verifying=move in award_rules.VERIFYING_MOVES)
            if refusal:
                raise _GateRefusal(refusal, locked.checks)
        now = timezone.now()
        locked.state = to_state
        locked.state_changed_at = now
        fields = ["state", "state_changed_at", "updated_at"]
        if move in award_rules.SUBMITTING_MOVES:
            locked.submitted_at = now
            fields.append("submitted_at")
        if to_state in (S.VERIFIED, S.RETURNED) and award_rules.is_reviewer(by):
            locked.reviewed_by = by
            locked.review_note = comment
            # A return asks for changes: the earlier view no longer stands unless one is given now.
            locked.review_recommendation = recommendation or ("agree" if to_state == S.VERIFIED else "")
            fields += ["reviewed_by", "review_note", "review_recommendation"]
        if current == S.WITH_COUNCIL and to_state in (S.APPROVED, S.NOT_APPROVED):
            locked.council_result = to_state
            locked.council_note = comment
            fields += ["council_result", "council_note"]
        locked.save(update_fields=fields)
        NominationTransition.objects.create(nomination=locked, from_state=current, to_state=to_state, by=by, comment=comment)
        transaction.on_commit(lambda: changed(NOMINATION_COUNTS))
        url = reverse("awards:nomination-detail", args=[locked.pk])
        subject = f"Đề nghị khen thưởng “{locked.nominee_name}”: {S(to_state).label}"
        text = f"{locked.award_kind.name}, {locked.period_label}. Người thực hiện: {by}." + (f"\nÝ kiến: {comment}" if comment else "")
        recipients = {u.pk: u for u in unit_officers(locked.unit_id)}
        recipients.setdefault(locked.created_by_id, locked.created_by)
        if move in award_rules.SUBMITTING_MOVES:
            recipients.update({u.pk: u for u in reviewers()})
        recipients.pop(by.pk, None)
        notify(users=list(recipients.values()), subject=subject, text=text, url=url)
    nomination.refresh_from_db()
    return locked


def nominations_bulk_transition(*, nominations, to_state, by, comment=""):
    """Apply one move to many nominations, each in its own transaction; returns (done, errors)
    where errors is a list of (nomination, message)."""
    done, errors = [], []
    for nomination in nominations:
        try:
            done.append(
                nomination_transition(nomination=nomination, to_state=to_state, by=by, comment=comment, expected_state=nomination.state)
            )
        except (TransitionError, PermissionDenied) as exc:
            errors.append((nomination, str(exc)))
    return done, errors


def submission_create(
    *, unit, number, date, subject, signer_title, signer_name, nominations, minutes, by, signer_capacity="head", head_title=""
):
    """Create a cover submission (tờ trình) with its minutes file and attach the chosen draft or
    returned nominations. Rows: Submission, Nomination.submission."""
    minutes_type = validate_upload(minutes) if minutes is not None else None
    clash = ValidationError(f"Số tờ trình này đã được dùng cho đơn vị {unit.name}: hãy kiểm tra lại số tờ trình.")
    if Submission.objects.filter(unit=unit, number=number).exists():
        raise clash
    with transaction.atomic():
        submission = Submission(
            unit=unit,
            number=number,
            date=date,
            subject=subject,
            signer_title=signer_title,
            signer_name=signer_name,
            signer_capacity=signer_capacity,
            head_title=head_title or signer_title,
            created_by=by,
        )
        submission.full_clean(exclude=["minutes", "created_by"], validate_constraints=False)
        if minutes is not None:
            submission.minutes_name = clean_filename(minutes.name)
            submission.minutes.save(f"tep.{minutes_type}", minutes, save=False)
        try:
            with transaction.atomic():
                submission.save()
        except IntegrityError as exc:  # the same number saved by someone else a moment ago
            if submission.minutes:
                submission.minutes.delete(save=False)
            raise clash from exc
        Nomination.objects.filter(pk__in=[n.pk for n in nominations]).update(submission=submission)
    return submission


def submission_submit(*, submission, by):
    """Submit every draft/returned nomination of the submission together: all or nothing.
    Rows: Submission.submitted_at, and per nomination what nomination_transition writes."""
    with transaction.atomic():
        moved = []
        for nomination in submission.nominations.select_related("award_kind").order_by("id"):
            target = {S.DRAFT: S.SUBMITTED, S.RETURNED: S.RESUBMITTED}.get(nomination.state)
            if target is None:
                continue
            try:
                moved.append(nomination_transition(nomination=nomination, to_state=target, by=by))
            except TransitionError as exc:
                raise TransitionError(f"{nomination.nominee_name}: {exc}") from exc
        if not moved:
            raise TransitionError("Tờ trình không có đề nghị nào ở trạng thái dự thảo hoặc trả lại để gửi.")
        submission.submitted_at = timezone.now()
        submission.save(update_fields=["submitted_at"])
    return moved


IMPORT_SKIP, IMPORT_UPDATE = "skip", "update"  # the officer's choice for rows marked "đã có" (units.forms)


@transaction.atomic
def nominations_import(*, rows, by, on_existing=IMPORT_SKIP):
    """Create draft nominations from validated import rows (dicts of Nomination fields), all or
    nothing, and run each one's checks. A row marked ``existing`` (the nomination is recorded) is
    skipped, or with ``on_existing`` = "update" written into that nomination when it is still a
    draft or returned (``existing_locked`` rows, already sent on, are always skipped); blank cells
    keep what is recorded. Rows: Nomination. Returns the nominations written."""
    written = []
    for fields in rows:
        existing = fields.pop("existing", None)
        locked = fields.pop("existing_locked", False)
        if existing is not None:
            if on_existing != IMPORT_UPDATE or locked:
                continue
            nomination = Nomination.objects.select_for_update().get(pk=existing)
            if not nomination.is_editable:  # sent on since the preview
                continue
            for key, value in fields.items():
                if value not in (None, ""):
                    setattr(nomination, key, value)
            written.append(nomination_save(nomination=nomination, by=by))
            continue
        nomination = Nomination(**fields, created_by=by)
        _fill_from_nominee(nomination)
        nomination.save()
        nomination_check(nomination=nomination)
        written.append(nomination)
    transaction.on_commit(lambda: changed(NOMINATION_COUNTS))
    return written


@transaction.atomic
def records_import(*, rows, by, on_existing=IMPORT_SKIP):
    """Create award history rows (past decided awards) from validated import rows, never a second
    row for the same recipient, award code and period. A row marked ``existing`` is skipped, or with
    ``on_existing`` = "update" fills that imported row's decision number, date and issuer from the
    file (blank cells keep what is recorded; rows the portal decided, ``existing_locked``, are never
    rewritten). Rows: AwardRecord. Returns the records written."""
    written = []
    for fields in rows:
        existing = fields.pop("existing", None)
        locked = fields.pop("existing_locked", False)
        if existing is not None:
            if on_existing != IMPORT_UPDATE or locked:
                continue
            record = AwardRecord.objects.select_for_update().get(pk=existing)
            changed_fields = [k for k in ("decision_number", "decision_date", "issuer_name", "period_from") if fields[k] not in (None, "")]
            for key in changed_fields:
                setattr(record, key, fields[key])
            record.save(update_fields=changed_fields)
            written.append(record)
            continue
        lookup = {k: fields[k] for k in ("person", "unit", "award_code", "period_kind", "year")}
        record, was_created = AwardRecord.objects.get_or_create(**lookup, defaults={**fields, "source": RecordSource.IMPORTED})
        if was_created:
            written.append(record)
    return written


# --- Issue 5: public posting ---------------------------------------------------------------------

# Objections accepted from one IP address per hour (spam protection, with the form's honeypot).
OBJECTION_LIMIT = 5
OBJECTION_WINDOW = dt.timedelta(hours=1)


class ProcedureError(Exception):
    """A refused step of posting, council or decision work; the message is for the user."""


def _require_perm(user, perm):
    if not user.has_perm(perm):
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này.")


def notice_publish(*, title, nominations, start_date, by, working_days=None, backdate_reason="", today=None):
    """Publish a list of proposed awards for ``working_days`` working days from ``start_date`` (default:
    the longest posting period of the kinds on the list). A start date already past is refused unless
    ``backdate_reason`` states why (it is printed on the list), so posting cannot be skipped by
    back-dating. Each nomination's fingerprint is kept, so a later change asks for a new posting.
    Rows: PublicNotice and its nominations."""
    from .models import PublicNotice
    from .selectors import nomination_fingerprint
    from .workdays import posting_end

    _require_perm(by, "awards.manage_posting")
    nominations = list(nominations)
    if not nominations:
        raise ProcedureError("Chọn ít nhất một đề nghị để công khai.")
    wrong = [n.nominee_name for n in nominations if n.state not in (S.VERIFIED, S.WITH_COUNCIL)]
    if wrong:
        raise ProcedureError("Chỉ công khai đề nghị đã thẩm định: " + ", ".join(wrong))
    today = today or timezone.localdate()
    backdate_reason = (backdate_reason or "").strip()
    if start_date < today and not backdate_reason:
        raise ProcedureError(
            f"Ngày bắt đầu công khai {start_date:%d/%m/%Y} đã qua: hãy chọn từ hôm nay ({today:%d/%m/%Y}) "
            "hoặc ghi rõ lý do công khai từ ngày đã qua (lý do được in trên danh sách)."
        )
    if start_date >= today:
        backdate_reason = ""
    days = working_days or max(n.award_kind.posting_days for n in nominations)
    with transaction.atomic():
        notice = PublicNotice.objects.create(
            title=title,
            start_date=start_date,
            working_days=days,
            end_date=posting_end(start_date, days),
            backdate_reason=backdate_reason,
            fingerprints={str(n.pk): nomination_fingerprint(n) for n in nominations},
            created_by=by,
        )
        notice.nominations.set(nominations)
    return notice


def objection_submit(*, notice, name, contact, content, ip_address, nomination=None, honeypot=""):
    """Record an objection from the public on an open list. A filled honeypot field means a robot: the
    objection is dropped silently (None). More than OBJECTION_LIMIT from one IP address within
    OBJECTION_WINDOW is refused. Rows: Objection; reviewers notified."""
    from .models import Objection

    if honeypot:
        return None
    today = timezone.localdate()
    if not notice.is_open_on(today):
        raise ProcedureError("Danh sách này không còn trong thời gian công khai.")
    if nomination is not None and not notice.nominations.filter(pk=nomination.pk).exists():
        raise ProcedureError("Đề nghị không thuộc danh sách này.")
    recent = Objection.objects.filter(ip_address=ip_address, created_at__gte=timezone.now() - OBJECTION_WINDOW).count()
    if ip_address and recent >= OBJECTION_LIMIT:
        raise ProcedureError("Bạn đã gửi quá nhiều ý kiến trong thời gian ngắn. Vui lòng thử lại sau một giờ.")
    objection = Objection.objects.create(
        notice=notice, nomination=nomination, name=name, contact=contact, content=content, ip_address=ip_address
    )
    notify(
        users=list(reviewers()),
        subject=f"Ý kiến góp ý mới về danh sách “{notice.title}”",
        text=content[:500],
        url=reverse("awards:notice-detail", args=[notice.pk]),
    )
    return objection


def objection_answer(*, objection, answer, by):
    """Answer an objection (needed before the council votes on the list). Rows: Objection."""
    _require_perm(by, "awards.manage_posting")
    answer = (answer or "").strip()
    if not answer:
        raise ProcedureError("Hãy nhập nội dung trả lời.")
    objection.answer, objection.answered_by, objection.answered_at = answer, by, timezone.now()
    objection.save(update_fields=["answer", "answered_by", "answered_at"])
    return objection


# --- Issue 5: council meetings -------------------------------------------------------------------


def meeting_create(*, council, date, by, location="", title="", vote_mode="online", secretary_name="", start_time=None, end_time=None):
    """Create a meeting with its roster: the members valid on ``date``, all marked absent until the
    attendance is taken. Rows: CouncilMeeting, Attendance."""
    from .models import Attendance, CouncilMeeting
    from .selectors import council_members_on

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
    from .models import AgendaItem

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
    from .models import AgendaRemoval

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
    from .voting import Quorum

    rows = list(meeting.attendance.values_list("present", flat=True))
    return Quorum(sum(rows), len(rows), meeting.council.quorum_numerator, meeting.council.quorum_denominator)


def meeting_open_voting(*, meeting, by, today=None):
    """Start voting: needs the quorum, a non-empty agenda, and for every item a finished posting with
    every objection answered. Rows: CouncilMeeting.state."""
    from .selectors import posting_blockers

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

    from .models import AgendaItem, Attendance, BallotCast

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
    from .models import AgendaItem

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
    from .models import AgendaItem

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
    from .voting import vote_outcome

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


# --- Issue 5: decisions --------------------------------------------------------------------------

# Used only when the issuing body has no DocumentDefaults row for decisions.
DEFAULT_EXECUTORS = "Thủ trưởng các cơ quan, đơn vị có liên quan và các cá nhân, tập thể có tên tại Điều 1"
DEFAULT_RECIPIENTS = "Như Điều 3;\nLưu: VT."


def decision_draft(
    *,
    nominations,
    date,
    by,
    subject="",
    grounds="",
    award_phrase="",
    achievement_phrase="",
    signer=None,
    proposal_number="",
    proposal_date=None,
):
    """Draft a decision for approved nominations of kinds this government confers on ``date``, with
    the issuing body and signer valid on that date and each reward (multiplier × base salary on that
    date, rounded to 10,000 đ). Rows: Decision, DecisionItem."""
    from .models import AgendaItem, Decision, DecisionItem
    from .selectors import base_salary_on, issuing_body_on, nominations_for_decision, reward_amount, signer_on

    _require_perm(by, "awards.draft_decision")
    nominations = list(nominations)
    if not nominations:
        raise ProcedureError("Chọn ít nhất một đề nghị đã được Hội đồng đồng ý.")
    allowed = set(nominations_for_decision(date).values_list("pk", flat=True))
    wrong = [n.nominee_name for n in nominations if n.pk not in allowed]
    if wrong:
        raise ProcedureError(
            "Không đưa vào quyết định được (chưa được Hội đồng đồng ý, đã có quyết định hoặc không thuộc thẩm quyền): " + ", ".join(wrong)
        )
    body = issuing_body_on(date)
    if signer is not None and (signer.issuing_body_id != getattr(body, "pk", None) or not _valid(signer, date)):
        raise ProcedureError("Người ký không thuộc cơ quan ban hành hoặc không còn hiệu lực vào ngày quyết định.")
    signer = signer or signer_on(body, date)
    salary = base_salary_on(date)
    if body is None or signer is None or salary is None:
        raise ProcedureError("Chưa cấu hình cơ quan ban hành, người ký hoặc mức lương cơ sở áp dụng vào ngày quyết định.")
    from . import drafting
    from .documents import amount_in_words
    from .enums import DocumentKind
    from .models import DocumentDefaults

    approved_items = AgendaItem.objects.filter(nomination__in=nominations, result=CouncilResult.APPROVED)
    meeting_dates = sorted(set(approved_items.values_list("meeting__date", flat=True)))
    council_name = approved_items.values_list("meeting__council__name", flat=True).first() or ""
    if not grounds:
        grounds = "\n".join(
            drafting.decision_grounds(
                body=body,
                date=date,
                meeting_dates=meeting_dates,
                proposal_number=proposal_number,
                proposal_date=proposal_date,
                council_name=council_name,
            )
        )
    period = drafting.period_text(nominations)
    achievement_phrase = achievement_phrase or ("đã có thành tích xuất sắc trong phong trào thi đua" + (f" {period}" if period else ""))
    defaults = DocumentDefaults.objects.filter(issuing_body=body, kind=DocumentKind.DECISION).first()
    ordered = drafting.annex_order(nominations)
    with transaction.atomic():
        decision = Decision.objects.create(
            issuing_body=body,
            signer=signer,
            date=date,
            subject=subject or drafting.decision_subject(nominations),
            grounds=grounds,
            proposal_number=proposal_number,
            proposal_date=proposal_date,
            award_phrase=award_phrase or drafting.article1_text(nominations, achievement_phrase),
            achievement_phrase=achievement_phrase,
            executors=(defaults.executors if defaults and defaults.executors else DEFAULT_EXECUTORS),
            recipients=(defaults.recipients if defaults and defaults.recipients else DEFAULT_RECIPIENTS),
            base_salary=salary.amount,
            created_by=by,
        )
        total = 0
        for order, n in enumerate(ordered, start=1):
            amount = reward_amount(n.award_kind.reward_multiplier, salary.amount)
            total += amount
            person = n.nominee_person
            DecisionItem.objects.create(
                decision=decision,
                nomination=n,
                recipient_name=n.nominee_name,
                position=person.position if person is not None else "",
                unit_name=n.unit.name,
                award_name=n.award_kind.name,
                multiplier=n.award_kind.reward_multiplier,
                amount=amount,
                is_collective=n.nominee_unit_id is not None,
                order=order,
            )
        decision.total_amount = total
        decision.reward_text = drafting.article2_text(
            base_salary=salary.amount, total=total, total_words=amount_in_words(total), fund_owner=body.full_name
        )
        decision.save(update_fields=["total_amount", "reward_text"])
    from .selectors import leaders

    notify(
        users=list(leaders()),
        subject=f"Dự thảo quyết định chờ duyệt: {decision.subject}",
        text=f"{len(nominations)} cá nhân, tập thể; tổng tiền thưởng {total:,} đồng.".replace(",", "."),
        url=reverse("awards:decision-detail", args=[decision.pk]),
    )
    return decision


def _valid(row, date):
    return row.valid_from <= date and (row.valid_to is None or date <= row.valid_to)


def decision_transition(*, decision, to_state, by, comment="", expected_state=None):
    """Move a decision to ``to_state`` if awards.rules.DECISION_TRANSITIONS allows it for ``by``:
    approve (leader), return to the reviewer with a comment (leader), send again (reviewer), issue
    (leader, through decision_issue which numbers it first). Locks the row; a stale ``expected_state``
    is refused. Rows: Decision (state fields), one DecisionTransition; the other side is notified."""
    from .models import Decision, DecisionTransition
    from .selectors import leaders

    comment = (comment or "").strip()
    with transaction.atomic():
        locked = Decision.objects.select_for_update().get(pk=decision.pk)
        current = locked.state
        if expected_state and current != expected_state:
            raise ProcedureError(f"Quyết định vừa chuyển sang “{locked.get_state_display()}”; hãy tải lại trang.")
        move = (current, to_state)
        if move not in award_rules.DECISION_TRANSITIONS:
            raise ProcedureError(f"Không thể chuyển quyết định từ “{DecisionState(current).label}” sang “{DecisionState(to_state).label}”.")
        if not award_rules.can_move_decision(by, locked, to_state):
            raise PermissionDenied("Bạn không có quyền thực hiện thao tác này.")
        if move in award_rules.DECISION_COMMENT_REQUIRED and not comment:
            raise ProcedureError("Hãy ghi rõ nội dung cần sửa khi trả lại dự thảo.")
        locked.state = to_state
        fields = ["state"]
        if to_state == DecisionState.APPROVED:
            locked.approved_by, locked.approved_at = by, timezone.now()
            fields += ["approved_by", "approved_at"]
        elif to_state == DecisionState.RETURNED:
            locked.approved_by, locked.approved_at = None, None
            fields += ["approved_by", "approved_at"]
        elif to_state == DecisionState.ISSUED:
            locked.issued_by, locked.issued_at = by, timezone.now()
            fields += ["issued_by", "issued_at"]
        locked._change_reason = comment or DecisionState(to_state).label
        locked.save(update_fields=fields)
        DecisionTransition.objects.create(decision=locked, from_state=current, to_state=to_state, by=by, comment=comment)
        url = reverse("awards:decision-detail", args=[locked.pk])
        subject = f"Dự thảo quyết định “{locked.subject}”: {DecisionState(to_state).label}"
        if to_state == DecisionState.RETURNED:
            notify(users=[locked.created_by], subject=subject, text=f"Ý kiến của lãnh đạo: {comment}", url=url)
        elif to_state == DecisionState.DRAFT:
            notify(users=[u for u in leaders() if u.pk != by.pk], subject=subject, text=comment or "Đã sửa theo ý kiến.", url=url)
    decision.refresh_from_db()
    return locked


def decision_approve(*, decision, by):
    """A leader approves the draft for issue (decision_transition draft → approved). When its money
    exceeds the balance of the body's reward fund for the year, the approval still goes through (no
    rule of the law forbids it) but the warning is recorded in Decision.fund_warning (cleared when
    the money fits) and is on the returned decision. Rows: as decision_transition, Decision.fund_warning."""
    from .fund import fund_forecast
    from .models import Decision

    _require_perm(by, "awards.approve_decision")
    if decision.state != DecisionState.DRAFT:
        raise ProcedureError("Chỉ duyệt được quyết định đang dự thảo.")
    with transaction.atomic():
        approved = decision_transition(decision=decision, to_state=DecisionState.APPROVED, by=by, expected_state=DecisionState.DRAFT)
        # Computed after the transition locked the row; a queryset update adds no edit-history row.
        warning = fund_forecast(approved).warning
        Decision.objects.filter(pk=approved.pk).update(fund_warning=warning)
    approved.fund_warning = decision.fund_warning = warning
    return approved


def decision_return(*, decision, by, comment):
    """A leader sends a draft (or an approved, not yet issued decision) back to the reviewer with a
    comment (decision_transition → returned)."""
    _require_perm(by, "awards.approve_decision")
    return decision_transition(decision=decision, to_state=DecisionState.RETURNED, by=by, comment=comment)


def decision_resubmit(*, decision, by, comment=""):
    """The reviewer sends a returned draft to the leader again (decision_transition returned → draft)."""
    _require_perm(by, "awards.draft_decision")
    return decision_transition(
        decision=decision, to_state=DecisionState.DRAFT, by=by, comment=comment, expected_state=DecisionState.RETURNED
    )


DECISION_EDIT_FIELDS = (
    "subject",
    "grounds",
    "award_phrase",
    "reward_text",
    "executors",
    "recipients",
    "signer",
    "proposal_number",
    "proposal_date",
    "achievement_phrase",
)


REQUIRED_DECISION_TEXTS = {"subject", "grounds", "award_phrase", "executors", "recipients"}


def decision_update(*, decision, by, changes, item_order=None, reason=""):
    """The reviewer edits a draft: texts (subject, grounds, articles, executors, Nơi nhận), signer,
    the proposal's tờ trình and the annex order (``item_order``: item ids in their new order). Only
    a draft or a returned draft can change; the signer must belong to the issuing body and be valid
    on the decision date. Rows: Decision (and its history row, simple-history), DecisionItem.order."""
    from .models import Decision, DecisionItem

    _require_perm(by, "awards.draft_decision")
    unknown = set(changes) - set(DECISION_EDIT_FIELDS)
    if unknown:
        raise ProcedureError("Trường không sửa được: " + ", ".join(sorted(unknown)))
    with transaction.atomic():
        locked = Decision.objects.select_for_update().get(pk=decision.pk)
        if not locked.is_editable:
            raise ProcedureError("Chỉ sửa được dự thảo chưa duyệt hoặc đã bị trả lại.")
        signer = changes.get("signer")
        if signer is not None and (signer.issuing_body_id != locked.issuing_body_id or not _valid(signer, locked.date)):
            raise ProcedureError("Người ký không thuộc cơ quan ban hành hoặc không còn hiệu lực vào ngày quyết định.")
        for field, value in changes.items():
            if field in REQUIRED_DECISION_TEXTS and not (value or "").strip():
                raise ProcedureError(f"“{Decision._meta.get_field(field).verbose_name}” không được để trống.")
            setattr(locked, field, value)
        locked._change_reason = reason or "Sửa dự thảo"
        locked.full_clean(exclude=["created_by", "approved_by", "issued_by"])
        locked.save()
        if item_order is not None:
            ids = [int(i) for i in item_order]
            existing = set(DecisionItem.objects.filter(decision=locked).values_list("pk", flat=True))
            if set(ids) != existing or len(ids) != len(existing):
                raise ProcedureError("Thứ tự danh sách phải gồm đúng các cá nhân, tập thể của quyết định.")
            for order, pk in enumerate(ids, start=1):
                DecisionItem.objects.filter(pk=pk).update(order=order)
    decision.refresh_from_db()
    return locked


def decision_discard(*, decision, by):
    """Delete a decision that has not been issued (a wrong draft, or one the leader sends back), so
    its nominations can go into a new draft. Rows: Decision and DecisionItem deleted."""
    if not (by.has_perm("awards.draft_decision") or by.has_perm("awards.approve_decision")):
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này.")
    with transaction.atomic():
        locked = type(decision).objects.select_for_update().get(pk=decision.pk)
        if locked.state == DecisionState.ISSUED:
            raise ProcedureError("Quyết định đã ban hành, không hủy được.")
        locked.delete()


def _next_sequence(issuing_body_id, year):
    """Take the next number of the year for a body: the counter row is created if missing (INSERT ...
    ON CONFLICT DO NOTHING) and locked (SELECT ... FOR UPDATE) until the caller's transaction ends,
    so two decisions issued at the same instant get consecutive, different numbers."""
    from .models import DecisionCounter

    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {DecisionCounter._meta.db_table} (issuing_body_id, year, last) VALUES (%s, %s, 0) "  # noqa: S608 (table name from the model)
            "ON CONFLICT (issuing_body_id, year) DO NOTHING",
            [issuing_body_id, year],
        )
    counter = DecisionCounter.objects.select_for_update().get(issuing_body_id=issuing_body_id, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def _claim_registered_number(locked, number, date):
    """Check a number and date registered by the document-management system for ``locked`` and move
    the body's counter past it (so the portal's own next number does not collide). Returns the
    sequence. Raises ProcedureError (Vietnamese) when the number is malformed or taken, the date is
    in the future, or the date would change the base salary the rewards were computed on."""
    import re

    from .models import Decision, DecisionCounter
    from .selectors import base_salary_on

    match = re.match(r"^0*(\d{1,6})/\S", number.strip())
    if not match or int(match.group(1)) == 0:
        raise ProcedureError("Số quyết định phải bắt đầu bằng số thứ tự và dấu “/”, ví dụ 05/QĐ-UBND.")
    if date > timezone.localdate():
        raise ProcedureError("Ngày ban hành không được sau ngày hôm nay.")
    salary = base_salary_on(date)
    if salary is None or salary.amount != locked.base_salary:
        raise ProcedureError("Ngày ban hành làm thay đổi mức lương cơ sở đã dùng để tính tiền thưởng: hãy soạn lại quyết định.")
    sequence = int(match.group(1))
    taken = Decision.objects.filter(issuing_body_id=locked.issuing_body_id, year=date.year, sequence=sequence).exclude(pk=locked.pk)
    if taken.exists():
        raise ProcedureError(f"Số thứ tự {sequence:02d} của năm {date.year} đã được dùng cho một quyết định khác.")
    _next_sequence(locked.issuing_body_id, date.year)  # creates and locks the counter row
    DecisionCounter.objects.filter(issuing_body_id=locked.issuing_body_id, year=date.year, last__lt=sequence).update(last=sequence)
    return sequence


def decision_issue(*, decision, by, registered_number="", registered_date=None):
    """Issue an approved decision: take the next number of its year for its issuing body
    ('05/QĐ-UBND'), move every nomination approved → decided, and write each awardee's AwardRecord
    (snapshots of names, number, date, issuer). With ``registered_number`` and ``registered_date``
    (from the document-management system, through the API) the decision takes that number and date
    instead. Rows: DecisionCounter, Decision, AwardRecord, nomination transitions, and the expense
    line of its award money in the reward fund (awards.fund.fund_book_decision)."""
    from .models import Decision

    _require_perm(by, "awards.issue_decision")
    with transaction.atomic():
        locked = Decision.objects.select_for_update().select_related("issuing_body").get(pk=decision.pk)
        if locked.state != DecisionState.APPROVED:
            raise ProcedureError("Quyết định phải được lãnh đạo duyệt trước khi ban hành (hoặc đã ban hành).")
        if registered_number:
            sequence = _claim_registered_number(locked, registered_number, registered_date)
            locked.date, locked.year, locked.sequence, locked.number = (
                registered_date,
                registered_date.year,
                sequence,
                registered_number.strip(),
            )
        else:
            year = locked.date.year
            sequence = _next_sequence(locked.issuing_body_id, year)
            locked.year, locked.sequence = year, sequence
            locked.number = f"{sequence:02d}/QĐ-{locked.issuing_body.symbol}"
        locked.save(update_fields=["date", "year", "sequence", "number"])
        decision_transition(decision=locked, to_state=DecisionState.ISSUED, by=by, comment=f"Số {locked.number}")
        locked.refresh_from_db()
        for item in locked.items.select_related("nomination", "nomination__award_kind"):
            n = item.nomination
            nomination_transition(
                nomination=n, to_state=S.DECIDED, by=by, comment=f"Quyết định số {locked.number}", expected_state=S.APPROVED
            )
            AwardRecord.objects.update_or_create(
                person=n.nominee_person,
                unit=n.nominee_unit,
                award_code=n.award_kind.code,
                period_kind=n.period_kind,
                year=n.year,
                defaults={
                    "award_kind": n.award_kind,
                    "award_name": item.award_name,
                    "recipient_name": item.recipient_name,
                    "unit_name": item.unit_name,
                    "decision_number": locked.number,
                    "decision_date": locked.date,
                    "issuer_name": locked.issuing_body.full_name,
                    "source": RecordSource.DECIDED,
                    "nomination": n,
                },
            )
        # The award money leaves the body's reward fund: one expense line per decision.
        from .fund import fund_book_decision

        fund_book_decision(decision=locked, by=by)
        transaction.on_commit(figures_changed)  # the dashboard's award counts and money change
    decision.refresh_from_db()
    return locked


def decision_publish(*, decision, by, publish=True):
    """Show an issued decision on the public decisions page (``publish=False`` withdraws it).
    Rows: Decision.published_at/published_by and its history row."""
    from .models import Decision

    _require_perm(by, "awards.publish_decision")
    with transaction.atomic():
        locked = Decision.objects.select_for_update().get(pk=decision.pk)
        if publish and locked.state != DecisionState.ISSUED:
            raise ProcedureError("Chỉ công bố được quyết định đã ban hành.")
        if publish:
            locked.published_at, locked.published_by = timezone.now(), by
        else:
            locked.published_at, locked.published_by = None, None
        locked._history_user = by
        locked.save(update_fields=["published_at", "published_by"])
    decision.refresh_from_db()
    return locked


# --- Issue 5: upward proposals -------------------------------------------------------------------


def proposal_create(*, nominations, number, date, subject, by, addressee=""):
    """Gather approved nominations of kinds the city or the state confers into a cover submission and
    move them approved → proposed_upward. Rows: UpwardProposal, UpwardItem, transitions."""
    from .models import UpwardItem, UpwardProposal
    from .selectors import issuing_body_on, nominations_for_upward, signer_on

    _require_perm(by, "awards.manage_proposals")
    nominations = list(nominations)
    allowed = set(nominations_for_upward(date).values_list("pk", flat=True))
    if not nominations or any(n.pk not in allowed for n in nominations):
        raise ProcedureError("Chọn các đề nghị đã được Hội đồng đồng ý thuộc thẩm quyền cấp trên.")
    body = issuing_body_on(date)
    signer = signer_on(body, date)
    if body is None or signer is None:
        raise ProcedureError("Chưa cấu hình cơ quan, người ký vào ngày tờ trình.")
    with transaction.atomic():
        proposal = UpwardProposal.objects.create(
            issuing_body=body,
            signer=signer,
            number=number,
            date=date,
            subject=subject,
            addressee=addressee or UpwardProposal._meta.get_field("addressee").default,
            state=ProposalState.SENT,
            created_by=by,
        )
        for n in nominations:
            UpwardItem.objects.create(proposal=proposal, nomination=n)
            nomination_transition(nomination=n, to_state=S.PROPOSED_UPWARD, by=by, comment=f"Tờ trình {number}", expected_state=S.APPROVED)
    return proposal


def proposal_record_result(*, item, result, decision_number, decision_date, by, issuer_name="Ủy ban nhân dân thành phố Hải Phòng"):
    """Record the upper level's answer for one nomination, typed in by the advisory office (see
    upward_result_record)."""
    _require_perm(by, "awards.manage_proposals")
    return upward_result_record(
        item=item, result=result, decision_number=decision_number, decision_date=decision_date, by=by, issuer_name=issuer_name
    )


def upward_result_record(*, item, result, decision_number, decision_date, by, issuer_name):
    """The upper level's answer for one nomination (typed in, or from its decision package): a
    conferred award enters the history (source 'upward') and its nomination moves proposed_upward →
    decided. Rows: UpwardItem, AwardRecord, a nomination transition, UpwardProposal.state when all
    are answered."""
    n = item.nomination
    with transaction.atomic():
        item.result, item.result_decision, item.result_date = result, decision_number, decision_date
        item.save(update_fields=["result", "result_decision", "result_date"])
        if result == UpwardResult.CONFERRED:
            AwardRecord.objects.update_or_create(
                person=n.nominee_person,
                unit=n.nominee_unit,
                award_code=n.award_kind.code,
                period_kind=n.period_kind,
                year=n.year,
                defaults={
                    "award_kind": n.award_kind,
                    "award_name": n.award_kind.name,
                    "recipient_name": n.nominee_name,
                    "unit_name": n.unit.name,
                    "decision_number": decision_number,
                    "decision_date": decision_date,
                    "issuer_name": issuer_name,
                    "source": RecordSource.UPWARD,
                    "nomination": n,
                },
            )
            if n.state == S.PROPOSED_UPWARD:
                nomination_transition(
                    nomination=n,
                    to_state=S.DECIDED,
                    by=by,
                    comment=f"Quyết định số {decision_number}"
                    + (f" ngày {decision_date:%d/%m/%Y}" if decision_date else "")
                    + f" của {issuer_name}",
                    expected_state=S.PROPOSED_UPWARD,
                )
        proposal = item.proposal
        if not proposal.items.filter(result=UpwardResult.PENDING).exists():
            proposal.state = ProposalState.CLOSED
            proposal.save(update_fields=["state"])
        transaction.on_commit(figures_changed)
    return item
