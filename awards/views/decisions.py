from csp.decorators import csp_update
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from dosonthidua.documents import vn_number
from dosonthidua.downloads import download_name, download_response
from dosonthidua.identity import identity_on
from dosonthidua.pdf import pdf_response, render_pdf

from .. import documents, selectors, services, signatures
from .. import rules as award_rules
from ..enums import DecisionState
from ..forms import (
    DecisionEditForm,
    DecisionForm,
    DecisionReturnForm,
    SignForm,
)
from ..models import Decision, SignedDocument
from ..services import ProcedureError
from .procedure_base import _require

# --- Decisions -----------------------------------------------------------------------------------


@login_required
def decision_list(request):
    _require(request.user, "awards.open_unit_decisions")
    decisions = selectors.decisions_list().filter(pk__in=selectors.decisions_visible_to(request.user).values("pk"))
    return render(
        request,
        "awards/decision/list.html",
        {"decisions": decisions, "can_draft": request.user.has_perm("awards.draft_decision")},
    )


@login_required
def decision_create(request):
    _require(request.user, "awards.draft_decision")
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            decision = services.decision_draft(
                nominations=data["nominations"],
                date=data["date"],
                subject=data["subject"],
                achievement_phrase=data["achievement_phrase"],
                grounds=data["grounds"],
                signer=data["signer"],
                proposal_number=data["proposal_number"],
                proposal_date=data["proposal_date"],
                by=request.user,
            )
        except ProcedureError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("awards:decision-detail", decision.pk)
    return render(request, "awards/procedure/form.html", {"form": form, "title": "Dự thảo quyết định khen thưởng"})


def _visible_decision(request, pk):
    _require(request.user, "awards.open_unit_decisions")
    return get_object_or_404(selectors.decisions_visible_to(request.user), pk=pk)


@login_required
def decision_detail(request, pk):
    decision = _visible_decision(request, pk)
    items = list(selectors.decision_items_visible_to(request.user, decision))
    for item in items:
        item.amount_text = vn_number(item.amount)
    return render(
        request,
        "awards/decision/detail.html",
        {
            "decision": decision,
            "items": items,
            "total": vn_number(decision.total_amount),
            "base_salary": vn_number(decision.base_salary),
            "can_approve": award_rules.can_move_decision(request.user, decision, DecisionState.APPROVED),
            "can_return": award_rules.can_move_decision(request.user, decision, DecisionState.RETURNED),
            "can_resubmit": award_rules.can_move_decision(request.user, decision, DecisionState.DRAFT),
            "can_issue": award_rules.can_move_decision(request.user, decision, DecisionState.ISSUED),
            "can_publish": decision.state == DecisionState.ISSUED and request.user.has_perm("awards.publish_decision"),
            "can_edit": decision.is_editable and request.user.has_perm("awards.draft_decision"),
            "can_discard": decision.state != DecisionState.ISSUED
            and (request.user.has_perm("awards.draft_decision") or request.user.has_perm("awards.approve_decision")),
            "is_staff_view": request.user.has_perm("awards.view_decisions"),
            "fund": _fund_box(request.user, decision),
            **_signature_context(request.user, decision),
            "answer_packages": selectors.packages_answered_by(decision) if request.user.has_perm("awards.view_decisions") else [],
            "return_form": DecisionReturnForm(),
            "transitions": decision.transitions.select_related("by"),
            "history": decision.history.select_related("history_user").order_by("-history_date")[:20],
        },
    )


def _fund_box(user, decision):
    """What the decision spends from the reward fund and the balance before and after it, for the
    people who read the fund (the unit's officers see the decision, not the fund)."""
    from .. import fund

    if not user.has_perm("awards.view_fund"):
        return None
    f = fund.fund_forecast(decision)
    return {
        "forecast": f,
        "spend": vn_number(f.spend),
        "before": vn_number(f.balance_before),
        "after": vn_number(f.balance_after),
        "url": reverse("awards:fund-detail", args=[decision.issuing_body_id, f.year]),
    }


@login_required
@require_POST
def decision_approve(request, pk):
    _require(request.user, "awards.approve_decision")
    decision = selectors.decision_detail(pk)
    try:
        approved = services.decision_approve(decision=decision, by=request.user)
        messages.success(request, "Đã duyệt dự thảo quyết định.")
        if approved.fund_warning:
            messages.warning(request, approved.fund_warning)
    except ProcedureError as exc:
        messages.error(request, str(exc))
    return redirect("awards:decision-detail", pk)


@login_required
@require_POST
def decision_return(request, pk):
    _require(request.user, "awards.approve_decision")
    decision = selectors.decision_detail(pk)
    form = DecisionReturnForm(request.POST)
    try:
        if not form.is_valid():
            raise ProcedureError("Hãy ghi rõ nội dung cần sửa khi trả lại dự thảo.")
        services.decision_return(decision=decision, by=request.user, comment=form.cleaned_data["comment"])
        messages.success(request, f"Đã trả lại dự thảo cho {identity_on(decision.date).office}.")
    except ProcedureError as exc:
        messages.error(request, str(exc))
    return redirect("awards:decision-detail", pk)


@login_required
@require_POST
def decision_resubmit(request, pk):
    _require(request.user, "awards.draft_decision")
    decision = selectors.decision_detail(pk)
    try:
        services.decision_resubmit(decision=decision, by=request.user, comment=request.POST.get("comment", ""))
        messages.success(request, "Đã gửi lại dự thảo để lãnh đạo duyệt.")
    except ProcedureError as exc:
        messages.error(request, str(exc))
    return redirect("awards:decision-detail", pk)


def _edit_form(request, decision, data=None):
    items = list(selectors.decision_items(decision))
    return DecisionEditForm(data, instance=decision, items=items)


@login_required
def decision_edit(request, pk):
    _require(request.user, "awards.draft_decision")
    decision = selectors.decision_detail(pk)
    if not decision.is_editable:
        messages.error(request, "Chỉ sửa được dự thảo chưa duyệt hoặc đã bị trả lại.")
        return redirect("awards:decision-detail", pk)
    form = _edit_form(request, decision, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_update(decision=decision, by=request.user, changes=form.changes(), item_order=form.item_order())
        except ProcedureError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Đã lưu dự thảo.")
            return redirect("awards:decision-edit", pk)
    last_return = decision.transitions.filter(to_state=DecisionState.RETURNED).order_by("-at", "-id").first()
    return render(
        request,
        "awards/decision/edit.html",
        {
            "decision": decision,
            "form": form,
            "last_return": last_return if decision.state == DecisionState.RETURNED else None,
            "fund": _fund_box(request.user, decision),
        },
    )


@login_required
@xframe_options_sameorigin
@csp_update({"frame-ancestors": ["'self'"]})
def decision_preview(request, pk):
    """The draft as PDF, with the edit form's unsaved values on POST (shown in the edit page's frame)."""
    _require(request.user, "awards.draft_decision")
    decision = selectors.decision_detail(pk)
    if request.method == "POST":
        if not decision.is_editable:
            raise PermissionDenied
        form = _edit_form(request, decision, request.POST)
        if form.is_valid():
            decision = form.save(commit=False)  # never saved: a preview only
            order = {pk: index for index, pk in enumerate(form.item_order(), start=1)}
            data = render_pdf("awards/documents/decision.html", documents.decision_context(decision, item_order=order))
        else:
            errors = "; ".join(
                f"{form.fields[name].label if name in form.fields else ''}: {' '.join(e)}" for name, e in form.errors.items()
            )
            return HttpResponse(f"Chưa xem trước được: {errors}", content_type="text/plain; charset=utf-8", status=400)
    else:
        data = render_pdf("awards/documents/decision.html", documents.decision_context(decision))
    return pdf_response(data, _decision_filename(decision, "pdf"))


@login_required
@require_POST
def decision_discard(request, pk):
    decision = selectors.decision_detail(pk)
    try:
        services.decision_discard(decision=decision, by=request.user)
    except ProcedureError as exc:
        messages.error(request, str(exc))
        return redirect("awards:decision-detail", pk)
    messages.success(request, "Đã hủy dự thảo quyết định; các đề nghị có thể đưa vào dự thảo mới.")
    return redirect("awards:decision-list")


@login_required
@require_POST
def decision_issue(request, pk):
    _require(request.user, "awards.issue_decision")
    decision = selectors.decision_detail(pk)
    try:
        decision = services.decision_issue(decision=decision, by=request.user)
        messages.success(request, f"Đã ban hành Quyết định số {decision.number}.")
    except ProcedureError as exc:
        messages.error(request, str(exc))
    return redirect("awards:decision-detail", pk)


@login_required
def decision_pdf(request, pk):
    decision = _visible_decision(request, pk)
    signed = _signed_copy(decision)
    if signed is not None:  # once signed, the download is the signed file (the original stays stored)
        return pdf_response(signed, _decision_filename(decision, "pdf"))
    return pdf_response(_decision_pdf_bytes(decision), _decision_filename(decision, "pdf"))


def _decision_pdf_bytes(decision):
    return render_pdf("awards/documents/decision.html", documents.decision_context(decision))


def _proposal_pdf_bytes(proposal):
    context = documents.proposal_context(proposal)
    context["paragraphs"] = documents.proposal_paragraphs(context)
    return render_pdf("awards/documents/proposal.html", context)


def _signature_context(user, document):
    """The signed copy's row (one query, with the certificate's signer) and whether "Ký số" shows."""
    field = "decision" if isinstance(document, Decision) else "proposal"
    signed = SignedDocument.objects.filter(**{field: document}).select_related("certificate__signer").first()
    return {"signed_document": signed, "can_sign": signed is None and signatures.can_sign(user, document)}


def _signed_copy(document):
    """The signed PDF's bytes when ``document`` has been signed, else None."""
    record = SignedDocument.objects.filter(**{"decision" if isinstance(document, Decision) else "proposal": document}).first()
    if record is None:
        return None
    with record.signed.open("rb") as handle:
        return handle.read()


def _sign_page(request, document, *, pdf_bytes, back):
    """GET: the signer's certificate and the passphrase form; POST: sign, back to the document."""
    if not signatures.can_sign(request.user, document):
        raise PermissionDenied
    certificate = signatures.active_certificate(document.signer_id)
    form = SignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            signatures.document_sign(
                document=document, pdf=pdf_bytes(document), passphrase=form.cleaned_data["passphrase"], by=request.user, request=request
            )
        except signatures.SigningError as exc:
            form.add_error("passphrase" if "mật khẩu" in str(exc) else None, str(exc))
        else:
            messages.success(request, f"Đã ký số {document}. Tệp tải về từ nay là bản đã ký số.")
            return redirect(back)
    return render(request, "awards/signature/sign.html", {"document": document, "certificate": certificate, "form": form, "back": back})


@login_required
def decision_sign(request, pk):
    decision = _visible_decision(request, pk)
    return _sign_page(request, decision, pdf_bytes=_decision_pdf_bytes, back=reverse("awards:decision-detail", args=[pk]))


def _decision_filename(decision, ext):
    """'Quyết-định-01-QĐ-UBND.pdf'; a draft: 'Dự-thảo-quyết-định-12.pdf'."""
    if decision.number:
        return download_name("Quyết định", decision.number, ext=ext)
    return download_name("Dự thảo quyết định", decision.pk, ext=ext)


@login_required
def decision_docx(request, pk):
    _require(request.user, "awards.view_decisions")
    decision = selectors.decision_detail(pk)
    return download_response(documents.decision_docx(decision), _decision_filename(decision, "docx"), content_type=documents.DOCX_TYPE)


@login_required
def decision_certificates(request, pk):
    decision = _visible_decision(request, pk)
    if decision.state != DecisionState.ISSUED:
        messages.error(request, "Chỉ in Giấy khen khi quyết định đã ban hành (có số).")
        return redirect("awards:decision-detail", pk)
    # An officer gets only the certificates of the unit's own people and collectives.
    items = selectors.decision_items_visible_to(request.user, decision)
    data = render_pdf("awards/documents/certificates.html", documents.certificates_context(decision, items=items))
    return pdf_response(data, download_name("Giấy khen", decision.number, ext="pdf"))
