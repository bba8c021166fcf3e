"""Pages of the reward fund (quỹ thi đua, khen thưởng): the list of fund years, a body's year with its
ledger (the reviewer enters the plan and the lines), and the fund report as PDF and XLSX."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from dosonthidua.documents import vn_number
from dosonthidua.pdf import pdf_response, render_pdf
from dosonthidua.spreadsheets import xlsx_response

from .. import fund
from ..forms import FundEntryForm, FundPlanForm
from ..models import IssuingBody

FIRST_YEAR, LAST_YEAR_AHEAD = 2000, 1


def _require(user, perm):
    if not user.has_perm(perm):
        raise PermissionDenied


def _body_year(pk, year):
    if not FIRST_YEAR <= year <= timezone.localdate().year + LAST_YEAR_AHEAD:
        raise Http404
    return get_object_or_404(IssuingBody, pk=pk)


@login_required
def fund_list(request):
    _require(request.user, "awards.view_fund")
    rows = fund.fund_overview()
    for row in rows:
        t = row["totals"]
        row.update(available=vn_number(t.available), expense=vn_number(t.expense), balance=vn_number(t.balance), negative=t.balance < 0)
    return render(request, "awards/fund/list.html", {"rows": rows})


def _forms(body, year, *, entry_form=None, plan_form=None):
    entry_form = entry_form or FundEntryForm(year=year)
    entry_form.helper.form_action = reverse("awards:fund-entry-add", args=[body.pk, year])
    plan_form = plan_form or FundPlanForm()
    plan_form.helper.form_action = reverse("awards:fund-plan", args=[body.pk, year])
    return entry_form, plan_form


def _detail(request, body, year, *, entry_form=None, plan_form=None, status=200):
    fund_year = fund.fund_year_get(body, year)
    totals = fund.fund_totals(year=year, body=body)
    entries = list(fund.fund_entries(body, year))
    for e in entries:
        e.amount_text = vn_number(e.amount)
    can_manage = request.user.has_perm("awards.manage_fund")
    entry_form, plan_form = _forms(body, year, entry_form=entry_form, plan_form=plan_form)
    return render(
        request,
        "awards/fund/detail.html",
        {
            "body": body,
            "year": year,
            "fund_year": fund_year,
            "rate": fund_year.rate if fund_year and fund_year.rate else fund.fund_rate_for(body, year),
            "planned": vn_number(totals.planned),
            "income": vn_number(totals.income),
            "expense": vn_number(totals.expense),
            "available": vn_number(totals.available),
            "balance": vn_number(totals.balance),
            "negative": totals.balance < 0,
            "entries": entries,
            "can_manage": can_manage,
            "entry_form": entry_form if can_manage else None,
            "plan_form": plan_form if can_manage else None,
        },
        status=status,
    )


@login_required
def fund_detail(request, pk, year):
    _require(request.user, "awards.view_fund")
    return _detail(request, _body_year(pk, year), year)


@login_required
@require_POST
def fund_entry_add(request, pk, year):
    _require(request.user, "awards.manage_fund")
    body = _body_year(pk, year)
    form = FundEntryForm(request.POST, year=year)
    if form.is_valid():
        data = form.cleaned_data
        try:
            fund.fund_entry_add(body=body, year=year, by=request.user, **data)
        except fund.FundError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Đã ghi dòng thu, chi.")
            return redirect("awards:fund-detail", body.pk, year)
    # The page again with what was typed and the messages beside the fields (nothing lost).
    return _detail(request, body, year, entry_form=form, status=400)


@login_required
@require_POST
def fund_plan(request, pk, year):
    _require(request.user, "awards.manage_fund")
    body = _body_year(pk, year)
    form = FundPlanForm(request.POST)
    if form.is_valid():
        try:
            fund.fund_plan_set(body=body, year=year, base_amount=form.cleaned_data["base_amount"], by=request.user)
        except fund.FundError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Đã lập kế hoạch quỹ.")
            return redirect("awards:fund-detail", body.pk, year)
    return _detail(request, body, year, plan_form=form, status=400)


def _filename(body, year, ext):
    return f"quy-thi-dua-khen-thuong-{year}-{body.pk}.{ext}"


@login_required
def fund_pdf(request, pk, year):
    _require(request.user, "awards.view_fund")
    body = _body_year(pk, year)
    context = fund.fund_report_context(body, year, today=timezone.localdate())
    return pdf_response(render_pdf("awards/documents/fund_report.html", context), _filename(body, year, "pdf"))


@login_required
def fund_xlsx(request, pk, year):
    _require(request.user, "awards.view_fund")
    body = _body_year(pk, year)
    totals = fund.fund_totals(year=year, body=body)
    rows = fund.fund_report_rows(body, year)
    rows += [
        ["", None, "Quỹ theo kế hoạch", "", totals.planned, None],
        ["", None, "Tổng thu, chi", "", totals.income, totals.expense],
        ["", None, "Số dư", "", totals.balance, None],
    ]
    return xlsx_response(_filename(body, year, "xlsx"), f"Quỹ TĐKT {year}", fund.REPORT_HEADERS, rows)
