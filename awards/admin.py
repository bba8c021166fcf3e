from django import forms
from django.contrib import admin, messages
from django.utils import timezone

from dosonthidua.admin import DeletionSummaryMixin, RelatedInListMixin
from dosonthidua.widgets import DateInput
from units.audit import audit_record
from units.enums import PositionGroup

from .models import (
    AwardKind,
    AwardPrerequisite,
    AwardQuota,
    AwardRecord,
    BaseSalary,
    BlocProposal,
    CalendarDay,
    CollectiveCriterion,
    ConferringRoute,
    Council,
    CouncilMember,
    DocumentDefaults,
    DossierRequirement,
    EligibilityRule,
    FundEntry,
    FundRate,
    FundYear,
    Handover,
    HandoverItem,
    Initiative,
    IssuingBody,
    LegalDocument,
    Occasion,
    ProcedureTrack,
    SeniorityRule,
    SignedDocument,
    Signer,
    SigningCertificate,
)
from .pades import SigningError, certificate_info, check_validity_period
from .signatures import certificate_upload


class PrerequisiteInline(admin.TabularInline):
    model = AwardPrerequisite
    extra = 0


@admin.register(AwardKind)
class AwardKindAdmin(DeletionSummaryMixin, RelatedInListMixin, admin.ModelAdmin):
    list_display = [
        "name",
        "code",
        "category",
        "subject",
        "conferring_level",
        "decision_verb",
        "decision_object",
        "reward_multiplier",
        "valid_from",
        "valid_to",
        "active",
        "admin_note",
    ]
    list_filter = ["category", "subject", "conferring_level", "active"]
    search_fields = ["name", "code"]
    inlines = [PrerequisiteInline]


@admin.register(EligibilityRule)
class EligibilityRuleAdmin(DeletionSummaryMixin, RelatedInListMixin, admin.ModelAdmin):
    list_display = ["code", "name", "severity", "active", "legal_basis", "admin_note"]
    list_editable = ["severity", "active"]


@admin.register(DossierRequirement)
class DossierRequirementAdmin(DeletionSummaryMixin, RelatedInListMixin, admin.ModelAdmin):
    list_display = ["award_code", "attachment_kind", "required", "note", "display_order"]
    list_filter = ["attachment_kind", "required"]
    list_editable = ["required"]
    search_fields = ["award_code", "note"]


class SeniorityRuleForm(forms.ModelForm):
    """The counted position groups as checkboxes (an array of choices in the database)."""

    position_groups = forms.MultipleChoiceField(
        label="Nhóm chức vụ được tính",
        choices=PositionGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Không chọn nhóm nào: tính mọi giai đoạn công tác.",
    )

    class Meta:
        model = SeniorityRule
        fields = "__all__"  # noqa: DJ007 - every column of the rule is the administrator's to edit
        widgets = {"valid_from": DateInput(), "valid_to": DateInput()}


@admin.register(SeniorityRule)
class SeniorityRuleAdmin(DeletionSummaryMixin, admin.ModelAdmin):
    form = SeniorityRuleForm
    list_display = ["award_code", "basis", "description", "years_required", "continuous", "valid_from", "valid_to", "active"]
    list_filter = ["basis", "active", "continuous"]
    search_fields = ["award_code", "description", "legal_basis"]


@admin.register(ProcedureTrack)
class ProcedureTrackAdmin(DeletionSummaryMixin, admin.ModelAdmin):
    list_display = [
        "name",
        "basis",
        "award_code",
        "needs_registration",
        "needs_full_report",
        "needs_posting",
        "needs_council",
        "processing_days",
        "valid_from",
        "valid_to",
        "admin_note",
    ]
    list_filter = ["basis", "needs_council", "needs_posting"]


@admin.register(Occasion)
class OccasionAdmin(DeletionSummaryMixin, RelatedInListMixin, admin.ModelAdmin):
    list_display = ["name", "date", "active"]
    list_editable = ["active"]
    search_fields = ["name"]


@admin.register(ConferringRoute)
class ConferringRouteAdmin(DeletionSummaryMixin, RelatedInListMixin, admin.ModelAdmin):
    list_display = ["conferring_level", "action", "valid_from", "valid_to"]


@admin.register(AwardQuota)
class AwardQuotaAdmin(DeletionSummaryMixin, RelatedInListMixin, admin.ModelAdmin):
    list_display = ["kind_code", "unit", "ratio_percent", "base", "valid_from", "valid_to"]


@admin.register(CollectiveCriterion)
class CollectiveCriterionAdmin(DeletionSummaryMixin, RelatedInListMixin, admin.ModelAdmin):
    list_display = [
        "kind_code",
        "titled_code",
        "titled_percent",
        "strictly_more",
        "second_code",
        "second_min_count",
        "valid_from",
        "valid_to",
    ]
    list_filter = ["kind_code"]


@admin.register(BaseSalary)
class BaseSalaryAdmin(DeletionSummaryMixin, RelatedInListMixin, admin.ModelAdmin):
    list_display = ["amount", "valid_from", "legal_basis"]


@admin.register(FundRate)
class FundRateAdmin(DeletionSummaryMixin, admin.ModelAdmin):
    """The legal rate of the reward fund: data the administrator checks against the decree."""

    list_display = ["rate_percent", "base", "level", "valid_from", "valid_to", "legal_basis"]
    list_filter = ["base", "level"]


class FundEntryInline(admin.TabularInline):
    model = FundEntry
    extra = 0
    can_delete = False
    readonly_fields = ["date", "kind", "amount", "description", "decision", "created_by", "created_at"]

    def has_add_permission(self, request, obj=None):
        return False  # lines are written by the fund page and by issued decisions (awards.fund)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("created_by", "decision")


@admin.register(FundYear)
class FundYearAdmin(DeletionSummaryMixin, admin.ModelAdmin):
    list_display = ["year", "issuing_body", "base_amount", "rate_percent", "planned_amount"]
    list_filter = ["year"]
    readonly_fields = ["issuing_body", "year", "base_amount", "rate", "rate_percent", "planned_amount", "updated_by", "updated_at"]
    inlines = [FundEntryInline]

    def has_add_permission(self, request):
        return False  # planned on the fund page (awards.fund.fund_plan_set)


@admin.register(Initiative)
class InitiativeAdmin(DeletionSummaryMixin, RelatedInListMixin, admin.ModelAdmin):
    list_display = ["title", "kind", "unit", "year", "scope", "recognition_decision"]
    list_filter = ["kind", "scope", "year"]
    filter_horizontal = ["authors"]


@admin.register(AwardRecord)
class AwardRecordAdmin(DeletionSummaryMixin, RelatedInListMixin, admin.ModelAdmin):
    list_display = ["recipient_name", "award_name", "year", "decision_number", "source"]
    list_filter = ["source", "award_code", "year"]
    search_fields = ["recipient_name", "decision_number"]
    # Ids, not selects: a select of every person or nomination (100,000s at city scale) is a page
    # of megabytes, and each nomination's label reads its nominee and kind.
    raw_id_fields = ["person", "unit", "award_kind", "nomination"]


# --- Issue 5: configuration of posting, council and decisions --------------------------------------
# Meetings, ballots and decisions are changed only through their services, so they are not here.


@admin.register(CalendarDay)
class CalendarDayAdmin(DeletionSummaryMixin, RelatedInListMixin, admin.ModelAdmin):
    list_display = ["date", "kind", "name"]
    list_filter = ["kind"]
    date_hierarchy = "date"


class SignerInline(admin.TabularInline):
    model = Signer
    extra = 0
    fields = ["name", "capacity", "position_title", "valid_from", "valid_to"]


class DocumentDefaultsInline(admin.StackedInline):
    model = DocumentDefaults
    extra = 0


@admin.register(IssuingBody)
class IssuingBodyAdmin(DeletionSummaryMixin, RelatedInListMixin, admin.ModelAdmin):
    list_display = ["full_name", "level", "advisory_office", "advisory_office_verified", "place", "valid_from", "valid_to"]
    list_filter = ["level", "advisory_office_verified"]
    fieldsets = [
        (None, {"fields": ["name_line1", "name_line2", "full_name", "symbol", "place", "leader_title", "unit"]}),
        ("Cấp và địa bàn", {"fields": ["level", "area_name"]}),
        (
            "Cơ quan tham mưu công tác thi đua, khen thưởng",
            {
                "fields": ["advisory_office", "advisory_office_head_title", "advisory_office_verified"],
                "description": "Cấp xã, phường từ 01/07/2025 không có Phòng Nội vụ: ghi cơ quan được UBND phân công tham mưu "
                "(mặc định Văn phòng HĐND và UBND — cần xác minh theo văn bản phân công rồi đánh dấu đã xác minh).",
            },
        ),
        ("Hiệu lực", {"fields": ["valid_from", "valid_to", "handover_link"]}),
    ]
    readonly_fields = ["handover_link"]
    inlines = [SignerInline, DocumentDefaultsInline]

    @admin.display(description="chuyển giao công việc")
    def handover_link(self, obj):
        from django.urls import reverse
        from django.utils.html import format_html

        if obj is None or obj.pk is None or obj.valid_to is None:
            return "Chỉ chuyển giao khi cơ quan đã hết hiệu lực."
        return format_html(
            '<a href="{}">Xem và chuyển giao công việc còn dở sang cơ quan kế tiếp</a>',
            reverse("admin:awards_issuingbody_handover", args=[obj.pk]),
        )

    def get_urls(self):
        from django.urls import path

        own = [path("<int:pk>/chuyen-giao/", self.admin_site.admin_view(self.handover_view), name="awards_issuingbody_handover")]
        return own + super().get_urls()

    def handover_view(self, request, pk):
        """The administrator's page: what the ended body's open work is, what moves to the successor
        and what cannot (with the reason); one POST moves it all."""
        from django.core.exceptions import PermissionDenied
        from django.shortcuts import get_object_or_404, redirect
        from django.template.response import TemplateResponse
        from django.urls import reverse

        from .handover import HandoverError, handover_apply, handover_plan

        if not (request.user.is_superuser or request.user.has_perm("awards.add_handover")):
            raise PermissionDenied
        body = get_object_or_404(IssuingBody, pk=pk)
        try:
            plan = handover_plan(body)
        except HandoverError as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return redirect(reverse("admin:awards_issuingbody_change", args=[body.pk]))
        if request.method == "POST" and request.POST.get("confirm") == "1":
            handover = handover_apply(from_body=body, by=request.user)
            moved = handover.items.filter(moved=True).count()
            self.message_user(
                request,
                f"Đã chuyển {moved} việc sang {handover.to_body}; {handover.items.count() - moved} việc không chuyển được.",
                messages.SUCCESS,
            )
            return redirect(reverse("admin:awards_handover_change", args=[handover.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Chuyển giao công việc của {body}",
            "plan": plan,
            "body": body,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/awards/handover.html", context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        body = self.get_object(request, object_id)
        if body is not None and request.method == "GET" and not body.advisory_office_verified:
            messages.warning(
                request,
                f"Cơ quan tham mưu “{body.office_label}” là giá trị mặc định, cần xác minh theo văn bản phân công của địa phương.",
            )
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(LegalDocument)
class LegalDocumentAdmin(DeletionSummaryMixin, RelatedInListMixin, admin.ModelAdmin):
    list_display = ["title", "number", "issued_on", "issuer", "valid_from", "valid_to", "cited_in_decisions", "display_order"]
    list_filter = ["kind", "cited_in_decisions"]
    search_fields = ["title", "number", "note"]
    readonly_fields = ["citation"]
    fields = [
        "kind",
        "number",
        "issued_on",
        "issuer",
        "title",
        "scope",
        "citation",
        "issuing_body",
        "valid_from",
        "valid_to",
        "cited_in_decisions",
        "display_order",
        "note",
    ]

    @admin.display(description="câu trích dẫn trong quyết định")
    def citation(self, obj):
        return obj.citation if obj.pk else "—"


class HandoverItemInline(admin.TabularInline):
    model = HandoverItem
    extra = 0
    can_delete = False
    readonly_fields = ["kind", "label", "moved", "detail"]
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Handover)
class HandoverAdmin(DeletionSummaryMixin, RelatedInListMixin, admin.ModelAdmin):
    """History of handovers; made only from the issuing body's handover page, never edited."""

    list_display = ["from_body", "to_body", "effective_date", "by", "at"]
    readonly_fields = ["from_body", "to_body", "effective_date", "by", "at"]
    inlines = [HandoverItemInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class CouncilMemberInline(admin.TabularInline):
    model = CouncilMember
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Council)
class CouncilAdmin(DeletionSummaryMixin, RelatedInListMixin, admin.ModelAdmin):
    list_display = ["name", "issuing_body", "quorum_numerator", "quorum_denominator", "valid_from", "valid_to"]
    inlines = [CouncilMemberInline]


# --- Digital signatures --------------------------------------------------------------------------


class SigningCertificateForm(forms.ModelForm):
    """Upload of a signer's PKCS#12: the passphrase opens it to read and check the certificate and
    is then forgotten (the signer types it again at each signature)."""

    archive_file = forms.FileField(label="Tệp chứng thư số (.p12, .pfx)")
    passphrase = forms.CharField(
        label="Mật khẩu của tệp",
        strip=False,
        required=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        help_text="Dùng để đọc và kiểm tra chứng thư khi tải lên; cổng không lưu mật khẩu.",
    )

    class Meta:
        model = SigningCertificate
        fields = ["signer", "user"]

    def clean(self):
        cleaned = super().clean()
        uploaded = cleaned.get("archive_file")
        if uploaded is not None:
            if uploaded.size > 256 * 1024:
                raise forms.ValidationError("Tệp chứng thư số quá lớn (tối đa 256 KB).")
            data = uploaded.read()
            try:
                info = certificate_info(data, cleaned.get("passphrase", ""))
                check_validity_period(info.valid_from, info.valid_to, timezone.now())
            except SigningError as exc:
                raise forms.ValidationError(str(exc)) from exc
            cleaned["archive_bytes"] = data
        return cleaned


@admin.register(SigningCertificate)
class SigningCertificateAdmin(DeletionSummaryMixin, RelatedInListMixin, admin.ModelAdmin):
    list_display = ["subject", "signer", "user", "issuer", "serial", "valid_from", "valid_to", "is_active"]
    list_filter = ["is_active"]
    list_select_related = ["signer", "user"]
    search_fields = ["subject", "serial", "signer__name", "user__username"]
    readonly_fields = ["signer", "user", "subject", "issuer", "serial", "valid_from", "valid_to", "uploaded_by", "uploaded_at"]
    fields = [*readonly_fields, "is_active"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = SigningCertificateForm
            kwargs["fields"] = ["signer", "user", "archive_file", "passphrase"]
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        return ["signer", "user", "archive_file", "passphrase"] if obj is None else self.fields

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def save_model(self, request, obj, form, change):
        if change:  # only "đang dùng" can change: audited like the upload
            super().save_model(request, obj, form, change)
            audit_record(
                action="cert_changed", request=request, user=request.user, detail=f"Chứng thư số {obj.serial}: đang dùng = {obj.is_active}"
            )
            return
        created = certificate_upload(
            signer=form.cleaned_data["signer"],
            user=form.cleaned_data["user"],
            archive=form.cleaned_data["archive_bytes"],
            passphrase=form.cleaned_data.get("passphrase", ""),
            by=request.user,
            request=request,
        )
        obj.pk = created.pk
        obj._state.adding = False

    def has_delete_permission(self, request, obj=None):
        return False  # signed documents refer to it; set it not in use instead


@admin.register(SignedDocument)
class SignedDocumentAdmin(DeletionSummaryMixin, RelatedInListMixin, admin.ModelAdmin):
    list_display = ["__str__", "certificate", "signed_by", "signed_at", "timestamped"]
    list_select_related = ["decision", "proposal", "certificate", "signed_by"]
    readonly_fields = ["decision", "proposal", "certificate", "signed_by", "signed_at", "timestamped", "sha256"]
    fields = readonly_fields

    def has_add_permission(self, request):
        return False  # documents are signed with the "Ký số" button

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(BlocProposal)
class BlocProposalAdmin(DeletionSummaryMixin, RelatedInListMixin, admin.ModelAdmin):
    """Nominations that came from a bloc's published ranking (read-only: made by awards.bloc_proposals)."""

    list_display = ["nomination", "scorecard", "rank", "member_count", "total", "at"]
    readonly_fields = ["nomination", "scorecard", "rank", "member_count", "total", "by", "at"]
    search_fields = ["nomination__nominee_name"]

    def has_add_permission(self, request):
        return False
