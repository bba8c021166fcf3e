from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from dosonthidua.downloads import download_name, download_response
from dosonthidua.pdf import pdf_response

from .. import documents, pades, selectors, services
from ..forms import (
    ProposalForm,
    SignatureCheckForm,
    UpwardResultForm,
)
from ..models import UpwardItem, UpwardProposal
from ..services import ProcedureError
from .decisions import _proposal_pdf_bytes, _sign_page, _signature_context, _signed_copy
from .procedure_base import _require

# --- Upward proposals ----------------------------------------------------------------------------


@login_required
def proposal_list(request):
    _require(request.user, "awards.view_decisions")
    return render(
        request,
        "awards/proposal/list.html",
        {"proposals": selectors.proposals_list(), "can_manage": request.user.has_perm("awards.manage_proposals")},
    )


@login_required
def proposal_create(request):
    _require(request.user, "awards.manage_proposals")
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.proposal_create(by=request.user, **form.cleaned_data)
        except ProcedureError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("awards:proposal-detail", proposal.pk)
    return render(request, "awards/procedure/form.html", {"form": form, "title": "Tờ trình đề nghị cấp trên khen thưởng"})


@login_required
def proposal_detail(request, pk):
    _require(request.user, "awards.view_decisions")

    proposal = get_object_or_404(UpwardProposal.objects.select_related("issuing_body", "signer"), pk=pk)
    return render(
        request,
        "awards/proposal/detail.html",
        {
            "proposal": proposal,
            "items": selectors.proposal_items(proposal),
            "can_manage": request.user.has_perm("awards.manage_proposals"),
            **_signature_context(request.user, proposal),
            "result_form": UpwardResultForm(),
        },
    )


@login_required
@require_POST
def proposal_result(request, pk):
    _require(request.user, "awards.manage_proposals")
    item = get_object_or_404(
        UpwardItem.objects.select_related("proposal", "nomination", "nomination__award_kind", "nomination__unit"), pk=pk
    )
    form = UpwardResultForm(request.POST)
    if form.is_valid():
        services.proposal_record_result(item=item, by=request.user, **form.cleaned_data)
        messages.success(request, "Đã ghi nhận kết quả.")
    else:
        messages.error(request, "Kết quả không hợp lệ.")
    return redirect("awards:proposal-detail", item.proposal_id)


@login_required
def proposal_pdf(request, pk):
    _require(request.user, "awards.view_decisions")

    proposal = get_object_or_404(UpwardProposal, pk=pk)
    data = _signed_copy(proposal)
    return pdf_response(data if data is not None else _proposal_pdf_bytes(proposal), download_name("Tờ trình", proposal.number, ext="pdf"))


@login_required
def proposal_sign(request, pk):
    _require(request.user, "awards.view_decisions")
    proposal = get_object_or_404(UpwardProposal.objects.select_related("issuing_body", "signer"), pk=pk)
    return _sign_page(request, proposal, pdf_bytes=_proposal_pdf_bytes, back=reverse("awards:proposal-detail", args=[pk]))


@login_required
def signature_check(request):
    """Any signed-in user uploads a PDF and reads whether its signatures hold (awards.pades)."""
    form = SignatureCheckForm(request.POST or None, request.FILES or None)
    checks = None
    if request.method == "POST" and form.is_valid():
        checks = pades.validate_signed_pdf(form.cleaned_data["file"].read())
    return render(request, "awards/signature/check.html", {"form": form, "checks": checks})


@login_required
def proposal_docx(request, pk):
    _require(request.user, "awards.view_decisions")

    proposal = get_object_or_404(UpwardProposal, pk=pk)
    return download_response(
        documents.proposal_docx(proposal), download_name("Tờ trình", proposal.number, ext="docx"), content_type=documents.DOCX_TYPE
    )


@login_required
def proposal_dossier(request, pk):
    _require(request.user, "awards.view_decisions")

    proposal = get_object_or_404(UpwardProposal.objects.select_related("issuing_body", "signer"), pk=pk)
    return download_response(
        documents.proposal_dossier_zip(proposal),
        download_name("Hồ sơ tờ trình", proposal.number, ext="zip"),
        content_type="application/zip",
    )
