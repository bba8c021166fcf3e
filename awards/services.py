"""Write-side use cases of the awards app. Each function names the rows it writes and the side
effects it queues. Only nomination_transition changes a nomination's state."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from dosonthidua.uploads import clean_filename, validate_upload
from units.services import notify

from . import eligibility
from . import rules as award_rules
from .enums import NominationState as S
from .enums import RecordSource
from .models import AwardRecord, Nomination, NominationAttachment, NominationTransition, Submission
from .selectors import reviewers, unit_officers


class TransitionError(Exception):
    """A refused move; the message is for the user (Vietnamese)."""


def _fill_from_nominee(nomination):
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


def attachment_add(*, nomination, kind, uploaded, by):
    """Validate an uploaded file by its content and store it under MEDIA_ROOT with a generated name.
    Rows: one NominationAttachment. Raises ValidationError (Vietnamese) and writes nothing on refusal."""
    file_type = validate_upload(uploaded)
    original = clean_filename(uploaded.name)
    attachment = NominationAttachment(
        nomination=nomination, kind=kind, original_name=original, file_type=file_type, size=uploaded.size, uploaded_by=by
    )
    attachment.file.save(original, uploaded, save=False)
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
    if not nomination.pk:
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
        raise ValidationError("Đối tượng này đã được đề nghị danh hiệu này trong cùng kỳ.") from exc
    except Exception:
        for attachment in saved_files:
            attachment.file.delete(save=False)
        raise
    nomination_check(nomination=nomination)
    return nomination


def nomination_transition(*, nomination, to_state, by, comment="", expected_state=None, recommendation=None):
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
        if move in award_rules.SUBMITTING_MOVES:
            checks = nomination_check(nomination=locked)
            hard = [c for c in checks if not c["ok"] and c["severity"] == "hard"]
            if hard:
                raise TransitionError("Chưa gửi được: " + " ".join(c["message"] for c in hard))
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
            locked.review_recommendation = recommendation or ("agree" if to_state == S.VERIFIED else locked.review_recommendation)
            fields += ["reviewed_by", "review_note", "review_recommendation"]
        if to_state in (S.APPROVED, S.NOT_APPROVED):
            locked.council_result = to_state
            locked.council_note = comment
            fields += ["council_result", "council_note"]
        locked.save(update_fields=fields)
        NominationTransition.objects.create(nomination=locked, from_state=current, to_state=to_state, by=by, comment=comment)
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


def submission_create(*, unit, number, date, subject, signer_title, signer_name, nominations, minutes, by):
    """Create a cover submission (tờ trình) with its minutes file and attach the chosen draft or
    returned nominations. Rows: Submission, Nomination.submission."""
    if minutes is not None:
        validate_upload(minutes)
    with transaction.atomic():
        submission = Submission(
            unit=unit, number=number, date=date, subject=subject, signer_title=signer_title, signer_name=signer_name, created_by=by
        )
        submission.full_clean(exclude=["minutes", "created_by"])
        if minutes is not None:
            submission.minutes_name = clean_filename(minutes.name)
            submission.minutes.save(submission.minutes_name, minutes, save=False)
        submission.save()
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


@transaction.atomic
def nominations_import(*, rows, by):
    """Create draft nominations from validated import rows (dicts of Nomination fields), all or
    nothing, and run each one's checks. Rows: Nomination."""
    created = []
    for fields in rows:
        nomination = Nomination(**fields, created_by=by)
        _fill_from_nominee(nomination)
        nomination.save()
        created.append(nomination)
    for nomination in created:
        nomination_check(nomination=nomination)
    return created


@transaction.atomic
def records_import(*, rows, by):
    """Create award history rows (past decided awards) from validated import rows; existing rows
    (same recipient, award, period) are kept, not duplicated. Rows: AwardRecord."""
    created = []
    for fields in rows:
        lookup = {k: fields[k] for k in ("person", "unit", "award_code", "period_kind", "year")}
        record, was_created = AwardRecord.objects.get_or_create(**lookup, defaults={**fields, "source": RecordSource.IMPORTED})
        if was_created:
            created.append(record)
    return created
