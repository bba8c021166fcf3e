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


def _candidate_year(raw):
    """The year considered from the form, or None when it is not one the page offers."""
    from ..candidates import default_year

    raw = (raw or "").strip()
    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= default_year() + 1 else None


def _candidate_sections(found, params):
    """The page's sections, one per award kind and basis (merit prerequisites, seniority,
    dedication), each paginated on its own (?p-<kind>-<basis>=N, every other parameter kept in its
    links), and the Candidate objects of the pages shown, read in one go (materialise)."""
    from django.core.paginator import Paginator

    from dosonthidua.views import PAGE_SIZE

    sections = {}
    for row in found:
        section = sections.get((row.kind.pk, row.basis))
        if section is None:
            section = sections[(row.kind.pk, row.basis)] = {
                "kind": row.kind,
                "basis": row.basis,
                "basis_label": row.rule.get_basis_display() if row.rule else "",
                "seniority": row.rule is not None,
                "id": f"kind-{row.kind.pk}-{row.basis}",
                "param": f"p-{row.kind.pk}-{row.basis}",
                "pager_label": f"Phân trang mục {row.kind.name}" + (f" – {row.rule.get_basis_display().lower()}" if row.rule else ""),
                "rows": [],
            }
        section["rows"].append(row)
    shown = []
    for section in sections.values():
        section["page"] = Paginator(section["rows"], PAGE_SIZE).get_page(params.get(section["param"]))
        others = params.copy()
        others.pop(section["param"], None)
        others.pop("candidate", None)
        others.pop("csrfmiddlewaretoken", None)
        section["qs"] = others.urlencode()
        shown.extend(section["page"].object_list)
    return list(sections.values()), shown


def _page_params(sections):
    """The year and the page of every section shown, to come back to the same pages."""
    from django.http import QueryDict

    params = QueryDict(mutable=True)
    for section in sections:
        if section["page"].number > 1:
            params[section["param"]] = section["page"].number
    return params


@login_required
def candidate_list(request):
    """Người, tập thể đủ điều kiện theo hồ sơ: the year's candidates by section, a page of each
    section at a time; an officer ticks some and turns them into draft nominations in one step.
    A selection that cannot be used as it is (no row ticked, a year that is not one, a row no longer
    a candidate, a refused nomination) comes back ticked, with the reason, instead of being lost."""
    from django.contrib import messages
    from django.http import QueryDict
    from django.shortcuts import redirect

    from units.rules import is_unit_officer

    from ..candidates import COUNTING_RULE, candidates_to_nominations, default_year, find_candidates, materialise
    from ..rules import can_read_nominations

    # The predicates of awards.list_nominations and awards.add_nomination (which Django grants a
    # superuser whatever the rules): a refused has_perm would read the permission tables (two
    # queries) on every page of a reviewer or leader.
    user = request.user
    if not (can_read_nominations(user) or user.is_superuser):
        raise PermissionDenied
    can_create = is_unit_officer(user) or (user.is_active and user.is_superuser)
    params = request.POST if request.method == "POST" else request.GET
    year = _candidate_year(params.get("year"))
    selected = set()
    found = None
    if request.method == "POST":
        if not can_create:
            raise PermissionDenied
        selected = set(request.POST.getlist("candidate"))
        if year is None:
            messages.error(request, "Năm xét không hợp lệ: chọn lại năm rồi lập đề nghị.")
        elif not selected:
            messages.error(request, "Hãy chọn ít nhất một người hoặc tập thể để lập đề nghị.")
        else:
            found = find_candidates(user=request.user, year=year)
            gone = selected - {row.key for row in found}
            created, refused = candidates_to_nominations(user=request.user, year=year, keys=selected, found=found)
            if created:
                messages.success(request, f"Đã lập {len(created)} đề nghị dự thảo; hãy bổ sung thành tích và hồ sơ rồi gửi đi.")
            for name, reason in refused:
                messages.error(request, f"Không lập được đề nghị cho {name}: {reason}")
            if gone:
                messages.warning(
                    request,
                    f"{len(gone)} lựa chọn không còn trong danh sách (đã có đề nghị hoặc đã được khen, hoặc không còn đủ điều kiện) "
                    "nên không lập đề nghị.",
                )
            if not refused and not gone:
                query = QueryDict(mutable=True)
                query["year"] = year
                for name, value in request.POST.items():
                    if name.startswith("p-"):
                        query[name] = value  # back to the pages the officer was on
                return redirect(f"{request.path}?{query.urlencode()}")
            found = None  # read again below: the nominations just made take their candidates off
    year = default_year() if year is None else year
    found = find_candidates(user=request.user, year=year) if found is None else found
    if selected:
        selected &= {row.key for row in found}  # what is still a candidate stays ticked
    sections, shown = _candidate_sections(found, params)
    candidates = {c.key: c for c in materialise(shown, year)}
    for section in sections:
        section["candidates"] = [candidates[row.key] for row in section["page"].object_list if row.key in candidates]
    context = {
        "year": year,
        "sections": sections,
        "total": len(found),
        "can_create": can_create,
        "counting_rule": COUNTING_RULE,
        "selected": selected,
        "page_params": _page_params(sections),
    }
    return render(request, "awards/candidates/list.html", context)
