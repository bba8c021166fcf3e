import datetime as dt
from urllib.parse import urlencode

import rules
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from awards.enums import NominationState
from awards.models import AwardKind
from campaigns.models import Campaign
from dosonthidua.cache import figures_generation
from dosonthidua.uploads import file_download_response
from dosonthidua.views import paginate, querystring_without_page
from units.models import Unit

from . import selectors, services
from .enums import ReportKind, ReportStatus
from .forms import DashboardFilterForm, ReportRequestForm
from .models import ReportRun

UNIT_TABLE_PAGE = 50


def _require(user, perm):
    if not user.has_perm(perm):
        raise PermissionDenied


def _url(name, params, fallback=None):
    """URL of ``name`` (another app's list when it exists, else our own drill-down) with filters."""
    try:
        base = reverse(name)
    except NoReverseMatch:
        if fallback is None:
            return ""
        base = reverse(fallback)
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return f"{base}?{query}" if query else base


def _scope_params(year, campaign, period=None):
    if period is not None:
        return {"start": period.start.isoformat(), "end": period.end.isoformat(), "campaign": campaign.pk if campaign else ""}
    return {"year": year or "", "campaign": campaign.pk if campaign else ""}


def _nomination_url(params):
    # Our own list, through the same selector as the figure (reports.selectors.nominations): the
    # awards app's list filters by the nomination's year, the figures by the period it was sent in.
    return _url("reports:nomination-list", params)


def _campaign_url(name, campaign, query=""):
    try:
        url = reverse(name, args=[campaign.pk])
    except NoReverseMatch:
        return ""
    return f"{url}?{query}" if query else url


@login_required
def dashboard(request):
    _require(request.user, "reports.view_reports")
    form = DashboardFilterForm(request.GET or None)
    year, campaign, period = form.scope_values()
    if not form.is_bound:
        form = DashboardFilterForm(initial={"year": year})
    # The portal's own rule (reports/rules.py), asked of django-rules alone: through user.has_perm a
    # refusal falls through to Django's model permissions, two more queries on every page view.
    can_refresh = rules.has_perm("reports.retry_report", request.user)
    refresh = request.GET.get("refresh") == "1" and can_refresh
    figures = dashboard_figures(year, campaign, period=period, refresh=refresh)
    # The per-unit table (a row per active unit: 1,033 at city scale) is shown a page at a time.
    unit_page = paginate(request, figures["units"], per_page=UNIT_TABLE_PAGE)
    context = {
        **figures,
        "unit_page": unit_page,
        "unit_qs": querystring_without_page(request),
        "form": form,
        "can_refresh": can_refresh,
        "fresh_minutes": settings.DASHBOARD_CACHE_SECONDS // 60,
    }
    return render(request, "reports/dashboard.html", context)


def _dashboard_key(year, campaign, period=None):
    scope = period.code if period is not None else year
    return f"{selectors.FIGURES_KEY_PREFIX}{figures_generation()}:dashboard:{scope}:{campaign.pk if campaign else 0}"


def dashboard_figures(year, campaign=None, *, period=None, refresh=False):
    """The dashboard's figures from the cache (kept DASHBOARD_CACHE_SECONDS, warmed by beat), or
    computed and cached when missing or when ``refresh`` is asked."""
    key = _dashboard_key(year, campaign, period)
    figures = None if refresh else cache.get(key)
    if figures is None:
        figures = _dashboard_figures(year, campaign, period)
        cache.set(key, figures, settings.DASHBOARD_CACHE_SECONDS)
    return figures


def _dashboard_figures(year, campaign, period=None):
    """Every figure of the dashboard for one scope (a year, or a report period such as a quarter):
    aggregated in the database (a fixed number of queries whatever the data size)."""
    with selectors.shared_lookups():
        return _compute_dashboard_figures(year, campaign, period)


def _compute_dashboard_figures(year, campaign, period=None):
    if period is not None:  # the same dates as a report of that period (reports.periods)
        scope = selectors.Scope(start=period.start, end=period.end, campaign=campaign)
    else:
        scope = selectors.Scope(year=year, campaign=campaign)
    base = _scope_params(year, campaign, period)
    award_list = reverse("reports:award-list")

    campaigns = selectors.campaign_progress(scope)
    for row in campaigns:
        c = row["campaign"]
        row["registered_url"] = _url("campaigns:registration-list", {"campaign": c.pk})
        row["matrix_url"] = _campaign_url("campaigns:registration-matrix", c)
        row["unregistered_url"] = _campaign_url("campaigns:registration-matrix", c, "status=not_started")
        row["reports_url"] = _campaign_url("campaigns:report-overview", c)
    states = selectors.nominations_by_state(scope)
    for s in states:
        s["url"] = _nomination_url({**base, "state": s["state"]})
    nomination_kinds = selectors.nominations_by_kind(scope)
    for k in nomination_kinds:
        k["url"] = _nomination_url({**base, "award_code": k["award_kind__code"]})
    totals = selectors.award_totals(scope)
    award_kinds = selectors.awards_by_kind(scope)
    for k in award_kinds:
        k["url"] = f"{award_list}?{urlencode({**base, 'award_code': k['award_code']})}"
    units = selectors.unit_rows(scope)
    # A link per unit (a thousand at city scale): the query string of the scope is built once and
    # the unit appended, the same URLs as urlencode({**base, "unit": pk}) without a reverse() and an
    # urlencode() per row.
    awards_prefix = f"{award_list}?{urlencode(base)}&unit="
    # Our own list: the awards app's unit filter takes the whole subtree, this figure one unit.
    nominations_base = _url("reports:nomination-list", base)
    nominations_prefix = f"{nominations_base}{'&' if '?' in nominations_base else '?'}unit="
    for u in units:
        u["awards_url"] = f"{awards_prefix}{u['unit'].pk}"
        u["nominations_url"] = f"{nominations_prefix}{u['unit'].pk}"
    overdue = selectors.overdue_count(scope)  # read with the counts by state and kind
    top_units = sorted((u for u in units if u["awards"]), key=lambda u: -u["awards"])[:15]
    charts = {
        "states": {
            "label": "Số đề nghị",
            "labels": [s["label"] for s in states if s["total"]],
            "values": [s["total"] for s in states if s["total"]],
            "urls": [s["url"] for s in states if s["total"]],
        },
        "award_kinds": {
            "label": "Số khen thưởng",
            "labels": [k["award_name"] for k in award_kinds],
            "values": [k["total"] for k in award_kinds],
            "urls": [k["url"] for k in award_kinds],
        },
        "units": {
            "label": "Số khen thưởng",
            "labels": [u["unit"].name for u in top_units],
            "values": [u["awards"] for u in top_units],
            "urls": [u["awards_url"] for u in top_units],
        },
    }
    return {
        "year": year,
        "period": period,
        "campaign": campaign,
        "campaigns": campaigns,
        "targets": selectors.target_progress(scope),
        "states": states,
        "nomination_kinds": nomination_kinds,
        "totals": totals,
        "award_kinds": award_kinds,
        "units": units,
        "overdue": overdue,
        "overdue_url": _url("reports:nomination-list", {**base, "overdue": "1"}),
        "direct_url": f"{award_list}?{urlencode({**base, 'direct_worker': '1'})}",
        "women_url": f"{award_list}?{urlencode({**base, 'women': '1'})}",
        "direct_unknown_url": f"{award_list}?{urlencode({**base, 'direct_worker': 'unknown'})}",
        "gender_unknown_url": f"{award_list}?{urlencode({**base, 'gender': 'unknown'})}",
        "all_awards_url": f"{award_list}?{urlencode(base)}",
        "charts": charts,
        "computed_at": timezone.now(),
    }


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _date(value):
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def _drilldown_scope(request):
    campaign = Campaign.objects.filter(pk=_int(request.GET.get("campaign"))).first() if request.GET.get("campaign") else None
    return selectors.Scope(
        year=_int(request.GET.get("year")), campaign=campaign, start=_date(request.GET.get("start")), end=_date(request.GET.get("end"))
    )


@login_required
def award_list(request):
    """The awards decided behind a dashboard figure (filtered by year, campaign, unit, kind)."""
    _require(request.user, "reports.view_reports")
    scope = _drilldown_scope(request)
    unit = Unit.objects.filter(pk=_int(request.GET.get("unit"))).first() if request.GET.get("unit") else None
    code = request.GET.get("award_code", "")
    qs = selectors.award_records(scope, unit_id=unit.pk if unit else None, award_code=code)
    # The same conditions as the figures' counts (selectors._award_counts), unknown included.
    if request.GET.get("direct_worker") == "1":
        qs = qs.filter(person__is_direct_worker=True)
    elif request.GET.get("direct_worker") == "unknown":
        qs = qs.filter(person__isnull=False, person__is_direct_worker__isnull=True)
    if request.GET.get("women") == "1":
        qs = qs.filter(person__gender="female")
    if request.GET.get("gender") == "unknown":
        qs = qs.filter(person__isnull=False, person__gender="")
    qs = qs.select_related("person", "unit").order_by("-decision_date", "recipient_name", "id")
    kind_name = AwardKind.objects.filter(code=code).values_list("name", flat=True).first() if code else ""
    page = paginate(request, qs)
    return render(
        request,
        "reports/award_list.html",
        {"page": page, "qs": querystring_without_page(request), "scope": scope, "unit": unit, "kind_name": kind_name},
    )


@login_required
def nomination_list(request):
    """The nominations behind a dashboard figure (by state, kind, unit; or overdue)."""
    _require(request.user, "reports.view_reports")
    scope = _drilldown_scope(request)
    state = request.GET.get("state", "")
    if state and state not in NominationState.values:
        state = ""
    unit_id = _int(request.GET.get("unit"))
    if request.GET.get("overdue") == "1":
        qs = selectors.overdue_nominations(scope)
    else:
        qs = selectors.nominations(scope, state=state, award_code=request.GET.get("award_code", ""), unit_id=unit_id)
    if request.GET.get("overdue") == "1" and unit_id:
        qs = qs.filter(unit_id=unit_id)
    qs = qs.select_related("award_kind", "unit").order_by("-submitted_at", "-id")
    page = paginate(request, qs)
    return render(
        request,
        "reports/nomination_list.html",
        {
            "page": page,
            "qs": querystring_without_page(request),
            "scope": scope,
            "state_label": NominationState(state).label if state else "",
            "overdue": request.GET.get("overdue") == "1",
        },
    )


@login_required
def archive(request):
    _require(request.user, "reports.view_reports")
    qs = selectors.report_archive()
    kind = request.GET.get("kind", "")
    if kind in ReportKind.values:
        qs = qs.filter(kind=kind)
    status = request.GET.get("status", "")
    if status in ReportStatus.values:
        qs = qs.filter(status=status)
    page = paginate(request, qs)
    return render(
        request,
        "reports/archive.html",
        {
            "page": page,
            "qs": querystring_without_page(request),
            "kinds": ReportKind.choices,
            "statuses": ReportStatus.choices,
            "kind": kind,
            "status": status,
        },
    )


@login_required
def report_request(request):
    _require(request.user, "reports.request_report")
    form = ReportRequestForm(request.POST or None, initial={"period": str(timezone.localdate().year)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        run = services.report_request(kind=data["kind"], by=request.user, period=data["period"], campaign=data.get("campaign"))
        messages.success(request, "Đã gửi yêu cầu lập báo cáo; trang này tự cập nhật tiến độ.")
        return redirect("reports:run-detail", pk=run.pk)
    return render(request, "reports/request.html", {"form": form})


def _run_context(user, run):
    # django-rules alone (see dashboard): a refusal must not fall through to model permissions.
    return {"run": run, "can_cancel": run.is_cancellable and rules.has_perm("reports.cancel_report", user, run)}


@login_required
def run_detail(request, pk):
    _require(request.user, "reports.view_reports")
    run = get_object_or_404(selectors.report_archive(), pk=pk)
    return render(request, "reports/run_detail.html", _run_context(request.user, run))


@login_required
def run_status(request, pk):
    """The progress fragment the detail page polls with htmx until the run is finished."""
    _require(request.user, "reports.view_reports")
    run = get_object_or_404(selectors.report_archive(), pk=pk)
    return render(request, "reports/partials/run_status.html", _run_context(request.user, run))


@login_required
@require_POST
def run_cancel(request, pk):
    """Stop a report being built (services.report_cancel): its starter, a reviewer or an admin."""
    _require(request.user, "reports.view_reports")
    run = get_object_or_404(ReportRun, pk=pk)
    if not rules.has_perm("reports.cancel_report", request.user, run):
        raise PermissionDenied
    if services.report_cancel(run=run):
        messages.success(request, "Đã hủy việc lập báo cáo.")
    else:
        messages.info(request, "Báo cáo đã xong hoặc đã dừng trước đó; không có gì để hủy.")
    return redirect("reports:run-detail", pk=run.pk)


@login_required
@require_POST
def run_retry(request, pk):
    _require(request.user, "reports.retry_report")
    run = get_object_or_404(ReportRun, pk=pk)
    if services.report_retry(run=run):
        messages.success(request, "Đã gửi lại yêu cầu lập báo cáo.")
    return redirect("reports:run-detail", pk=run.pk)


@login_required
def run_download(request, pk, fmt):
    _require(request.user, "reports.view_reports")
    run = get_object_or_404(ReportRun, pk=pk)
    field = {"pdf": run.pdf, "xlsx": run.xlsx}.get(fmt)
    if not field:
        raise Http404
    return file_download_response(field, run.file_name(fmt), inline=fmt == "pdf")
