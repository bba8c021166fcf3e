import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import models

from dosonthidua.uploads import private_upload_to
from units.models import Fold

from .enums import (
    AttachmentKind,
    AwardCategory,
    AwardSubject,
    ConferringLevel,
    CouncilResult,
    InitiativeScope,
    NominationBasis,
    NominationState,
    PeriodKind,
    PrerequisiteRule,
    QuotaBase,
    RecordSource,
    ReviewRecommendation,
    RouteAction,
    Severity,
    VoteBase,
)


class AwardKind(models.Model):
    """An emulation title or form of commendation (Luật Thi đua, khen thưởng 2022), valid for a date
    range: a new decree adds a new row rather than editing history."""

    code = models.SlugField("mã", max_length=60)
    name = models.CharField("tên danh hiệu / hình thức", max_length=255)
    category = models.CharField("phân loại", max_length=20, choices=AwardCategory.choices)
    subject = models.CharField("đối tượng", max_length=20, choices=AwardSubject.choices)
    conferring_level = models.CharField("cấp quyết định", max_length=20, choices=ConferringLevel.choices)
    criteria_text = models.TextField("tiêu chuẩn", blank=True)
    legal_basis = models.CharField("căn cứ pháp lý", max_length=255, blank=True)
    reward_multiplier = models.DecimalField("hệ số tiền thưởng (× mức lương cơ sở)", max_digits=5, decimal_places=2, default=Decimal("0"))
    vote_secret = models.BooleanField("bỏ phiếu kín", default=False)
    vote_base = models.CharField("cơ sở tính tỷ lệ", max_length=20, choices=VoteBase.choices, default=VoteBase.PRESENT)
    vote_threshold_percent = models.DecimalField("tỷ lệ đồng ý tối thiểu (%)", max_digits=5, decimal_places=2, default=Decimal("50.01"))
    valid_from = models.DateField("hiệu lực từ ngày")
    valid_to = models.DateField("hiệu lực đến ngày", null=True, blank=True)
    display_order = models.PositiveIntegerField("thứ tự", default=100)
    active = models.BooleanField("đang sử dụng", default=True)
    requires_registration = models.BooleanField(
        "phải đăng ký thi đua", default=False, help_text="Không đăng ký thi đua thì không được xét danh hiệu này."
    )
    requires_achievement_report = models.BooleanField("phải có báo cáo thành tích", default=True)
    processing_days = models.PositiveSmallIntegerField(
        "thời hạn thẩm định (ngày làm việc)", default=20, help_text="Quá thời hạn này kể từ khi nhận hồ sơ thì đề nghị bị coi là quá hạn."
    )
    posting_days = models.PositiveSmallIntegerField("thời gian công khai (ngày làm việc)", default=5)

    class Meta:
        verbose_name = "danh hiệu, hình thức khen thưởng"
        verbose_name_plural = "danh hiệu, hình thức khen thưởng"
        ordering = ["display_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_from"], name="awardkind_code_valid_from_unique"),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=models.F("valid_from")),
                name="awardkind_valid_range",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_title(self):
        return self.category == AwardCategory.TITLE

    @property
    def is_for_person(self):
        return self.subject == AwardSubject.PERSON

    def valid_on(self, date):
        return self.valid_from <= date and (self.valid_to is None or date <= self.valid_to)


class AwardPrerequisite(models.Model):
    """A machine-checkable condition of an award kind. Rows of the same kind with the same ``group``
    are alternatives (one suffices); different groups must all hold."""

    kind = models.ForeignKey(AwardKind, verbose_name="danh hiệu", on_delete=models.CASCADE, related_name="prerequisites")
    group = models.PositiveSmallIntegerField("nhóm điều kiện", default=1, help_text="Các điều kiện cùng nhóm là lựa chọn thay thế nhau.")
    rule = models.CharField("loại điều kiện", max_length=30, choices=PrerequisiteRule.choices)
    requires_code = models.SlugField("mã danh hiệu cần có", max_length=60, blank=True)
    years = models.PositiveSmallIntegerField("số lần liên tục", default=1)
    interval_years = models.PositiveSmallIntegerField(
        "cách nhau (năm)", default=1, help_text="1: các năm liền nhau; 3: ví dụ hai lần Chiến sĩ thi đua thành phố liên tục."
    )
    years_before = models.PositiveSmallIntegerField(
        "tính đến trước năm xét (năm)", default=0, help_text="0: chuỗi năm kết thúc ở chính năm được đề nghị."
    )
    min_initiative_scope = models.PositiveSmallIntegerField(
        "phạm vi sáng kiến tối thiểu", choices=InitiativeScope.choices, default=InitiativeScope.UNIT
    )
    severity = models.CharField("mức độ", max_length=10, choices=Severity.choices, default=Severity.HARD)
    legal_basis = models.CharField("căn cứ", max_length=255, blank=True)
    description = models.CharField("diễn giải", max_length=255)

    class Meta:
        verbose_name = "điều kiện của danh hiệu"
        verbose_name_plural = "điều kiện của danh hiệu"
        ordering = ["kind", "group", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(years__gte=1), name="awardprerequisite_years_positive"),
        ]

    def __str__(self):
        return self.description


class EligibilityRule(models.Model):
    """Configuration of a general eligibility check (not tied to one kind): whether it runs, whether
    it blocks submission, and the legal basis shown with its message."""

    code = models.SlugField("mã kiểm tra", max_length=40, unique=True)
    name = models.CharField("tên kiểm tra", max_length=255)
    severity = models.CharField("mức độ", max_length=10, choices=Severity.choices, default=Severity.HARD)
    legal_basis = models.CharField("căn cứ", max_length=255, blank=True)
    active = models.BooleanField("đang áp dụng", default=True)

    class Meta:
        verbose_name = "quy tắc kiểm tra điều kiện"
        verbose_name_plural = "quy tắc kiểm tra điều kiện"
        ordering = ["code"]

    def __str__(self):
        return self.name


class ConferringRoute(models.Model):
    """What this portal's government level does with kinds of a conferring level, by date: decide
    them itself or propose them upward. Kinds of other levels can neither be conferred nor proposed."""

    conferring_level = models.CharField("cấp quyết định của danh hiệu", max_length=20, choices=ConferringLevel.choices)
    action = models.CharField("xử lý", max_length=20, choices=RouteAction.choices)
    valid_from = models.DateField("hiệu lực từ ngày")
    valid_to = models.DateField("hiệu lực đến ngày", null=True, blank=True)

    class Meta:
        verbose_name = "tuyến trình"
        verbose_name_plural = "tuyến trình"
        ordering = ["valid_from", "conferring_level"]

    def __str__(self):
        return f"{self.get_conferring_level_display()}: {self.get_action_display()}"


class AwardQuota(models.Model):
    """A configurable cap on nominations for a kind, per unit (or for every unit when ``unit`` is empty)."""

    kind_code = models.SlugField("mã danh hiệu", max_length=60)
    unit = models.ForeignKey("units.Unit", verbose_name="đơn vị", null=True, blank=True, on_delete=models.CASCADE)
    ratio_percent = models.DecimalField("tỷ lệ tối đa (%)", max_digits=5, decimal_places=2)
    base = models.CharField("cơ sở tính", max_length=20, choices=QuotaBase.choices, default=QuotaBase.HEADCOUNT)
    base_kind_code = models.SlugField("mã danh hiệu làm cơ sở", max_length=60, blank=True)
    valid_from = models.DateField("hiệu lực từ ngày")
    valid_to = models.DateField("hiệu lực đến ngày", null=True, blank=True)
    legal_basis = models.CharField("căn cứ", max_length=255, blank=True)

    class Meta:
        verbose_name = "tỷ lệ khen thưởng tối đa"
        verbose_name_plural = "tỷ lệ khen thưởng tối đa"

    def __str__(self):
        return f"{self.kind_code} ≤ {self.ratio_percent}%"


class BaseSalary(models.Model):
    """Mức lương cơ sở valid from a date (reward money = multiplier × base salary on the decision date)."""

    amount = models.PositiveBigIntegerField("mức lương cơ sở (đồng)")
    valid_from = models.DateField("áp dụng từ ngày", unique=True)
    legal_basis = models.CharField("căn cứ", max_length=255, blank=True)

    class Meta:
        verbose_name = "mức lương cơ sở"
        verbose_name_plural = "mức lương cơ sở"
        ordering = ["-valid_from"]

    def __str__(self):
        return f"{self.amount:,} đ từ {self.valid_from:%d/%m/%Y}"


class Initiative(models.Model):
    """A recognised initiative (sáng kiến); some titles need one."""

    title = models.CharField("tên sáng kiến", max_length=500)
    authors = models.ManyToManyField("units.Person", verbose_name="tác giả", related_name="initiatives")
    unit = models.ForeignKey("units.Unit", verbose_name="đơn vị", on_delete=models.PROTECT, related_name="initiatives")
    year = models.PositiveSmallIntegerField("năm")
    scope = models.PositiveSmallIntegerField("phạm vi ảnh hưởng", choices=InitiativeScope.choices, default=InitiativeScope.UNIT)
    recognition_decision = models.CharField("quyết định công nhận", max_length=255, blank=True)
    recognised_on = models.DateField("ngày công nhận", null=True, blank=True)

    class Meta:
        verbose_name = "sáng kiến"
        verbose_name_plural = "sáng kiến"
        ordering = ["-year", "title"]

    def __str__(self):
        return self.title


class Submission(models.Model):
    """A unit's cover submission (tờ trình) carrying a list of nominations and the unit council's minutes."""

    unit = models.ForeignKey("units.Unit", verbose_name="đơn vị trình", on_delete=models.PROTECT, related_name="submissions")
    number = models.CharField("số tờ trình", max_length=60)
    date = models.DateField("ngày tờ trình")
    subject = models.CharField("trích yếu", max_length=500, default="Về việc đề nghị khen thưởng")
    signer_title = models.CharField("chức vụ người ký", max_length=150, default="THỦ TRƯỞNG ĐƠN VỊ")
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
    period_kind = models.CharField("kỳ xét", max_length=10, choices=PeriodKind.choices, default=PeriodKind.CALENDAR_YEAR)
    year = models.PositiveSmallIntegerField("năm", help_text="Năm học ghi năm kết thúc, ví dụ năm học 2024–2025 ghi 2025.")
    basis = models.CharField("loại hình khen thưởng", max_length=20, choices=NominationBasis.choices, default=NominationBasis.MERIT)
    campaign = models.ForeignKey(
        "campaigns.Campaign", verbose_name="phong trào thi đua", null=True, blank=True, on_delete=models.PROTECT, related_name="nominations"
    )
    achievement_summary = models.TextField("tóm tắt thành tích")
    excellent_completion = models.BooleanField("hoàn thành xuất sắc nhiệm vụ", default=False)
    is_direct_worker = models.BooleanField("người lao động trực tiếp", default=False)
    state = models.CharField("trạng thái", max_length=20, choices=NominationState.choices, default=NominationState.DRAFT, db_index=True)
    submission = models.ForeignKey(
        Submission, verbose_name="tờ trình", null=True, blank=True, on_delete=models.SET_NULL, related_name="nominations"
    )
    review_recommendation = models.CharField(
        "ý kiến Phòng Nội vụ", max_length=20, choices=ReviewRecommendation.choices, default=ReviewRecommendation.NONE, blank=True
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
                fields=["nominee_person", "award_kind", "period_kind", "year"],
                condition=models.Q(nominee_person__isnull=False) & ~models.Q(state="withdrawn"),
                name="nomination_person_kind_period_unique",
                violation_error_message="Cá nhân này đã được đề nghị danh hiệu này trong cùng kỳ.",
            ),
            models.UniqueConstraint(
                fields=["nominee_unit", "award_kind", "period_kind", "year"],
                condition=models.Q(nominee_unit__isnull=False) & ~models.Q(state="withdrawn"),
                name="nomination_unit_kind_period_unique",
                violation_error_message="Tập thể này đã được đề nghị danh hiệu này trong cùng kỳ.",
            ),
            models.CheckConstraint(condition=models.Q(year__gte=1990, year__lte=2100), name="nomination_year_range"),
        ]
        indexes = [
            models.Index(fields=["unit", "state"], name="nomination_unit_state"),
            models.Index(fields=["year", "award_kind"], name="nomination_year_kind"),
        ]

    def __str__(self):
        return f"{self.nominee_name} – {self.award_kind.name} ({self.period_label})"

    @property
    def period_label(self):
        if self.period_kind == PeriodKind.SCHOOL_YEAR:
            return f"năm học {self.year - 1}–{self.year}"
        return f"năm {self.year}"

    @property
    def is_editable(self):
        return self.state in (NominationState.DRAFT, NominationState.RETURNED)

    @property
    def hard_failures(self):
        return [c for c in self.checks if not c.get("ok") and c.get("severity") == "hard"]

    @property
    def warnings(self):
        return [c for c in self.checks if not c.get("ok") and c.get("severity") == "soft"]

    @property
    def reference_date(self):
        """The date whose rules apply when no decision exists yet: the end of the period."""
        return dt.date(self.year, 5, 31) if self.period_kind == PeriodKind.SCHOOL_YEAR else dt.date(self.year, 12, 31)


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
        indexes = [models.Index(fields=["award_code", "year"], name="awardrecord_code_year")]

    def __str__(self):
        return f"{self.recipient_name}: {self.award_name} ({self.year})"
