from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from awards.enums import AttachmentKind, NominationBasis, PeriodKind
from awards.models import AwardKind, AwardPrerequisite, AwardRecord, Decision, DecisionItem, Nomination, NominationAttachment
from campaigns.models import Campaign, CampaignPhase, CampaignTarget, Registration, RegistrationEntry, RegistrationTarget
from units.models import Person, Unit

from .enums import ApiPermission
from .permissions import caller_allows
from .representation import FastListSerializer


class UnitSerializer(serializers.ModelSerializer):
    successors = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        list_serializer_class = FastListSerializer
        model = Unit
        fields = ["id", "name", "short_code", "kind", "parent", "display_order", "active", "valid_from", "valid_to", "successors"]


PERSON_BASIC = ["id", "full_name", "unit", "position", "active"]
PERSON_PERSONAL = ["gender", "birth_year", "holds_leadership", "is_direct_worker"]


class PersonSerializer(serializers.ModelSerializer):
    """Basic fields for every reader; gender, birth year, leadership and the direct-worker flag only for tokens
    holding people:personal (and for signed-in users, who see them on the web pages)."""

    class Meta:
        list_serializer_class = FastListSerializer
        model = Person
        fields = PERSON_BASIC + PERSON_PERSONAL
        extra_kwargs = {name: {"required": False} for name in PERSON_PERSONAL}

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None and not caller_allows(request, ApiPermission.PEOPLE_PERSONAL):
            for name in PERSON_PERSONAL:
                fields.pop(name, None)
        return fields


class PrerequisiteSerializer(serializers.ModelSerializer):
    class Meta:
        list_serializer_class = FastListSerializer
        model = AwardPrerequisite
        fields = [
            "group",
            "rule",
            "requires_code",
            "years",
            "interval_years",
            "years_before",
            "min_initiative_scope",
            "severity",
            "legal_basis",
            "description",
        ]


class AwardKindSerializer(serializers.ModelSerializer):
    prerequisites = PrerequisiteSerializer(many=True, read_only=True)

    class Meta:
        list_serializer_class = FastListSerializer
        model = AwardKind
        fields = [
            "id", "code", "name", "category", "subject", "conferring_level", "criteria_text", "legal_basis", "reward_multiplier",
            "vote_secret", "vote_base", "vote_threshold_percent", "valid_from", "valid_to", "active", "requires_registration",
            "requires_achievement_report", "processing_days", "posting_days", "prerequisites",
        ]  # fmt: skip


class AwardRecordSerializer(serializers.ModelSerializer):
    recipient_unit = serializers.IntegerField(read_only=True, allow_null=True, help_text="Đơn vị hiện nay của người/tập thể được khen.")

    class Meta:
        list_serializer_class = FastListSerializer
        model = AwardRecord
        fields = [
            "id", "person", "unit", "recipient_unit", "award_kind", "award_code", "award_name", "period_kind", "year", "recipient_name",
            "unit_name", "decision_number", "decision_date", "issuer_name", "source", "nomination",
        ]  # fmt: skip


class AttachmentSerializer(serializers.ModelSerializer):
    class Meta:
        list_serializer_class = FastListSerializer
        model = NominationAttachment
        fields = ["id", "kind", "original_name", "file_type", "size", "uploaded_at"]


class CheckSerializer(serializers.Serializer):
    code = serializers.CharField(required=False)
    name = serializers.CharField(required=False, allow_blank=True)
    ok = serializers.BooleanField()
    severity = serializers.CharField(required=False)
    message = serializers.CharField(required=False, allow_blank=True)
    legal_basis = serializers.CharField(required=False, allow_blank=True, allow_null=True)


class NominationSerializer(serializers.ModelSerializer):
    award_code = serializers.CharField(source="award_kind.code", read_only=True)
    attachments = AttachmentSerializer(many=True, read_only=True)
    checks = serializers.SerializerMethodField(help_text="Kết quả kiểm tra điều kiện (như trang đề nghị).")

    class Meta:
        list_serializer_class = FastListSerializer
        model = Nomination
        fields = [
            "id", "unit", "nominee_person", "nominee_unit", "nominee_name", "award_kind", "award_code", "period_kind", "year", "basis",
            "campaign", "achievement_summary", "excellent_completion", "members_completed_tasks", "is_direct_worker", "state", "submission", "checks", "checked_at",
            "attachments", "created_at", "updated_at", "submitted_at",
        ]  # fmt: skip

    @extend_schema_field(CheckSerializer(many=True))
    def get_checks(self, obj):
        return [{k: c.get(k) for k in ("code", "name", "ok", "severity", "message", "legal_basis") if k in c} for c in (obj.checks or [])]


class NominationWriteSerializer(serializers.Serializer):
    """The fields of the web form "Lập đề nghị khen thưởng"; exactly one of nominee_person and
    nominee_unit. Validation is the web form's own (same messages)."""

    nominee_person = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    nominee_unit = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    award_kind = serializers.IntegerField(min_value=1)
    period_kind = serializers.ChoiceField(choices=PeriodKind.choices, required=False, default=PeriodKind.CALENDAR_YEAR)
    year = serializers.IntegerField(min_value=1990, max_value=2100)
    basis = serializers.ChoiceField(choices=NominationBasis.choices, required=False, default=NominationBasis.MERIT)
    campaign = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    achievement_summary = serializers.CharField(max_length=20000)
    excellent_completion = serializers.BooleanField(required=False, default=False)
    members_completed_tasks = serializers.BooleanField(
        required=False, default=False, help_text="Tập thể: 100% thành viên hoàn thành nhiệm vụ."
    )


class NominationPatchSerializer(NominationWriteSerializer):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False


class AttachmentUploadSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=AttachmentKind.choices)
    file = serializers.FileField()


class SubmitSerializer(serializers.Serializer):
    expected_state = serializers.CharField(required=False, help_text="Trạng thái khách hàng đang thấy; khác thì từ chối (409).")


class DecisionItemSerializer(serializers.ModelSerializer):
    unit = serializers.IntegerField(source="nomination.unit_id", read_only=True)
    person = serializers.IntegerField(source="nomination.nominee_person_id", read_only=True, allow_null=True)
    collective = serializers.IntegerField(source="nomination.nominee_unit_id", read_only=True, allow_null=True)
    award_code = serializers.CharField(source="nomination.award_kind.code", read_only=True)

    class Meta:
        list_serializer_class = FastListSerializer
        model = DecisionItem
        fields = [
            "nomination",
            "recipient_name",
            "position",
            "unit_name",
            "unit",
            "person",
            "collective",
            "award_code",
            "award_name",
            "multiplier",
            "amount",
        ]


class DocumentsSerializer(serializers.Serializer):
    pdf = serializers.CharField()
    docx = serializers.CharField()
    certificates = serializers.CharField()


class DecisionSerializer(serializers.ModelSerializer):
    issuer = serializers.CharField(source="issuing_body.full_name", read_only=True)
    signer_name = serializers.CharField(source="signer.name", read_only=True)
    annex = DecisionItemSerializer(source="items", many=True, read_only=True)
    documents = serializers.SerializerMethodField()

    class Meta:
        list_serializer_class = FastListSerializer
        model = Decision
        fields = [
            "id",
            "number",
            "date",
            "year",
            "state",
            "subject",
            "issuer",
            "signer_name",
            "base_salary",
            "total_amount",
            "issued_at",
            "annex",
            "documents",
        ]

    @extend_schema_field(DocumentsSerializer)
    def get_documents(self, obj):
        return {
            "pdf": reverse("awards:decision-pdf", args=[obj.pk]),
            "docx": reverse("awards:decision-docx", args=[obj.pk]),
            "certificates": reverse("awards:decision-certificates", args=[obj.pk]),
        }


class DecisionRegisterSerializer(serializers.Serializer):
    number = serializers.CharField(max_length=60, help_text="Số, ký hiệu do hệ thống quản lý văn bản cấp, ví dụ 05/QĐ-UBND.")
    date = serializers.DateField(help_text="Ngày ban hành (YYYY-MM-DD).")


class CampaignTargetSerializer(serializers.ModelSerializer):
    class Meta:
        list_serializer_class = FastListSerializer
        model = CampaignTarget
        fields = ["id", "name", "unit_of_measure", "target_value"]


class CampaignPhaseSerializer(serializers.ModelSerializer):
    class Meta:
        list_serializer_class = FastListSerializer
        model = CampaignPhase
        fields = ["kind", "name", "date"]


class CampaignSerializer(serializers.ModelSerializer):
    targets = CampaignTargetSerializer(many=True, read_only=True)
    phases = CampaignPhaseSerializer(many=True, read_only=True)

    class Meta:
        list_serializer_class = FastListSerializer
        model = Campaign
        fields = [
            "id", "name", "kind", "start_date", "end_date", "launching_body", "document_number", "document_date", "participant_scope",
            "registration_deadline", "targets", "phases",
        ]  # fmt: skip


class RegistrationEntrySerializer(serializers.ModelSerializer):
    class Meta:
        list_serializer_class = FastListSerializer
        model = RegistrationEntry
        fields = ["person", "award_kind"]


class RegistrationTargetSerializer(serializers.ModelSerializer):
    class Meta:
        list_serializer_class = FastListSerializer
        model = RegistrationTarget
        fields = ["target", "value"]


class RegistrationSerializer(serializers.ModelSerializer):
    entries = RegistrationEntrySerializer(many=True, read_only=True)
    targets = RegistrationTargetSerializer(many=True, read_only=True)

    class Meta:
        list_serializer_class = FastListSerializer
        model = Registration
        fields = [
            "id",
            "campaign",
            "unit",
            "collective_award",
            "commitment",
            "state",
            "is_late",
            "submitted_at",
            "decided_at",
            "entries",
            "targets",
        ]


class MeSerializer(serializers.Serializer):
    account = serializers.CharField()
    token = serializers.CharField(allow_null=True)
    unit = serializers.IntegerField(allow_null=True)
    permissions = serializers.ListField(child=serializers.CharField())
    rate_per_minute = serializers.IntegerField()


class NationalAwardSerializer(serializers.Serializer):
    """One award as the national emulation database holds it (see docs/api.md for the mapping)."""

    record_id = serializers.IntegerField()
    subject_type = serializers.ChoiceField(choices=[("person", "Cá nhân"), ("collective", "Tập thể")])
    full_name = serializers.CharField()
    birth_year = serializers.IntegerField(allow_null=True)
    gender = serializers.CharField(allow_blank=True)
    position = serializers.CharField(allow_blank=True)
    unit = serializers.CharField(allow_blank=True)
    unit_code = serializers.CharField(allow_blank=True)
    award_kind_code = serializers.CharField()
    award_kind = serializers.CharField()
    category = serializers.CharField(allow_blank=True)
    level = serializers.CharField(allow_blank=True)
    basis = serializers.CharField(allow_blank=True)
    basis_label = serializers.CharField(allow_blank=True)
    period_kind = serializers.CharField()
    year = serializers.IntegerField()
    decision_number = serializers.CharField(allow_blank=True)
    decision_date = serializers.DateField()
    issuer = serializers.CharField(allow_blank=True)
    reward = serializers.IntegerField(allow_null=True)


class NationalExportSerializer(serializers.Serializer):
    format = serializers.CharField()
    version = serializers.IntegerField()
    start = serializers.DateField()
    end = serializers.DateField()
    count = serializers.IntegerField()
    items = NationalAwardSerializer(many=True)


class CountRowSerializer(serializers.Serializer):
    key = serializers.CharField(allow_blank=True)
    label = serializers.CharField(allow_blank=True)
    total = serializers.IntegerField()


class DashboardSerializer(serializers.Serializer):
    year = serializers.IntegerField(allow_null=True)
    campaign = serializers.IntegerField(allow_null=True)
    awards = serializers.DictField(
        child=serializers.FloatField(allow_null=True), help_text="Tổng số khen thưởng, cá nhân, tập thể, tiền thưởng…"
    )
    awards_by_kind = CountRowSerializer(many=True)
    nominations_by_state = CountRowSerializer(many=True)
