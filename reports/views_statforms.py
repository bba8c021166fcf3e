"""Pages of the sector's statistical forms (reports.statforms): choose the statistical year and the
issuing body, preview a form with a link behind every figure, download it as PDF or XLSX, and list
the records that make a figure. For the advisory office, leadership and administrators (the same
rule as every report); a unit officer gets 403, a body that was not the portal's identity during the
chosen year 404."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout, Submit
from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from awards.models import IssuingBody
from awards.selectors import issuing_body_on
from dosonthidua.downloads import download_name, download_response
from dosonthidua.pdf import pdf_response
from dosonthidua.spreadsheets import XLSX_CONTENT_TYPE
from dosonthidua.views import paginate, querystring_without_page
from units.rules import is_administrator

from .statforms import compute, version_for_year
from .statforms import render as statrender

FIRST_YEAR = 2000


def _require(user):
    if not user.has_perm("reports.view_statforms"):
        raise PermissionDenied


def _last_year():
    return timezone.localdate().year + 1


class StatFormsFilter(forms.Form):
    year = forms.TypedChoiceField(label="Năm thống kê", coerce=int)
    body = forms.ModelChoiceField(
        label="Cơ quan báo cáo",
        queryset=IssuingBody.objects.order_by("-valid_from", "id"),
        required=False,
        empty_label="Cả năm thống kê (cơ quan có hiệu lực cuối năm đứng tên)",
        error_messages={"invalid_choice": "Cơ quan không có trong danh sách."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = range(_last_year(), FIRST_YEAR - 1, -1)
        self.fields["year"].choices = [(y, str(y)) for y in years]
        self.fields["year"].error_messages["invalid_choice"] = "Năm thống kê không hợp lệ."
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_class = "row g-2 align-items-end mb-3"
        self.helper.layout = Layout(
            Div("year", css_class="col-sm-3"),
            Div("body", css_class="col-sm-6"),
            Div(Submit("show", "Xem", css_class="btn-primary"), css_class="col-sm-3 mb-3"),
        )


def _year(value):
    try:
        year = int(value)
    except (TypeError, ValueError):
        return None
    return year if FIRST_YEAR <= year <= _last_year() else None


def _selection(request):
    """(version, context) of ?year=&body=: a chosen body's records of the year, cut to its validity
    dates; no body, the whole year with the body in force on its last day as reporter. Defaults to
    this year; 404 for a year out of range, an unknown body or a body outside the year."""
    raw_year = request.GET.get("year")
    year = _year(raw_year) if raw_year else timezone.localdate().year
    if year is None:
        raise Http404
    version = version_for_year(year)
    raw_body = request.GET.get("body")
    if not raw_body:
        return version, compute.context_for(year, version=version, reporter=issuing_body_on(version.period(year)[1]))
    try:
        body = IssuingBody.objects.get(pk=int(raw_body))
    except (ValueError, IssuingBody.DoesNotExist) as exc:
        raise Http404 from exc
    try:
        return version, compute.context_for(year, body, version=version)
    except compute.OutOfScope as exc:
        raise Http404 from exc


def _params(ctx):
    params = f"year={ctx.year}"
    return f"{params}&body={ctx.body.pk}" if ctx.body is not None else params


def _form_or_404(version, code):
    form = version.form(code)
    if form is None:
        raise Http404
    return form


@login_required
def statforms(request):
    _require(request.user)
    filter_form = StatFormsFilter(request.GET or None, initial={"year": timezone.localdate().year})
    if filter_form.is_bound and not filter_form.is_valid():
        return render(request, "reports/statforms/index.html", {"filter_form": filter_form, "version": None}, status=400)
    version, ctx = _selection(request)
    return render(
        request,
        "reports/statforms/index.html",
        {
            "filter_form": filter_form,
            "version": version,
            "ctx": ctx,
            "params": _params(ctx),
            "show_notes": is_administrator(request.user),
        },
    )


def _cells_with_links(grid, params):
    rows = []
    for row, cells in grid.rows:
        rows.append({"row": row, "cells": [(c, f"?{params}&row={row.key}&col={c.column}") for c in cells]})
    return rows


@login_required
def statform(request, code):
    _require(request.user)
    version, ctx = _selection(request)
    form = _form_or_404(version, code)
    grid = compute.compute(form, ctx)
    params = _params(ctx)
    return render(
        request,
        "reports/statforms/form.html",
        {
            "version": version,
            "form": grid.form,
            "ctx": ctx,
            "params": params,
            "rows": _cells_with_links(grid, params),
            "layout": statrender.layout(version, grid, ctx),
            "show_notes": is_administrator(request.user),
        },
    )


@login_required
def statform_download(request, code, fmt):
    _require(request.user)
    if fmt not in ("pdf", "xlsx"):
        raise Http404
    version, ctx = _selection(request)
    form = _form_or_404(version, code)
    grid = compute.compute(form, ctx)
    name = download_name("bieu", form.code, str(ctx.year), ext=fmt)
    if fmt == "pdf":
        return pdf_response(statrender.to_pdf(version, grid, ctx), name)
    return download_response(statrender.to_xlsx(version, grid, ctx), name, content_type=XLSX_CONTENT_TYPE)


@login_required
def statform_cell(request, code):
    """The records behind one figure (?row=&col=; the form's total by default), a page at a time."""
    _require(request.user)
    version, ctx = _selection(request)
    form = compute.form_for(_form_or_404(version, code), ctx)
    row_key = request.GET.get("row") or form.rows[0].key
    column_key = request.GET.get("col") or form.columns[0].key
    found = compute.drilldown(form, row_key, column_key, ctx)
    if found is None:
        raise Http404
    source, qs = found
    page = paginate(request, qs)
    row, column = form.row(row_key), form.column(column_key)
    return render(
        request,
        "reports/statforms/cell.html",
        {
            "version": version,
            "form": form,
            "ctx": ctx,
            "params": _params(ctx),
            "row": row,
            "column": column,
            "source": source,
            "page": page,
            "lines": [source.list_row(obj) for obj in page.object_list],
            "qs": querystring_without_page(request),
        },
    )
