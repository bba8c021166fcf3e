"""Pages of the interchange packages: the export buttons (a proposal, a decision answering an
incoming proposal) and the import page (upload, preview, confirm)."""

import uuid

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from dosonthidua.downloads import download_response

from .. import selectors
from ..enums import DecisionState
from . import export
from .import_ import PERMISSION, package_import, package_preview
from .package import MAX_TOTAL_BYTES, PackageError

PENDING_DIR = "interchange/pending"
SESSION_KEY = "interchange_pending"
ZIP = "application/zip"


def _require(user, perm):
    if not user.has_perm(perm):
        raise PermissionDenied


class PackageUploadForm(forms.Form):
    package = forms.FileField(label="Tệp gói liên thông (.zip)", help_text="Gói tờ trình của cấp dưới hoặc gói quyết định của cấp trên.")

    def clean_package(self):
        uploaded = self.cleaned_data["package"]
        if uploaded.size > MAX_TOTAL_BYTES:
            raise forms.ValidationError(f"Tệp quá lớn: gói liên thông tối đa {MAX_TOTAL_BYTES // (1024 * 1024)} MB.")
        return uploaded


@login_required
def proposal_package(request, pk):
    _require(request.user, "awards.view_decisions")
    from ..models import UpwardProposal

    proposal = get_object_or_404(UpwardProposal.objects.select_related("issuing_body", "signer"), pk=pk)
    name, data = export.proposal_package(proposal)
    return download_response(data, name, content_type=ZIP)


@login_required
def decision_package(request, pk, package_pk):
    _require(request.user, "awards.view_decisions")
    from ..models import InterchangePackage

    decision = selectors.decision_detail(pk)
    received = get_object_or_404(InterchangePackage, pk=package_pk, kind="proposal")
    if decision.state != DecisionState.ISSUED or not export.decision_rows(decision, received):
        messages.error(request, "Chỉ xuất gói quyết định khi quyết định đã ban hành và có đề nghị của gói tờ trình này.")
        return redirect("awards:decision-detail", pk)
    name, data = export.decision_package(decision, received)
    return download_response(data, name, content_type=ZIP)


def _pending_name(token):
    return f"{PENDING_DIR}/{uuid.UUID(token).hex}.zip"


def _forget_pending(request):
    token = request.session.pop(SESSION_KEY, None)
    if token:
        default_storage.delete(_pending_name(token))


@login_required
def package_import_page(request):
    """Upload: the package is checked and previewed, and kept aside (never imported) until the
    reviewer confirms; confirm: checked again and imported in one transaction."""
    _require(request.user, PERMISSION)
    form, plan, error = PackageUploadForm(), None, None
    if request.method == "POST" and request.POST.get("action") == "confirm":
        token = request.session.get(SESSION_KEY)
        if not token or token != request.POST.get("token") or not default_storage.exists(_pending_name(token)):
            messages.error(request, "Không còn gói chờ xác nhận: hãy tải gói lên lại.")
            return redirect("awards:interchange-import")
        with default_storage.open(_pending_name(token), "rb") as handle:
            raw = handle.read()
        try:
            received, nominations = package_import(raw=raw, by=request.user)
        except PackageError as exc:
            _forget_pending(request)
            error = str(exc)
        else:
            _forget_pending(request)
            if received.kind == "proposal":
                messages.success(request, f"Đã nhận {len(nominations)} đề nghị của {received.sender_name}.")
                return redirect(reverse("awards:submission-detail", args=[received.submission_id]))
            messages.success(request, f"Đã ghi nhận kết quả của {received.sender_name} cho {len(nominations)} đề nghị.")
            return redirect("awards:proposal-detail", received.proposal_id)
    elif request.method == "POST":
        form = PackageUploadForm(request.POST, request.FILES)
        if form.is_valid():
            raw = form.cleaned_data["package"].read()
            try:
                plan = package_preview(raw=raw, by=request.user)
            except PackageError as exc:
                error = str(exc)
            else:
                _forget_pending(request)
                token = str(uuid.uuid4())
                default_storage.save(_pending_name(token), ContentFile(raw))
                request.session[SESSION_KEY] = token
                return render(request, "awards/interchange/import.html", {"form": form, "plan": plan, "token": token})
    return render(request, "awards/interchange/import.html", {"form": form, "plan": plan, "error": error})
