from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout
from django import forms
from django.db.models import Max
from django.utils import timezone

from awards.models import Nomination
from campaigns.models import Campaign
from dosonthidua.text import NFCFormMixin
from dosonthidua.widgets import DateInput

from .enums import CAMPAIGN_KINDS, ReportKind
from .models import StageReview
from .periods import PeriodError, parse_period


def default_year():
    """This year, or the latest year with nominations when this one has none yet (January)."""
    this_year = timezone.localdate().year
    latest = Nomination.objects.filter(year__lte=this_year).aggregate(y=Max("year"))["y"]
    return latest or this_year


class DashboardFilterForm(forms.Form):
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100, required=False)
    period = forms.CharField(
        label="Kỳ (quý, tháng)",
        required=False,
        max_length=20,
        help_text="Để trống: cả năm. Ví dụ: 2025-Q1 (quý I: 01/01–31/03), 2025-11, 2025-TK, 2021-2025 (giai đoạn).",
    )
    campaign = forms.ModelChoiceField(
        label="Phong trào", queryset=Campaign.objects.order_by("-start_date", "name"), required=False, empty_label="Mọi phong trào"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_class = "row g-2 align-items-end mb-3"
        self.helper.layout = Layout(
            Div("year", css_class="col-sm-2"),
            Div("period", css_class="col-sm-3"),
            Div("campaign", css_class="col-sm-5"),
            Div(StrictButton("Xem", type="submit", css_class="btn btn-primary mb-3"), css_class="col-sm-2"),
        )

    def clean_period(self):
        value = self.cleaned_data["period"].strip()
        if not value:
            return None
        try:
            return parse_period(value)
        except PeriodError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def scope_values(self):
        """(year, campaign, period): a period typed in (the report's codes) takes the place of the year."""
        data = self.cleaned_data if self.is_valid() else {}
        campaign, period = data.get("campaign"), data.get("period")
        year = None if period else (data.get("year") or (None if campaign else default_year()))
        return year, campaign, period


class ReportRequestForm(forms.Form):
    kind = forms.ChoiceField(label="Loại báo cáo", choices=ReportKind.choices)
    period = forms.CharField(
        label="Kỳ báo cáo",
        required=False,
        max_length=20,
        help_text="Ví dụ: 2025 (năm), 2025-Q4 (quý), 2025-11 (tháng), 2025-TK (năm thống kê 01/12–30/11), 2021-2025 (giai đoạn).",
    )
    campaign = forms.ModelChoiceField(
        label="Phong trào (với báo cáo sơ kết, tổng kết, đăng ký)",
        queryset=Campaign.objects.order_by("-start_date", "name"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout("kind", "period", "campaign", StrictButton("Lập báo cáo", type="submit", css_class="btn btn-primary"))

    def clean_period(self):
        value = self.cleaned_data["period"].strip()
        if value:
            try:
                return parse_period(value).code
            except PeriodError as exc:
                raise forms.ValidationError(str(exc)) from exc
        return value

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind in CAMPAIGN_KINDS and not data.get("campaign"):
            self.add_error("campaign", "Chọn phong trào cho loại báo cáo này.")
        if kind in (ReportKind.SUMMARY, ReportKind.AWARDS) and not data.get("period") and "period" not in self.errors:
            self.add_error("period", "Nhập kỳ báo cáo.")
        return data


class StageReviewForm(NFCFormMixin, forms.ModelForm):
    """The stage review: the period, the letterhead and the sections a reviewer writes; the figures
    are computed from the records (reports.review), never typed."""

    class Meta:
        model = StageReview
        fields = [
            "period",
            "conference",
            "title",
            "number",
            "date",
            "issuer_parent",
            "issuer_name",
            "introduction",
            "results",
            "limitations",
            "lessons",
            "direction",
            "recipients",
            "signer_title",
            "signer_name",
        ]
        widgets = {
            "date": DateInput(),
            **{name: forms.Textarea(attrs={"rows": 6}) for name in ("introduction", "results", "limitations", "lessons", "direction")},
            "recipients": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {"direction": "Phương hướng, nhiệm vụ và chỉ tiêu giai đoạn tiếp theo (2026–2030 sau giai đoạn 2021–2025)"}
        error_messages = {
            "period": {"required": "Hãy nhập giai đoạn, ví dụ 2021-2025."},
            "title": {"required": "Hãy nhập trích yếu."},
            "date": {"required": "Hãy nhập ngày báo cáo.", "invalid": "Ngày không hợp lệ (dd/mm/yyyy)."},
        }

    def __init__(self, *args, **kwargs):
        from awards.models import Conference

        super().__init__(*args, **kwargs)
        self.fields["conference"].queryset = Conference.objects.order_by("-date", "-id")
        self.fields["conference"].empty_label = "(Không gắn với hội nghị)"
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Div(Div("period", css_class="col-md-3"), Div("conference", css_class="col-md-9"), css_class="row"),
            "title",
            Div(Div("number", css_class="col-md-4"), Div("date", css_class="col-md-4"), css_class="row"),
            Div(Div("issuer_parent", css_class="col-md-6"), Div("issuer_name", css_class="col-md-6"), css_class="row"),
            "introduction",
            "results",
            "limitations",
            "lessons",
            "direction",
            "recipients",
            Div(Div("signer_title", css_class="col-md-6"), Div("signer_name", css_class="col-md-6"), css_class="row"),
        )

    def clean_period(self):
        try:
            period = parse_period(self.cleaned_data["period"])
        except PeriodError as exc:
            raise forms.ValidationError(str(exc)) from exc
        if period.start.year == period.end.year:
            raise forms.ValidationError("Báo cáo tổng kết giai đoạn cần nhiều năm, ví dụ 2021-2025.")
        return period.code
