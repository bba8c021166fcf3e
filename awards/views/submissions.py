from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from dosonthidua.downloads import download_name
from dosonthidua.identity import identity_on
from dosonthidua.pdf import pdf_response, render_pdf
from dosonthidua.uploads import file_download_response
from dosonthidua.views import paginate, querystring_without_page

from .. import documents, selectors, services
from .. import rules as award_rules
from ..enums import NominationState
from ..forms import (
    SubmissionForm,
)
from .base import _require

# --- Submissions (tờ trình) ---------------------------------------------------------------------


@login_required
def submission_list(request):
    _require(request.user, "awards.list_nominations")
    page = paginate(request, selectors.submission_list(user=request.user))
    return render(
        request,
        "awards/submission/list.html",
        {"page": page, "qs": querystring_without_page(request), "can_add": request.user.has_perm("awards.add_submission")},
    )


@login_required
def submission_create(request):
    _require(request.user, "awards.add_submission")
    if request.user.unit_id is None:
        raise PermissionDenied
    candidates = selectors.nominations_visible_to(request.user).filter(
        state__in=[NominationState.DRAFT, NominationState.RETURNED], submission__isnull=True
    )
    form = SubmissionForm(request.POST or None, request.FILES or None, nominations=candidates, unit=request.user.unit)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            submission = services.submission_create(
                unit=request.user.unit,
                number=data["number"],
                date=data["date"],
                subject=data["subject"],
                signer_title=data["signer_title"],
                signer_name=data["signer_name"],
                signer_capacity=data["signer_capacity"],
                head_title=data["head_title"],
                nominations=data["nominations"],
                minutes=data.get("minutes"),
                by=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Đã lập tờ trình số {submission.number}.")
            return redirect("awards:submission-detail", pk=submission.pk)
    return render(request, "awards/submission/form.html", {"form": form})


@login_required
def submission_detail(request, pk):
    submission = get_object_or_404(selectors.submissions_visible_to(request.user), pk=pk)
    nominations = submission.nominations.select_related("award_kind", "unit").order_by("award_kind__display_order", "nominee_name")
    can_submit = award_rules.is_unit_officer(request.user) and any(
        n.state in (NominationState.DRAFT, NominationState.RETURNED) for n in nominations
    )
    return render(request, "awards/submission/detail.html", {"s": submission, "nominations": nominations, "can_submit": can_submit})


@login_required
@require_POST
def submission_submit(request, pk):
    submission = get_object_or_404(selectors.submissions_visible_to(request.user), pk=pk)
    _require(request.user, "awards.add_submission")
    try:
        moved = services.submission_submit(submission=submission, by=request.user)
    except services.TransitionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Đã gửi tờ trình cùng {len(moved)} đề nghị tới {identity_on().office}.")
    return redirect("awards:submission-detail", pk=pk)


@login_required
def submission_pdf(request, pk):
    submission = get_object_or_404(selectors.submissions_visible_to(request.user), pk=pk)
    data = render_pdf("awards/documents/submission.html", documents.submission_context(submission))
    return pdf_response(data, download_name("Tờ trình", submission.number, ext="pdf"))


@login_required
def submission_minutes(request, pk):
    submission = get_object_or_404(selectors.submissions_visible_to(request.user), pk=pk)
    if not submission.minutes:
        raise Http404
    return file_download_response(submission.minutes, submission.minutes_name or "bien-ban.pdf")
