"""Pages of the stage review report (báo cáo tổng kết giai đoạn): the list, a review with its figures
computed from the records, its form, and the document as PDF and DOCX."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render

from dosonthidua.downloads import download_response
from dosonthidua.pdf import pdf_response
from dosonthidua.views import paginate

from . import review as stage
from . import services
from .formatters import _cell_text
from .forms import StageReviewForm
from .models import StageReview

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _require(user, perm, obj=None):
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def _review(request, pk, perm="reports.view_reviews"):
    _require(request.user, perm)
    return get_object_or_404(StageReview.objects.select_related("conference", "created_by"), pk=pk)


@login_required
def review_list(request):
    _require(request.user, "reports.view_reviews")
    qs = StageReview.objects.select_related("conference").order_by("-date", "-id")
    context = {"page": paginate(request, qs), "can_manage": request.user.has_perm("reports.manage_reviews")}
    return render(request, "reports/review/list.html", context)


@login_required
def review_detail(request, pk):
    review = _review(request, pk)
    figures = stage.stage_figures(review.period)
    document = stage.review_document(review, figures)
    context = {
        "review": review,
        "figures": figures,
        "summary": document.sections[0].paragraphs[0],
        "tables": [
            {
                "title": t.title,
                "headers": t.headers,
                "rows": [[_cell_text(v) for v in row] for row in t.rows],
                "total": [_cell_text(v) for v in t.total or []],
            }
            for t in document.sections[0].tables
        ],
        "written": document.sections[1:],
        "can_manage": request.user.has_perm("reports.manage_reviews"),
    }
    return render(request, "reports/review/detail.html", context)


@login_required
def review_edit(request, pk=None):
    _require(request.user, "reports.manage_reviews")
    review = _review(request, pk, "reports.manage_reviews") if pk else None
    initial = {}
    if review is None:
        initial = {"period": "2021-2025", "title": "Tổng kết phong trào thi đua, công tác khen thưởng giai đoạn 2021–2025"}
        conference_id = request.GET.get("conference", "")
        if conference_id.isdigit():
            initial["conference"] = int(conference_id)
    form = StageReviewForm(request.POST or None, instance=review, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            saved = services.stage_review_save(review=form.instance, by=request.user)
            messages.success(request, "Đã lưu báo cáo tổng kết.")
            return redirect("reports:review-detail", pk=saved.pk)
        messages.error(request, "Chưa lưu được: hãy sửa các ô được đánh dấu bên dưới.")
    return render(request, "reports/review/form.html", {"form": form, "review": review})


@login_required
def review_pdf(request, pk):
    review = _review(request, pk)
    return pdf_response(stage.review_pdf(review), f"bao-cao-tong-ket-{review.period}.pdf")


@login_required
def review_docx(request, pk):
    review = _review(request, pk)
    return download_response(stage.review_docx(review), f"bao-cao-tong-ket-{review.period}.docx", content_type=DOCX_TYPE)
