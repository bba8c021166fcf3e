from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from rules.contrib.views import permission_required

from dosonthidua.spreadsheets import template_response
from dosonthidua.views import paginate, querystring_without_page, spreadsheet_import

from . import importers, selectors, services
from .exports import Export, export_builder, export_response
from .forms import ImportUploadForm, PersonFilterForm, PersonForm, UnitFilterForm, UnitForm
from .rules import is_unit_officer, reads_everything


def _require(user, perm, obj=None):
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def _can_list(user):
    return reads_everything(user) or is_unit_officer(user)


@login_required
def unit_tree(request):
    if not _can_list(request.user):
        raise PermissionDenied
    nodes, more = selectors.unit_tree_level(user=request.user)
    for node in nodes:  # the top units open one level; deeper levels load on demand
        if node["children"]:
            node["open"], node["more"] = selectors.unit_tree_level(user=request.user, parent=node["unit"])
    return render(request, "units/unit_tree.html", {"tree": nodes, "more": more})


@login_required
def unit_tree_children(request, pk):
    """The children of one unit in the tree (htmx), TREE_PAGE at a time (?offset=N)."""
    if not _can_list(request.user):
        raise PermissionDenied
    parent = get_object_or_404(selectors.units_visible_to(request.user), pk=pk)
    try:
        offset = max(int(request.GET.get("offset", 0)), 0)
    except ValueError:
        offset = 0
    nodes, more = selectors.unit_tree_level(user=request.user, parent=parent, offset=offset)
    return render(request, "units/_tree_children.html", {"nodes": nodes, "more": more, "parent": parent, "offset": offset})


def _unit_filtered(user, data):
    form = UnitFilterForm(data or None)
    params = form.cleaned_data if form.is_valid() else {}
    qs = selectors.unit_list(user=user, q=params.get("q", ""), kind=params.get("kind", ""), active=params.get("active", ""))
    return form, qs


@export_builder
def unit_export(user, data):
    _require(user, "units.export")
    _form, qs = _unit_filtered(user, data)
    headers = ["Mã đơn vị", "Tên đơn vị", "Loại", "Cấp trên", "Số cán bộ", "Đang hoạt động"]
    return Export(
        "don-vi.xlsx",
        "Đơn vị",
        headers,
        qs,
        row=lambda u: [u.short_code, u.name, u.get_kind_display(), u.parent.name if u.parent else "", u.people_count, u.active],
    )


@login_required
def unit_list(request):
    if not _can_list(request.user):
        raise PermissionDenied
    if request.GET.get("export") == "xlsx":
        return export_response(request, unit_export)
    form, qs = _unit_filtered(request.user, request.GET)
    return render(request, "units/unit_list.html", {"form": form, "page": paginate(request, qs), "qs": querystring_without_page(request)})


@login_required
def unit_detail(request, pk):
    unit = get_object_or_404(selectors.units_visible_to(request.user), pk=pk)
    people = paginate(request, selectors.person_list(user=request.user, unit=unit, active="1"))
    children, successors, predecessors = unit.children.order_by("display_order", "name"), unit.successors.all(), unit.predecessors.all()
    related = {unit.parent_id, *(u.pk for u in [*children, *successors, *predecessors])} - {None}
    context = {
        "unit": unit,
        "children": children,
        "successors": successors,
        "predecessors": predecessors,
        # Related units this user may open: the others are named without a link (an officer's
        # parent unit would answer 404).
        "openable": set(selectors.units_visible_to(request.user).filter(pk__in=related).values_list("pk", flat=True)),
        "people": people,
        "can_manage": request.user.has_perm("units.manage_units"),
        "history": selectors.history_entries(unit.history.all()) if request.user.has_perm("units.view_history") else None,
    }
    return render(request, "units/unit_detail.html", context)


@login_required
@permission_required("units.manage_units", raise_exception=True)
def unit_edit(request, pk=None):
    unit = get_object_or_404(selectors.units_visible_to(request.user), pk=pk) if pk else None
    form = UnitForm(request.POST or None, instance=unit)
    if request.method == "POST" and form.is_valid():
        saved = services.unit_save(unit=form.save(commit=False), successors=form.cleaned_data.get("successors"), by=request.user)
        messages.success(request, f"Đã lưu đơn vị “{saved.name}”.")
        return redirect("units:unit-detail", pk=saved.pk)
    return render(request, "units/unit_form.html", {"form": form, "unit": unit})


def _person_filtered(user, data):
    form = PersonFilterForm(data or None, user=user)
    params = form.cleaned_data if form.is_valid() else {"active": "1"}
    qs = selectors.person_list(
        user=user,
        q=params.get("q", ""),
        unit=params.get("unit"),
        direct_worker=params.get("direct_worker", ""),
        gender=params.get("gender", ""),
        active=params.get("active", "1"),
    )
    return form, qs


def _person_row(p):
    return [
        p.full_name,
        p.get_gender_display(),
        p.birth_year or "",
        p.position,
        p.unit.short_code,
        p.unit.name,
        p.is_direct_worker,
        p.active,
    ]


@export_builder
def person_export(user, data):
    _require(user, "units.export")
    _form, qs = _person_filtered(user, data)
    headers = ["Họ và tên", "Giới tính", "Năm sinh", "Chức vụ", "Mã đơn vị", "Đơn vị", "Lao động trực tiếp", "Đang công tác"]
    return Export("can-bo.xlsx", "Cán bộ", headers, qs, row=_person_row)


@login_required
def person_list(request):
    if not _can_list(request.user):
        raise PermissionDenied
    if request.GET.get("export") == "xlsx":
        return export_response(request, person_export)
    form, qs = _person_filtered(request.user, request.GET)
    context = {
        "form": form,
        "page": paginate(request, qs),
        "qs": querystring_without_page(request),
        "can_add": request.user.has_perm("units.add_person"),
    }
    return render(request, "units/person_list.html", context)


@login_required
def person_detail(request, pk):
    person = get_object_or_404(selectors.people_visible_to(request.user), pk=pk)
    context = {
        "person": person,
        "can_change": request.user.has_perm("units.change_person", person),
        "can_merge": request.user.has_perm("units.merge_person"),
        "can_transfer": request.user.has_perm("units.transfer_person"),
        "memberships": person.memberships.select_related("unit"),
        "service_periods": person.service_periods.select_related("unit"),
        "merges": person.merges.all(),
        "history": selectors.history_entries(person.history.all()) if request.user.has_perm("units.view_history") else None,
    }
    return render(request, "units/person_detail.html", context)


@login_required
def person_merge(request, pk):
    """A reviewer merges a duplicate record of the same person (same name, birth year and a unit or a
    predecessor or successor of it) into this one, keeping every award, nomination and membership."""
    _require(request.user, "units.merge_person")
    person = get_object_or_404(selectors.people_visible_to(request.user).select_related("unit"), pk=pk)
    candidates = list(services.duplicate_candidates(person))
    if request.method == "POST":
        duplicate = next((c for c in candidates if str(c.pk) == request.POST.get("duplicate")), None)
        if duplicate is None:
            messages.error(request, "Hãy chọn một hồ sơ trùng trong danh sách.")
        else:
            try:
                merge = services.persons_merge(keep=person, duplicate=duplicate, by=request.user)
            except services.MergeError as exc:
                messages.error(request, str(exc))
            else:
                moved = ", ".join(f"{count} {name}" for name, count in merge.moved.items()) or "không có bản ghi nào"
                messages.success(request, f"Đã gộp hồ sơ #{merge.removed_id} ({merge.removed_unit_name}) vào hồ sơ này; đã chuyển {moved}.")
                return redirect("units:person-detail", pk=person.pk)
    memberships = person.memberships.select_related("unit")
    return render(request, "units/person_merge.html", {"person": person, "candidates": candidates, "memberships": memberships})


@login_required
def person_transfer(request, pk):
    """A reviewer or administrator moves a person to another unit from a date: one record, a new
    dated membership (transfer between units, not a new person)."""
    from .forms import PersonTransferForm

    _require(request.user, "units.transfer_person")
    person = get_object_or_404(selectors.people_visible_to(request.user).select_related("unit"), pk=pk)
    form = PersonTransferForm(request.POST or None, person=person, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.person_transfer(
            person=person, to_unit=data["to_unit"], on=data["on"], by=request.user, reason=data["reason"], position=data["position"] or None
        )
        messages.success(request, f"Đã chuyển {person.full_name} sang {data['to_unit']} từ ngày {data['on']:%d/%m/%Y}.")
        return redirect("units:person-detail", pk=person.pk)
    memberships = person.memberships.select_related("unit")
    return render(request, "units/person_transfer.html", {"person": person, "form": form, "memberships": memberships})


@login_required
def person_service(request, pk):
    """The person's dated service periods (posts and leadership levels held), which the seniority and
    dedication candidates count: listed, added, corrected (?sua=<id>) and deleted here by whoever
    may change the person."""
    from .forms import ServicePeriodForm
    from .models import ServicePeriod

    person = get_object_or_404(selectors.people_visible_to(request.user).select_related("unit"), pk=pk)
    _require(request.user, "units.change_person", person)
    periods = person.service_periods.select_related("unit")
    if request.method == "POST" and request.POST.get("delete"):
        period = get_object_or_404(periods, pk=request.POST["delete"]) if request.POST["delete"].isdigit() else None
        if period is None:
            raise Http404
        services.service_period_delete(period=period, by=request.user)
        messages.success(request, f"Đã xóa giai đoạn “{period.position}”.")
        return redirect("units:person-service", pk=person.pk)
    raw = request.POST.get("period") or request.GET.get("sua") or ""
    editing = get_object_or_404(periods, pk=raw) if raw.isdigit() else None
    form = ServicePeriodForm(request.POST or None, instance=editing or ServicePeriod(person=person), user=request.user)
    if request.method == "POST" and form.is_valid():
        saved = services.service_period_save(period=form.save(commit=False), by=request.user)
        messages.success(request, f"Đã lưu giai đoạn “{saved.position}”.")
        return redirect("units:person-service", pk=person.pk)
    context = {
        "person": person,
        "page": paginate(request, periods),
        "qs": querystring_without_page(request),
        "form": form,
        "editing": editing,
    }
    return render(request, "units/person_service.html", context)


@login_required
def person_edit(request, pk=None):
    if pk:
        person = get_object_or_404(selectors.people_visible_to(request.user), pk=pk)
        _require(request.user, "units.change_person", person)
    else:
        person = None
        _require(request.user, "units.add_person")
    initial = {}
    if person is None and request.user.unit_id:
        initial["unit"] = request.user.unit_id
    form = PersonForm(request.POST or None, instance=person, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = services.person_save(person=form.save(commit=False), by=request.user)
        messages.success(request, f"Đã lưu hồ sơ “{saved.full_name}”.")
        return redirect("units:person-detail", pk=saved.pk)
    return render(request, "units/person_form.html", {"form": form, "person": person})


IMPORT_KINDS = {
    "people": {
        "perm": "units.import_people",
        "headers": importers.PEOPLE_HEADERS,
        "required": ["Họ và tên", "Mã đơn vị"],
        "title": "Nhập danh sách cán bộ từ Excel",
        "template_rows": importers.people_template_rows,
        "allowed": importers.people_allowed_values,
        "filename": "mau-nhap-can-bo.xlsx",
        "validate": lambda rows, user: importers.validate_people(rows, user=user),
        "write": services.people_import,
        "on_existing": True,
        "done": "units:person-list",
    },
    "units": {
        "perm": "units.manage_units",
        "headers": importers.UNIT_HEADERS,
        "required": ["Tên đơn vị", "Loại đơn vị"],
        "title": "Nhập danh sách đơn vị từ Excel",
        "template_rows": importers.units_template_rows,
        "allowed": importers.units_allowed_values,
        "filename": "mau-nhap-don-vi.xlsx",
        "validate": lambda rows, user: importers.validate_units(rows),
        "write": services.units_import,
        "on_existing": True,
        "done": "units:unit-list",
    },
}


@login_required
def import_template(request, kind):
    spec = IMPORT_KINDS.get(kind)
    if spec is None:
        raise PermissionDenied
    _require(request.user, spec["perm"])
    allowed = spec["allowed"]() if spec.get("allowed") else None
    return template_response(spec["filename"], "Mẫu", spec["headers"], spec["template_rows"](), allowed=allowed)


@login_required
def import_view(request, kind):
    spec = IMPORT_KINDS.get(kind)
    if spec is None:
        raise PermissionDenied
    _require(request.user, spec["perm"])
    return spreadsheet_import(
        request,
        spec=spec,
        url_name="units:import",
        kind=kind,
        template="units/import.html",
        form_class=ImportUploadForm,
        session_key=f"import-{kind}",
    )


@login_required
def notification_list(request):
    if request.method == "POST":
        services.notifications_mark_read(user=request.user)
        return redirect("units:notification-list")
    page = paginate(request, selectors.notifications_for(request.user))
    return render(request, "units/notification_list.html", {"page": page})


@login_required
def notification_open(request, pk):
    note = get_object_or_404(selectors.notifications_for(request.user), pk=pk)
    services.notifications_mark_read(user=request.user, ids=[note.pk])
    url = note.url if note.url.startswith("/") and not note.url.startswith("//") else reverse("units:notification-list")
    return redirect(url)


def _own_export(request, pk):
    from .models import ExportJob

    return get_object_or_404(ExportJob.objects.filter(user=request.user), pk=pk)  # another user's job: 404


@login_required
def export_detail(request, pk):
    return render(request, "units/export_detail.html", {"job": _own_export(request, pk)})


@login_required
def export_status(request, pk):
    """The progress fragment the job page polls with htmx until the file is ready."""
    return render(request, "units/partials/export_status.html", {"job": _own_export(request, pk)})


@login_required
def export_download(request, pk):
    from dosonthidua.uploads import file_download_response

    job = _own_export(request, pk)
    if not job.file:
        raise Http404
    return file_download_response(job.file, job.filename)
