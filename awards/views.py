from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from dosonthidua.downloads import download_name
from dosonthidua.identity import identity_on
from dosonthidua.pdf import pdf_response, render_pdf
from dosonthidua.spreadsheets import template_response
from dosonthidua.uploads import file_download_response
from dosonthidua.views import paginate, querystring_without_page, spreadsheet_import
from units.exports import Export, export_builder, export_response
from units.selectors import people_visible_to, units_visible_to

from . import documents, importers, selectors, services
from . import rules as award_rules
from .enums import NominationState
from .forms import (
    EXPORT_COLUMNS,
    AttachmentForm,
    BulkForm,
    ImportUploadForm,
    NominationFilterForm,
    NominationForm,
    SubmissionForm,
    TransitionForm,
)


def _require(user, perm, obj=None):
    if not user.has_perm(perm, obj):
        raise PermissionDenied


# --- Catalogue ----------------------------------------------------------------------------------


@login_required
def kind_list(request):
    show_all = request.GET.get("all") == "1"
    kinds = list(selectors.catalogue(show_all=show_all))
    requirements = selectors.dossier_requirements([k.code for k in kinds])
    for k in kinds:
        k.dossier = requirements.get(k.code, [])
    return render(
        request,
        "awards/kind/list.html",
        {
            "kinds": kinds,
            "show_all": show_all,
            "can_manage": request.user.has_perm("awards.manage_catalogue"),
        },
    )


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
    nomination = selectors.nomination_detail(user=request.user, pk=pk)
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
    context = {
        "n": nomination,
        "actions": actions,
        "transitions": selectors.nomination_transitions(nomination),
        "attachments": nomination.attachments.select_related("uploaded_by"),
        "can_change": request.user.has_perm("awards.change_nomination", nomination),
        "attachment_form": AttachmentForm(),
        "overdue": selectors.is_overdue(nomination),
        "failed": [c for c in nomination.checks if not c.get("ok")],
        "passed": [c for c in nomination.checks if c.get("ok")],
        "procedure": selectors.nomination_procedure(nomination, staff=request.user.has_perm("awards.view_council")),
        "track": selectors.track_for(nomination),
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


# --- Import ---------------------------------------------------------------------------------------

IMPORT_KINDS = {
    "nominations": {
        "perm": "awards.add_nomination",
        "headers": importers.NOMINATION_HEADERS,
        "required": importers.NOMINATION_REQUIRED,
        "title": "Nhập danh sách đề nghị khen thưởng từ Excel",
        "template_rows": importers.nomination_template_rows,
        "allowed": importers.nomination_allowed_values,
        "filename": "mau-de-nghi-khen-thuong.xlsx",
        "validate": importers.validate_nominations,
        "write": services.nominations_import,
        "on_existing": True,
        "done": "awards:nomination-list",
    },
    "records": {
        "perm": "awards.import_records",
        "headers": importers.RECORD_HEADERS,
        "required": importers.RECORD_REQUIRED,
        "title": "Nhập khen thưởng các năm trước từ Excel",
        "template_rows": importers.record_template_rows,
        "allowed": importers.record_allowed_values,
        "filename": "mau-khen-thuong-da-nhan.xlsx",
        "validate": importers.validate_records,
        "write": services.records_import,
        "on_existing": True,
        "done": "awards:nomination-list",
    },
}


def _import_spec(request, kind):
    spec = IMPORT_KINDS.get(kind)
    if spec is None:
        raise Http404
    _require(request.user, spec["perm"])
    return spec


@login_required
def import_template(request, kind):
    spec = _import_spec(request, kind)
    allowed = spec["allowed"]() if spec.get("allowed") else None
    return template_response(spec["filename"], "Mẫu", spec["headers"], spec["template_rows"](), allowed=allowed)


@login_required
def import_view(request, kind):
    spec = _import_spec(request, kind)
    return spreadsheet_import(
        request,
        spec=spec,
        url_name="awards:import",
        kind=kind,
        template="awards/import.html",
        form_class=ImportUploadForm,
        session_key=f"awards-import-{kind}",
    )


# --- Award history ---------------------------------------------------------------------------------


@login_required
def person_awards(request, pk):
    _require(request.user, "awards.view_award_history")
    person = get_object_or_404(people_visible_to(request.user), pk=pk)
    context = {
        "subject_name": person.full_name,
        "subject_unit": person.unit,
        "person": person,
        "records": selectors.records_of(person=person),
        "nominations": selectors.nominations_visible_to(request.user).filter(nominee_person=person).order_by("-year", "-id"),
    }
    return render(request, "awards/history.html", context)


@login_required
def unit_awards(request, pk):
    _require(request.user, "awards.view_award_history")
    unit = get_object_or_404(units_visible_to(request.user), pk=pk)
    context = {
        "subject_name": unit.name,
        "unit": unit,
        "predecessors": unit.predecessors.all(),
        "records": selectors.records_of(unit=unit),
        "nominations": selectors.nominations_visible_to(request.user).filter(nominee_unit=unit).order_by("-year", "-id"),
    }
    return render(request, "awards/history.html", context)
