from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from rules.contrib.views import permission_required

from dosonthidua.spreadsheets import template_response, xlsx_response
from dosonthidua.views import paginate, querystring_without_page, spreadsheet_import

from . import importers, selectors, services
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
    return render(request, "units/unit_tree.html", {"tree": selectors.unit_tree(user=request.user)})


@login_required
def unit_list(request):
    if not _can_list(request.user):
        raise PermissionDenied
    form = UnitFilterForm(request.GET or None)
    params = form.cleaned_data if form.is_valid() else {}
    qs = selectors.unit_list(user=request.user, q=params.get("q", ""), kind=params.get("kind", ""), active=params.get("active", ""))
    if request.GET.get("export") == "xlsx":
        _require(request.user, "units.export")
        rows = [[u.short_code, u.name, u.get_kind_display(), u.parent.name if u.parent else "", u.people_count, u.active] for u in qs]
        return xlsx_response("don-vi.xlsx", "Đơn vị", ["Mã đơn vị", "Tên đơn vị", "Loại", "Cấp trên", "Số cán bộ", "Đang hoạt động"], rows)
    return render(request, "units/unit_list.html", {"form": form, "page": paginate(request, qs), "qs": querystring_without_page(request)})


@login_required
def unit_detail(request, pk):
    unit = get_object_or_404(selectors.units_visible_to(request.user), pk=pk)
    people = paginate(request, selectors.person_list(user=request.user, unit=unit, active="1"))
    context = {
        "unit": unit,
        "children": unit.children.order_by("display_order", "name"),
        "successors": unit.successors.all(),
        "predecessors": unit.predecessors.all(),
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


@login_required
def person_list(request):
    if not _can_list(request.user):
        raise PermissionDenied
    form = PersonFilterForm(request.GET or None, user=request.user)
    params = form.cleaned_data if form.is_valid() else {"active": "1"}
    qs = selectors.person_list(
        user=request.user,
        q=params.get("q", ""),
        unit=params.get("unit"),
        direct_worker=params.get("direct_worker", ""),
        gender=params.get("gender", ""),
        active=params.get("active", "1"),
    )
    if request.GET.get("export") == "xlsx":
        _require(request.user, "units.export")
        rows = [
            [
                p.full_name,
                p.get_gender_display(),
                p.birth_year or "",
                p.position,
                p.unit.short_code,
                p.unit.name,
                p.is_direct_worker,
                p.active,
            ]
            for p in qs
        ]
        headers = ["Họ và tên", "Giới tính", "Năm sinh", "Chức vụ", "Mã đơn vị", "Đơn vị", "Lao động trực tiếp", "Đang công tác"]
        return xlsx_response("can-bo.xlsx", "Cán bộ", headers, rows)
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
        "history": selectors.history_entries(person.history.all()) if request.user.has_perm("units.view_history") else None,
    }
    return render(request, "units/person_detail.html", context)


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
        "required": ["Họ và tên", "Giới tính", "Mã đơn vị"],
        "title": "Nhập danh sách cán bộ từ Excel",
        "template_rows": importers.people_template_rows,
        "filename": "mau-nhap-can-bo.xlsx",
        "validate": lambda rows, user: importers.validate_people(rows, user=user),
        "write": services.people_import,
        "done": "units:person-list",
    },
    "units": {
        "perm": "units.manage_units",
        "headers": importers.UNIT_HEADERS,
        "required": ["Mã đơn vị", "Tên đơn vị", "Loại đơn vị"],
        "title": "Nhập danh sách đơn vị từ Excel",
        "template_rows": importers.units_template_rows,
        "filename": "mau-nhap-don-vi.xlsx",
        "validate": lambda rows, user: importers.validate_units(rows),
        "write": services.units_import,
        "done": "units:unit-list",
    },
}


@login_required
def import_template(request, kind):
    spec = IMPORT_KINDS.get(kind)
    if spec is None:
        raise PermissionDenied
    _require(request.user, spec["perm"])
    return template_response(spec["filename"], "Mẫu", spec["headers"], spec["template_rows"]())


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
