import datetime as dt

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout, Submit
from django import forms
from django.db.models import Q
from django.utils import timezone

from campaigns.models import Campaign
from dosonthidua.text import NFCFormMixin
from dosonthidua.uploads import validate_upload
from dosonthidua.widgets import DateInput, FastSelect
from units.forms import ON_EXISTING_CHOICES
from units.selectors import people_visible_to, unit_choices_for

from .enums import (
    AttachmentKind,
    FundEntryKind,
    NominationBasis,
    NominationState,
    NomineeType,
    PeriodKind,
    SignerCapacity,
    UpwardResult,
    VoteMode,
)
from .models import NOMINATION_FIRST_YEAR, AwardKind, Nomination, Occasion, Signer
from .selectors import kinds_valid_on


class KindChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.get_subject_display().lower()}, {obj.get_conferring_level_display().lower()})"


class NominationForm(NFCFormMixin, forms.ModelForm):
    nominee_type = forms.ChoiceField(
        label="Đối tượng được đề nghị", choices=NomineeType.choices, widget=forms.RadioSelect, initial=NomineeType.PERSON
    )
    attachment_kind = forms.ChoiceField(
        label="Loại tài liệu kèm theo", choices=AttachmentKind.choices, initial=AttachmentKind.ACHIEVEMENT_REPORT, required=False
    )
    attachment = forms.FileField(
        label="Tệp kèm theo",
        required=False,
        help_text=(
            "PDF, Word (.docx), Excel (.xlsx), ảnh JPEG/PNG; định dạng được kiểm tra theo nội dung tệp. "
            "Báo cáo thành tích là bắt buộc với danh hiệu thi đua."
        ),
    )

    class Meta:
        model = Nomination
        fields = [
            "nominee_type",
            "nominee_person",
            "nominee_unit",
            "award_kind",
            "period_kind",
            "period_from",
            "year",
            "basis",
            "campaign",
            "occasion",
            "event_name",
            "event_date",
            "achievement_summary",
            "excellent_completion",
            "members_completed_tasks",
        ]
        widgets = {"achievement_summary": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["nominee_person"].queryset = people_visible_to(user).filter(active=True).order_by("full_name")
        self.fields["nominee_unit"].queryset = unit_choices_for(user)
        self.fields["nominee_unit"].label_from_instance = lambda u: f"{u.name} ({u.validity_label})" if u.validity_label else u.name
        self.fields["nominee_person"].label_from_instance = lambda p: f"{p.full_name} – {p.unit.name}"
        kinds = kinds_valid_on()
        if self.instance.pk and self.instance.award_kind_id:
            kinds = AwardKind.objects.filter(pk__in=list(kinds.values_list("pk", flat=True)) + [self.instance.award_kind_id])
        self.fields["award_kind"] = KindChoiceField(queryset=kinds.order_by("display_order"), label="Danh hiệu, hình thức khen thưởng")
        self.fields["campaign"].queryset = Campaign.objects.order_by("-start_date")
        occasions = Q(active=True) | Q(pk=self.instance.occasion_id) if self.instance.occasion_id else Q(active=True)
        self.fields["occasion"].queryset = Occasion.objects.filter(occasions)
        self.fields[
            "occasion"
        ].help_text = "Dịp kỷ niệm, sự kiện mà đề nghị này hướng tới (nếu có), để các đề nghị cùng dịp được theo dõi chung."
        self.fields["event_date"].widget = DateInput()
        self.fields["event_name"].help_text = "Với khen thưởng đột xuất: hành động, thành tích và nơi xảy ra."
        self.fields["year"].initial = timezone.localdate().year
        self.fields["year"].widget.attrs.update({"min": NOMINATION_FIRST_YEAR, "max": timezone.localdate().year + 1})
        if self.instance.pk:
            self.fields["nominee_type"].initial = NomineeType.UNIT if self.instance.nominee_unit_id else NomineeType.PERSON
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "nominee_type",
            Div(Div("nominee_person", css_class="col-md-6"), Div("nominee_unit", css_class="col-md-6"), css_class="row"),
            "award_kind",
            Div(
                Div("period_kind", css_class="col-md-3"),
                Div("period_from", css_class="col-md-2"),
                Div("year", css_class="col-md-2"),
                Div("basis", css_class="col-md-5"),
                css_class="row",
            ),
            Div(Div("campaign", css_class="col-md-6"), Div("occasion", css_class="col-md-6"), css_class="row"),
            Div(Div("event_name", css_class="col-md-8"), Div("event_date", css_class="col-md-4"), css_class="row"),
            Field("achievement_summary"),
            "excellent_completion",
            "members_completed_tasks",
            Div(Div("attachment_kind", css_class="col-md-4"), Div("attachment", css_class="col-md-8"), css_class="row"),
        )

    def clean_year(self):
        year = self.cleaned_data.get("year")
        last = timezone.localdate().year + 1
        if year is not None and not NOMINATION_FIRST_YEAR <= year <= last:
            raise forms.ValidationError(f"Năm xét khen thưởng phải từ {NOMINATION_FIRST_YEAR} đến {last}.")
        return year

    def clean_attachment(self):
        uploaded = self.cleaned_data.get("attachment")
        if uploaded:
            validate_upload(uploaded)
        return uploaded

    def clean(self):
        data = super().clean()
        nominee_type = data.get("nominee_type")
        if nominee_type == NomineeType.PERSON:
            data["nominee_unit"] = None
            if not data.get("nominee_person"):
                self.add_error("nominee_person", "Hãy chọn cá nhân được đề nghị.")
        elif nominee_type == NomineeType.UNIT:
            data["nominee_person"] = None
            if not data.get("nominee_unit"):
                self.add_error("nominee_unit", "Hãy chọn tập thể được đề nghị.")
        if data.get("period_kind") == PeriodKind.STAGE:
            first, year = data.get("period_from"), data.get("year")
            if not first:
                self.add_error("period_from", "Giai đoạn nhiều năm phải ghi năm đầu giai đoạn, ví dụ 2021 cho giai đoạn 2021–2025.")
            elif year and not first < year:
                self.add_error("period_from", "Năm đầu giai đoạn phải trước năm cuối.")
        else:
            data["period_from"] = None
            self.instance.period_from = None
        if data.get("basis") == NominationBasis.CAMPAIGN and not data.get("campaign"):
            self.add_error("campaign", "Khen thưởng theo đợt, chuyên đề phải chọn phong trào thi đua.")
        if data.get("basis") == NominationBasis.AD_HOC:
            if not (data.get("event_name") or "").strip():
                self.add_error("event_name", "Khen thưởng đột xuất phải ghi sự việc, thành tích đột xuất.")
            if not data.get("event_date"):
                self.add_error("event_date", "Khen thưởng đột xuất phải ghi ngày xảy ra sự việc.")
        if data.get("event_date") and data["event_date"] > timezone.localdate():
            self.add_error("event_date", "Ngày xảy ra sự việc không được sau hôm nay.")
        kind, year = data.get("award_kind"), data.get("year")
        collective = data.get("nominee_unit")
        if collective is not None and year:
            # A collective is proposed for a period it existed in (units.Unit.in_force_during).
            first = data.get("period_from") or (year - 1 if data.get("period_kind") == PeriodKind.SCHOOL_YEAR else year)
            if not collective.in_force_during(dt.date(first, 1, 1), dt.date(year, 12, 31)):
                self.add_error(
                    "nominee_unit",
                    f"{collective.name} không có hiệu lực trong kỳ đề nghị ({collective.validity_label}): hãy chọn đơn vị kế thừa.",
                )
        if kind and year and (data.get("nominee_person") or data.get("nominee_unit")):
            qs = Nomination.objects.filter(award_kind__code=kind.code, period_kind=data.get("period_kind"), year=year).exclude(
                state=NominationState.WITHDRAWN
            )
            if self.instance.pk:
                qs = qs.exclude(pk=self.instance.pk)
            if data.get("nominee_person"):
                qs = qs.filter(nominee_person=data["nominee_person"])
            else:
                qs = qs.filter(nominee_unit=data["nominee_unit"])
            if qs.exists():
                raise forms.ValidationError(
                    "Đối tượng này đã được đề nghị danh hiệu này trong cùng kỳ (Điều 5 Luật Thi đua, khen thưởng 2022)."
                )
        return data

    def _post_clean(self):
        # Apply the cleaned nominee choice before model validation.
        if "nominee_person" in self.cleaned_data:
            self.instance.nominee_person = self.cleaned_data.get("nominee_person")
        if "nominee_unit" in self.cleaned_data:
            self.instance.nominee_unit = self.cleaned_data.get("nominee_unit")
        super()._post_clean()

    def _get_validation_exclusions(self):
        exclude = super()._get_validation_exclusions()
        exclude.update({"unit", "nominee_name", "created_by"})
        return exclude


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label="Loại tài liệu", choices=AttachmentKind.choices)
    file = forms.FileField(label="Tệp")

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        validate_upload(uploaded)
        return uploaded


class TransitionForm(forms.Form):
    to_state = forms.ChoiceField(choices=NominationState.choices, widget=forms.HiddenInput)
    expected_state = forms.ChoiceField(choices=NominationState.choices, widget=forms.HiddenInput)
    comment = forms.CharField(label="Ý kiến", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class BulkForm(forms.Form):
    action = forms.ChoiceField(
        choices=[(NominationState.VERIFIED, "Xác nhận đã thẩm định"), (NominationState.RETURNED, "Trả lại để bổ sung")]
    )
    ids = forms.TypedMultipleChoiceField(coerce=int, choices=[])
    comment = forms.CharField(required=False)

    def __init__(self, *args, ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ids"].choices = [(i, i) for i in ids]


class NominationFilterForm(forms.Form):
    q = forms.CharField(
        required=False,
        label="Tìm theo tên",
        widget=forms.TextInput(attrs={"placeholder": "Tìm theo tên người, tập thể (gõ có dấu hoặc không dấu)", "type": "search"}),
    )
    campaign = forms.ModelChoiceField(
        label="Phong trào", queryset=Campaign.objects.order_by("-start_date"), required=False, empty_label="Mọi phong trào"
    )
    year = forms.IntegerField(
        label="Năm", required=False, min_value=1990, max_value=2100, widget=forms.NumberInput(attrs={"placeholder": "Năm"})
    )
    unit = forms.ModelChoiceField(label="Đơn vị", queryset=None, required=False, empty_label="Mọi đơn vị", widget=FastSelect)
    award_code = forms.ChoiceField(label="Danh hiệu, hình thức", required=False)
    state = forms.ChoiceField(label="Trạng thái", required=False, choices=[("", "Mọi trạng thái"), *NominationState.choices])
    direct_worker = forms.ChoiceField(
        label="Lao động trực tiếp",
        required=False,
        choices=[("", "LĐ trực tiếp: tất cả"), ("1", "LĐ trực tiếp"), ("0", "Không trực tiếp"), ("unknown", "LĐ trực tiếp: chưa rõ")],
    )
    # The queue of the body valid today (its own work and what was handed over to it) or what a
    # former body left open without handing it over (selectors.former_body_condition).
    work = forms.ChoiceField(
        label="Cơ quan xử lý",
        required=False,
        choices=[("", "Mọi đề nghị"), ("current", "Việc của cơ quan hiện nay"), ("left", "Cơ quan trước để lại, không chuyển giao")],
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = unit_choices_for(user)
        codes = {}
        for code, name in AwardKind.objects.order_by("display_order", "-valid_from").values_list("code", "name"):
            codes.setdefault(code, name)
        self.fields["award_code"].choices = [("", "Mọi danh hiệu"), *codes.items()]
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)
            field.widget.attrs.setdefault("aria-label", field.label or "")


class SubmissionForm(NFCFormMixin, forms.Form):
    number = forms.CharField(label="Số tờ trình", max_length=60, help_text="Ví dụ: 12/TTr-UBND")
    date = forms.DateField(label="Ngày tờ trình", widget=DateInput())
    subject = forms.CharField(label="Trích yếu", max_length=500, initial="Về việc đề nghị khen thưởng")
    head_title = forms.CharField(
        label="Chức vụ người đứng đầu đơn vị", max_length=100, help_text="Ví dụ: Chủ tịch (UBND phường), Trưởng phòng, Hiệu trưởng."
    )
    signer_capacity = forms.ChoiceField(label="Hình thức ký", choices=SignerCapacity.choices, initial=SignerCapacity.HEAD)
    signer_title = forms.CharField(label="Chức vụ người ký", max_length=150, help_text="Ví dụ: Phó Chủ tịch khi cấp phó ký thay (KT.).")
    signer_name = forms.CharField(label="Người ký", max_length=150, required=False)
    minutes = forms.FileField(label="Biên bản họp Hội đồng TĐKT của đơn vị", required=False)
    nominations = forms.ModelMultipleChoiceField(
        label="Các đề nghị kèm theo", queryset=Nomination.objects.none(), widget=forms.CheckboxSelectMultiple(attrs={"data-bulk": True})
    )

    def __init__(self, *args, nominations, unit=None, **kwargs):
        from units.enums import UnitKind

        super().__init__(*args, **kwargs)
        head = "Chủ tịch" if unit is not None and unit.kind in (UnitKind.WARD, UnitKind.COMMITTEE) else "Thủ trưởng đơn vị"
        self.fields["head_title"].initial = head
        self.fields["signer_title"].initial = head
        self.fields["nominations"].queryset = nominations
        self.fields["nominations"].label_from_instance = lambda n: f"{n.nominee_name} – {n.award_kind.name} ({n.period_label})"
        self.fields["date"].initial = timezone.localdate()
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Div(Div("number", css_class="col-md-4"), Div("date", css_class="col-md-4"), css_class="row"),
            "subject",
            Div(Div("head_title", css_class="col-md-6"), Div("signer_capacity", css_class="col-md-6"), css_class="row"),
            Div(Div("signer_title", css_class="col-md-6"), Div("signer_name", css_class="col-md-6"), css_class="row"),
            "minutes",
            "nominations",
            Submit("save", "Lập tờ trình", css_class="btn-primary"),
        )

    def clean_minutes(self):
        uploaded = self.cleaned_data.get("minutes")
        if uploaded:
            validate_upload(uploaded)
        return uploaded


class ImportUploadForm(forms.Form):
    file = forms.FileField(label="Tệp Excel (.xlsx) theo mẫu")
    on_existing = forms.ChoiceField(
        label="Dòng trùng với bản ghi đã có (“đã có”)",
        choices=ON_EXISTING_CHOICES,
        initial="skip",
        required=False,
        widget=forms.RadioSelect,
    )


EXPORT_COLUMNS = [
    ("nominee", "Người/tập thể được đề nghị"),
    ("unit", "Đơn vị"),
    ("kind", "Danh hiệu, hình thức"),
    ("period", "Kỳ"),
    ("basis", "Loại hình"),
    ("campaign", "Phong trào"),
    ("direct", "LĐ trực tiếp"),
    ("state", "Trạng thái"),
    ("recommendation", "Ý kiến thẩm định"),
    ("council", "Kết quả Hội đồng"),
    ("submitted", "Ngày gửi"),
    ("summary", "Tóm tắt thành tích"),
]


class ExportForm(forms.Form):
    columns = forms.MultipleChoiceField(
        label="Các cột xuất ra", choices=EXPORT_COLUMNS, widget=forms.CheckboxSelectMultiple, initial=[c for c, _ in EXPORT_COLUMNS[:8]]
    )


# --- Issue 5: posting, council, decisions, proposals ---------------------------------------------


class NominationChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple(attrs={"data-bulk": True})  # "Chọn tất cả" (static/js/portal.js)

    def label_from_instance(self, obj):
        return f"{obj.nominee_name} – {obj.unit.name} – {obj.award_kind.name} ({obj.period_label})"


def _helper(label):
    helper = FormHelper()
    helper.add_input(Submit("save", label))
    return helper


class NoticeForm(NFCFormMixin, forms.Form):
    title = forms.CharField(label="Tiêu đề danh sách", max_length=500, initial="Danh sách đề nghị khen thưởng")
    start_date = forms.DateField(label="Ngày bắt đầu công khai", initial=timezone.localdate)
    working_days = forms.IntegerField(
        label="Số ngày làm việc", required=False, min_value=1, max_value=60, help_text="Để trống: theo quy định của từng danh hiệu."
    )
    backdate_reason = forms.CharField(
        label="Lý do công khai từ ngày đã qua",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Chỉ khi ngày bắt đầu trước hôm nay; lý do được in trên danh sách công khai.",
    )
    nominations = NominationChoiceField(label="Đề nghị được công khai", queryset=Nomination.objects.none())

    def __init__(self, *args, **kwargs):
        from .selectors import nominations_for_posting

        super().__init__(*args, **kwargs)
        self.fields["nominations"].queryset = nominations_for_posting()
        self.helper = _helper("Đăng công khai")


class ObjectionForm(NFCFormMixin, forms.Form):
    name = forms.CharField(label="Họ và tên", max_length=150)
    contact = forms.CharField(label="Điện thoại hoặc thư điện tử", max_length=255)
    nomination = forms.ModelChoiceField(
        label="Về trường hợp", queryset=Nomination.objects.none(), required=False, empty_label="(Cả danh sách)"
    )
    content = forms.CharField(label="Nội dung góp ý, phản ánh", widget=forms.Textarea(attrs={"rows": 4}), max_length=4000)
    # Honeypot: hidden from people (Bootstrap d-none, aria-hidden); form-filling robots fill it in.
    website = forms.CharField(label="Trang web", required=False, widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))

    def __init__(self, *args, notice, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["nomination"]
        field.queryset = notice.nominations.select_related("award_kind")  # the label names the kind
        field.label_from_instance = lambda n: f"{n.nominee_name} – {n.award_kind.name}"
        self.helper = FormHelper()
        self.helper.layout = Layout("name", "contact", "nomination", "content", Div("website", css_class="d-none", aria_hidden="true"))
        self.helper.add_input(Submit("send", "Gửi ý kiến"))


class AnswerForm(NFCFormMixin, forms.Form):
    answer = forms.CharField(label="Trả lời", widget=forms.Textarea(attrs={"rows": 2}))


class MeetingForm(NFCFormMixin, forms.Form):
    date = forms.DateField(label="Ngày họp", initial=timezone.localdate)
    location = forms.CharField(label="Địa điểm", max_length=255, initial="Phòng họp UBND")
    title = forms.CharField(label="Nội dung", max_length=500, initial="Xét đề nghị khen thưởng")
    vote_mode = forms.ChoiceField(label="Hình thức bỏ phiếu", choices=VoteMode.choices, initial=VoteMode.ONLINE)
    secretary_name = forms.CharField(label="Thư ký phiên họp", max_length=150, required=False)
    start_time = forms.TimeField(
        label="Bắt đầu lúc", required=False, widget=forms.TimeInput(attrs={"placeholder": "hh:mm"}), help_text="Ví dụ: 08:00"
    )
    end_time = forms.TimeField(label="Kết thúc lúc", required=False, widget=forms.TimeInput(attrs={"placeholder": "hh:mm"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("Tạo phiên họp")

    def clean(self):
        data = super().clean()
        if data.get("start_time") and data.get("end_time") and data["end_time"] < data["start_time"]:
            self.add_error("end_time", "Giờ kết thúc phải sau giờ bắt đầu.")
        return data


class DecisionForm(NFCFormMixin, forms.Form):
    date = forms.DateField(label="Ngày quyết định", initial=timezone.localdate)
    subject = forms.CharField(label="Trích yếu", max_length=500, required=False, help_text="Để trống: “Về việc tặng …” theo danh hiệu.")
    achievement_phrase = forms.CharField(label="Lý do khen thưởng", max_length=500, required=False)
    grounds = forms.CharField(
        label="Căn cứ (mỗi dòng một căn cứ)",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="Để trống: các luật, nghị định còn hiệu lực vào ngày quyết định (danh mục văn bản pháp luật), biên bản họp Hội đồng "
        "và đề nghị của cơ quan tham mưu.",
    )
    signer = forms.ModelChoiceField(
        label="Người ký", queryset=Signer.objects.none(), required=False, empty_label="(Người ký mặc định của cơ quan)"
    )
    proposal_number = forms.CharField(
        label="Số tờ trình của cơ quan tham mưu", max_length=60, required=False, help_text="Ví dụ: 15/TTr-NV (in ở căn cứ cuối cùng)."
    )
    proposal_date = forms.DateField(label="Ngày tờ trình của cơ quan tham mưu", required=False, widget=DateInput())
    nominations = NominationChoiceField(
        label="Đề nghị đã được duyệt (Hội đồng đồng ý, hoặc theo thủ tục đơn giản)", queryset=Nomination.objects.none()
    )

    def __init__(self, *args, **kwargs):
        from .selectors import nominations_for_decision, signers_on

        super().__init__(*args, **kwargs)
        self.fields["nominations"].queryset = nominations_for_decision()
        self.fields["signer"].queryset = Signer.objects.filter(pk__in=signers_on(timezone.localdate()).values("pk"))
        self.helper = _helper("Soạn dự thảo quyết định")


class ProposalForm(NFCFormMixin, forms.Form):
    number = forms.CharField(label="Số tờ trình", max_length=60, initial="/TTr-UBND")
    date = forms.DateField(label="Ngày tờ trình", initial=timezone.localdate)
    subject = forms.CharField(label="Trích yếu", max_length=500, initial="Về việc đề nghị khen thưởng")
    nominations = NominationChoiceField(label="Đề nghị thuộc thẩm quyền cấp trên", queryset=Nomination.objects.none())

    def __init__(self, *args, **kwargs):
        from .selectors import nominations_for_upward

        super().__init__(*args, **kwargs)
        self.fields["nominations"].queryset = nominations_for_upward()
        self.helper = _helper("Lập tờ trình")


class UpwardResultForm(NFCFormMixin, forms.Form):
    result = forms.ChoiceField(label="Kết quả", choices=UpwardResult.choices[1:])
    # Written to UpwardItem.result_decision (120) and AwardRecord.decision_number (60): the shorter.
    decision_number = forms.CharField(label="Số quyết định", max_length=60, required=False)
    decision_date = forms.DateField(label="Ngày quyết định", required=False)


class DecisionEditForm(NFCFormMixin, forms.ModelForm):
    """The reviewer's edit of a draft decision; the annex order is one number per awardee."""

    class Meta:
        from .models import Decision

        model = Decision
        fields = [
            "subject",
            "grounds",
            "award_phrase",
            "reward_text",
            "executors",
            "recipients",
            "signer",
            "proposal_number",
            "proposal_date",
        ]
        labels = {"award_phrase": "Điều 1", "reward_text": "Điều 2", "executors": "Điều 3: tổ chức, cá nhân thi hành"}
        help_texts = {
            "grounds": "Mỗi dòng một căn cứ.",
            "award_phrase": "Không ghi “Điều 1.”; danh sách kèm theo in ở phụ lục.",
            "recipients": "Mỗi dòng một nơi nhận.",
        }
        widgets = {
            "subject": forms.Textarea(attrs={"rows": 2}),
            "grounds": forms.Textarea(attrs={"rows": 6}),
            "award_phrase": forms.Textarea(attrs={"rows": 3}),
            "reward_text": forms.Textarea(attrs={"rows": 3}),
            "executors": forms.Textarea(attrs={"rows": 3}),
            "recipients": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, items=(), **kwargs):
        from .selectors import _valid_on

        super().__init__(*args, **kwargs)
        decision = self.instance
        self.fields["signer"].queryset = _valid_on(Signer.objects.filter(issuing_body=decision.issuing_body), decision.date)
        self.fields["signer"].empty_label = None
        self.items = list(items)
        for item in self.items:
            self.fields[f"order-{item.pk}"] = forms.IntegerField(
                label=f"Thứ tự của {item.recipient_name}",
                min_value=1,
                max_value=10_000,
                initial=item.order,
                widget=forms.NumberInput(attrs={"class": "form-control form-control-sm"}),
            )
        self.order_rows = [(item, self[f"order-{item.pk}"]) for item in self.items]
        self.text_fields = [self[name] for name in self.Meta.fields]

    def item_order(self):
        """Item ids sorted by the numbers typed (ties keep the current order)."""
        return [
            item.pk for _, _, item in sorted((self.cleaned_data[f"order-{item.pk}"], index, item) for index, item in enumerate(self.items))
        ]

    def changes(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class DecisionReturnForm(NFCFormMixin, forms.Form):
    comment = forms.CharField(label="Ý kiến (nội dung cần sửa)", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class AgendaRemoveForm(NFCFormMixin, forms.Form):
    reason = forms.CharField(label="Lý do rút khỏi chương trình", max_length=1000)


class MeetingTimesForm(NFCFormMixin, forms.Form):
    start_time = forms.TimeField(label="Bắt đầu lúc", required=False, widget=forms.TimeInput(attrs={"placeholder": "hh:mm"}))
    end_time = forms.TimeField(label="Kết thúc lúc", required=False, widget=forms.TimeInput(attrs={"placeholder": "hh:mm"}))


class SignForm(forms.Form):
    """The passphrase of the signer's certificate, typed at each signature (never stored)."""

    passphrase = forms.CharField(
        label="Mật khẩu chứng thư số",
        max_length=256,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        help_text="Mật khẩu của tệp PKCS#12; cổng không lưu mật khẩu này.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("sign", "Ký số", css_id="sign-submit"))


class SignatureCheckForm(forms.Form):
    file = forms.FileField(label="Tệp PDF đã ký số", help_text="Tối đa 20 MB.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_id = "signature-check-form"
        self.helper.add_input(Submit("check", "Kiểm tra chữ ký", css_id="check-submit"))

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        validate_upload(uploaded, allowed=("pdf",))
        return uploaded


# --- The reward fund -----------------------------------------------------------------------------


class MoneyField(forms.IntegerField):
    """An amount in đồng typed the Vietnamese way ('1.500.000' or '1 500 000')."""

    default_error_messages = {"invalid": "Số tiền phải là số nguyên đồng, ví dụ 1.500.000."}

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace(".", "").replace(" ", "").replace("\u00a0", "").replace(",", "")
        return super().to_python(value)


class FundEntryForm(NFCFormMixin, forms.Form):
    """An income or expense line the reviewer enters (award money is booked by decisions)."""

    date = forms.DateField(label="Ngày", widget=DateInput, error_messages={"required": "Hãy nhập ngày thu, chi."})
    kind = forms.ChoiceField(label="Loại", choices=FundEntryKind.choices, initial=FundEntryKind.EXPENSE)
    amount = MoneyField(label="Số tiền (đồng)", error_messages={"required": "Hãy nhập số tiền."})
    description = forms.CharField(
        label="Nội dung", max_length=500, required=False, help_text="Ví dụ: In giấy khen, khung Bằng khen; tổ chức hội nghị tổng kết."
    )

    def __init__(self, *args, year, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year
        # Two forms share the fund page: each submit button takes its own name (and so its own id).
        self.helper = FormHelper()
        self.helper.add_input(Submit("save_entry", "Ghi dòng thu, chi"))

    def clean(self):
        from .fund import _clean_entry

        data = super().clean()
        if "date" in data and "amount" in data:  # a field already refused keeps its own message
            for field, message in _clean_entry(
                year=self.year, date=data["date"], amount=data["amount"], description=data.get("description")
            ).items():
                self.add_error(field, message)
        elif not (data.get("description") or "").strip():
            self.add_error("description", "Hãy ghi nội dung thu, chi.")
        return data


class FundPlanForm(forms.Form):
    base_amount = MoneyField(
        label="Số làm căn cứ trích quỹ (đồng)",
        min_value=1,
        error_messages={"required": "Hãy nhập số làm căn cứ trích quỹ.", "min_value": "Số làm căn cứ phải lớn hơn 0 đồng."},
        help_text="Ví dụ tổng quỹ tiền lương của năm theo dự toán được giao; tỷ lệ trích lấy theo nghị định áp dụng vào 01/01.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("save_plan", "Lập kế hoạch quỹ"))
