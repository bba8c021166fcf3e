from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from dosonthidua.cache import NOMINATION_COUNTS, changed
from dosonthidua.uploads import clean_filename, validate_upload
from units.services import notify

from .. import eligibility
from .. import rules as award_rules
from ..enums import NominationState as S
from ..enums import (
    RecordSource,
)
from ..models import AwardRecord, Nomination, NominationAttachment, NominationTransition, Submission
from ..selectors import reviewers, unit_officers


class TransitionError(Exception):
    """A refused move; the message is for the user (Vietnamese)."""


def _kind_on_reference_date(nomination):
    """Use the catalogue row of the chosen award code that is valid on the nomination's own date (its
    decision's, else the end of its period): a 2024 nomination is judged under the 2023 decree's row,
    not today's. Not a row of a former body (one that ended before the body valid today began): the
    body deciding the dossier now applies its own row, the one chosen (Nomination.reference_date)."""
    from django.db.models import Q

    from dosonthidua.identity import identity_on

    from ..models import AwardKind

    kind = nomination.award_kind
    when = nomination.decision_date_or_none or nomination.period_end
    if kind.valid_on(when):
        return
    other = (
        AwardKind.objects.filter(code=kind.code, active=True, valid_from__lte=when)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=when))
        .order_by("-valid_from")
        .first()
    )
    begun = identity_on().valid_from
    if other is not None and (begun is None or other.valid_to is None or other.valid_to >= begun):
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
        if to_state != S.WITHDRAWN and award_rules.left_by_former_body(locked):
            raise TransitionError(left_over_message(locked))
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


def left_over_message(nomination):
    """Why a former body's dossier left without a handover cannot go on (awards.rules.left_by_former_body)."""
    from dosonthidua.identity import identity_on

    from ..selectors import issuing_body_on

    kind = nomination.award_kind
    former = issuing_body_on(kind.valid_to)
    former_name = former.full_name if former else "cơ quan cũ"
    current = identity_on().full_name or "cơ quan hiện nay"
    return (
        f"Đề nghị “{nomination.nominee_name}” là việc {former_name} để lại (danh mục “{kind.name}” hết hiệu lực ngày "
        f"{kind.valid_to:%d/%m/%Y}), chưa được chuyển giao cho {current}. Chỉ tiếp tục được sau khi quản trị viên chuyển giao "
        f"công việc (Quản trị › Cơ quan ban hành › {former_name} › Chuyển giao công việc); hồ sơ không thuộc địa bàn "
        "được liệt kê ở đó cùng lý do."
    )


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
