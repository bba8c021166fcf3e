from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from dosonthidua.cache import figures_changed
from units.services import notify

from .. import rules as award_rules
from ..enums import (
    CouncilResult,
    DecisionState,
    RecordSource,
)
from ..enums import NominationState as S
from ..models import AwardRecord
from .nominations import nomination_transition
from .posting import ProcedureError, _require_perm

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
    from ..models import AgendaItem, Decision, DecisionItem
    from ..selectors import base_salary_on, issuing_body_on, nominations_for_decision, reward_amount, signer_on

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
    from .. import drafting
    from ..documents import amount_in_words
    from ..enums import DocumentKind
    from ..models import DocumentDefaults

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
    from ..selectors import leaders

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
    from ..models import Decision, DecisionTransition
    from ..selectors import leaders

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
    from ..fund import fund_forecast
    from ..models import Decision

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
    from ..models import Decision, DecisionItem

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
    from ..models import DecisionCounter

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

    from ..models import Decision, DecisionCounter
    from ..selectors import base_salary_on

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
    from ..models import Decision

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
        from ..fund import fund_book_decision

        fund_book_decision(decision=locked, by=by)
        transaction.on_commit(figures_changed)  # the dashboard's award counts and money change
    decision.refresh_from_db()
    return locked


def decision_publish(*, decision, by, publish=True):
    """Show an issued decision on the public decisions page (``publish=False`` withdraws it).
    Rows: Decision.published_at/published_by and its history row."""
    from ..models import Decision

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
