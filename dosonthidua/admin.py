"""What every admin page of the portal's models shares."""

from collections import Counter

from django.contrib.admin.utils import quote
from django.core.exceptions import FieldDoesNotExist
from django.db import models, router
from django.db.models.deletion import Collector
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.text import capfirst


class RelatedInListMixin:
    """The changelist reads the objects its columns name through a foreign key in its own query.
    Django's default follows only non-null foreign keys (select_related() without names), so a
    nullable one such as Unit.parent costs one query per row. The unfiltered total is not counted a
    second time ("x of y" after a search), which costs a full-table COUNT per page at city scale."""

    show_full_result_count = False

    def get_list_select_related(self, request):
        declared = super().get_list_select_related(request)
        if declared is True:
            return True
        names = list(declared or [])
        for name in self.get_list_display(request):
            if not isinstance(name, str):
                continue
            try:
                field = self.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if (field.many_to_one or field.one_to_one) and name not in names:
                names.append(name)
        return names or declared


class _DeletionCollector(Collector):
    """Django's collector of what deleting objects takes with it (what the deletion itself runs),
    noting what protects rows from it at every level instead of stopping there, as the admin's
    NestedObjects does, but without the parent of each row (a join per relation) nor its tree."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.protected = set()

    def collect(self, objs, *args, **kwargs):
        try:
            return super().collect(objs, *args, **kwargs)
        except models.ProtectedError as error:
            self.protected.update(error.protected_objects)
        except models.RestrictedError as error:
            self.protected.update(error.restricted_objects)

    def can_fast_delete(self, *args, **kwargs):
        return False  # every row is read (its key only, when nothing listens to its deletion) and counted


def _counts(instances):
    by_model = Counter(type(obj) for obj in instances)
    return [f"{capfirst(model._meta.verbose_name_plural)}: {n}" for model, n in by_model.items()]


def deletion_summary(objs, request, admin_site):
    """What ModelAdmin.get_deleted_objects returns (the objects, the count per kind, the kinds the
    user may not delete, what protects them), with the rows the deletion takes or is blocked by
    counted per kind rather than named one by one: a name is the row's __str__, which often reads a
    foreign key (a nomination's award kind, a registration's unit), a query per row, and the
    thousands of records an official made are no page to read anyway. The selected objects are
    named, with a link to each."""
    roots = list(objs)
    if not roots:
        return [], {}, set(), []
    collector = _DeletionCollector(using=router.db_for_write(roots[0]._meta.model), origin=objs)
    collector.collect(roots)
    perms_needed = set()
    for model, instances in collector.data.items():
        if admin_site.is_registered(model):
            model_admin = admin_site.get_model_admin(model)
            if not all(model_admin.has_delete_permission(request, obj) for obj in instances):
                perms_needed.add(model._meta.verbose_name)
    model_count = {model._meta.verbose_name_plural: len(instances) for model, instances in collector.data.items()}
    selected = set(roots)
    taken = _counts(obj for instances in collector.data.values() for obj in instances if obj not in selected)
    to_delete = [_named(obj, admin_site) for obj in roots]
    if taken:
        to_delete += [taken] if len(roots) == 1 else ["Cùng các dữ liệu liên quan:", taken]
    return to_delete, model_count, perms_needed, _counts(collector.protected)


def _named(obj, admin_site):
    opts = obj._meta
    try:
        url = reverse(f"{admin_site.name}:{opts.app_label}_{opts.model_name}_change", args=[quote(obj.pk)])
    except NoReverseMatch:
        return f"{capfirst(opts.verbose_name)}: {obj}"
    return format_html('{}: <a href="{}">{}</a>', capfirst(opts.verbose_name), url, obj)


class DeletionSummaryMixin:
    """The delete confirmation (of one object and of the "delete selected" action) counts per kind
    what the deletion takes with it or is blocked by (deletion_summary): its cost is a query per
    relation the deletion follows, whatever the number of rows. When rows protect the object and it
    has an "active" switch, the page says to turn that off instead (the records keep naming it)."""

    def get_deleted_objects(self, objs, request):
        return deletion_summary(objs, request, self.admin_site)

    def render_delete_form(self, request, context):
        obj = context.get("object")
        field = self._active_field()
        if context.get("protected") and obj is not None and field is not None:
            context["deactivate"] = {"label": capfirst(field.verbose_name), "active": getattr(obj, field.name)}
        return super().render_delete_form(request, context)

    def _active_field(self):
        for name in ("is_active", "active"):
            try:
                field = self.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if isinstance(field, models.BooleanField):
                return field
        return None
