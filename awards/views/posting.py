from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from dosonthidua.identity import identity_on

from .. import selectors, services
from ..forms import (
    AnswerForm,
    NoticeForm,
    ObjectionForm,
)
from ..models import Objection, PublicNotice
from ..services import ProcedureError
from .procedure_base import _client_ip, _require

# --- Public posting ------------------------------------------------------------------------------


@login_required
def notice_list(request):
    _require(request.user, "awards.view_council")
    return render(
        request,
        "awards/notice/list.html",
        {"notices": selectors.notices_list(), "can_manage": request.user.has_perm("awards.manage_posting")},
    )


@login_required
def notice_create(request):
    _require(request.user, "awards.manage_posting")
    form = NoticeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            notice = services.notice_publish(
                title=data["title"],
                nominations=data["nominations"],
                start_date=data["start_date"],
                working_days=data["working_days"],
                backdate_reason=data["backdate_reason"],
                by=request.user,
            )
        except ProcedureError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Đã công khai danh sách đến hết ngày {notice.end_date:%d/%m/%Y}.")
            return redirect("awards:notice-detail", notice.pk)
    return render(request, "awards/procedure/form.html", {"form": form, "title": "Công khai danh sách đề nghị khen thưởng"})


@login_required
def notice_detail(request, pk):
    _require(request.user, "awards.view_council")
    notice = get_object_or_404(PublicNotice, pk=pk)
    return render(
        request,
        "awards/notice/detail.html",
        {
            "notice": notice,
            "nominations": selectors.notice_nominations(notice),
            "objections": notice.objections.select_related("nomination", "answered_by"),
            "can_manage": request.user.has_perm("awards.manage_posting"),
            "answer_form": AnswerForm(),
        },
    )


@login_required
@require_POST
def objection_answer(request, pk):
    _require(request.user, "awards.manage_posting")
    objection = get_object_or_404(Objection, pk=pk)
    form = AnswerForm(request.POST)
    try:
        services.objection_answer(objection=objection, answer=form.data.get("answer", ""), by=request.user)
        messages.success(request, "Đã trả lời ý kiến.")
    except ProcedureError as exc:
        messages.error(request, str(exc))
    return redirect("awards:notice-detail", objection.notice_id)


def public_notices(request):
    return render(request, "awards/public/list.html", {"notices": selectors.notices_open()})


def public_notice(request, pk):
    notice = get_object_or_404(selectors.notices_open(), pk=pk)
    form = ObjectionForm(request.POST or None, notice=notice)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.objection_submit(
                notice=notice,
                nomination=data["nomination"],
                name=data["name"],
                contact=data["contact"],
                content=data["content"],
                ip_address=_client_ip(request),
                honeypot=data["website"],
            )
        except ProcedureError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Cảm ơn ông/bà đã góp ý. {identity_on().office} sẽ xem xét và trả lời.")
            return redirect("awards:public-notice", notice.pk)
    return render(
        request,
        "awards/public/detail.html",
        {
            "notice": notice,
            "nominations": selectors.notice_nominations(notice),
            "answered": notice.objections.filter(answered_at__isnull=False),
            "form": form,
        },
    )
