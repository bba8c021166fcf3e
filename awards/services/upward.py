from django.db import transaction

from dosonthidua.cache import figures_changed

from ..enums import NominationState as S
from ..enums import (
    ProposalState,
    RecordSource,
    UpwardResult,
)
from ..models import AwardRecord
from .nominations import nomination_transition
from .posting import ProcedureError, _require_perm

# --- Issue 5: upward proposals -------------------------------------------------------------------


def proposal_create(*, nominations, number, date, subject, by, addressee=""):
    """Gather approved nominations of kinds the city or the state confers into a cover submission and
    move them approved → proposed_upward. Rows: UpwardProposal, UpwardItem, transitions."""
    from ..models import UpwardItem, UpwardProposal
    from ..selectors import issuing_body_on, nominations_for_upward, signer_on

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
