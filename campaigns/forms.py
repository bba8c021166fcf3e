from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from dosonthidua.text import NFCFormMixin
from dosonthidua.uploads import DOCUMENT_KINDS, IMAGE_KINDS, validate_upload
from dosonthidua.widgets import DateInput
from units.enums import UnitKind
from units.models import Unit

from .enums import CampaignKind, ExemplarKind, MatrixStatus, ParticipantScope, WorkflowState
from .models import Campaign, CampaignPhase, CampaignTarget, Exemplar, ProgressReport
from .selectors import SUBJECT_COLLECTIVE, SUBJECT_PERSON, award_kinds_valid_on


class CampaignForm(NFCFormMixin, forms.ModelForm):
    participant_unit_kinds = forms.MultipleChoiceField(
        label="Loại đơn vị tham gia", choices=UnitKind.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Campaign
        fields = [
            "name",
            "kind",
            "launching_body",
            "document_number",
            "document_date",
            "start_date",
            "end_date",
            "purpose",
            "content",
            "participant_scope",
            "participant_unit_kinds",
            "participant_units",
            "movements",
            "registration_deadline",
            "late_registration_allowed",
            "report_frequency_months",
            "report_due_days",
            "reminder_days_before",
        ]
        widgets = {
            "document_date": DateInput(),
            "start_date": DateInput(),
            "end_date": DateInput(),
            "registration_deadline": DateInput(),
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "content": forms.Textarea(attrs={"rows": 4}),
            "movements": forms.CheckboxSelectMultiple,
            "participant_units": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant_units"].queryset = Unit.objects.filter(active=True).order_by("display_order", "name")
        self.fields["participant_units"].label_from_instance = lambda u: f"{u.name} ({u.validity_label})" if u.validity_label else u.name
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "name",
            Div(Div("kind", css_class="col-md-4"), Div("launching_body", css_class="col-md-8"), css_class="row"),
            Div(Div("document_number", css_class="col-md-4"), Div("document_date", css_class="col-md-4"), css_class="row"),
            Div(
                Div("start_date", css_class="col-md-4"),
                Div("end_date", css_class="col-md-4"),
                Div("registration_deadline", css_class="col-md-4"),
                css_class="row",
            ),
            "late_registration_allowed",
            Div(
                Div("report_frequency_months", css_class="col-md-4"),
                Div("report_due_days", css_class="col-md-4"),
                Div("reminder_days_before", css_class="col-md-4"),
                css_class="row",
            ),
            "purpose",
            "content",
            "participant_scope",
            "participant_unit_kinds",
            "participant_units",
            "movements",
        )

    def clean(self):
        cleaned = super().clean()
        start, end, deadline = cleaned.get("start_date"), cleaned.get("end_date"), cleaned.get("registration_deadline")
        if start and end and end < start:
            self.add_error("end_date", "Ngày kết thúc phải sau ngày bắt đầu.")
        if deadline and end and deadline > end:
            self.add_error("registration_deadline", "Hạn đăng ký phải trước ngày kết thúc phong trào.")
        scope = cleaned.get("participant_scope")
        if scope == ParticipantScope.BY_KIND and not cleaned.get("participant_unit_kinds"):
            self.add_error("participant_unit_kinds", "Hãy chọn ít nhất một loại đơn vị tham gia.")
        if scope == ParticipantScope.CHOSEN and not cleaned.get("participant_units"):
            self.add_error("participant_units", "Hãy chọn các đơn vị tham gia.")
        if scope == ParticipantScope.CHOSEN and start and end and end >= start:
            # A campaign is for the units in force at some day of it (campaigns.selectors.participating_units).
            gone = [u for u in cleaned.get("participant_units") or [] if not u.in_force_during(start, end)]
            if gone:
                self.add_error(
                    "participant_units",
                    "Không có hiệu lực trong thời gian phong trào: " + "; ".join(f"{u.name} ({u.validity_label})" for u in gone) + ".",
                )
        return cleaned


PhaseFormSet = forms.inlineformset_factory(
    Campaign,
    CampaignPhase,
    fields=["kind", "name", "date"],
    extra=2,
    can_delete=True,
    widgets={"date": DateInput()},
)
TargetFormSet = forms.inlineformset_factory(
    Campaign, CampaignTarget, fields=["name", "unit_of_measure", "target_value", "display_order"], extra=2, can_delete=True
)


class CampaignFilterForm(forms.Form):
    q = forms.CharField(label="Tìm phong trào", required=False)
    kind = forms.ChoiceField(label="Hình thức", required=False, choices=[("", "Mọi hình thức"), *CampaignKind.choices])
    status = forms.ChoiceField(
        label="Thời gian",
        required=False,
        choices=[("", "Mọi thời gian"), ("running", "Đang diễn ra"), ("upcoming", "Sắp diễn ra"), ("ended", "Đã kết thúc")],
    )


class RegistrationForm(NFCFormMixin, forms.Form):
    """Collective title, commitment, one select per person of the unit and one value per target."""

    collective_award = forms.ModelChoiceField(
        label="Danh hiệu tập thể đăng ký", queryset=None, required=False, empty_label="— Không đăng ký —"
    )
    commitment = forms.CharField(label="Nội dung đăng ký, cam kết của đơn vị", widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, campaign, people, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.people, self.targets = list(people), list(targets)
        # The catalogue version in force for the campaign (today, or its last day if it has ended).
        on = min(timezone.localdate(), campaign.end_date)
        self.fields["collective_award"].queryset = award_kinds_valid_on(SUBJECT_COLLECTIVE, on=on)
        # One read of the person titles shared by every person's select: a ModelChoiceField each
        # would read the catalogue once per person of the unit, on render and again on clean.
        person_kinds = {kind.pk: kind for kind in award_kinds_valid_on(SUBJECT_PERSON, on=on)}
        choices = [("", "— Không đăng ký —")] + [(pk, str(kind)) for pk, kind in person_kinds.items()]
        for person in self.people:
            self.fields[f"person_{person.pk}"] = forms.TypedChoiceField(
                label=person.full_name,
                choices=choices,
                coerce=lambda value, kinds=person_kinds: kinds[int(value)],
                empty_value=None,
                required=False,
                widget=forms.Select(attrs={"class": "form-select"}),
            )
        for target in self.targets:
            self.fields[f"target_{target.pk}"] = forms.DecimalField(
                label=f"{target.name} ({target.unit_of_measure})", required=False, min_value=0, max_digits=14, decimal_places=2
            )

    def person_fields(self):
        return [(p, self[f"person_{p.pk}"]) for p in self.people]

    def target_fields(self):
        return [(t, self[f"target_{t.pk}"]) for t in self.targets]

    def clean(self):
        cleaned = super().clean()
        if self.is_bound and not self.errors:
            has_entries = any(cleaned.get(f"person_{p.pk}") for p in self.people)
            if not cleaned.get("collective_award") and not has_entries:
                raise ValidationError("Hãy chọn danh hiệu tập thể hoặc danh hiệu cho ít nhất một cá nhân.")
        return cleaned

    def entries(self):
        return [(p, self.cleaned_data[f"person_{p.pk}"]) for p in self.people if self.cleaned_data.get(f"person_{p.pk}")]

    def target_values(self):
        return [(t, self.cleaned_data.get(f"target_{t.pk}")) for t in self.targets]


class ReviewForm(NFCFormMixin, forms.Form):
    comment = forms.CharField(label="Ý kiến", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked with validate_upload (type from the content,
    size, no path-like names). cleaned_data is [(uploaded, kind)]."""

    def __init__(self, *args, allowed=DOCUMENT_KINDS, **kwargs):
        self.allowed = allowed
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        checked, errors = [], []
        for uploaded in files:
            try:
                checked.append((uploaded, validate_upload(uploaded, allowed=self.allowed)))
            except ValidationError as exc:
                errors.extend(exc.messages)
        if errors:
            raise ValidationError(errors)
        if self.required and not checked:
            raise ValidationError("Hãy chọn tệp.")
        return checked


class ProgressReportForm(NFCFormMixin, forms.ModelForm):
    period = forms.ChoiceField(label="Kỳ báo cáo")
    files = MultipleFileField(label="Tệp đính kèm", help_text="PDF, DOCX, XLSX, JPEG hoặc PNG; tối đa 20 MB mỗi tệp.")

    class Meta:
        model = ProgressReport
        fields = ["narrative"]
        widgets = {"narrative": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, campaign, targets, existing_values=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign, self.targets = campaign, list(targets)
        periods = campaign.reporting_periods()
        self.period_map = {p[0].isoformat(): p for p in periods}
        self.fields["period"].choices = [
            (p[0].isoformat(), f"{p[0]:%d/%m/%Y} – {p[1]:%d/%m/%Y} (hạn nộp {p[2]:%d/%m/%Y})") for p in periods
        ]
        if self.instance.pk:
            self.fields["period"].disabled = True
            self.fields["period"].initial = self.instance.period_start.isoformat()
        existing_values = existing_values or {}
        for target in self.targets:
            self.fields[f"value_{target.pk}"] = forms.DecimalField(
                label=f"{target.name} ({target.unit_of_measure})",
                required=False,
                min_value=0,
                max_digits=14,
                decimal_places=2,
                initial=existing_values.get(target.pk),
            )

    def value_fields(self):
        return [(t, self[f"value_{t.pk}"]) for t in self.targets]

    def clean_narrative(self):
        text = self.cleaned_data["narrative"].strip()
        if len(text) < 10:
            raise ValidationError("Hãy mô tả kết quả thực hiện (ít nhất 10 ký tự).")
        return text

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk:
            period = self.period_map.get(cleaned.get("period") or "")
            if period is None:
                self.add_error("period", "Hãy chọn kỳ báo cáo.")
            else:
                self.instance.period_start, self.instance.period_end, self.instance.due_date = period
                self.instance.campaign = self.campaign
                if ProgressReport.objects.filter(campaign=self.campaign, unit=self.instance.unit, period_start=period[0]).exists():
                    self.add_error("period", "Đơn vị đã có báo cáo cho kỳ này; hãy mở báo cáo đó để sửa.")
        return cleaned

    def values(self):
        return [(t, self.cleaned_data.get(f"value_{t.pk}")) for t in self.targets]


class ExemplarForm(NFCFormMixin, forms.ModelForm):
    photos = MultipleFileField(label="Ảnh", allowed=IMAGE_KINDS, help_text="JPEG hoặc PNG; tối đa 20 MB mỗi ảnh.")

    class Meta:
        model = Exemplar
        fields = ["campaign", "kind", "title", "person", "summary", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, campaigns, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = campaigns
        self.fields["person"].queryset = people
        self.fields["kind"].choices = ExemplarKind.choices

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == ExemplarKind.EXEMPLARY_PERSON and not cleaned.get("person"):
            self.add_error("person", "Điển hình cá nhân: hãy chọn cán bộ.")
        return cleaned


class RegistrationFilterForm(forms.Form):
    q = forms.CharField(label="Tìm", required=False)
    campaign = forms.ModelChoiceField(label="Phong trào", queryset=Campaign.objects.none(), required=False, empty_label="Mọi phong trào")
    state = forms.ChoiceField(label="Trạng thái", required=False, choices=[("", "Mọi trạng thái"), *WorkflowState.choices])

    def __init__(self, *args, campaigns, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = campaigns


class ExemplarFilterForm(forms.Form):
    q = forms.CharField(label="Tìm", required=False)
    kind = forms.ChoiceField(label="Loại", required=False, choices=[("", "Mọi loại"), *ExemplarKind.choices])
    state = forms.ChoiceField(label="Trạng thái", required=False, choices=[("", "Mọi trạng thái"), *WorkflowState.choices])


class PublicationForm(NFCFormMixin, forms.Form):
    """The public page of an accepted exemplar, as the propaganda office writes it."""

    public_text = forms.CharField(
        label="Bài giới thiệu trên trang công khai",
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="Để trống: trang công khai in mô tả thành tích do đơn vị gửi.",
        error_messages={"max_length": "Bài giới thiệu dài quá %(limit_value)d ký tự (hiện có %(show_value)d)."},
    )
    withdrawn = forms.BooleanField(label="Tạm ẩn khỏi trang công khai", required=False)


class MatrixFilterForm(forms.Form):
    q = forms.CharField(label="Tìm đơn vị", required=False)
    status = forms.ChoiceField(label="Tình trạng", required=False, choices=[("", "Mọi tình trạng"), *MatrixStatus.choices])


def _style_filter_selects(*form_classes):
    """Bootstrap classes and labels for the selects the list templates render bare."""
    for form_class in form_classes:
        for field in form_class.base_fields.values():
            if isinstance(field.widget, forms.Select):
                field.widget.attrs.update({"class": "form-select", "aria-label": str(field.label)})


_style_filter_selects(CampaignFilterForm, RegistrationFilterForm, ExemplarFilterForm, MatrixFilterForm)
