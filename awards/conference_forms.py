"""Forms of the advanced-models conference pages: the conference itself, the honourees picker and
the formsets of honourees, programme items and guests."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout
from django import forms

from campaigns.models import Campaign
from dosonthidua.text import NFCFormMixin
from dosonthidua.widgets import DateInput
from units.models import Unit

from .conference import SOURCE_AWARDS, SOURCE_EXEMPLARS, WARD_KINDS, decisions_for
from .models import Conference, ConferenceAgendaItem, ConferenceGuest, ConferenceHonouree


def _time():
    return forms.TimeInput(attrs={"placeholder": "hh:mm"}, format="%H:%M")


class DecisionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.number} ngày {obj.date:%d/%m/%Y}: {obj.subject}"


class ConferenceForm(NFCFormMixin, forms.ModelForm):
    decisions = DecisionChoiceField(
        label="Quyết định khen thưởng công bố tại hội nghị",
        queryset=decisions_for(None),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Các quyết định đã ban hành đến ngày hội nghị.",
    )

    class Meta:
        model = Conference
        fields = [
            "title",
            "unit",
            "date",
            "start_time",
            "location",
            "campaign",
            "period_start",
            "period_end",
            "purpose",
            "invitation_number",
            "signer_title",
            "signer_name",
        ]
        widgets = {
            "date": DateInput(),
            "period_start": DateInput(),
            "period_end": DateInput(),
            "start_time": _time(),
            "purpose": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "title": {"required": "Hãy nhập tên hội nghị."},
            "date": {"required": "Hãy nhập ngày tổ chức.", "invalid": "Ngày không hợp lệ (dd/mm/yyyy)."},
            "location": {"required": "Hãy nhập địa điểm."},
            "period_start": {"required": "Hãy nhập ngày đầu giai đoạn.", "invalid": "Ngày không hợp lệ (dd/mm/yyyy)."},
            "period_end": {"required": "Hãy nhập ngày cuối giai đoạn.", "invalid": "Ngày không hợp lệ (dd/mm/yyyy)."},
            "start_time": {"invalid": "Giờ không hợp lệ (hh:mm)."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = Campaign.objects.order_by("-start_date", "name")
        self.fields["campaign"].empty_label = "(Không gắn với phong trào)"
        self.fields["unit"].queryset = Unit.objects.filter(kind__in=WARD_KINDS).order_by("display_order", "name")
        self.fields["unit"].empty_label = "(Cơ quan ban hành vào ngày tổ chức)"
        self.fields["unit"].label_from_instance = lambda u: f"{u.name} ({u.validity_label})" if u.validity_label else u.name
        if self.instance.pk:
            self.fields["decisions"].initial = list(self.instance.decisions.values_list("pk", flat=True))
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "title",
            Div(
                Div("date", css_class="col-md-4"),
                Div("start_time", css_class="col-md-3"),
                Div("location", css_class="col-md-5"),
                css_class="row",
            ),
            "campaign",
            Div(Div("period_start", css_class="col-md-6"), Div("period_end", css_class="col-md-6"), css_class="row"),
            "purpose",
            Div(
                Div("invitation_number", css_class="col-md-4"),
                Div("signer_title", css_class="col-md-4"),
                Div("signer_name", css_class="col-md-4"),
                css_class="row",
            ),
            "decisions",
        )

    def clean(self):
        cleaned = super().clean()
        start, end, date = cleaned.get("period_start"), cleaned.get("period_end"), cleaned.get("date")
        if start and end and end < start:
            self.add_error("period_end", "Ngày cuối giai đoạn phải sau ngày đầu.")
        unit = cleaned.get("unit")
        if date and unit is not None and not unit.in_force_during(date):
            self.add_error("unit", f"{unit} không có hiệu lực vào ngày {date:%d/%m/%Y} ({unit.validity_label}).")
        if date:
            late = [d for d in cleaned.get("decisions") or [] if d.date > date]
            if late:
                self.add_error("decisions", f"Quyết định {late[0].number} ban hành sau ngày hội nghị.")
        return cleaned


class PickerFilterForm(forms.Form):
    source = forms.ChoiceField(
        label="Chọn từ",
        choices=[(SOURCE_EXEMPLARS, "Điển hình đã được duyệt"), (SOURCE_AWARDS, "Khen thưởng trong giai đoạn")],
        required=False,
    )
    q = forms.CharField(label="Tìm", required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].widget.attrs["class"] = "form-select"


class StyledMixin:
    """Bootstrap classes on the widgets the formset tables render bare (without crispy)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "form-check-input" if isinstance(field.widget, forms.CheckboxInput) else "form-control form-control-sm"
            field.widget.attrs.setdefault("class", css)


class HonoureeForm(StyledMixin, NFCFormMixin, forms.ModelForm):
    class Meta:
        model = ConferenceHonouree
        fields = ["order", "name", "position", "unit_name", "achievement"]
        widgets = {"achievement": forms.Textarea(attrs={"rows": 3}), "order": forms.NumberInput(attrs={"min": 0})}
        error_messages = {"name": {"required": "Hãy nhập tên."}, "achievement": {"required": "Hãy nhập tóm tắt thành tích."}}


class AgendaItemForm(StyledMixin, NFCFormMixin, forms.ModelForm):
    class Meta:
        model = ConferenceAgendaItem
        fields = ["order", "time", "title", "speaker", "report"]
        widgets = {"time": _time(), "order": forms.NumberInput(attrs={"min": 0})}
        error_messages = {"title": {"required": "Hãy nhập nội dung."}, "time": {"invalid": "Giờ không hợp lệ (hh:mm)."}}


class GuestForm(StyledMixin, NFCFormMixin, forms.ModelForm):
    class Meta:
        model = ConferenceGuest
        fields = ["order", "title", "person_name", "unit_name", "note"]
        widgets = {"order": forms.NumberInput(attrs={"min": 0})}

    def clean(self):
        cleaned = super().clean()
        if not self.cleaned_data.get("DELETE") and self.has_changed() and not (cleaned.get("person_name") or cleaned.get("unit_name")):
            raise forms.ValidationError("Khách mời cần có họ tên hoặc đơn vị.")
        return cleaned


HonoureeFormSet = forms.inlineformset_factory(Conference, ConferenceHonouree, form=HonoureeForm, extra=0, can_delete=True)
AgendaFormSet = forms.inlineformset_factory(Conference, ConferenceAgendaItem, form=AgendaItemForm, extra=3, can_delete=True)
GuestFormSet = forms.inlineformset_factory(Conference, ConferenceGuest, form=GuestForm, extra=3, can_delete=True)
