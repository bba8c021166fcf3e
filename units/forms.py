from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout, Submit
from django import forms

from dosonthidua.text import NFCFormMixin
from dosonthidua.widgets import DateInput, FastSelect

from .enums import Gender, UnitKind
from .models import Person, ServicePeriod, Unit
from .selectors import unit_choices_for


class _UnknownYesNo(forms.NullBooleanSelect):
    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [("unknown", "Chưa rõ"), ("true", "Có"), ("false", "Không")]


class PersonForm(NFCFormMixin, forms.ModelForm):
    confirm_duplicate = forms.BooleanField(
        label="Đây là một người khác, vẫn lưu", required=False, help_text="Chỉ đánh dấu khi đơn vị có hai người trùng họ tên và năm sinh."
    )

    class Meta:
        model = Person
        fields = ["honorific", "full_name", "gender", "birth_year", "position", "unit", "holds_leadership", "is_direct_worker", "active"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = unit_choices_for(user)
        self.fields["birth_year"].widget.attrs.update({"min": 1900, "max": 2100})
        self.helper = FormHelper()
        self.fields["is_direct_worker"] = forms.NullBooleanField(
            label="Người lao động trực tiếp",
            required=False,
            widget=_UnknownYesNo(),
            help_text=Person._meta.get_field("is_direct_worker").help_text,
        )
        self.fields["holds_leadership"] = forms.NullBooleanField(
            label="Lãnh đạo, quản lý",
            required=False,
            widget=_UnknownYesNo(),
            help_text=Person._meta.get_field("holds_leadership").help_text,
        )
        self.helper.layout = Layout(
            Div(Div("honorific", css_class="col-md-3"), Div(Field("full_name", autofocus=""), css_class="col-md-9"), css_class="row"),
            Div(
                Div("gender", css_class="col-md-4"),
                Div("birth_year", css_class="col-md-4"),
                Div("position", css_class="col-md-4"),
                css_class="row",
            ),
            "unit",
            "holds_leadership",
            "is_direct_worker",
            "active",
            "confirm_duplicate",
            Submit("save", "Lưu", css_class="btn-primary"),
        )

    def clean_full_name(self):
        name = " ".join(self.cleaned_data["full_name"].split())
        if len(name) < 2:
            raise forms.ValidationError("Họ và tên quá ngắn.")
        return name

    def clean(self):
        from .importers import existing_person
        from .names import split_honorific

        data = super().clean()
        name = data.get("full_name")
        if name:
            # "Thầy Nguyễn Văn Đóa" typed in the name field: the honorific goes to its own field.
            honorific, bare = split_honorific(name)
            if honorific:
                data["full_name"] = bare
                data["honorific"] = " ".join(filter(None, [data.get("honorific", ""), honorific]))
                self.instance.full_name, self.instance.honorific = data["full_name"], data["honorific"]
        unit = data.get("unit")
        if data.get("full_name") and unit is not None and not data.get("confirm_duplicate"):
            found = existing_person(name=data["full_name"], unit=unit, birth_year=data.get("birth_year"), exclude_pk=self.instance.pk)
            if found is not None:
                year = f", sinh năm {found.birth_year}" if found.birth_year else ""
                raise forms.ValidationError(
                    f"Đã có: {found.full_name}{year}, {unit.name}. Nếu đây là một người khác trùng họ tên, "
                    "hãy đánh dấu “Đây là một người khác, vẫn lưu”."
                )
        return data


class UnitForm(NFCFormMixin, forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["name", "short_code", "kind", "parent", "display_order", "active", "valid_from", "valid_to", "successors"]
        widgets = {
            "valid_from": DateInput(),
            "valid_to": DateInput(),
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


ON_EXISTING_CHOICES = [("skip", "Bỏ qua dòng đã có"), ("update", "Cập nhật thông tin từ tệp vào bản ghi đã có")]


class ImportUploadForm(forms.Form):
    file = forms.FileField(label="Tệp Excel (.xlsx)", help_text="Tải tệp mẫu, điền dữ liệu rồi tải lên. Tối đa 5.000 dòng.")
    on_existing = forms.ChoiceField(
        label="Dòng trùng với bản ghi đã có (“đã có”)",
        choices=ON_EXISTING_CHOICES,
        initial="skip",
        required=False,
        widget=forms.RadioSelect,
    )


class PersonFilterForm(forms.Form):
    q = forms.CharField(label="Tìm theo tên", required=False)
    unit = forms.ModelChoiceField(
        label="Đơn vị", queryset=Unit.objects.none(), required=False, empty_label="Tất cả đơn vị", widget=FastSelect
    )
    direct_worker = forms.ChoiceField(
        label="Lao động trực tiếp", required=False, choices=[("", "Tất cả"), ("1", "Có"), ("0", "Không"), ("unknown", "Chưa rõ")]
    )
    gender = forms.ChoiceField(label="Giới tính", required=False, choices=[("", "Tất cả"), *Gender.choices, ("unknown", "Chưa rõ")])
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _bootstrap(self)


class PersonTransferForm(NFCFormMixin, forms.Form):
    """Move a person to another unit from a date (a dated membership): the record, its awards and
    streaks stay one (units.services.person_transfer)."""

    to_unit = forms.ModelChoiceField(label="Chuyển đến đơn vị", queryset=Unit.objects.none(), widget=FastSelect)
    on = forms.DateField(
        label="Từ ngày", widget=DateInput(), help_text="Quá trình công tác ở đơn vị hiện tại kết thúc trước ngày này một ngày."
    )
    position = forms.CharField(label="Chức vụ ở đơn vị mới", max_length=150, required=False, help_text="Để trống: giữ chức vụ hiện tại.")
    reason = forms.CharField(label="Lý do", max_length=255, initial="Điều động, chuyển công tác")

    def __init__(self, *args, person, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        self.fields["to_unit"].queryset = unit_choices_for(user).exclude(pk=person.unit_id)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "to_unit",
            Div(Div("on", css_class="col-md-4"), Div("position", css_class="col-md-8"), css_class="row"),
            "reason",
            Submit("save", "Chuyển đơn vị", css_class="btn-primary"),
        )

    def clean(self):
        data = super().clean()
        unit, on = data.get("to_unit"), data.get("on")
        if unit is None or on is None:
            return data
        current = self.person.memberships.filter(valid_to__isnull=True).order_by("-valid_from", "-id").first()
        if current is not None and current.valid_from and on <= current.valid_from:
            self.add_error("on", f"Ngày chuyển phải sau ngày bắt đầu công tác ở {current.unit} ({current.valid_from:%d/%m/%Y}).")
        if unit.valid_from and on < unit.valid_from:
            self.add_error("on", f"{unit} chỉ có hiệu lực từ ngày {unit.valid_from:%d/%m/%Y}.")
        if unit.valid_to and on > unit.valid_to:
            self.add_error("on", f"{unit} đã hết hiệu lực từ sau ngày {unit.valid_to:%d/%m/%Y}: hãy chọn đơn vị kế thừa.")
        return data


class ServicePeriodForm(NFCFormMixin, forms.ModelForm):
    """One period of a person in a post (units.ServicePeriod); the model checks the dates and the
    overlap with the person's other periods of the same group."""

    class Meta:
        model = ServicePeriod
        fields = ["position", "group", "unit", "organisation", "start_date", "end_date", "note"]
        widgets = {"start_date": DateInput(), "end_date": DateInput(), "unit": FastSelect}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = unit_choices_for(user)
        self.fields["unit"].help_text = "Đơn vị trong danh mục của cổng; nếu không có, ghi tên cơ quan ở ô bên cạnh."
        self.helper = FormHelper()
        self.helper.form_tag = False  # the page's form also carries the id of the period being corrected
        self.helper.layout = Layout(
            Div(Div(Field("position", autofocus=""), css_class="col-md-6"), Div("group", css_class="col-md-6"), css_class="row"),
            Div(Div("unit", css_class="col-md-6"), Div("organisation", css_class="col-md-6"), css_class="row"),
            Div(
                Div("start_date", css_class="col-md-3"),
                Div("end_date", css_class="col-md-3"),
                Div("note", css_class="col-md-6"),
                css_class="row",
            ),
            Submit("save", "Lưu giai đoạn", css_class="btn-primary"),
        )
