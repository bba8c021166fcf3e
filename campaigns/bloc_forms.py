"""Forms of the emulation bloc pages: one row of fields per line of the score table (the member's
own points, the leader's checked value with its reason), the bloc meeting, a comment, an upload."""

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError

from dosonthidua.text import NFCFormMixin
from dosonthidua.uploads import validate_upload
from dosonthidua.widgets import DateInput

MET_CHOICES = [("", "— chưa đánh giá —"), ("1", "Đạt"), ("0", "Không đạt")]


def _helper():
    helper = FormHelper()
    helper.form_tag = False
    return helper


def _met(value):
    return {"1": True, "0": False}.get(value)


class BlocYearFilterForm(forms.Form):
    q = forms.CharField(label="Tìm", required=False, max_length=100)
    year = forms.IntegerField(label="Năm", required=False, min_value=2000, max_value=2100)


class _LineForm(NFCFormMixin, forms.Form):
    """Fields named after each line's criterion id; ``rows`` pairs each line with its bound fields."""

    def _value_field(self, criterion, initial):
        if criterion.is_condition:
            return forms.ChoiceField(label=str(criterion), choices=MET_CHOICES, required=False, initial=initial)
        return forms.DecimalField(
            label=str(criterion), required=False, min_value=0, max_value=criterion.max_points, decimal_places=2, initial=initial
        )

    @staticmethod
    def _met_initial(value):
        return "" if value is None else ("1" if value else "0")

    def rows(self):
        return [(line, self[f"value_{line.criterion_id}"], self[f"text_{line.criterion_id}"]) for line in self.lines]

    def _values(self):
        data = {}
        for line in self.lines:
            raw = self.cleaned_data.get(f"value_{line.criterion_id}")
            raw = _met(raw) if line.criterion.is_condition else raw
            data[line.criterion_id] = (raw, self.cleaned_data.get(f"text_{line.criterion_id}", ""))
        return data


class SelfScoreForm(_LineForm):
    note = forms.CharField(label="Giải trình chung của đơn vị", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    evidence = forms.FileField(
        label="Minh chứng (PDF, Word, Excel, ảnh)", required=False, help_text="Định dạng được kiểm tra theo nội dung tệp."
    )
    evidence_criterion = forms.ChoiceField(label="Minh chứng cho tiêu chí", required=False)

    def __init__(self, *args, lines, scorecard, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = lines
        for line in lines:
            c = line.criterion
            initial = self._met_initial(line.self_met) if c.is_condition else line.self_points
            self.fields[f"value_{c.pk}"] = self._value_field(c, initial)
            self.fields[f"text_{c.pk}"] = forms.CharField(label=f"Giải trình {c}", required=False, max_length=1000, initial=line.self_note)
        self.fields["note"].initial = scorecard.self_note
        self.fields["evidence_criterion"].choices = [("", "Cả phiếu")] + [(str(line.criterion_id), str(line.criterion)) for line in lines]
        self.helper = _helper()

    def clean_evidence(self):
        uploaded = self.cleaned_data.get("evidence")
        if uploaded:
            self.evidence_kind = validate_upload(uploaded)
        return uploaded

    def values(self):
        return self._values()

    def evidence_criterion_id(self):
        value = self.cleaned_data.get("evidence_criterion")
        return int(value) if value else None


class CheckForm(_LineForm):
    """The leader's check: each line starts at the member's own value; a changed value needs its reason
    (the service refuses it otherwise and the form says so on the line)."""

    note = forms.CharField(label="Nhận xét của trưởng khối", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = lines
        for line in lines:
            c = line.criterion
            if c.is_condition:
                initial = self._met_initial(line.final_met)
            else:
                initial = line.final_points
            self.fields[f"value_{c.pk}"] = self._value_field(c, initial)
            self.fields[f"text_{c.pk}"] = forms.CharField(
                label=f"Lý do điều chỉnh {c}", required=False, max_length=1000, initial=line.adjust_reason
            )
        self.helper = _helper()

    def clean(self):
        cleaned = super().clean()
        for line in self.lines:
            name = f"value_{line.criterion_id}"
            if name not in cleaned:
                continue
            value = cleaned[name]
            value = _met(value) if line.criterion.is_condition else value
            own = line.self_met if line.criterion.is_condition else line.self_points
            if value is not None and value != own and not (cleaned.get(f"text_{line.criterion_id}") or "").strip():
                self.add_error(f"text_{line.criterion_id}", "Ghi lý do khi điều chỉnh điểm của đơn vị.")
        return cleaned

    def adjustments(self):
        return self._values()


class RankForm(NFCFormMixin, forms.Form):
    meeting_date = forms.DateField(label="Ngày họp khối", widget=DateInput())
    note = forms.CharField(label="Kết luận cuộc họp", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class CommentForm(NFCFormMixin, forms.Form):
    comment = forms.CharField(label="Ý kiến", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class CovenantScanForm(forms.Form):
    scan = forms.FileField(label="Bản giao ước đã ký (PDF hoặc ảnh)")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()

    def clean_scan(self):
        uploaded = self.cleaned_data["scan"]
        try:
            self.scan_kind = validate_upload(uploaded, allowed=("pdf", "jpg", "png"))
        except ValidationError as exc:
            raise ValidationError(exc.messages) from None
        return uploaded
