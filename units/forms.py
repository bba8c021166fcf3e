from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout, Submit
from django import forms

from dosonthidua.text import NFCFormMixin
from dosonthidua.widgets import FastSelect

from .enums import Gender, UnitKind
from .models import Person, Unit
from .selectors import unit_choices_for


class PersonForm(NFCFormMixin, forms.ModelForm):
    class Meta:
        model = Person
        fields = ["full_name", "gender", "birth_year", "position", "unit", "is_direct_worker", "active"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = unit_choices_for(user)
        self.fields["birth_year"].widget.attrs.update({"min": 1900, "max": 2100})
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field("full_name", autofocus=True),
            Div(
                Div("gender", css_class="col-md-4"),
                Div("birth_year", css_class="col-md-4"),
                Div("position", css_class="col-md-4"),
                css_class="row",
            ),
            "unit",
            "is_direct_worker",
            "active",
            Submit("save", "Lưu", css_class="btn-primary"),
        )

    def clean_full_name(self):
        name = " ".join(self.cleaned_data["full_name"].split())
        if len(name) < 2:
            raise forms.ValidationError("Họ và tên quá ngắn.")
        return name


class UnitForm(NFCFormMixin, forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["name", "short_code", "kind", "parent", "display_order", "active", "valid_from", "valid_to", "successors"]
        widgets = {
            "valid_from": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
            "valid_to": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        others = Unit.objects.exclude(pk=self.instance.pk) if self.instance.pk else Unit.objects.all()
        self.fields["parent"].queryset = others
        self.fields["successors"].queryset = others
        self.fields["successors"].required = False
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "name",
            Div(
                Div("short_code", css_class="col-md-4"),
                Div("kind", css_class="col-md-4"),
                Div("display_order", css_class="col-md-4"),
                css_class="row",
            ),
            "parent",
            Div(Div("valid_from", css_class="col-md-6"), Div("valid_to", css_class="col-md-6"), css_class="row"),
            "successors",
            "active",
            Submit("save", "Lưu", css_class="btn-primary"),
        )

    def clean(self):
        cleaned = super().clean()
        parent = cleaned.get("parent")
        if parent and self.instance.pk:
            from .selectors import unit_subtree_ids

            if parent.pk in unit_subtree_ids(self.instance.pk):
                self.add_error("parent", "Không thể chọn đơn vị cấp dưới của chính đơn vị này làm đơn vị cấp trên.")
        return cleaned


class ImportUploadForm(forms.Form):
    file = forms.FileField(label="Tệp Excel (.xlsx)", help_text="Tải tệp mẫu, điền dữ liệu rồi tải lên. Tối đa 5.000 dòng.")


class PersonFilterForm(forms.Form):
    q = forms.CharField(label="Tìm theo tên", required=False)
    unit = forms.ModelChoiceField(
        label="Đơn vị", queryset=Unit.objects.none(), required=False, empty_label="Tất cả đơn vị", widget=FastSelect
    )
    direct_worker = forms.ChoiceField(label="Lao động trực tiếp", required=False, choices=[("", "Tất cả"), ("1", "Có"), ("0", "Không")])
    gender = forms.ChoiceField(label="Giới tính", required=False, choices=[("", "Tất cả"), *Gender.choices])
    active = forms.ChoiceField(label="Trạng thái", required=False, choices=[("1", "Đang công tác"), ("0", "Đã nghỉ"), ("", "Tất cả")])

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = unit_choices_for(user)
        _bootstrap(self)


def _bootstrap(form):
    for field in form.fields.values():
        field.widget.attrs.setdefault("class", "form-select" if isinstance(field.widget, forms.Select) else "form-control")
        field.widget.attrs.setdefault("aria-label", field.label or "")


class UnitFilterForm(forms.Form):
    q = forms.CharField(label="Tìm đơn vị", required=False)
    kind = forms.ChoiceField(label="Loại", required=False, choices=[("", "Tất cả"), *UnitKind.choices])
    active = forms.ChoiceField(
        label="Trạng thái", required=False, choices=[("", "Tất cả"), ("1", "Đang hoạt động"), ("0", "Ngừng hoạt động")]
    )
