import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from simple_history.models import HistoricalRecords

from dosonthidua.documents import vn_date
from dosonthidua.uploads import private_upload_to
from units.enums import DisciplineForm, PositionGroup
from units.models import Fold

from .enums import (
    AttachmentKind,
    AwardCategory,
    AwardSubject,
    BodyLevel,
    CalendarDayKind,
    ConferringLevel,
    CouncilResult,
    DecisionState,
    DecisionVerb,
    DocumentKind,
    FundEntryKind,
    FundRateBase,
    HandoverKind,
    InitiativeKind,
    InitiativeScope,
    LegalDocumentKind,
    MeetingState,
    NominationBasis,
    NominationState,
    PeriodKind,
    PrerequisiteRule,
    ProposalState,
    QuotaBase,
    RecordSource,
    ReviewRecommendation,
    RouteAction,
    Severity,
    SignerCapacity,
    UpwardResult,
    VoteBase,
    VoteChoice,
    VoteMode,
)


def period_label(period_kind, year, period_from=None):
    """'năm 2025', 'năm học 2024–2025', 'giai đoạn 2021–2025'."""
    if period_kind == PeriodKind.SCHOOL_YEAR:
        return f"năm học {year - 1}–{year}"
    if period_kind == PeriodKind.STAGE:
        return f"giai đoạn {period_from or '…'}–{year}"
    return f"năm {year}"


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
    admin_note = models.TextField(
        "ghi chú cho quản trị",
        blank=True,
        db_default="",
        help_text="Chỉ hiện trong trang quản trị, ví dụ điều khoản hay mức thưởng còn cần đối chiếu văn bản.",
    )
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
    # Official wording in decisions and certificates ("tặng Giấy khen", "công nhận danh hiệu Lao động
    # tiên tiến"), never the catalogue label above.
    decision_verb = models.CharField(
        "động từ trong quyết định", max_length=20, choices=DecisionVerb.choices, default=DecisionVerb.GIVE, db_default=DecisionVerb.GIVE
    )
    decision_object = models.CharField(
        "tên hình thức trong quyết định",
        max_length=255,
        blank=True,
        db_default="",
        help_text="Ví dụ: “Giấy khen”, “danh hiệu Lao động tiên tiến”. Để trống: dùng tên danh hiệu.",
    )

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

    @property
    def wording_object(self):
        return self.decision_object or self.name

    @property
    def decision_wording(self):
        """'tặng Giấy khen', 'công nhận danh hiệu Lao động tiên tiến'."""
        return f"{self.decision_verb} {self.wording_object}"

    @property
    def vote_rule_text(self):
        from .voting import percent_text

        mode = "Bỏ phiếu kín" if self.vote_secret else "Biểu quyết công khai"
        return f"{mode}; đồng ý ≥ {percent_text(self.vote_threshold_percent)}% {self.get_vote_base_display().lower()}"


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


class SeniorityRule(models.Model):
    """A threshold of years of service that makes a person a candidate for an award on the basis of
    seniority (niên hạn) or dedication (quá trình cống hiến): the years of the person's service
    periods (units.ServicePeriod) in the groups named here, counted to the end of the period
    considered (awards.candidates). Dated data: the rule valid on the last day of that period
    applies; several rows of one award are alternatives (one suffices)."""

    award_code = models.SlugField("mã danh hiệu, hình thức", max_length=60, db_index=True)
    basis = models.CharField(
        "loại hình khen thưởng",
        max_length=20,
        choices=[
            (NominationBasis.DEDICATION, NominationBasis.DEDICATION.label),
            (NominationBasis.SENIORITY, NominationBasis.SENIORITY.label),
        ],
    )
    description = models.CharField("điều kiện (hiển thị cho cán bộ)", max_length=255)
    position_groups = ArrayField(
        models.CharField(max_length=20, choices=PositionGroup.choices),
        verbose_name="nhóm chức vụ được tính",
        default=list,
        blank=True,
        help_text="Để trống: tính mọi giai đoạn công tác.",
    )
    years_required = models.PositiveSmallIntegerField("số năm cần đủ")
    continuous = models.BooleanField("phải liên tục", default=False, help_text="Chỉ tính giai đoạn liền nhau dài nhất, không cộng dồn.")
    legal_basis = models.CharField("căn cứ", max_length=255, blank=True)
    admin_note = models.TextField("ghi chú quản trị (không hiển thị cho cán bộ)", blank=True)
    valid_from = models.DateField("hiệu lực từ ngày")
    valid_to = models.DateField("hiệu lực đến ngày", null=True, blank=True)
    active = models.BooleanField("đang áp dụng", default=True)

    class Meta:
        verbose_name = "điều kiện niên hạn, quá trình cống hiến"
        verbose_name_plural = "điều kiện niên hạn, quá trình cống hiến"
        ordering = ["award_code", "valid_from", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(years_required__gte=1), name="seniorityrule_years_positive"),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=models.F("valid_from")),
                name="seniorityrule_valid_range",
                violation_error_message="Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.",
            ),
        ]

    def __str__(self):
        return f"{self.award_code}: {self.description}"

    @property
    def group_labels(self):
        labels = dict(PositionGroup.choices)
        return [labels.get(g, g) for g in self.position_groups]


class EligibilityRule(models.Model):
    """Configuration of a general eligibility check (not tied to one kind): whether it runs, whether
    it blocks submission, and the legal basis shown with its message."""

    code = models.SlugField("mã kiểm tra", max_length=40, unique=True)
    name = models.CharField("tên kiểm tra", max_length=255)
    severity = models.CharField("mức độ", max_length=10, choices=Severity.choices, default=Severity.HARD)
    legal_basis = models.CharField("căn cứ", max_length=255, blank=True)
    admin_note = models.TextField("ghi chú cho quản trị", blank=True, db_default="", help_text="Chỉ hiện trong trang quản trị.")
    active = models.BooleanField("đang áp dụng", default=True)

    class Meta:
        verbose_name = "quy tắc kiểm tra điều kiện"
        verbose_name_plural = "quy tắc kiểm tra điều kiện"
        ordering = ["code"]

    def __str__(self):
        return self.name


class DossierRequirement(models.Model):
    """A document the dossier of an award must hold (by award code, whatever the catalogue version):
    the state honours proposed upward ask more than a ward's Giấy khen. The "dossier" check refuses
    a nomination missing a required one; the officer's page lists them with their note."""

    award_code = models.SlugField("mã danh hiệu, hình thức", max_length=60)
    attachment_kind = models.CharField("loại tài liệu", max_length=30, choices=AttachmentKind.choices)
    required = models.BooleanField("bắt buộc", default=True)
    note = models.CharField("hướng dẫn", max_length=500, blank=True)
    display_order = models.PositiveIntegerField("thứ tự", default=100)

    class Meta:
        verbose_name = "thành phần hồ sơ"
        verbose_name_plural = "thành phần hồ sơ theo hình thức khen"
        ordering = ["award_code", "display_order", "id"]
        constraints = [models.UniqueConstraint(fields=["award_code", "attachment_kind"], name="dossier_requirement_unique")]

    def __str__(self):
        return f"{self.award_code}: {self.get_attachment_kind_display()}"


class Occasion(models.Model):
    """An anniversary or event that gathers proposals (e.g. 50 years since 30/4/1975): nominations
    name it, and its page tracks them together."""

    name = models.CharField("tên dịp khen thưởng", max_length=255, unique=True)
    date = models.DateField("ngày kỷ niệm, sự kiện")
    description = models.TextField("ghi chú", blank=True)
    active = models.BooleanField("đang nhận đề nghị", default=True)

    class Meta:
        verbose_name = "dịp khen thưởng"
        verbose_name_plural = "dịp khen thưởng (kỷ niệm, sự kiện)"
        ordering = ["-date", "name"]

    def __str__(self):
        return f"{self.name} ({self.date:%d/%m/%Y})"


class ProcedureTrack(models.Model):
    """Which steps a nomination of a basis goes through, by date (dated data): the law's simplified
    procedure (thủ tục đơn giản) lets ad-hoc and thematic awards skip prior registration, replace the
    full achievement report by a short summary, and, where the rules allow it, skip the public posting
    and the council. A row for an award code overrides the row for every kind of the basis."""

    basis = models.CharField("loại hình khen thưởng", max_length=20, choices=NominationBasis.choices)
    award_code = models.SlugField("mã danh hiệu, hình thức", max_length=60, blank=True, help_text="Để trống: áp dụng cho mọi hình thức.")
    name = models.CharField("tên quy trình", max_length=255)
    needs_registration = models.BooleanField("phải đăng ký thi đua trước", default=True)
    needs_full_report = models.BooleanField("phải có báo cáo thành tích đầy đủ", default=True)
    needs_posting = models.BooleanField("phải công khai trước khi xét", default=True)
    needs_council = models.BooleanField("phải qua Hội đồng Thi đua – Khen thưởng", default=True)
    processing_days = models.PositiveSmallIntegerField("thời gian xử lý mục tiêu (ngày làm việc)", null=True, blank=True)
    legal_basis = models.CharField("căn cứ", max_length=255, blank=True)
    admin_note = models.TextField("ghi chú cho quản trị", blank=True, help_text="Chỉ hiện trong trang quản trị.")
    valid_from = models.DateField("hiệu lực từ ngày")
    valid_to = models.DateField("hiệu lực đến ngày", null=True, blank=True)

    class Meta:
        verbose_name = "quy trình theo loại hình khen thưởng"
        verbose_name_plural = "quy trình theo loại hình khen thưởng"
        ordering = ["basis", "award_code", "valid_from"]
        constraints = [models.UniqueConstraint(fields=["basis", "award_code", "valid_from"], name="procedure_track_unique")]

    def __str__(self):
        return self.name

    @property
    def skipped_steps(self):
        steps = [
            (self.needs_registration, "đăng ký thi đua trước"),
            (self.needs_full_report, "báo cáo thành tích đầy đủ (chỉ cần tóm tắt thành tích)"),
            (self.needs_posting, "công khai danh sách"),
            (self.needs_council, "họp Hội đồng (tùy cơ quan tham mưu)"),
        ]
        return [label for needed, label in steps if not needed]


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


class CollectiveCriterion(models.Model):
    """What a collective title needs from the unit's own members, by date (Tập thể lao động tiên tiến,
    Tập thể lao động xuất sắc): a share of members holding a title (more than, or at least, a
    percentage), a number holding another title, all members completing their tasks, and nobody
    disciplined at a given form or above in the period. Checked from Person, AwardRecord and
    DisciplineRecord rows (awards.eligibility.check_collective)."""

    kind_code = models.SlugField("mã danh hiệu tập thể", max_length=60)
    titled_code = models.SlugField("mã danh hiệu của thành viên", max_length=60, default="lao-dong-tien-tien")
    titled_percent = models.DecimalField("tỷ lệ thành viên đạt danh hiệu (%)", max_digits=5, decimal_places=2)
    strictly_more = models.BooleanField("phải trên tỷ lệ (không tính bằng)", default=False)
    second_code = models.SlugField("mã danh hiệu thứ hai", max_length=60, blank=True, default="")
    second_min_count = models.PositiveSmallIntegerField("số thành viên tối thiểu đạt danh hiệu thứ hai", default=0)
    all_complete_tasks = models.BooleanField("100% thành viên hoàn thành nhiệm vụ", default=False)
    discipline_from = models.CharField(
        "không ai bị kỷ luật từ hình thức", max_length=20, choices=DisciplineForm.choices, blank=True, default=DisciplineForm.WARNING
    )
    valid_from = models.DateField("hiệu lực từ ngày")
    valid_to = models.DateField("hiệu lực đến ngày", null=True, blank=True)
    legal_basis = models.CharField("căn cứ", max_length=255, blank=True)
    admin_note = models.TextField("ghi chú cho quản trị", blank=True, default="")

    class Meta:
        verbose_name = "tiêu chuẩn danh hiệu tập thể"
        verbose_name_plural = "tiêu chuẩn danh hiệu tập thể"
        ordering = ["kind_code", "-valid_from"]

    def __str__(self):
        return f"{self.kind_code} từ {self.valid_from:%d/%m/%Y}"

    def valid_on(self, date):
        return self.valid_from <= date and (self.valid_to is None or date <= self.valid_to)


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
    kind = models.CharField(
        "loại", max_length=20, choices=InitiativeKind.choices, default=InitiativeKind.INITIATIVE, db_default=InitiativeKind.INITIATIVE
    )
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

    @property
    def state_label(self):
        """The state as shown on its page: an approval by the simplified procedure (no council) says so."""
        if self.state == NominationState.APPROVED and not self.council_result:
            from .selectors import track_for

            track = track_for(self)
            if track is not None and not track.needs_council:
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
        issued), else the end of its period."""
        if self.pk:
            try:
                return self.decision_item.decision.date
            except Nomination.decision_item.RelatedObjectDoesNotExist:
                pass
        return self.period_end


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
        indexes = [models.Index(fields=["award_code", "year"], name="awardrecord_code_year")]

    def __str__(self):
        return f"{self.recipient_name}: {self.award_name} ({self.year})"


# --- Calendar ------------------------------------------------------------------------------------


class CalendarDay(models.Model):
    """An exception to the Monday–Friday week: a public holiday (Tết, 30/4, 2/9...) or a weekend day
    worked in exchange. Seeded from the ``holidays`` package and editable, because the Government moves
    days by decision each year. Working-day arithmetic (public posting) reads these rows."""

    date = models.DateField("ngày", unique=True)
    kind = models.CharField("loại", max_length=10, choices=CalendarDayKind.choices, default=CalendarDayKind.HOLIDAY)
    name = models.CharField("tên ngày", max_length=255, blank=True)

    class Meta:
        verbose_name = "ngày nghỉ lễ / làm bù"
        verbose_name_plural = "ngày nghỉ lễ / làm bù"
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.name}"


# --- Issuing bodies and signers ------------------------------------------------------------------


def _valid_range(prefix):
    return models.CheckConstraint(
        condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=models.F("valid_from")), name=f"{prefix}_valid_range"
    )


class IssuingBody(models.Model):
    """The body that issues decisions, valid for a date range, so the same code serves a district, a
    ward or a city: 'ỦY BAN NHÂN DÂN' / 'QUẬN ĐỒ SƠN', symbol 'UBND' (number 05/QĐ-UBND), place."""

    name_line1 = models.CharField("dòng 1 tên cơ quan", max_length=150, default="ỦY BAN NHÂN DÂN")
    name_line2 = models.CharField("dòng 2 tên cơ quan", max_length=150)
    full_name = models.CharField("tên đầy đủ", max_length=255, help_text="Ví dụ: Ủy ban nhân dân quận Đồ Sơn")
    symbol = models.CharField("ký hiệu cơ quan", max_length=30, default="UBND")
    place = models.CharField("địa danh", max_length=100)
    leader_title = models.CharField(
        "thẩm quyền ban hành (chức danh người đứng đầu)",
        max_length=150,
        default="Chủ tịch Ủy ban nhân dân quận Đồ Sơn",
        help_text="In dưới tên loại văn bản, ví dụ “CHỦ TỊCH ỦY BAN NHÂN DÂN QUẬN ĐỒ SƠN”, và ở phần “Kính gửi” của tờ trình.",
    )
    head_title = models.CharField(
        "chức vụ người đứng đầu (dòng ký)",
        max_length=60,
        default="Chủ tịch",
        db_default="Chủ tịch",
        help_text="Ví dụ: Chủ tịch (in “CHỦ TỊCH”, “KT. CHỦ TỊCH”).",
    )
    unit = models.ForeignKey("units.Unit", verbose_name="đơn vị", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # Database defaults too: older data migrations (replayed by the test suite) insert rows without these columns.
    level = models.CharField(
        "cấp hành chính", max_length=20, choices=BodyLevel.choices, default=BodyLevel.COMMUNE, db_default=BodyLevel.COMMUNE
    )
    area_name = models.CharField(
        "tên địa bàn",
        max_length=150,
        blank=True,
        db_default="",
        help_text="Cấp và tên địa bàn viết thường như trong câu, ví dụ: phường Đồ Sơn",
    )
    advisory_office = models.CharField(
        "cơ quan tham mưu công tác thi đua, khen thưởng",
        max_length=150,
        blank=True,
        db_default="",
        help_text="Cấp quận, huyện: Phòng Nội vụ. Cấp xã sau 01/07/2025: cơ quan do UBND xã, phường phân công "
        "(ví dụ Văn phòng HĐND và UBND hoặc Phòng Văn hóa – Xã hội).",
    )
    advisory_office_head_title = models.CharField(
        "chức danh người đứng đầu cơ quan tham mưu",
        max_length=150,
        blank=True,
        db_default="",
        help_text="Ví dụ: Trưởng phòng Nội vụ; Chánh Văn phòng HĐND và UBND",
    )
    advisory_office_verified = models.BooleanField(
        "đã xác minh cơ quan tham mưu",
        default=False,
        db_default=False,
        help_text="Bỏ chọn khi tên cơ quan tham mưu là giá trị mặc định chưa đối chiếu với văn bản phân công của địa phương.",
    )
    valid_from = models.DateField("hiệu lực từ ngày")
    valid_to = models.DateField("hiệu lực đến ngày", null=True, blank=True)

    class Meta:
        verbose_name = "cơ quan ban hành"
        verbose_name_plural = "cơ quan ban hành"
        ordering = ["valid_from", "id"]
        constraints = [_valid_range("issuingbody")]

    def __str__(self):
        return self.full_name

    @property
    def conferring_level(self):
        """The catalogue level (ConferringLevel value) at which this body confers awards."""
        return BodyLevel(self.level).conferring_level

    @property
    def office_label(self):
        """The advisory office's name for labels (the reviewer role), falling back to a neutral term."""
        return self.advisory_office or "Cơ quan tham mưu thi đua, khen thưởng"


class Signer(models.Model):
    """Who signs for an issuing body in a date range, and in which capacity. The title lines of the
    signature block follow from the capacity and the kind of document (awards.signing)."""

    issuing_body = models.ForeignKey(IssuingBody, verbose_name="cơ quan", on_delete=models.CASCADE, related_name="signers")
    capacity = models.CharField(
        "hình thức ký", max_length=20, choices=SignerCapacity.choices, default=SignerCapacity.HEAD, db_default=SignerCapacity.HEAD
    )
    position_title = models.CharField(
        "chức vụ của người ký",
        max_length=100,
        default="Chủ tịch",
        db_default="Chủ tịch",
        help_text="Ví dụ: Chủ tịch, Phó Chủ tịch, Chánh Văn phòng.",
    )
    name = models.CharField("họ và tên", max_length=150)
    valid_from = models.DateField("hiệu lực từ ngày")
    valid_to = models.DateField("hiệu lực đến ngày", null=True, blank=True)

    class Meta:
        verbose_name = "người ký"
        verbose_name_plural = "người ký"
        ordering = ["valid_from", "id"]
        constraints = [_valid_range("signer")]

    def __str__(self):
        return f"{self.name} ({self.position_title}, {self.get_capacity_display().lower()})"


# --- Public posting ------------------------------------------------------------------------------


class PublicNotice(models.Model):
    """A published list of proposed awards (công khai) for a period counted in working days."""

    title = models.CharField("tiêu đề", max_length=500)
    start_date = models.DateField("ngày bắt đầu công khai")
    working_days = models.PositiveSmallIntegerField("số ngày làm việc")
    end_date = models.DateField("ngày kết thúc công khai")
    backdate_reason = models.TextField(
        "lý do công khai từ ngày đã qua", blank=True, help_text="Bắt buộc khi ngày bắt đầu công khai trước ngày đăng; in trên danh sách."
    )
    nominations = models.ManyToManyField(Nomination, verbose_name="đề nghị", related_name="notices")
    # nomination id (text) -> fingerprint of the dossier as posted (awards.selectors.nomination_fingerprint):
    # a nomination changed after posting must be posted again before the council votes on it.
    fingerprints = models.JSONField("dấu vân tay hồ sơ lúc công khai", default=dict, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người đăng", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("đăng lúc", auto_now_add=True)

    class Meta:
        verbose_name = "danh sách công khai"
        verbose_name_plural = "danh sách công khai"
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end_date__gte=models.F("start_date")), name="publicnotice_end_after_start"),
            models.CheckConstraint(condition=models.Q(working_days__gte=1), name="publicnotice_days_positive"),
        ]

    def __str__(self):
        return self.title

    def is_open_on(self, date):
        return self.start_date <= date <= self.end_date


class Objection(models.Model):
    """An objection or comment from the public on a posted list; a reviewer answers each one before the
    list's nominations can be voted on."""

    notice = models.ForeignKey(PublicNotice, verbose_name="danh sách", on_delete=models.CASCADE, related_name="objections")
    nomination = models.ForeignKey(
        Nomination, verbose_name="về đề nghị", null=True, blank=True, on_delete=models.SET_NULL, related_name="objections"
    )
    name = models.CharField("họ và tên", max_length=150)
    contact = models.CharField("điện thoại / thư điện tử / địa chỉ", max_length=255)
    content = models.TextField("nội dung")
    ip_address = models.GenericIPAddressField("địa chỉ IP", null=True, blank=True)
    created_at = models.DateTimeField("gửi lúc", auto_now_add=True, db_index=True)
    answer = models.TextField("trả lời", blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người trả lời", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField("trả lời lúc", null=True, blank=True)

    class Meta:
        verbose_name = "ý kiến góp ý"
        verbose_name_plural = "ý kiến góp ý"
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.name}: {self.content[:40]}"

    @property
    def is_answered(self):
        return self.answered_at is not None


# --- Council -------------------------------------------------------------------------------------


class Council(models.Model):
    """The emulation and commendation council (HĐTĐKT) of an issuing body. Quorum is a fraction of
    the members on the roster (two thirds is usual; cần xác minh), kept as data."""

    name = models.CharField("tên hội đồng", max_length=255)
    issuing_body = models.ForeignKey(IssuingBody, verbose_name="cơ quan", null=True, blank=True, on_delete=models.PROTECT)
    quorum_numerator = models.PositiveSmallIntegerField("tỷ lệ dự họp tối thiểu: tử số", default=2)
    quorum_denominator = models.PositiveSmallIntegerField("tỷ lệ dự họp tối thiểu: mẫu số", default=3)
    valid_from = models.DateField("hiệu lực từ ngày")
    valid_to = models.DateField("hiệu lực đến ngày", null=True, blank=True)

    class Meta:
        verbose_name = "Hội đồng Thi đua – Khen thưởng"
        verbose_name_plural = "Hội đồng Thi đua – Khen thưởng"
        ordering = ["-valid_from"]
        constraints = [
            _valid_range("council"),
            models.CheckConstraint(
                condition=models.Q(quorum_denominator__gte=1) & models.Q(quorum_numerator__lte=models.F("quorum_denominator")),
                name="council_quorum_fraction",
            ),
        ]

    def __str__(self):
        return self.name


class CouncilMember(models.Model):
    """A member on the council's roster for a date range (an account when the member votes online)."""

    council = models.ForeignKey(Council, verbose_name="hội đồng", on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="tài khoản", null=True, blank=True, on_delete=models.SET_NULL)
    full_name = models.CharField("họ và tên", max_length=150)
    position = models.CharField("chức vụ, đơn vị", max_length=255)
    council_role = models.CharField("vị trí trong hội đồng", max_length=100, default="Ủy viên")
    display_order = models.PositiveSmallIntegerField("thứ tự", default=100)
    valid_from = models.DateField("hiệu lực từ ngày")
    valid_to = models.DateField("hiệu lực đến ngày", null=True, blank=True)

    class Meta:
        verbose_name = "thành viên hội đồng"
        verbose_name_plural = "thành viên hội đồng"
        ordering = ["display_order", "id"]
        constraints = [_valid_range("councilmember")]

    def __str__(self):
        return self.full_name


class CouncilMeeting(models.Model):
    council = models.ForeignKey(Council, verbose_name="hội đồng", on_delete=models.PROTECT, related_name="meetings")
    date = models.DateField("ngày họp")
    location = models.CharField("địa điểm", max_length=255, default="Phòng họp UBND")
    title = models.CharField("nội dung", max_length=500, default="Xét đề nghị khen thưởng")
    vote_mode = models.CharField("hình thức bỏ phiếu", max_length=10, choices=VoteMode.choices, default=VoteMode.ONLINE)
    state = models.CharField("trạng thái", max_length=10, choices=MeetingState.choices, default=MeetingState.PREPARING)
    secretary_name = models.CharField("thư ký", max_length=150, blank=True)
    start_time = models.TimeField("bắt đầu lúc", null=True, blank=True)
    end_time = models.TimeField("kết thúc lúc", null=True, blank=True)
    conclusion = models.TextField("kết luận của chủ tọa", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người lập", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("lập lúc", auto_now_add=True)
    closed_at = models.DateTimeField("kết thúc lúc", null=True, blank=True)

    class Meta:
        verbose_name = "phiên họp Hội đồng"
        verbose_name_plural = "phiên họp Hội đồng"
        ordering = ["-date", "-id"]

    def __str__(self):
        return f"Phiên họp ngày {self.date:%d/%m/%Y}"


class Attendance(models.Model):
    """The meeting's roster (the members valid on its date), with presence."""

    meeting = models.ForeignKey(CouncilMeeting, verbose_name="phiên họp", on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(CouncilMember, verbose_name="thành viên", on_delete=models.PROTECT, related_name="+")
    present = models.BooleanField("có mặt", default=False)
    note = models.CharField("ghi chú", max_length=255, blank=True)

    class Meta:
        verbose_name = "điểm danh"
        verbose_name_plural = "điểm danh"
        ordering = ["member__display_order", "member_id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="attendance_meeting_member_unique")]

    def __str__(self):
        return f"{self.member}: {'có mặt' if self.present else 'vắng'}"


class AgendaItem(models.Model):
    """One nomination on a meeting's agenda, with its tallies and the result of the kind's vote rule.
    Tallies are anonymous counts: for a secret ballot nothing links them to a member."""

    meeting = models.ForeignKey(CouncilMeeting, verbose_name="phiên họp", on_delete=models.CASCADE, related_name="items")
    nomination = models.ForeignKey(Nomination, verbose_name="đề nghị", on_delete=models.PROTECT, related_name="agenda_items")
    secret = models.BooleanField("bỏ phiếu kín", default=False)
    yes_count = models.PositiveSmallIntegerField("phiếu đồng ý", default=0)
    no_count = models.PositiveSmallIntegerField("phiếu không đồng ý", default=0)
    # Written votes of absent members (phiếu bằng văn bản), counted only when the kind's vote base is
    # all members of the council; anonymous tallies like the others.
    written_yes = models.PositiveSmallIntegerField("phiếu đồng ý bằng văn bản của thành viên vắng mặt", default=0)
    written_no = models.PositiveSmallIntegerField("phiếu không đồng ý bằng văn bản của thành viên vắng mặt", default=0)
    result = models.CharField("kết quả", max_length=20, choices=CouncilResult.choices, default=CouncilResult.NONE, blank=True)
    arithmetic = models.CharField("cách tính", max_length=255, blank=True)

    class Meta:
        verbose_name = "nội dung xét"
        verbose_name_plural = "nội dung xét"
        ordering = ["nomination__award_kind__display_order", "nomination__nominee_name", "id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "nomination"], name="agendaitem_meeting_nomination_unique")]

    def __str__(self):
        return str(self.nomination)


class AgendaRemoval(models.Model):
    """A nomination taken off a meeting's agenda before voting, and why (awards.services.meeting_agenda_remove)."""

    meeting = models.ForeignKey(CouncilMeeting, verbose_name="phiên họp", on_delete=models.CASCADE, related_name="removals")
    nomination = models.ForeignKey(Nomination, verbose_name="đề nghị", on_delete=models.CASCADE, related_name="+")
    reason = models.TextField("lý do")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người rút", null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField("lúc", auto_now_add=True)

    class Meta:
        verbose_name = "đề nghị rút khỏi chương trình họp"
        verbose_name_plural = "đề nghị rút khỏi chương trình họp"
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.nomination}: {self.reason[:40]}"


class BallotCast(models.Model):
    """That a member voted on an item. ``choice`` stays empty for a secret ballot: the choice only
    increments the item's anonymous tallies. One row per member and item (no double vote)."""

    item = models.ForeignKey(AgendaItem, verbose_name="nội dung", on_delete=models.CASCADE, related_name="casts")
    member = models.ForeignKey(CouncilMember, verbose_name="thành viên", on_delete=models.PROTECT, related_name="+")
    choice = models.CharField("lựa chọn (chỉ khi biểu quyết công khai)", max_length=5, choices=VoteChoice.choices, blank=True)

    class Meta:
        verbose_name = "đã bỏ phiếu"
        verbose_name_plural = "đã bỏ phiếu"
        constraints = [models.UniqueConstraint(fields=["item", "member"], name="ballotcast_item_member_unique")]

    def __str__(self):
        return f"{self.member} đã bỏ phiếu"


# --- Decisions -----------------------------------------------------------------------------------


class Decision(models.Model):
    """An award decision (quyết định khen thưởng). Its number is taken on issue from DecisionCounter;
    the database refuses two decisions with the same (issuing body, year, sequence)."""

    issuing_body = models.ForeignKey(IssuingBody, verbose_name="cơ quan ban hành", on_delete=models.PROTECT, related_name="decisions")
    signer = models.ForeignKey(Signer, verbose_name="người ký", on_delete=models.PROTECT, related_name="+")
    date = models.DateField("ngày quyết định")
    subject = models.CharField("trích yếu", max_length=500)
    grounds = models.TextField("căn cứ (mỗi dòng một căn cứ)")
    award_phrase = models.TextField("nội dung Điều 1")
    achievement_phrase = models.CharField("lý do khen", max_length=500, default="đã có thành tích xuất sắc trong phong trào thi đua")
    reward_text = models.TextField("nội dung Điều 2", blank=True, db_default="")
    executors = models.TextField("Điều 3: tổ chức, cá nhân thi hành")
    recipients = models.TextField("nơi nhận (mỗi dòng một nơi)")
    proposal_number = models.CharField("số tờ trình của cơ quan tham mưu", max_length=60, blank=True, db_default="")
    proposal_date = models.DateField("ngày tờ trình của cơ quan tham mưu", null=True, blank=True)
    state = models.CharField("trạng thái", max_length=10, choices=DecisionState.choices, default=DecisionState.DRAFT, db_index=True)
    year = models.PositiveSmallIntegerField("năm", null=True, blank=True)
    sequence = models.PositiveIntegerField("số thứ tự trong năm", null=True, blank=True)
    number = models.CharField("số, ký hiệu", max_length=60, blank=True)
    base_salary = models.PositiveBigIntegerField("mức lương cơ sở áp dụng (đồng)", default=0)
    total_amount = models.PositiveBigIntegerField("tổng tiền thưởng (đồng)", default=0)
    # The warning shown to the leader when the money exceeded the reward fund's balance at approval
    # (awards.services.decision_approve records it; the approval is not blocked).
    fund_warning = models.TextField("cảnh báo vượt số dư quỹ khi duyệt", blank=True, db_default="")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người soạn", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("soạn lúc", auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="lãnh đạo duyệt", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField("duyệt lúc", null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người ban hành", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField("ban hành lúc", null=True, blank=True)
    # An issued decision the issuing body chooses to show on the public page (number, date, subject and
    # the annex's names, positions and awards; nothing personal beyond what the signed decision prints).
    published_at = models.DateTimeField("công bố trên cổng lúc", null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người công bố", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords(verbose_name="lịch sử sửa quyết định")

    class Meta:
        verbose_name = "quyết định khen thưởng"
        verbose_name_plural = "quyết định khen thưởng"
        ordering = ["-date", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["issuing_body", "year", "sequence"], name="decision_body_year_sequence_unique"),
            models.CheckConstraint(
                condition=~models.Q(state="issued") | (models.Q(sequence__isnull=False) & models.Q(year__isnull=False)),
                name="decision_issued_has_number",
            ),
        ]

    def __str__(self):
        return f"Quyết định {self.number or '(dự thảo)'}"

    @property
    def ground_lines(self):
        return [line.strip() for line in self.grounds.splitlines() if line.strip()]

    @property
    def recipient_lines(self):
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]

    @property
    def is_editable(self):
        return self.state in (DecisionState.DRAFT, DecisionState.RETURNED)


class DecisionTransition(models.Model):
    """One move of a decision's state (written only by decision_transition)."""

    decision = models.ForeignKey(Decision, verbose_name="quyết định", on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField("từ trạng thái", max_length=10, choices=DecisionState.choices)
    to_state = models.CharField("sang trạng thái", max_length=10, choices=DecisionState.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người thực hiện", null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField("thời điểm", auto_now_add=True)
    comment = models.TextField("ý kiến", blank=True)

    class Meta:
        verbose_name = "lịch sử xử lý quyết định"
        verbose_name_plural = "lịch sử xử lý quyết định"
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.from_state} → {self.to_state}"


class DecisionCounter(models.Model):
    """The last number used by an issuing body in a year; locked (select_for_update) while a decision
    takes the next one, so numbers restart at 01 on 1 January and never repeat or skip."""

    issuing_body = models.ForeignKey(IssuingBody, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["issuing_body", "year"], name="decisioncounter_body_year_unique")]

    def __str__(self):
        return f"{self.issuing_body_id}/{self.year}: {self.last}"


class DecisionItem(models.Model):
    """One awardee of a decision, with the reward computed on the decision date (snapshots)."""

    decision = models.ForeignKey(Decision, verbose_name="quyết định", on_delete=models.CASCADE, related_name="items")
    nomination = models.OneToOneField(Nomination, verbose_name="đề nghị", on_delete=models.PROTECT, related_name="decision_item")
    recipient_name = models.CharField("họ tên / tập thể", max_length=255)
    position = models.CharField("chức vụ, đơn vị", max_length=255, blank=True)
    unit_name = models.CharField("đơn vị", max_length=255)
    award_name = models.CharField("danh hiệu, hình thức", max_length=255)
    multiplier = models.DecimalField("hệ số", max_digits=5, decimal_places=2)
    amount = models.PositiveBigIntegerField("tiền thưởng (đồng)")
    is_collective = models.BooleanField("là tập thể", default=False, db_default=False)
    order = models.PositiveIntegerField("thứ tự trong danh sách", default=0, db_default=0)

    class Meta:
        verbose_name = "người/tập thể được khen"
        verbose_name_plural = "người/tập thể được khen"
        ordering = ["order", "id"]

    def __str__(self):
        return self.recipient_name


# --- Upward proposals ----------------------------------------------------------------------------


class UpwardProposal(models.Model):
    """A cover submission (tờ trình) to the next level for kinds this government proposes upward."""

    issuing_body = models.ForeignKey(IssuingBody, verbose_name="cơ quan trình", on_delete=models.PROTECT, related_name="+")
    signer = models.ForeignKey(Signer, verbose_name="người ký", on_delete=models.PROTECT, related_name="+")
    number = models.CharField("số tờ trình", max_length=60)
    date = models.DateField("ngày tờ trình")
    addressee = models.CharField("kính gửi", max_length=255, default="Ủy ban nhân dân thành phố Hải Phòng (qua Sở Nội vụ)")
    subject = models.CharField("trích yếu", max_length=500)
    state = models.CharField("trạng thái", max_length=10, choices=ProposalState.choices, default=ProposalState.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người lập", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("lập lúc", auto_now_add=True)

    class Meta:
        verbose_name = "tờ trình đề nghị cấp trên"
        verbose_name_plural = "tờ trình đề nghị cấp trên"
        ordering = ["-date", "-id"]

    def __str__(self):
        return f"Tờ trình {self.number}"


class UpwardItem(models.Model):
    proposal = models.ForeignKey(UpwardProposal, verbose_name="tờ trình", on_delete=models.CASCADE, related_name="items")
    nomination = models.OneToOneField(Nomination, verbose_name="đề nghị", on_delete=models.PROTECT, related_name="upward_item")
    result = models.CharField("kết quả", max_length=10, choices=UpwardResult.choices, default=UpwardResult.PENDING, blank=True)
    result_decision = models.CharField("quyết định của cấp trên", max_length=120, blank=True)
    result_date = models.DateField("ngày quyết định", null=True, blank=True)

    class Meta:
        verbose_name = "đề nghị trong tờ trình cấp trên"
        verbose_name_plural = "đề nghị trong tờ trình cấp trên"
        ordering = ["id"]

    def __str__(self):
        return str(self.nomination)


# --- Legal documents and document defaults -------------------------------------------------------


class LegalDocument(models.Model):
    """A law, decree or local rule cited in the grounds (căn cứ) of decisions, valid for a date range:
    the grounds of a decision cite the rows valid on its date, in ``display_order``."""

    kind = models.CharField("loại văn bản", max_length=20, choices=LegalDocumentKind.choices)
    number = models.CharField("số, ký hiệu", max_length=60, help_text="Ví dụ: 06/2022/QH15, 152/2025/NĐ-CP.")
    issued_on = models.DateField("ngày ban hành")
    issuer = models.CharField(
        "cơ quan ban hành", max_length=150, help_text="Ví dụ: Quốc hội, Chính phủ, Ủy ban nhân dân thành phố Hải Phòng."
    )
    title = models.CharField("tên văn bản", max_length=255, help_text="Ví dụ: Luật Thi đua, khen thưởng; Nghị định.")
    scope = models.CharField(
        "trích yếu khi trích dẫn", max_length=500, blank=True, help_text="Ví dụ: quy định chi tiết thi hành Luật Thi đua, khen thưởng."
    )
    issuing_body = models.ForeignKey(
        IssuingBody,
        verbose_name="chỉ áp dụng cho cơ quan",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Để trống: áp dụng cho mọi cơ quan ban hành (ví dụ luật, nghị định).",
    )
    valid_from = models.DateField("hiệu lực từ ngày")
    valid_to = models.DateField("hiệu lực đến ngày", null=True, blank=True)
    cited_in_decisions = models.BooleanField("dẫn làm căn cứ quyết định khen thưởng", default=True)
    display_order = models.PositiveSmallIntegerField("thứ tự trích dẫn", default=100)
    note = models.TextField("ghi chú cho quản trị (nguồn, việc xác minh)", blank=True)

    class Meta:
        verbose_name = "văn bản pháp luật làm căn cứ"
        verbose_name_plural = "văn bản pháp luật làm căn cứ"
        ordering = ["display_order", "valid_from", "id"]
        constraints = [_valid_range("legaldocument")]

    def __str__(self):
        return f"{self.title} {self.number}"

    @property
    def citation(self):
        """'Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;' — laws are cited by name and
        date, other documents by number, date and issuer (Nghị định 30/2020, Phụ lục I)."""
        if self.kind == LegalDocumentKind.LAW:
            text = f"{self.title} {vn_date(self.issued_on)}"
        else:
            text = f"{self.title} số {self.number} {vn_date(self.issued_on)} của {self.issuer}"
        if self.scope:
            text += self.scope if self.scope[0] in ",;" else f" {self.scope}"
        return f"Căn cứ {text};"


class DocumentDefaults(models.Model):
    """Article 3 (who executes) and the "Nơi nhận" list an issuing body puts on a kind of document by
    default; each decision keeps its own copy, editable in its draft."""

    issuing_body = models.ForeignKey(
        IssuingBody, verbose_name="cơ quan ban hành", on_delete=models.CASCADE, related_name="document_defaults"
    )
    kind = models.CharField("loại văn bản", max_length=20, choices=DocumentKind.choices)
    executors = models.TextField("tổ chức, cá nhân thi hành (Điều 3)", blank=True)
    recipients = models.TextField("nơi nhận (mỗi dòng một nơi)", blank=True)

    class Meta:
        verbose_name = "mặc định của văn bản"
        verbose_name_plural = "mặc định của văn bản"
        constraints = [models.UniqueConstraint(fields=["issuing_body", "kind"], name="documentdefaults_body_kind_unique")]

    def __str__(self):
        return f"{self.issuing_body}: {self.get_kind_display()}"


# --- Handover of open work to a successor body (the 2025 reorganisation) -------------------------


class Handover(models.Model):
    """One reviewed handover of a body's open work to its successor when the body's validity ends."""

    from_body = models.ForeignKey(IssuingBody, verbose_name="cơ quan giao", on_delete=models.PROTECT, related_name="handovers_given")
    to_body = models.ForeignKey(IssuingBody, verbose_name="cơ quan nhận", on_delete=models.PROTECT, related_name="handovers_received")
    effective_date = models.DateField("ngày áp dụng")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người thực hiện", on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField("thực hiện lúc", auto_now_add=True)

    class Meta:
        verbose_name = "chuyển giao công việc"
        verbose_name_plural = "chuyển giao công việc"
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.from_body} → {self.to_body} ({self.effective_date:%d/%m/%Y})"


class HandoverItem(models.Model):
    """What happened to one open item: moved (with what changed) or left (with the reason)."""

    handover = models.ForeignKey(Handover, verbose_name="chuyển giao", on_delete=models.CASCADE, related_name="items")
    kind = models.CharField("loại việc", max_length=20, choices=HandoverKind.choices)
    object_id = models.PositiveIntegerField("mã đối tượng")
    label = models.CharField("nội dung", max_length=500)
    moved = models.BooleanField("đã chuyển")
    detail = models.TextField("thay đổi / lý do", blank=True)

    class Meta:
        verbose_name = "việc được chuyển giao"
        verbose_name_plural = "việc được chuyển giao"
        ordering = ["id"]

    def __str__(self):
        return self.label


# --- Digital signatures --------------------------------------------------------------------------


class SigningCertificate(models.Model):
    """A signer's certificate for PAdES signing: the PKCS#12 archive (key and certificate, kept
    encrypted under its own passphrase, which the portal never stores: the signer types it at each
    signature, as with a USB token's PIN; docs/decisions.md), the official it belongs to (Signer, the
    name printed on the documents) and the account allowed to sign with it. Subject, issuer, serial and
    validity are read from the certificate on upload (awards.signatures.certificate_upload)."""

    signer = models.ForeignKey(Signer, verbose_name="người ký", on_delete=models.PROTECT, related_name="certificates")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="tài khoản ký",
        on_delete=models.PROTECT,
        related_name="signing_certificates",
        help_text="Tài khoản của người ký; chỉ tài khoản này (hoặc quản trị viên ký thay) được ký số bằng chứng thư.",
    )
    archive = models.BinaryField("tệp PKCS#12", editable=False)
    subject = models.CharField("chủ thể", max_length=500)
    issuer = models.CharField("tổ chức cấp", max_length=500)
    serial = models.CharField("số hiệu", max_length=80)
    valid_from = models.DateTimeField("hiệu lực từ")
    valid_to = models.DateTimeField("hiệu lực đến")
    is_active = models.BooleanField("đang dùng", default=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người tải lên", on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField("tải lên lúc", auto_now_add=True)

    class Meta:
        verbose_name = "chứng thư số"
        verbose_name_plural = "chứng thư số"
        ordering = ["-uploaded_at", "-id"]
        constraints = [
            # One certificate in use per signer: the one a "Ký số" button signs with.
            models.UniqueConstraint(fields=["signer"], condition=models.Q(is_active=True), name="signingcertificate_one_active_per_signer"),
        ]

    def __str__(self):
        return f"{self.subject} (số hiệu {self.serial})"


class SignedDocument(models.Model):
    """A document signed as PAdES: the PDF as issued (original) and the signed one, an incremental
    revision of it. Exactly one of decision and proposal; each is signed at most once."""

    decision = models.OneToOneField(
        Decision, verbose_name="quyết định", null=True, blank=True, on_delete=models.PROTECT, related_name="signed_document"
    )
    proposal = models.OneToOneField(
        UpwardProposal, verbose_name="tờ trình", null=True, blank=True, on_delete=models.PROTECT, related_name="signed_document"
    )
    original = models.FileField("bản gốc (PDF)", upload_to=private_upload_to("signed"))
    signed = models.FileField("bản đã ký số (PDF)", upload_to=private_upload_to("signed"))
    sha256 = models.CharField("SHA-256 bản đã ký", max_length=64)
    certificate = models.ForeignKey(SigningCertificate, verbose_name="chứng thư số", on_delete=models.PROTECT, related_name="+")
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người thực hiện", on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField("ký lúc", auto_now_add=True)
    timestamped = models.BooleanField("có dấu thời gian (TSA)", default=False)

    class Meta:
        verbose_name = "văn bản đã ký số"
        verbose_name_plural = "văn bản đã ký số"
        ordering = ["-signed_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(decision__isnull=False) & models.Q(proposal__isnull=True))
                | (models.Q(decision__isnull=True) & models.Q(proposal__isnull=False)),
                name="signeddocument_exactly_one_document",
            ),
        ]

    def __str__(self):
        return f"Bản ký số của {self.decision or self.proposal}"


class BlocProposal(models.Model):
    """A nomination that came from an emulation bloc's published ranking (awards.bloc_proposals): the
    scorecard it rests on and the rank and total at the time, so the dossier keeps its scores."""

    nomination = models.OneToOneField(Nomination, verbose_name="đề nghị", on_delete=models.CASCADE, related_name="bloc_proposal")
    scorecard = models.ForeignKey("campaigns.Scorecard", verbose_name="phiếu chấm điểm", on_delete=models.PROTECT, related_name="proposals")
    rank = models.PositiveSmallIntegerField("xếp hạng trong khối")
    member_count = models.PositiveSmallIntegerField("số thành viên của khối")
    total = models.DecimalField("tổng điểm", max_digits=7, decimal_places=2)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người đề nghị", on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField("đề nghị lúc", auto_now_add=True)

    class Meta:
        verbose_name = "đề nghị từ khối thi đua"
        verbose_name_plural = "đề nghị từ khối thi đua"
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.nomination} (hạng {self.rank}/{self.member_count})"


# --- The reward fund (quỹ thi đua, khen thưởng) -------------------------------------------------
# Per issuing body and year: the planned fund (a dated legal rate × the base the reviewer enters),
# income and expense lines (award money booked by decision_issue, other spending entered by the
# reviewer), and the balance (awards.fund computes it).


class FundRate(models.Model):
    """The legal rate the fund is planned from, valid over a range of dates (Nghị định 98/2023/NĐ-CP,
    then 152/2025/NĐ-CP): a percentage of a base (the salary fund, or regular spending). Data that an
    administrator checks against the decree; the portal never holds the number in code."""

    valid_from = models.DateField("áp dụng từ ngày")
    valid_to = models.DateField("áp dụng đến ngày", null=True, blank=True)
    level = models.CharField(
        "cấp của cơ quan", max_length=20, choices=BodyLevel.choices, blank=True, help_text="Để trống: áp dụng cho mọi cấp."
    )
    rate_percent = models.DecimalField("tỷ lệ trích tối đa (%)", max_digits=5, decimal_places=2)
    base = models.CharField("tính trên", max_length=20, choices=FundRateBase.choices, default=FundRateBase.SALARY_FUND)
    legal_basis = models.CharField("căn cứ", max_length=255)
    admin_note = models.TextField("ghi chú cho quản trị", blank=True)

    class Meta:
        verbose_name = "tỷ lệ trích quỹ thi đua, khen thưởng"
        verbose_name_plural = "tỷ lệ trích quỹ thi đua, khen thưởng"
        ordering = ["-valid_from", "level"]
        constraints = [
            models.CheckConstraint(condition=models.Q(rate_percent__gt=0) & models.Q(rate_percent__lte=100), name="fundrate_percent_range"),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=models.F("valid_from")), name="fundrate_dates_ordered"
            ),
        ]

    def __str__(self):
        return f"{self.rate_percent}% {self.get_base_display().lower()} từ {self.valid_from:%d/%m/%Y}"

    def valid_on(self, date):
        return self.valid_from <= date and (self.valid_to is None or date <= self.valid_to)


class FundYear(models.Model):
    """The fund of one issuing body for one calendar year: the base amount the reviewer enters and
    the planned amount computed from it with the rate valid on 1 January (snapshots, so a later
    change of the rate table does not rewrite a year already planned)."""

    issuing_body = models.ForeignKey(IssuingBody, verbose_name="cơ quan", on_delete=models.PROTECT, related_name="fund_years")
    year = models.PositiveSmallIntegerField("năm")
    base_amount = models.PositiveBigIntegerField("số làm căn cứ trích quỹ (đồng)", default=0)
    rate = models.ForeignKey(FundRate, verbose_name="tỷ lệ áp dụng", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    rate_percent = models.DecimalField("tỷ lệ đã áp dụng (%)", max_digits=5, decimal_places=2, default=Decimal("0"))
    planned_amount = models.PositiveBigIntegerField("quỹ theo kế hoạch (đồng)", default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người cập nhật", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        verbose_name = "quỹ thi đua, khen thưởng năm"
        verbose_name_plural = "quỹ thi đua, khen thưởng năm"
        ordering = ["-year", "issuing_body_id"]
        constraints = [models.UniqueConstraint(fields=["issuing_body", "year"], name="fundyear_body_year_unique")]

    def __str__(self):
        return f"Quỹ thi đua, khen thưởng năm {self.year} ({self.issuing_body})"


class FundEntry(models.Model):
    """One income or expense line of a fund year. Award money of an issued decision is booked once
    (the one-to-one link to the decision); other lines are entered by the reviewer."""

    fund_year = models.ForeignKey(FundYear, verbose_name="quỹ năm", on_delete=models.PROTECT, related_name="entries")
    date = models.DateField("ngày")
    kind = models.CharField("loại", max_length=10, choices=FundEntryKind.choices)
    amount = models.PositiveBigIntegerField("số tiền (đồng)")
    description = models.CharField("nội dung", max_length=500)
    decision = models.OneToOneField(
        Decision, verbose_name="quyết định", null=True, blank=True, on_delete=models.PROTECT, related_name="fund_entry"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người ghi", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("ghi lúc", auto_now_add=True)

    class Meta:
        verbose_name = "dòng thu, chi quỹ thi đua, khen thưởng"
        verbose_name_plural = "dòng thu, chi quỹ thi đua, khen thưởng"
        ordering = ["date", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="fundentry_amount_positive"),
            models.CheckConstraint(
                condition=models.Q(decision__isnull=True) | models.Q(kind="expense"), name="fundentry_decision_is_expense"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.amount:,} đ: {self.description}"


# --- Interchange packages between levels (awards.interchange) ------------------------------------


class InterchangePackage(models.Model):
    """A package received from another level's portal (docs/interchange.md): a ward's proposal at the
    city, the city's decision back at the ward. The ZIP is kept as received, so the dossier stays
    what the sender signed; ``package_id`` refuses the same package twice."""

    package_id = models.UUIDField("mã gói", unique=True)
    kind = models.CharField("loại gói", max_length=20)
    format_version = models.CharField("phiên bản định dạng", max_length=10)
    sender_name = models.CharField("cơ quan gửi", max_length=255)
    created_at = models.DateTimeField("lập gói lúc")
    file = models.FileField("tệp gói", upload_to=private_upload_to("interchange"), max_length=255)
    sha256 = models.CharField("SHA-256 của tệp gói", max_length=64)
    manifest = models.JSONField("manifest")
    submission = models.ForeignKey(
        Submission, verbose_name="tờ trình nhận", null=True, blank=True, on_delete=models.PROTECT, related_name="packages"
    )
    proposal = models.ForeignKey(
        UpwardProposal, verbose_name="tờ trình được trả lời", null=True, blank=True, on_delete=models.PROTECT, related_name="packages"
    )
    received_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người nhập", on_delete=models.PROTECT, related_name="+")
    received_at = models.DateTimeField("nhập lúc", auto_now_add=True)

    class Meta:
        verbose_name = "gói liên thông đã nhận"
        verbose_name_plural = "gói liên thông đã nhận"
        ordering = ["-received_at", "-id"]

    def __str__(self):
        return f"{self.sender_name} ({self.created_at:%d/%m/%Y})"


class InterchangeItem(models.Model):
    """An incoming nomination and its reference in the sender's portal, so the decision package
    sent back names each row the way the sender knows it."""

    package = models.ForeignKey(InterchangePackage, verbose_name="gói", on_delete=models.PROTECT, related_name="items")
    nomination = models.OneToOneField(Nomination, verbose_name="đề nghị", on_delete=models.PROTECT, related_name="interchange_item")
    ref = models.CharField("mã đề nghị bên gửi", max_length=60)

    class Meta:
        verbose_name = "đề nghị nhận qua gói liên thông"
        verbose_name_plural = "đề nghị nhận qua gói liên thông"
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["package", "ref"], name="interchangeitem_package_ref_unique")]

    def __str__(self):
        return f"{self.ref} → {self.nomination_id}"


# --- Advanced-models conference (Hội nghị điển hình tiên tiến) -----------------------------------


class Conference(models.Model):
    """An advanced-models conference (Hội nghị điển hình tiên tiến) of a ward or the district on a
    date, concluding a campaign: its honourees, programme, guests and the decisions announced at it.
    The level and the issuing body are those valid on the conference's date (the 2025 reorganisation:
    a district's conference before 01/07/2025, a ward's after), set by awards.conference.conference_save."""

    title = models.CharField("tên hội nghị", max_length=300)
    level = models.CharField("cấp tổ chức", max_length=20, choices=ConferringLevel.choices)
    issuing_body = models.ForeignKey(
        IssuingBody, verbose_name="cơ quan tổ chức", null=True, blank=True, on_delete=models.PROTECT, related_name="conferences"
    )
    organiser_name = models.CharField("tên cơ quan tổ chức (lúc tổ chức)", max_length=255, blank=True)
    # A ward's own conference while the portal serves the district (the directive has the wards hold
    # theirs before the district's): the ward's committee organises it, at ward level.
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name="phường, xã tổ chức",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Để trống: hội nghị của cơ quan ban hành vào ngày tổ chức (quận trước 01/07/2025, phường sau đó).",
    )
    date = models.DateField("ngày tổ chức")
    start_time = models.TimeField("giờ khai mạc", null=True, blank=True)
    location = models.CharField("địa điểm", max_length=300)
    campaign = models.ForeignKey(
        "campaigns.Campaign", verbose_name="phong trào được tổng kết", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    period_start = models.DateField("khen thưởng, điển hình từ ngày", help_text="Đầu giai đoạn được tổng kết, ví dụ 01/01/2021.")
    period_end = models.DateField("đến ngày")
    purpose = models.TextField("mục đích, yêu cầu", blank=True)
    invitation_number = models.CharField("số, ký hiệu giấy mời", max_length=60, blank=True)
    signer_title = models.CharField(
        "chức vụ người ký giấy mời", max_length=150, blank=True, help_text="Ví dụ: TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH"
    )
    signer_name = models.CharField("người ký giấy mời", max_length=150, blank=True)
    decisions = models.ManyToManyField(
        Decision, verbose_name="quyết định khen thưởng công bố tại hội nghị", blank=True, related_name="conferences"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người lập", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("lập lúc", auto_now_add=True)
    updated_at = models.DateTimeField("sửa lúc", auto_now=True)
    history = HistoricalRecords(verbose_name="lịch sử sửa hội nghị", m2m_fields=[decisions])

    class Meta:
        verbose_name = "hội nghị điển hình tiên tiến"
        verbose_name_plural = "hội nghị điển hình tiên tiến"
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="conference_period_range",
                violation_error_message="Ngày cuối giai đoạn phải sau ngày đầu.",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def signer_lines(self):
        return [line.strip() for line in self.signer_title.replace("/", "\n").splitlines() if line.strip()]


class ConferenceHonouree(models.Model):
    """A collective or person honoured at the conference, taken from an accepted exemplar or an award
    of the period; names and achievement are snapshots the reviewer may edit (the booklet prints them)."""

    conference = models.ForeignKey(Conference, verbose_name="hội nghị", on_delete=models.CASCADE, related_name="honourees")
    exemplar = models.ForeignKey(
        "campaigns.Exemplar", verbose_name="điển hình", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    award_record = models.ForeignKey(
        AwardRecord, verbose_name="khen thưởng", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey("units.Person", verbose_name="cá nhân", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("units.Unit", verbose_name="tập thể", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    is_collective = models.BooleanField("là tập thể", default=False)
    name = models.CharField("tên tập thể, cá nhân", max_length=255)
    position = models.CharField("chức vụ", max_length=150, blank=True)
    unit_name = models.CharField("đơn vị", max_length=255, blank=True)
    achievement = models.TextField("tóm tắt thành tích")
    order = models.PositiveIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "tập thể, cá nhân được tuyên dương"
        verbose_name_plural = "tập thể, cá nhân được tuyên dương"
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "exemplar"], name="honouree_one_per_exemplar"),
            models.UniqueConstraint(fields=["conference", "award_record"], name="honouree_one_per_award"),
        ]

    def __str__(self):
        return self.name


class ConferenceAgendaItem(models.Model):
    """One item of the conference's programme, in order."""

    conference = models.ForeignKey(Conference, verbose_name="hội nghị", on_delete=models.CASCADE, related_name="agenda")
    order = models.PositiveIntegerField("thứ tự", default=0)
    time = models.TimeField("thời gian", null=True, blank=True)
    title = models.CharField("nội dung", max_length=300)
    speaker = models.CharField("người trình bày", max_length=200, blank=True)
    report = models.CharField("báo cáo, tài liệu trình bày", max_length=300, blank=True)

    class Meta:
        verbose_name = "mục chương trình hội nghị"
        verbose_name_plural = "chương trình hội nghị"
        ordering = ["order", "time", "id"]

    def __str__(self):
        return self.title


class ConferenceGuest(models.Model):
    """A guest invited to the conference (one invitation each): a person with a title, a unit's
    representative, or both."""

    conference = models.ForeignKey(Conference, verbose_name="hội nghị", on_delete=models.CASCADE, related_name="guests")
    order = models.PositiveIntegerField("thứ tự", default=0)
    unit = models.ForeignKey("units.Unit", verbose_name="đơn vị", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    unit_name = models.CharField("tên đơn vị, cơ quan", max_length=255, blank=True)
    person_name = models.CharField("họ và tên", max_length=150, blank=True)
    title = models.CharField("chức vụ, danh xưng", max_length=150, blank=True, help_text="Ví dụ: Bí thư Đảng ủy; Ông; Bà.")
    note = models.CharField("ghi chú", max_length=255, blank=True)

    class Meta:
        verbose_name = "khách mời"
        verbose_name_plural = "khách mời"
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(person_name="") | ~models.Q(unit_name="") | models.Q(unit__isnull=False),
                name="guest_named",
                violation_error_message="Khách mời cần có họ tên hoặc đơn vị.",
            )
        ]

    def __str__(self):
        return self.addressee

    @property
    def organisation(self):
        return self.unit_name or (self.unit.name if self.unit_id else "")

    @property
    def addressee(self):
        """'Đồng chí Nguyễn Văn A – Bí thư Đảng ủy phường', or the unit alone ('Lãnh đạo Hội Cựu chiến binh')."""
        who = " ".join(part for part in (self.title, self.person_name) if part) if self.person_name else ""
        if who and self.organisation:
            return f"{who}, {self.organisation}"
        return who or f"Lãnh đạo {self.organisation}"
