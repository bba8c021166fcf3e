"""Tra cứu khen thưởng: the lookup page (awards/lookup.py), its Excel export with chosen columns and
its print layout."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from dosonthidua.views import paginate_capped, querystring_without_page
from units.exports import Export, export_builder, export_response

from ..lookup import LookupForm, chosen_columns, columns_for, lookup_nominations, lookup_records, nomination_cells, record_cells


def _search(user, data):
    form = LookupForm(data or None, user=user)
    params = form.cleaned_data if form.is_valid() else {}
    source = params.get("source") or "records"
    if source == "nominations":
        return form, source, lookup_nominations(user=user, params=params), nomination_cells
    return form, source, lookup_records(user=user, params=params), record_cells


@export_builder
def lookup_export(user, data):
    if not user.has_perm("awards.lookup_awards"):
        raise PermissionDenied
    _form, source, qs, cells = _search(user, data)
    labels = dict(columns_for(source))
    columns = chosen_columns(source, data.getlist("col"))
    title = "Khen thưởng" if source == "records" else "Đề nghị"
    return Export(
        "tra-cuu-khen-thuong.xlsx" if source == "records" else "tra-cuu-de-nghi.xlsx",
        title,
        [labels[c] for c in columns],
        qs,
        row=lambda obj: [cells(obj)[c] for c in columns],
    )


@login_required
def lookup(request):
    if not request.user.has_perm("awards.lookup_awards"):
        raise PermissionDenied
    if request.GET.get("export") == "xlsx":
        return export_response(request, lookup_export)
    form, source, qs, cells = _search(request.user, request.GET)
    page = paginate_capped(request, qs)
    columns = chosen_columns(source, request.GET.getlist("col"))
    labels = dict(columns_for(source))
    rows = [(obj, [cells(obj)[c] for c in columns]) for obj in page.object_list]
    context = {
        "form": form,
        "source": source,
        "page": page,
        "rows": rows,
        "headers": [labels[c] for c in columns],
        "all_columns": columns_for(source),
        "columns": columns,
        "qs": querystring_without_page(request),
        "searched": form.is_bound,
    }
    return render(request, "awards/lookup/search.html", context)


# --- Candidates the portal already knows (awards/candidates.py) ---------------------------------


@login_required
def candidate_list(request):
    from django.contrib import messages
    from django.shortcuts import redirect

    from ..candidates import COUNTING_RULE, candidates_for, candidates_to_nominations, default_year

    if not request.user.has_perm("awards.list_nominations"):
        raise PermissionDenied
    raw = request.POST.get("year") or request.GET.get("year") or ""
    year = int(raw) if raw.isdigit() and 2000 <= int(raw) <= default_year() + 1 else default_year()
    can_create = request.user.has_perm("awards.add_nomination")
    if request.method == "POST":
        if not can_create:
            raise PermissionDenied
        keys = request.POST.getlist("candidate")
        if not keys:
            messages.error(request, "Hãy chọn ít nhất một người hoặc tập thể để lập đề nghị.")
        else:
            created, refused = candidates_to_nominations(user=request.user, year=year, keys=keys)
            if created:
                messages.success(request, f"Đã lập {len(created)} đề nghị dự thảo; hãy bổ sung thành tích và hồ sơ rồi gửi đi.")
            for name, reason in refused:
                messages.error(request, f"Không lập được đề nghị cho {name}: {reason}")
        return redirect(f"{request.path}?year={year}")
    candidates = candidates_for(user=request.user, year=year)
    groups = {}  # one section per kind and basis (merit prerequisites, seniority, dedication)
    for candidate in candidates:
        group = groups.setdefault((candidate.kind.pk, candidate.basis), {"kind": candidate.kind, "candidates": []})
        group["seniority"] = candidate.rule is not None
        group["basis_label"] = candidate.basis_label
        group["id"] = f"kind-{candidate.kind.pk}-{candidate.basis}"
        group["candidates"].append(candidate)
    context = {
        "year": year,
        "groups": list(groups.values()),
        "total": len(candidates),
        "can_create": can_create,
        "counting_rule": COUNTING_RULE,
    }
    return render(request, "awards/candidates/list.html", context)
