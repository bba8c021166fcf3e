from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from dosonthidua.identity import identity_on
from dosonthidua.spreadsheets import xlsx_response
from dosonthidua.uploads import file_download_response
from dosonthidua.views import paginate, querystring_without_page
from units.selectors import people_visible_to

from . import selectors, services
from .enums import WorkflowState
from .forms import (
    CampaignFilterForm,
    CampaignForm,
    ExemplarFilterForm,
    ExemplarForm,
    MatrixFilterForm,
    PhaseFormSet,
    ProgressReportForm,
    PublicationForm,
    RegistrationFilterForm,
    RegistrationForm,
    ReviewForm,
    TargetFormSet,
)
from .models import Exemplar, ExemplarPhoto, ProgressAttachment, ProgressReport, Registration, UnitTargetValue
from .rules import can_publish_exemplars

S = WorkflowState


def _require(user, perm, obj=None):
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def _own_unit(user):
    """The unit an officer registers and reports for."""
    if not user.has_perm("campaigns.register") or user.unit_id is None:
        raise PermissionDenied
    return user.unit


# --- Campaigns ------------------------------------------------------------------------------------


@login_required
def campaign_list(request):
    _require(request.user, "campaigns.view_campaigns")
    form = CampaignFilterForm(request.GET or None)
    params = form.cleaned_data if form.is_valid() else {}
    qs = selectors.campaign_list(user=request.user, q=params.get("q", ""), kind=params.get("kind", ""), status=params.get("status", ""))
    if request.GET.get("export") == "xlsx":
        _require(request.user, "campaigns.export")
        rows = (
            [c.name, c.get_kind_display(), c.launching_body, c.document_number, c.start_date, c.end_date, c.registration_deadline]
            for c in qs.iterator(chunk_size=2000)
        )
        headers = ["Tên phong trào", "Hình thức", "Cơ quan phát động", "Văn bản", "Bắt đầu", "Kết thúc", "Hạn đăng ký"]
        return xlsx_response("phong-trao.xlsx", "Phong trào", headers, rows)
    context = {
        "form": form,
        "page": paginate(request, qs),
        "qs": querystring_without_page(request),
        "can_manage": request.user.has_perm("campaigns.manage_campaign"),
    }
    return render(request, "campaigns/campaign/list.html", context)


@login_required
def campaign_detail(request, pk):
    campaign = get_object_or_404(selectors.campaigns_visible_to(request.user).prefetch_related("movements", "phases", "targets"), pk=pk)
    registration = None
    if request.user.unit_id and request.user.has_perm("campaigns.register"):
        registration = Registration.objects.filter(campaign=campaign, unit_id=request.user.unit_id).first()
    context = {
        "campaign": campaign,
        "registration": registration,
        "periods": campaign.reporting_periods(),
        "can_manage": request.user.has_perm("campaigns.manage_campaign"),
        "can_register": request.user.has_perm("campaigns.register"),
        "can_follow": request.user.has_perm("campaigns.follow"),
    }
    return render(request, "campaigns/campaign/detail.html", context)


@login_required
def campaign_edit(request, pk=None):
    _require(request.user, "campaigns.manage_campaign")
    campaign = get_object_or_404(selectors.campaigns_visible_to(request.user), pk=pk) if pk else None
    form = CampaignForm(request.POST or None, instance=campaign)
    phases = PhaseFormSet(request.POST or None, instance=campaign, prefix="phases")
    targets = TargetFormSet(request.POST or None, instance=campaign, prefix="targets")
    if request.method == "POST":
        if form.is_valid() and phases.is_valid() and targets.is_valid():
            saved = services.campaign_save(form=form, formsets=[phases, targets], by=request.user)
            messages.success(request, f"Đã lưu phong trào “{saved.name}”.")
            return redirect("campaigns:campaign-detail", pk=saved.pk)
        messages.error(request, "Chưa lưu được: hãy sửa các ô được đánh dấu bên dưới.")
    return render(request, "campaigns/campaign/form.html", {"form": form, "phases": phases, "targets": targets, "campaign": campaign})


# --- Registrations --------------------------------------------------------------------------------


@login_required
def registration_edit(request, pk):
    """The officer's registration of their unit for campaign ``pk`` (created on first save)."""
    unit = _own_unit(request.user)
    campaign = get_object_or_404(selectors.campaigns_visible_to(request.user), pk=pk)
    registration = Registration.objects.filter(campaign=campaign, unit=unit).first()
    if registration is not None and not registration.is_editable:
        messages.info(request, f"Đăng ký đã gửi; chỉ sửa được khi {identity_on().office} trả lại.")
        return redirect("campaigns:registration-detail", pk=registration.pk)
    people = people_visible_to(request.user).filter(unit=unit, active=True).order_by("full_name", "id")
    targets = campaign.targets.all()
    # Values the advisory office assigned to this unit (UnitTargetValue) prefill a new registration.
    initial = {f"target_{v.target_id}": v.value for v in UnitTargetValue.objects.filter(target__campaign=campaign, unit=unit)}
    if registration is not None:
        initial = {"collective_award": registration.collective_award_id, "commitment": registration.commitment}
        initial.update({f"person_{e.person_id}": e.award_kind_id for e in registration.entries.all()})
        initial.update({f"target_{t.target_id}": t.value for t in registration.targets.all()})
    form = RegistrationForm(request.POST or None, campaign=campaign, people=people, targets=targets, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            data = services.RegistrationInput(
                collective_award=form.cleaned_data["collective_award"],
                commitment=form.cleaned_data["commitment"],
                entries=form.entries(),
                targets=form.target_values(),
            )
            try:
                registration = services.registration_save(campaign=campaign, unit=unit, data=data, by=request.user)
                if "submit" in request.POST:
                    services.registration_submit(registration=registration, by=request.user)
                    messages.success(request, f"Đã gửi đăng ký thi đua tới {identity_on().office}.")
                else:
                    messages.success(request, "Đã lưu bản nháp đăng ký.")
                return redirect("campaigns:registration-detail", pk=registration.pk)
            except services.WorkflowError as exc:
                form.add_error(None, exc.messages)
        else:
            messages.error(request, "Chưa lưu được: hãy sửa các ô được đánh dấu bên dưới.")
    context = {"form": form, "campaign": campaign, "unit": unit, "registration": registration}
    return render(request, "campaigns/registration/form.html", context)


@login_required
def registration_list(request):
    _require(request.user, "campaigns.view_campaigns")
    campaigns = selectors.campaigns_visible_to(request.user)
    form = RegistrationFilterForm(request.GET or None, campaigns=campaigns)
    params = form.cleaned_data if form.is_valid() else {}
    qs = selectors.registration_list(
        user=request.user, q=params.get("q", ""), campaign=params.get("campaign"), state=params.get("state", "")
    )
    if request.GET.get("export") == "xlsx":
        _require(request.user, "campaigns.export")
        rows = (
            [
                r.campaign.name,
                r.unit.name,
                r.collective_award.name if r.collective_award else "",
                r.entry_count,
                r.get_state_display(),
                r.is_late,
                r.submitted_at.replace(tzinfo=None) if r.submitted_at else "",
            ]
            for r in qs.iterator(chunk_size=2000)
        )
        headers = ["Phong trào", "Đơn vị", "Danh hiệu tập thể", "Số cá nhân đăng ký", "Trạng thái", "Gửi sau hạn", "Gửi lúc"]
        return xlsx_response("dang-ky-thi-dua.xlsx", "Đăng ký", headers, rows)
    return render(
        request, "campaigns/registration/list.html", {"form": form, "page": paginate(request, qs), "qs": querystring_without_page(request)}
    )


def _history(obj):
    return obj.history.select_related("by").all()


@login_required
def registration_detail(request, pk):
    registration = get_object_or_404(selectors.registrations_visible_to(request.user), pk=pk)
    context = {
        "registration": registration,
        "entries": registration.entries.select_related("person", "award_kind"),
        "targets": registration.targets.select_related("target"),
        "history": _history(registration),
        "moves": services.allowed_moves(obj=registration, user=request.user),
        "can_edit": request.user.has_perm("campaigns.change_own", registration),
        "review_form": ReviewForm(),
    }
    return render(request, "campaigns/registration/detail.html", context)


def _do_transition(request, obj, detail_name):
    form = ReviewForm(request.POST)
    to = request.POST.get("to", "")
    if to not in S.values or not form.is_valid():
        raise Http404
    try:
        services.workflow_transition(obj=obj, to=to, by=request.user, comment=form.cleaned_data["comment"])
    except services.WorkflowError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Đã chuyển sang “{S(to).label}”.")
    return redirect(detail_name, pk=obj.pk)


@login_required
@require_POST
def registration_transition(request, pk):
    registration = get_object_or_404(selectors.registrations_visible_to(request.user), pk=pk)
    return _do_transition(request, registration, "campaigns:registration-detail")


@login_required
def registration_matrix(request, pk):
    _require(request.user, "campaigns.follow")
    campaign = get_object_or_404(selectors.campaigns_visible_to(request.user), pk=pk)
    form = MatrixFilterForm(request.GET or None)
    params = form.cleaned_data if form.is_valid() else {}
    rows, summary = selectors.registration_matrix(campaign=campaign, q=params.get("q", ""))
    if params.get("status"):
        rows = [r for r in rows if r["status"] == params["status"]]
    if request.GET.get("export") == "xlsx":
        data = [
            [r["unit"].short_code, r["unit"].name, r["status_label"], bool(r["registration"] and r["registration"].is_late)] for r in rows
        ]
        return xlsx_response("ma-tran-dang-ky.xlsx", "Ma trận", ["Mã đơn vị", "Đơn vị", "Tình trạng", "Gửi sau hạn"], data)
    context = {
        "campaign": campaign,
        "form": form,
        "page": paginate(request, rows, per_page=50),
        "qs": querystring_without_page(request),
        "summary": summary,
        "can_remind": request.user.has_perm("campaigns.review"),
    }
    return render(request, "campaigns/registration/matrix.html", context)


@login_required
@require_POST
def registration_remind(request, pk):
    _require(request.user, "campaigns.review")
    campaign = get_object_or_404(selectors.campaigns_visible_to(request.user), pk=pk)
    count = selectors.units_without_submission(campaign).count()
    if services.registration_reminders_queue(campaign=campaign, by=request.user):
        messages.success(request, f"Đã xếp lịch gửi thư nhắc tới {count} đơn vị chưa gửi đăng ký.")
    else:
        messages.error(request, "Chưa gửi được thư nhắc: hàng đợi xử lý (Redis) đang tạm ngừng. Vui lòng thử lại sau ít phút.")
    return redirect("campaigns:registration-matrix", pk=campaign.pk)


# --- Progress reports -----------------------------------------------------------------------------


@login_required
def report_create(request, pk):
    unit = _own_unit(request.user)
    campaign = get_object_or_404(selectors.campaigns_visible_to(request.user), pk=pk)
    report = ProgressReport(campaign=campaign, unit=unit)
    form = ProgressReportForm(
        request.POST or None, request.FILES or None, instance=report, campaign=campaign, targets=campaign.targets.all()
    )
    if request.method == "GET":
        from django.utils import timezone

        current = campaign.period_for(timezone.localdate())
        if current:
            form.fields["period"].initial = current[0].isoformat()
    return _report_form(request, form, campaign)


@login_required
def report_edit(request, pk):
    report = get_object_or_404(selectors.reports_visible_to(request.user), pk=pk)
    _require(request.user, "campaigns.change_own", report)
    existing = {v.target_id: v.value for v in report.values.all()}
    form = ProgressReportForm(
        request.POST or None,
        request.FILES or None,
        instance=report,
        campaign=report.campaign,
        targets=report.campaign.targets.all(),
        existing_values=existing,
    )
    return _report_form(request, form, report.campaign)


def _report_form(request, form, campaign):
    if request.method == "POST":
        if form.is_valid():
            try:
                report = services.report_save(report=form.instance, values=form.values(), files=form.cleaned_data["files"], by=request.user)
                if "submit" in request.POST:
                    services.report_submit(report=report, by=request.user)
                    messages.success(request, f"Đã gửi báo cáo tiến độ tới {identity_on().office}.")
                else:
                    messages.success(request, "Đã lưu bản nháp báo cáo.")
                return redirect("campaigns:report-detail", pk=report.pk)
            except services.WorkflowError as exc:
                form.add_error(None, exc.messages)
        else:
            messages.error(request, "Chưa lưu được: hãy sửa các ô được đánh dấu bên dưới.")
    return render(request, "campaigns/report/form.html", {"form": form, "campaign": campaign, "report": form.instance})


@login_required
def report_list(request):
    _require(request.user, "campaigns.view_campaigns")
    campaigns = selectors.campaigns_visible_to(request.user)
    form = RegistrationFilterForm(request.GET or None, campaigns=campaigns)
    params = form.cleaned_data if form.is_valid() else {}
    qs = selectors.report_list(user=request.user, q=params.get("q", ""), campaign=params.get("campaign"), state=params.get("state", ""))
    if request.GET.get("export") == "xlsx":
        _require(request.user, "campaigns.export")
        rows = (
            [r.campaign.name, r.unit.name, r.period_start, r.period_end, r.due_date, r.get_state_display(), r.is_late, r.attachment_count]
            for r in qs.iterator(chunk_size=2000)
        )
        headers = ["Phong trào", "Đơn vị", "Kỳ từ", "Kỳ đến", "Hạn nộp", "Trạng thái", "Gửi sau hạn", "Số tệp"]
        return xlsx_response("bao-cao-tien-do.xlsx", "Báo cáo", headers, rows)
    return render(
        request, "campaigns/report/list.html", {"form": form, "page": paginate(request, qs), "qs": querystring_without_page(request)}
    )


@login_required
def report_detail(request, pk):
    report = get_object_or_404(selectors.reports_visible_to(request.user), pk=pk)
    context = {
        "report": report,
        "values": report.values.select_related("target"),
        "attachments": report.attachments.all(),
        "history": _history(report),
        "moves": services.allowed_moves(obj=report, user=request.user),
        "can_edit": request.user.has_perm("campaigns.change_own", report),
        "review_form": ReviewForm(),
    }
    return render(request, "campaigns/report/detail.html", context)


@login_required
@require_POST
def report_transition(request, pk):
    report = get_object_or_404(selectors.reports_visible_to(request.user), pk=pk)
    return _do_transition(request, report, "campaigns:report-detail")


@login_required
def report_attachment(request, pk):
    attachment = get_object_or_404(ProgressAttachment.objects.filter(report__in=selectors.reports_visible_to(request.user)), pk=pk)
    return file_download_response(attachment.file, attachment.original_name)


@login_required
def report_overview(request, pk):
    _require(request.user, "campaigns.follow")
    campaign = get_object_or_404(selectors.campaigns_visible_to(request.user).prefetch_related("targets"), pk=pk)
    periods = campaign.reporting_periods()
    if not periods:
        raise Http404
    from django.utils import timezone

    chosen = request.GET.get("period") or ""
    period = next((p for p in periods if p[0].isoformat() == chosen), None) or campaign.period_for(timezone.localdate()) or periods[-1]
    rows, targets = selectors.report_overview(campaign=campaign, period_start=period[0])
    context = {
        "campaign": campaign,
        "periods": periods,
        "period": period,
        "rows": rows,
        "targets": targets,
        "reported": sum(1 for r in rows if r["report"] and r["report"].state in (S.SUBMITTED, S.ACCEPTED)),
    }
    return render(request, "campaigns/report/overview.html", context)


# --- Exemplars (internal) -------------------------------------------------------------------------


@login_required
def exemplar_list(request):
    _require(request.user, "campaigns.view_campaigns")
    form = ExemplarFilterForm(request.GET or None)
    params = form.cleaned_data if form.is_valid() else {}
    qs = selectors.exemplar_list(user=request.user, q=params.get("q", ""), kind=params.get("kind", ""), state=params.get("state", ""))
    if request.GET.get("export") == "xlsx":
        _require(request.user, "campaigns.export")
        rows = (
            [e.title, e.get_kind_display(), e.unit.name, e.campaign.name, e.get_state_display(), e.summary]
            for e in qs.iterator(chunk_size=2000)
        )
        headers = ["Tên", "Loại", "Đơn vị", "Phong trào", "Trạng thái", "Tóm tắt"]
        return xlsx_response("mo-hinh-dien-hinh.xlsx", "Điển hình", headers, rows)
    context = {
        "form": form,
        "page": paginate(request, qs),
        "qs": querystring_without_page(request),
        "can_propose": request.user.has_perm("campaigns.register"),
        # The predicate, not has_perm: a refusal would make Django's model backend read its tables.
        "can_publish": can_publish_exemplars(request.user),
    }
    return render(request, "campaigns/exemplar/list.html", context)


@login_required
def exemplar_edit(request, pk=None):
    if pk:
        exemplar = get_object_or_404(selectors.exemplars_visible_to(request.user), pk=pk)
        _require(request.user, "campaigns.change_own", exemplar)
    else:
        exemplar = Exemplar(unit=_own_unit(request.user))
    people = people_visible_to(request.user).filter(unit_id=exemplar.unit_id, active=True).order_by("full_name")
    form = ExemplarForm(
        request.POST or None,
        request.FILES or None,
        instance=exemplar,
        campaigns=selectors.campaigns_visible_to(request.user),
        people=people,
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                saved = services.exemplar_save(exemplar=form.instance, photos=form.cleaned_data["photos"], by=request.user)
                if "submit" in request.POST:
                    services.workflow_transition(obj=saved, to=S.SUBMITTED, by=request.user)
                    messages.success(request, f"Đã gửi đề xuất tới {identity_on().office}.")
                else:
                    messages.success(request, "Đã lưu bản nháp đề xuất.")
                return redirect("campaigns:exemplar-detail", pk=saved.pk)
            except services.WorkflowError as exc:
                form.add_error(None, exc.messages)
        else:
            messages.error(request, "Chưa lưu được: hãy sửa các ô được đánh dấu bên dưới.")
    return render(request, "campaigns/exemplar/form.html", {"form": form, "exemplar": exemplar})


@login_required
def exemplar_detail(request, pk):
    exemplar = get_object_or_404(selectors.exemplars_visible_to(request.user), pk=pk)
    context = {
        "exemplar": exemplar,
        "photos": exemplar.photos.all(),
        "history": _history(exemplar),
        "moves": services.allowed_moves(obj=exemplar, user=request.user),
        "can_edit": request.user.has_perm("campaigns.change_own", exemplar),
        "review_form": ReviewForm(),
    }
    return render(request, "campaigns/exemplar/detail.html", context)


@login_required
@require_POST
def exemplar_transition(request, pk):
    exemplar = get_object_or_404(selectors.exemplars_visible_to(request.user), pk=pk)
    return _do_transition(request, exemplar, "campaigns:exemplar-detail")


@login_required
def exemplar_photo(request, pk):
    photo = get_object_or_404(ExemplarPhoto.objects.filter(exemplar__in=selectors.exemplars_visible_to(request.user)), pk=pk)
    return file_download_response(photo.file, photo.original_name, inline=True)


# --- Propaganda of exemplars (the public pages, Phòng Văn hóa và Thông tin) ----------------------


@login_required
def publication_list(request):
    _require(request.user, "campaigns.publish_exemplars")
    form = ExemplarFilterForm(request.GET or None)
    params = form.cleaned_data if form.is_valid() else {}
    qs = selectors.exemplars_for_publication(q=params.get("q", ""), kind=params.get("kind", ""))
    context = {"form": form, "page": paginate(request, qs), "qs": querystring_without_page(request)}
    return render(request, "campaigns/exemplar/publication_list.html", context)


@login_required
def exemplar_publication(request, pk):
    _require(request.user, "campaigns.publish_exemplars")
    exemplar = get_object_or_404(selectors.exemplars_for_publication(), pk=pk)
    _require(request.user, "campaigns.publish_exemplar", exemplar)
    initial = {"public_text": exemplar.public_text, "withdrawn": exemplar.public_withdrawn}
    form = PublicationForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            services.exemplar_publication_save(
                exemplar=exemplar, public_text=form.cleaned_data["public_text"], withdrawn=form.cleaned_data["withdrawn"], by=request.user
            )
            messages.success(request, "Đã tạm ẩn trang công khai." if exemplar.public_withdrawn else "Đã lưu và đăng trang công khai.")
            return redirect("campaigns:publication-list")
        messages.error(request, "Chưa lưu được: hãy sửa các ô được đánh dấu bên dưới.")
    return render(request, "campaigns/exemplar/publication_form.html", {"form": form, "exemplar": exemplar})


# --- Public pages (no sign-in) --------------------------------------------------------------------


def public_exemplar_list(request):
    form = ExemplarFilterForm(request.GET or None)
    params = form.cleaned_data if form.is_valid() else {}
    qs = selectors.published_exemplars(q=params.get("q", ""), kind=params.get("kind", ""))
    context = {"form": form, "page": paginate(request, qs, per_page=12), "qs": querystring_without_page(request)}
    return render(request, "campaigns/public/exemplar_list.html", context)


def public_exemplar_detail(request, pk):
    exemplar = get_object_or_404(selectors.published_exemplars(), pk=pk)
    return render(request, "campaigns/public/exemplar_detail.html", {"exemplar": exemplar, "photos": exemplar.photos.all()})


def public_exemplar_photo(request, pk):
    photo = get_object_or_404(ExemplarPhoto.objects.filter(exemplar__state=S.ACCEPTED, exemplar__public_withdrawn=False), pk=pk)
    return file_download_response(photo.file, photo.original_name, inline=True)
