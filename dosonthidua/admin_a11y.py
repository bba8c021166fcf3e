"""What Django's admin (5.2) renders that fails WCAG 2.1 AA (axe-core) or the Nu HTML checker, put
right once for every admin page of every app (installed from UnitsConfig.ready, like the portal's
date widget). The accessibility crawl (tests/browser/test_accessibility.py) checks the result.

- Tabular inlines and list_editable change lists print a column header, not a label, above each
  input: every widget gets the field's label as its accessible name (aria-label).
- The split date/time widget prints "Ngày:"/"Giờ:" as bare text and its field label points nowhere:
  the two inputs get their own <label> (template admin/widgets/split_datetime_labelled.html).
- An autocomplete select's blank option is empty text, which HTML forbids: it reads "---------"
  like every other select's blank choice.
- A hidden input (a field's "initial" copy) must carry no aria-* attribute, but Django copies the
  visible field's aria-describedby onto it.
The breadcrumb links' underline and the filter_horizontal tooltips' role are in
static/css/admin-a11y.css and static/js/admin-a11y.js (templates/admin/base_site.html)."""

from django.contrib.admin import options
from django.contrib.admin.widgets import AdminSplitDateTime, AutocompleteMixin
from django.forms.boundfield import BoundField

_installed = False


def _naming_formset(formset_class):
    """``formset_class`` whose forms give every visible widget its field's label as accessible name,
    the fields the formset adds itself (the delete box, the order) included."""

    def add_fields(self, form, index):
        super(named, self).add_fields(form, index)
        for field in form.fields.values():
            if field.label and not field.widget.is_hidden:
                field.widget.attrs.setdefault("aria-label", str(field.label))

    named = type(formset_class.__name__, (formset_class,), {"add_fields": add_fields})
    return named


def install():
    global _installed
    if _installed:
        return
    _installed = True

    get_formset = options.InlineModelAdmin.get_formset

    def inline_get_formset(self, request, obj=None, **kwargs):
        return _naming_formset(get_formset(self, request, obj, **kwargs))

    options.InlineModelAdmin.get_formset = inline_get_formset

    get_changelist_formset = options.ModelAdmin.get_changelist_formset

    def changelist_formset(self, request, **kwargs):
        return _naming_formset(get_changelist_formset(self, request, **kwargs))

    options.ModelAdmin.get_changelist_formset = changelist_formset

    AdminSplitDateTime.template_name = "admin/widgets/split_datetime_labelled.html"

    optgroups = AutocompleteMixin.optgroups

    def labelled_optgroups(self, name, value, attr=None):
        groups = optgroups(self, name, value, attr)
        for _group, options_, _index in groups:
            for option in options_:
                if option["value"] == "" and not option["label"]:
                    option["label"] = "---------"
        return groups

    AutocompleteMixin.optgroups = labelled_optgroups

    build_widget_attrs = BoundField.build_widget_attrs

    def widget_attrs(self, attrs, widget=None):
        built = build_widget_attrs(self, attrs, widget)
        if (widget or self.field.widget).is_hidden:
            built.pop("aria-describedby", None)
            built.pop("aria-invalid", None)
        return built

    BoundField.build_widget_attrs = widget_attrs
