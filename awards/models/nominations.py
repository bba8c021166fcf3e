import datetime as dt

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.db import models

from dosonthidua.uploads import private_upload_to
from units.models import Fold

from ..enums import (
    AttachmentKind,
    CouncilResult,
    NominationBasis,
    NominationState,
    PeriodKind,
    RecordSource,
    ReviewRecommendation,
    SignerCapacity,
)
from .kinds import AwardKind, Occasion, period_label


class Submission(models.Model):
    """A unit's cover submission (tờ trình) carrying a list of nominations and the unit council's minutes."""

    unit = models.ForeignKey("units.Unit", verbose_name="đơn vị trình", on_delete=models.PROTECT, related_name="submissions")
    number = models.CharField("số tờ trình", max_length=60)
    date = models.DateField("ngày tờ trình")
    subject = models.CharField("trích yếu", max_length=500, default="Về việc đề nghị khen thưởng")
    signer_capacity = models.CharField(
        "hình thức ký", max_length=20, choices=SignerCapacity.choices, default=SignerCapacity.HEAD, db_default=SignerCapacity.HEAD
    )
    head_title = models.CharField(
        "chức vụ người đứng đầu đơn vị", max_length=100, default="Thủ trưởng đơn vị", db_default="Thủ trưởng đơn vị"
    )
    signer_title = models.CharField("chức vụ người ký", max_length=150, default="Thủ trưởng đơn vị")
    signer_name = models.CharField("người ký", max_length=150, blank=True)
    minutes = models.FileField("biên bản họp Hội đồng TĐKT đơn vị", upload_to=private_upload_to("minutes"), blank=True)
    minutes_name = models.CharField("tên tệp biên bản", max_length=255, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người lập", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("lập lúc", auto_now_add=True)
    submitted_at = models.DateTimeField("đã gửi lúc", null=True, blank=True)

    class Meta:
        verbose_name = "tờ trình"
        verbose_name_plural = "tờ trình"
        ordering = ["-date", "-id"]
        constraints = [models.UniqueConstraint(fields=["unit", "number"], name="submission_unit_number_unique")]

    def __str__(self):
        return f"Tờ trình {self.number}"


# Nominations are for achievements from 2000 to next year (a unit may plan next year's list).
NOMINATION_FIRST_YEAR = 2000


class Nomination(models.Model):
    """A proposal to award one nominee (a person or a unit) one award kind for one period."""

    unit = models.ForeignKey("units.Unit", verbose_name="đơn vị đề nghị", on_delete=models.PROTECT, related_name="nominations")
    nominee_person = models.ForeignKey(
        "units.Person", verbose_name="cá nhân", null=True, blank=True, on_delete=models.PROTECT, related_name="nominations"
    )
    nominee_unit = models.ForeignKey(
        "units.Unit", verbose_name="tập thể", null=True, blank=True, on_delete=models.PROTECT, related_name="nominations_received"
    )
    nominee_name = models.CharField("tên người/tập thể được đề nghị", max_length=255)
    search_name = models.GeneratedField(expression=Fold("nominee_name"), output_field=models.TextField(), db_persist=True)
    award_kind = models.ForeignKey(AwardKind, verbose_name="danh hiệu, hình thức", on_delete=models.PROTECT, related_name="nominations")
    # The award's code, kept by a database trigger from award_kind (migration 0010), so one nominee
    # cannot hold the same title twice in a period under two decrees' catalogue rows.
    award_code = models.SlugField("mã danh hiệu", max_length=60, db_default="", editable=False)
    period_kind = models.CharField("kỳ xét", max_length=10, choices=PeriodKind.choices, default=PeriodKind.CALENDAR_YEAR)
    year = models.PositiveSmallIntegerField(
        "năm", help_text="Năm học, giai đoạn ghi năm kết thúc, ví dụ năm học 2024–2025 ghi 2025, giai đoạn 2021–2025 ghi 2025."
    )
    period_from = models.PositiveSmallIntegerField(
        "năm đầu giai đoạn", null=True, blank=True, help_text="Chỉ với kỳ xét là giai đoạn nhiều năm."
    )
    basis = models.CharField("loại hình khen thưởng", max_length=20, choices=NominationBasis.choices, default=NominationBasis.MERIT)
    campaign = models.ForeignKey(
        "campaigns.Campaign", verbose_name="phong trào thi đua", null=True, blank=True, on_delete=models.PROTECT, related_name="nominations"
    )
    occasion = models.ForeignKey(
        Occasion, verbose_name="dịp khen thưởng", null=True, blank=True, on_delete=models.PROTECT, related_name="nominations"
    )
    event_name = models.CharField("sự việc, thành tích đột xuất", max_length=255, blank=True, db_default="")
    event_date = models.DateField("ngày xảy ra", null=True, blank=True)
    achievement_summary = models.TextField("tóm tắt thành tích")
    excellent_completion = models.BooleanField("hoàn thành xuất sắc nhiệm vụ", default=False)
    members_completed_tasks = models.BooleanField(
        "100% thành viên hoàn thành nhiệm vụ", default=False, db_default=False, help_text="Đơn vị xác nhận (đề nghị tập thể)."
    )
    is_direct_worker = models.BooleanField("người lao động trực tiếp", null=True, blank=True, default=False)
    state = models.CharField("trạng thái", max_length=20, choices=NominationState.choices, default=NominationState.DRAFT, db_index=True)
    submission = models.ForeignKey(
        Submission, verbose_name="tờ trình", null=True, blank=True, on_delete=models.SET_NULL, related_name="nominations"
    )
    review_recommendation = models.CharField(
        "ý kiến thẩm định", max_length=20, choices=ReviewRecommendation.choices, default=ReviewRecommendation.NONE, blank=True
    )
    review_note = models.TextField("ghi chú thẩm định", blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người thẩm định", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    council_result = models.CharField(
        "kết quả Hội đồng", max_length=20, choices=CouncilResult.choices, default=CouncilResult.NONE, blank=True
    )
    council_note = models.TextField("ghi chú của Hội đồng", blank=True)
    checks = models.JSONField("kết quả kiểm tra điều kiện", default=list, blank=True)
    checked_at = models.DateTimeField("kiểm tra lúc", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người lập", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("lập lúc", auto_now_add=True)
    updated_at = models.DateTimeField("sửa lúc", auto_now=True)
    submitted_at = models.DateTimeField("gửi lúc", null=True, blank=True)
    state_changed_at = models.DateTimeField("đổi trạng thái lúc", null=True, blank=True)

    class Meta:
        verbose_name = "đề nghị khen thưởng"
        verbose_name_plural = "đề nghị khen thưởng"
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(nominee_person__isnull=False, nominee_unit__isnull=True))
                | (models.Q(nominee_person__isnull=True, nominee_unit__isnull=False)),
                name="nomination_one_nominee",
                violation_error_message="Chọn đúng một đối tượng: một cá nhân hoặc một tập thể.",
            ),
            models.UniqueConstraint(
                fields=["nominee_person", "award_code", "period_kind", "year"],
                condition=models.Q(nominee_person__isnull=False) & ~models.Q(state="withdrawn"),
                name="nomination_person_code_period_unique",
                violation_error_message="Cá nhân này đã được đề nghị danh hiệu này trong cùng kỳ.",
            ),
            models.UniqueConstraint(
                fields=["nominee_unit", "award_code", "period_kind", "year"],
                condition=models.Q(nominee_unit__isnull=False) & ~models.Q(state="withdrawn"),
                name="nomination_unit_code_period_unique",
                violation_error_message="Tập thể này đã được đề nghị danh hiệu này trong cùng kỳ.",
            ),
            models.CheckConstraint(condition=models.Q(year__gte=1990, year__lte=2100), name="nomination_year_range"),
        ]
        indexes = [
            models.Index(fields=["unit", "state"], name="nomination_unit_state"),
            models.Index(fields=["year", "award_kind"], name="nomination_year_kind"),
            # Accent-insensitive search by nominee (LIKE '%...%' on the folded name) and the list's order.
            GinIndex(fields=["search_name"], opclasses=["gin_trgm_ops"], name="nomination_search_trgm"),
            models.Index(fields=["-updated_at", "-id"], name="nomination_updated"),
            # The lookup's order (awards/lookup.py), so an unfiltered or broad search reads its page
            # from the index instead of sorting every nomination.
            models.Index(fields=["-year", "nominee_name", "id"], name="nomination_lookup_order"),
            # The period of the dashboard and the reports (reports.selectors.Scope.dated): a range on
            # submitted_at, the rows sent in the period.
            models.Index(fields=["submitted_at"], name="nomination_submitted"),
            # The reviewer's home counts (waiting, overdue, to post, to decide) from the index alone:
            # every row of these states, with the columns the counts read.
            models.Index(
                fields=["state", "award_kind", "submitted_at"],
                include=["id"],
                condition=models.Q(state__in=["submitted", "resubmitted", "verified", "approved"]),
                name="nomination_queue_counts",
            ),
            # The reviewer's queue and its overdue figure: a range on submitted_at over waiting rows only.
            models.Index(
                fields=["submitted_at", "id"], condition=models.Q(state__in=["submitted", "resubmitted"]), name="nomination_waiting"
            ),
        ]

    def __str__(self):
        return f"{self.nominee_name} – {self.award_kind.name} ({self.period_label})"

    @property
    def period_label(self):
        return period_label(self.period_kind, self.year, self.period_from)

    @property
    def is_editable(self):
        return self.state in (NominationState.DRAFT, NominationState.RETURNED)

    def state_label_on(self, track):
        """The state as shown on its page, given its procedure track (selectors.track_for, which the
        page reads anyway): an approval by the simplified procedure (no council) says so."""
        if self.state == NominationState.APPROVED and not self.council_result and track is not None and not track.needs_council:
            return "Được duyệt theo thủ tục đơn giản"
        return self.get_state_display()

    @property
    def hard_failures(self):
        return [c for c in self.checks if not c.get("ok") and c.get("severity") == "hard"]

    @property
    def warnings(self):
        return [c for c in self.checks if not c.get("ok") and c.get("severity") == "soft"]

    @property
    def period_end(self):
        """The last day of the nomination's period (a school year ends on 31 May of its second year)."""
        return dt.date(self.year, 5, 31) if self.period_kind == PeriodKind.SCHOOL_YEAR else dt.date(self.year, 12, 31)

    @property
    def reference_date(self):
        """The date whose rules apply: the decision date once the nomination is in a decision (draft or
        issued), else the end of its period, but not before the first day of its catalogue entry. A
        dossier of 2024 that a handover moved to the successor's entry of 01/07/2025 (awards.handover)
        is judged by the rules and competence of the body that now decides it, as its decision will be."""
        decided = self.decision_date_or_none
        if decided is not None:
            return decided
        end = self.period_end
        kind = self.award_kind if self.award_kind_id else None
        return max(end, kind.valid_from) if kind is not None else end

    @property
    def decision_date_or_none(self):
        """The date of the decision (draft or issued) the nomination is in, else None."""
        if self.pk:
            try:
                return self.decision_item.decision.date
            except Nomination.decision_item.RelatedObjectDoesNotExist:
                pass
        return None


class NominationAttachment(models.Model):
    nomination = models.ForeignKey(Nomination, verbose_name="đề nghị", on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField("loại tài liệu", max_length=30, choices=AttachmentKind.choices)
    file = models.FileField("tệp", upload_to=private_upload_to("nominations"))
    original_name = models.CharField("tên tệp gốc", max_length=255)
    file_type = models.CharField("định dạng", max_length=10)
    size = models.PositiveBigIntegerField("dung lượng")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người tải lên", on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField("tải lên lúc", auto_now_add=True)

    class Meta:
        verbose_name = "tài liệu kèm theo"
        verbose_name_plural = "tài liệu kèm theo"
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.original_name


class NominationTransition(models.Model):
    """One move of a nomination's state: the audit trail (written only by nomination_transition)."""

    nomination = models.ForeignKey(Nomination, verbose_name="đề nghị", on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField("từ trạng thái", max_length=20, choices=NominationState.choices)
    to_state = models.CharField("sang trạng thái", max_length=20, choices=NominationState.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người thực hiện", null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField("thời điểm", auto_now_add=True)
    comment = models.TextField("ý kiến", blank=True)

    class Meta:
        verbose_name = "lịch sử xử lý đề nghị"
        verbose_name_plural = "lịch sử xử lý đề nghị"
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.from_state} → {self.to_state}"


class AwardRecord(models.Model):
    """An award a person or unit received (decided on the portal, decided upward, or imported from
    earlier years). Names, issuer and decision number are snapshots, so a later edit of the catalogue
    or a unit merger never rewrites history. Streak checks read these rows."""

    person = models.ForeignKey(
        "units.Person", verbose_name="cá nhân", null=True, blank=True, on_delete=models.PROTECT, related_name="award_records"
    )
    unit = models.ForeignKey(
        "units.Unit", verbose_name="tập thể", null=True, blank=True, on_delete=models.PROTECT, related_name="award_records"
    )
    award_kind = models.ForeignKey(
        AwardKind, verbose_name="danh hiệu", null=True, blank=True, on_delete=models.SET_NULL, related_name="records"
    )
    award_code = models.SlugField("mã danh hiệu", max_length=60)
    award_name = models.CharField("tên danh hiệu", max_length=255)
    period_kind = models.CharField("kỳ", max_length=10, choices=PeriodKind.choices, default=PeriodKind.CALENDAR_YEAR)
    year = models.PositiveSmallIntegerField("năm")
    period_from = models.PositiveSmallIntegerField("năm đầu giai đoạn", null=True, blank=True)
    recipient_name = models.CharField("tên người/tập thể", max_length=255)
    unit_name = models.CharField("đơn vị lúc được khen", max_length=255, blank=True)
    decision_number = models.CharField("số quyết định", max_length=60, blank=True)
    decision_date = models.DateField("ngày quyết định", null=True, blank=True)
    issuer_name = models.CharField("cơ quan quyết định", max_length=255, blank=True)
    source = models.CharField("nguồn", max_length=20, choices=RecordSource.choices, default=RecordSource.DECIDED)
    nomination = models.OneToOneField(
        Nomination, verbose_name="đề nghị", null=True, blank=True, on_delete=models.SET_NULL, related_name="record"
    )
    created_at = models.DateTimeField("ghi nhận lúc", auto_now_add=True)

    class Meta:
        verbose_name = "khen thưởng đã nhận"
        verbose_name_plural = "khen thưởng đã nhận"
        ordering = ["-year", "award_name"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(person__isnull=False, unit__isnull=True)) | (models.Q(person__isnull=True, unit__isnull=False)),
                name="awardrecord_one_recipient",
            ),
            models.UniqueConstraint(fields=["person", "award_code", "period_kind", "year"], name="awardrecord_person_unique"),
            models.UniqueConstraint(fields=["unit", "award_code", "period_kind", "year"], name="awardrecord_unit_unique"),
        ]
        indexes = [
            models.Index(fields=["award_code", "year"], name="awardrecord_code_year"),
            # The lookup's order (awards/lookup.py): a broad search reads its page from the index.
            models.Index(fields=["-year", "-decision_date", "recipient_name", "id"], name="awardrecord_lookup_order"),
            # The API's awards/ list order (-year, recipient_name, id): a page without sorting every record.
            models.Index(fields=["-year", "recipient_name", "id"], name="awardrecord_api_order"),
        ]

    def __str__(self):
        return f"{self.recipient_name}: {self.award_name} ({self.year})"
