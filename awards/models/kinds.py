from decimal import Decimal

from django.contrib.postgres.fields import ArrayField
from django.db import models

from units.enums import DisciplineForm, PositionGroup

from ..enums import (
    AttachmentKind,
    AwardCategory,
    AwardSubject,
    ConferringLevel,
    DecisionVerb,
    InitiativeKind,
    InitiativeScope,
    NominationBasis,
    PeriodKind,
    PrerequisiteRule,
    QuotaBase,
    RouteAction,
    Severity,
    VoteBase,
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
        from ..voting import percent_text

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


# Names of later modules, read when the functions above run (circular at import time otherwise).
