from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from dosonthidua.identity import identity_on
from dosonthidua.uploads import file_download_response
from dosonthidua.views import paginate, querystring_without_page
from units.exports import Export, export_builder, export_response

from .. import rules as award_rules
from .. import selectors, services
from ..enums import NominationState
from ..forms import (
    EXPORT_COLUMNS,
    AttachmentForm,
    BulkForm,
    NominationFilterForm,
    NominationForm,
    TransitionForm,
)
from .base import _require

# --- Nominations ---------------------------------------------------------------------------------


def _filtered(request):
    return _filtered_for(request.user, request.GET)


def _filtered_for(user, data):
    form = NominationFilterForm(data or None, user=user)
    params = form.cleaned_data if form.is_valid() else {}
    qs, base = selectors.nomination_list(
        user=user,
        q=params.get("q", ""),
        campaign=params.get("campaign"),
        year=params.get("year"),
        unit=params.get("unit"),
        award_code=params.get("award_code", ""),
        state=params.get("state", ""),
        direct_worker=params.get("direct_worker", ""),
        work=params.get("work", ""),
    )
    return form, qs, base


def _export_row(n, columns):
    values = {
        "nominee": n.nominee_name,
        "unit": n.unit.name,
        "kind": n.award_kind.name,
        "period": n.period_label,
        "basis": n.get_basis_display(),
        "campaign": n.campaign.name if n.campaign else "",
        "direct": n.is_direct_worker,
        "state": n.get_state_display(),
        "recommendation": n.get_review_recommendation_display() if n.review_recommendation else "",
        "council": n.get_council_result_display() if n.council_result else "",
        "submitted": n.submitted_at,
        "summary": n.achievement_summary,
    }
    return [values[c] for c in columns]


@export_builder
def nomination_export(user, data):
    _require(user, "awards.list_nominations")
    _form, qs, _base = _filtered_for(user, data)
    labels = dict(EXPORT_COLUMNS)
    columns = [c for c in data.getlist("col") if c in labels] or [c for c, _ in EXPORT_COLUMNS[:8]]
    return Export("de-nghi-khen-thuong.xlsx", "Đề nghị", [labels[c] for c in columns], qs, row=lambda n: _export_row(n, columns))


@login_required
def nomination_list(request):
    _require(request.user, "awards.list_nominations")
    if request.GET.get("export") == "xlsx":
        return export_response(request, nomination_export)
    form, qs, base = _filtered(request)
    counts = selectors.state_counts(base)
    state = form.cleaned_data.get("state", "") if form.is_bound and form.is_valid() else ""
    total = sum(n for value, _, n in counts if value == state or not state)  # the list's total from the tabs
    page = paginate(request, qs, count=total)
    is_reviewer = award_rules.is_reviewer(request.user)
    context = {
        "form": form,
        "page": page,
        "qs": querystring_without_page(request),
        "counts": counts,
        "current_state": request.GET.get("state", ""),
        "can_add": request.user.has_perm("awards.add_nomination"),
        "bulk": is_reviewer,
        "export_columns": EXPORT_COLUMNS,
        "default_columns": [c for c, _ in EXPORT_COLUMNS[:8]],
        "overdue_ids": selectors.overdue_ids(page.object_list),
    }
    marks = selectors.handover_marks(page.object_list)
    for n in page.object_list:  # the page's rows, read once (overdue_ids above)
        n.origin = marks.get(n.pk)
    return render(request, "awards/nomination/list.html", context)


@login_required
def nomination_edit(request, pk=None):
    if pk:
        nomination = selectors.nomination_detail(user=request.user, pk=pk)
        _require(request.user, "awards.change_nomination", nomination)
    else:
        nomination = None
        _require(request.user, "awards.add_nomination")
    form = NominationForm(request.POST or None, request.FILES or None, instance=nomination, user=request.user)
    if request.method == "POST" and form.is_valid():
        attachments = []
        if form.cleaned_data.get("attachment"):
            attachments.append((form.cleaned_data["attachment_kind"] or "achievement_report", form.cleaned_data["attachment"]))
        try:
            saved = services.nomination_save(nomination=form.save(commit=False), by=request.user, attachments=attachments)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            failures = saved.hard_failures
            if failures:
                messages.warning(request, f"Đã lưu dự thảo; còn {len(failures)} điều kiện chưa đạt, xem bên dưới trước khi gửi.")
            else:
                messages.success(request, "Đã lưu đề nghị khen thưởng.")
            return redirect("awards:nomination-detail", pk=saved.pk)
    if request.method == "POST" and request.FILES:
        messages.info(request, "Vì lý do an toàn, trình duyệt không giữ lại tệp đã chọn: hãy chọn lại tệp trước khi lưu.")
    return render(request, "awards/nomination/form.html", {"form": form, "nomination": nomination})


@login_required
def nomination_detail(request, pk):
    nomination = selectors.nomination_page(user=request.user, pk=pk)
    moves = award_rules.allowed_moves(request.user, nomination, manual=True)
    office = identity_on().office
    actions = [
        {
            "to": m,
            "label": award_rules.MOVE_LABELS.get((nomination.state, m), award_rules.ACTION_LABELS[m]).format(office=office),
            "needs_comment": (nomination.state, m) in award_rules.COMMENT_REQUIRED,
            "danger": m in (NominationState.RETURNED, NominationState.WITHDRAWN, NominationState.NOT_APPROVED),
        }
        for m in moves
    ]
    tracks = selectors.procedure_tracks()
    track = selectors.track_for(nomination, tracks)
    context = {
        "n": nomination,
        "state_label": nomination.state_label_on(track),
        "actions": actions,
        "transitions": selectors.nomination_transitions(nomination),
        "attachments": nomination.attachments.all(),  # prefetched with their uploaders (selectors.nomination_page)
        "can_change": request.user.has_perm("awards.change_nomination", nomination),
        "attachment_form": AttachmentForm(),
        "overdue": selectors.is_overdue(nomination),
        "failed": [c for c in nomination.checks if not c.get("ok")],
        "passed": [c for c in nomination.checks if c.get("ok")],
        "procedure": selectors.nomination_procedure(nomination, staff=request.user.has_perm("awards.view_council"), tracks=tracks),
        "track": track,
        "origin": selectors.handover_marks([nomination]).get(nomination.pk),
        "left_over": award_rules.left_by_former_body(nomination),
    }
    return render(request, "awards/nomination/detail.html", context)


@login_required
@require_POST
def nomination_recheck(request, pk):
    nomination = selectors.nomination_detail(user=request.user, pk=pk)
    services.nomination_check(nomination=nomination)
    messages.info(request, "Đã kiểm tra lại các điều kiện.")
    return redirect("awards:nomination-detail", pk=pk)


@login_required
@require_POST
def nomination_transition(request, pk):
    nomination = selectors.nomination_detail(user=request.user, pk=pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Thao tác không hợp lệ.")
        return redirect("awards:nomination-detail", pk=pk)
    to_state = form.cleaned_data["to_state"]
    if (nomination.state, to_state) in award_rules.PROCEDURE_MOVES:
        messages.error(request, "Thao tác này thực hiện qua phiên họp Hội đồng, quyết định khen thưởng hoặc tờ trình cấp trên.")
        return redirect("awards:nomination-detail", pk=pk)
    try:
        services.nomination_transition(
            nomination=nomination,
            to_state=to_state,
            by=request.user,
            comment=form.cleaned_data["comment"],
            expected_state=form.cleaned_data["expected_state"],
        )
    except services.TransitionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Đã chuyển đề nghị sang trạng thái “{NominationState(to_state).label}”.")
    return redirect("awards:nomination-detail", pk=pk)


@login_required
@require_POST
def nomination_bulk(request):
    _require(request.user, "awards.review_nomination")
    ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()]
    form = BulkForm(request.POST, ids=ids)
    back = reverse("awards:nomination-list") + ("?" + request.POST.get("back", "") if request.POST.get("back") else "")
    if not form.is_valid() or not ids:
        messages.error(request, "Hãy chọn ít nhất một đề nghị và một thao tác.")
        return redirect(back)
    nominations = list(selectors.nominations_visible_to(request.user).filter(pk__in=form.cleaned_data["ids"]))
    done, errors = services.nominations_bulk_transition(
        nominations=nominations, to_state=form.cleaned_data["action"], by=request.user, comment=form.cleaned_data["comment"]
    )
    if done:
        messages.success(request, f"Đã xử lý {len(done)} đề nghị.")
    for nomination, message in errors:
        messages.error(request, f"{nomination.nominee_name}: {message}")
    return redirect(back)


@login_required
@require_POST
def attachment_add(request, pk):
    nomination = selectors.nomination_detail(user=request.user, pk=pk)
    _require(request.user, "awards.change_nomination", nomination)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        services.attachment_add(nomination=nomination, kind=form.cleaned_data["kind"], uploaded=form.cleaned_data["file"], by=request.user)
        services.nomination_check(nomination=nomination)
        messages.success(request, "Đã tải tài liệu lên.")
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("awards:nomination-detail", pk=pk)


@login_required
def attachment_download(request, pk, attachment_pk):
    nomination = selectors.nomination_detail(user=request.user, pk=pk)
    attachment = get_object_or_404(nomination.attachments, pk=attachment_pk)
    return file_download_response(attachment.file, attachment.original_name)
