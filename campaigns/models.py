import calendar
import datetime as dt

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.utils import timezone

from dosonthidua.uploads import private_upload_to
from units.enums import UnitKind
from units.models import Fold

from .enums import (
    BlocKind,
    BlocRole,
    BlocSuggestion,
    BlocYearState,
    CampaignKind,
    CampaignStatus,
    ExemplarKind,
    MovementLevel,
    ParticipantScope,
    PhaseKind,
    ReportFrequency,
    ScorecardState,
    ScoreLineKind,
    TieBreak,
    WorkflowState,
)

_report_upload = private_upload_to("campaigns/reports")
_photo_upload = private_upload_to("campaigns/exemplars")
_covenant_upload = private_upload_to("campaigns/covenants")
_evidence_upload = private_upload_to("campaigns/bloc-evidence")


def report_attachment_upload_to(instance, filename):
    return _report_upload(instance, filename)


def exemplar_photo_upload_to(instance, filename):
    return _photo_upload(instance, filename)


def add_months(day, months):
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class Movement(models.Model):
    """A national, city or district emulation movement that campaigns link to (managed list; the
    directive's section 1.b names them)."""

    name = models.CharField("tên phong trào", max_length=500, unique=True)
    level = models.CharField("cấp phát động", max_length=20, choices=MovementLevel.choices)
    display_order = models.PositiveIntegerField("thứ tự", default=100)
    active = models.BooleanField("đang sử dụng", default=True)

    class Meta:
        verbose_name = "phong trào thi đua trọng tâm"
        verbose_name_plural = "phong trào thi đua trọng tâm"
        ordering = ["display_order", "name"]

    def __str__(self):
        return self.name


class Campaign(models.Model):
    """An emulation movement (phong trào thi đua): regular annual emulation or a campaign/thematic one,
    such as the special campaign of the district chairman's directive (to 31/12/2025). Every deadline
    and frequency is data here, not a constant."""

    name = models.CharField("tên phong trào", max_length=500)
    kind = models.CharField("hình thức", max_length=20, choices=CampaignKind.choices)
    start_date = models.DateField("ngày bắt đầu")
    end_date = models.DateField("ngày kết thúc")
    launching_body = models.CharField("cơ quan phát động", max_length=255, blank=True)
    document_number = models.CharField("số, ký hiệu văn bản phát động", max_length=60, blank=True)
    document_date = models.DateField("ngày văn bản phát động", null=True, blank=True)
    purpose = models.TextField("mục đích, yêu cầu", blank=True)
    content = models.TextField("nội dung thi đua", blank=True)
    participant_scope = models.CharField("đơn vị tham gia", max_length=20, choices=ParticipantScope.choices, default=ParticipantScope.ALL)
    participant_unit_kinds = ArrayField(
        models.CharField(max_length=32, choices=UnitKind.choices), verbose_name="loại đơn vị tham gia", default=list, blank=True
    )
    participant_units = models.ManyToManyField("units.Unit", verbose_name="các đơn vị được chọn", blank=True, related_name="+")
    movements = models.ManyToManyField(Movement, verbose_name="gắn với các phong trào", blank=True, related_name="campaigns")
    registration_deadline = models.DateField("hạn đăng ký thi đua", null=True, blank=True)
    late_registration_allowed = models.BooleanField(
        "nhận đăng ký sau hạn", default=True, help_text="Nếu bỏ chọn, đơn vị không gửi được đăng ký sau hạn."
    )
    report_frequency_months = models.PositiveSmallIntegerField(
        "kỳ báo cáo tiến độ", choices=ReportFrequency.choices, default=ReportFrequency.QUARTERLY
    )
    report_due_days = models.PositiveSmallIntegerField("hạn nộp báo cáo (số ngày sau khi hết kỳ)", default=10)
    reminder_days_before = models.PositiveSmallIntegerField("nhắc hạn trước (ngày)", default=5)
    search_name = models.GeneratedField(expression=Fold("name"), output_field=models.TextField(), db_persist=True)

    class Meta:
        verbose_name = "phong trào thi đua"
        verbose_name_plural = "phong trào thi đua"
        ordering = ["-start_date", "name"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end_date__gte=models.F("start_date")), name="campaign_dates_ordered"),
        ]
        indexes = [GinIndex(fields=["search_name"], opclasses=["gin_trgm_ops"], name="campaign_search_trgm")]

    def __str__(self):
        return self.name

    def status_on(self, day):
        if day < self.start_date:
            return CampaignStatus.UPCOMING
        if day > self.end_date:
            return CampaignStatus.ENDED
        if self.registration_deadline and day <= self.registration_deadline:
            return CampaignStatus.REGISTRATION
        return CampaignStatus.RUNNING

    @property
    def status(self):
        return self.status_on(timezone.localdate())

    @property
    def status_label(self):
        return CampaignStatus(self.status).label

    @property
    def status_with_phase(self):
        """Status from the dates plus the latest phase reached (prefetch ``phases`` in lists)."""
        phase = self.current_phase()
        return f"{self.status_label} · {phase.get_kind_display().lower()}: {phase.name}" if phase else self.status_label

    def current_phase(self, day=None):
        """The latest phase (launch, interim review, final review) reached by ``day``."""
        day = day or timezone.localdate()
        reached = [p for p in self.phases.all() if p.date <= day]
        return reached[-1] if reached else None

    def registration_is_late(self, day=None):
        day = day or timezone.localdate()
        return self.registration_deadline is not None and day > self.registration_deadline

    def reporting_periods(self):
        """[(start, end, due)] from the start date in steps of report_frequency_months."""
        periods, start = [], self.start_date
        while start <= self.end_date:
            end = min(add_months(start, self.report_frequency_months) - dt.timedelta(days=1), self.end_date)
            periods.append((start, end, end + dt.timedelta(days=self.report_due_days)))
            start = end + dt.timedelta(days=1)
        return periods

    def period_for(self, day):
        for period in self.reporting_periods():
            if period[0] <= day <= period[1]:
                return period
        return None

    def concerns_unit(self, unit):
        if not unit.in_force_during(self.start_date, self.end_date):
            return False
        if self.participant_scope == ParticipantScope.ALL:
            return True
        if self.participant_scope == ParticipantScope.BY_KIND:
            return unit.kind in self.participant_unit_kinds
        return self.participant_units.filter(pk=unit.pk).exists()


class CampaignPhase(models.Model):
    campaign = models.ForeignKey(Campaign, verbose_name="phong trào", on_delete=models.CASCADE, related_name="phases")
    kind = models.CharField("giai đoạn", max_length=20, choices=PhaseKind.choices)
    name = models.CharField("tên mốc", max_length=255)
    date = models.DateField("ngày")

    class Meta:
        verbose_name = "mốc của phong trào"
        verbose_name_plural = "mốc của phong trào"
        ordering = ["date", "id"]

    def __str__(self):
        return self.name


class CampaignTarget(models.Model):
    """A measurable target (chỉ tiêu) of a campaign."""

    campaign = models.ForeignKey(Campaign, verbose_name="phong trào", on_delete=models.CASCADE, related_name="targets")
    name = models.CharField("chỉ tiêu", max_length=500)
    unit_of_measure = models.CharField("đơn vị tính", max_length=60)
    target_value = models.DecimalField("giá trị chỉ tiêu chung", max_digits=14, decimal_places=2, null=True, blank=True)
    display_order = models.PositiveIntegerField("thứ tự", default=100)

    class Meta:
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "chỉ tiêu"
        ordering = ["display_order", "id"]

    def __str__(self):
        return f"{self.name} ({self.unit_of_measure})"


class UnitTargetValue(models.Model):
    """The value of a target assigned to one unit (optional; otherwise the unit registers its own)."""

    target = models.ForeignKey(CampaignTarget, verbose_name="chỉ tiêu", on_delete=models.CASCADE, related_name="unit_values")
    unit = models.ForeignKey("units.Unit", verbose_name="đơn vị", on_delete=models.CASCADE, related_name="+")
    value = models.DecimalField("giá trị giao", max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = "chỉ tiêu giao cho đơn vị"
        verbose_name_plural = "chỉ tiêu giao cho đơn vị"
        constraints = [models.UniqueConstraint(fields=["target", "unit"], name="unit_target_value_unique")]

    def __str__(self):
        return f"{self.target}: {self.value}"


class Registration(models.Model):
    """A unit's registration (đăng ký thi đua) for a campaign: the collective title it aims at, its
    people's aimed titles (RegistrationEntry) and its own targets (RegistrationTarget)."""

    campaign = models.ForeignKey(Campaign, verbose_name="phong trào", on_delete=models.PROTECT, related_name="registrations")
    unit = models.ForeignKey("units.Unit", verbose_name="đơn vị", on_delete=models.PROTECT, related_name="campaign_registrations")
    collective_award = models.ForeignKey(
        "awards.AwardKind",
        verbose_name="danh hiệu tập thể đăng ký",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    commitment = models.TextField("nội dung đăng ký, cam kết", blank=True)
    state = models.CharField("trạng thái", max_length=20, choices=WorkflowState.choices, default=WorkflowState.DRAFT, db_index=True)
    is_late = models.BooleanField("gửi sau hạn", default=False)
    submitted_at = models.DateTimeField("gửi lúc", null=True, blank=True)
    decided_at = models.DateTimeField("duyệt lúc", null=True, blank=True)
    review_comment = models.TextField("ý kiến thẩm định", blank=True)
    created_by = models.ForeignKey("units.User", verbose_name="người lập", null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("lập lúc", auto_now_add=True)
    updated_at = models.DateTimeField("sửa lúc", auto_now=True)

    class Meta:
        verbose_name = "đăng ký thi đua"
        verbose_name_plural = "đăng ký thi đua"
        ordering = ["-updated_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["campaign", "unit"], name="registration_campaign_unit_unique")]

    def __str__(self):
        return f"Đăng ký thi đua của {self.unit} – {self.campaign}"

    @property
    def is_editable(self):
        return self.state in (WorkflowState.DRAFT, WorkflowState.RETURNED)


class RegistrationEntry(models.Model):
    """One person of the unit and the title he or she aims at."""

    registration = models.ForeignKey(Registration, verbose_name="đăng ký", on_delete=models.CASCADE, related_name="entries")
    person = models.ForeignKey("units.Person", verbose_name="cán bộ", on_delete=models.PROTECT, related_name="campaign_registrations")
    award_kind = models.ForeignKey("awards.AwardKind", verbose_name="danh hiệu đăng ký", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "cá nhân đăng ký"
        verbose_name_plural = "cá nhân đăng ký"
        ordering = ["person__full_name", "id"]
        constraints = [models.UniqueConstraint(fields=["registration", "person"], name="registration_entry_person_unique")]

    def __str__(self):
        return f"{self.person} – {self.award_kind}"


class RegistrationTarget(models.Model):
    """The value the unit commits to for one target of the campaign."""

    registration = models.ForeignKey(Registration, verbose_name="đăng ký", on_delete=models.CASCADE, related_name="targets")
    target = models.ForeignKey(CampaignTarget, verbose_name="chỉ tiêu", on_delete=models.CASCADE, related_name="+")
    value = models.DecimalField("giá trị đăng ký", max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = "chỉ tiêu đăng ký"
        verbose_name_plural = "chỉ tiêu đăng ký"
        constraints = [models.UniqueConstraint(fields=["registration", "target"], name="registration_target_unique")]

    def __str__(self):
        return f"{self.target}: {self.value}"


class ProgressReport(models.Model):
    """A unit's report for one reporting period of a campaign."""

    campaign = models.ForeignKey(Campaign, verbose_name="phong trào", on_delete=models.PROTECT, related_name="progress_reports")
    unit = models.ForeignKey("units.Unit", verbose_name="đơn vị", on_delete=models.PROTECT, related_name="campaign_reports")
    period_start = models.DateField("kỳ báo cáo từ ngày")
    period_end = models.DateField("đến ngày")
    due_date = models.DateField("hạn nộp")
    narrative = models.TextField("kết quả thực hiện")
    state = models.CharField("trạng thái", max_length=20, choices=WorkflowState.choices, default=WorkflowState.DRAFT, db_index=True)
    is_late = models.BooleanField("gửi sau hạn", default=False)
    submitted_at = models.DateTimeField("gửi lúc", null=True, blank=True)
    decided_at = models.DateTimeField("duyệt lúc", null=True, blank=True)
    review_comment = models.TextField("ý kiến thẩm định", blank=True)
    created_by = models.ForeignKey("units.User", verbose_name="người lập", null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("lập lúc", auto_now_add=True)
    updated_at = models.DateTimeField("sửa lúc", auto_now=True)

    class Meta:
        verbose_name = "báo cáo tiến độ"
        verbose_name_plural = "báo cáo tiến độ"
        ordering = ["-period_start", "unit__name", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "unit", "period_start"], name="progress_report_period_unique"),
            models.CheckConstraint(condition=models.Q(period_end__gte=models.F("period_start")), name="progress_report_period_ordered"),
        ]

    def __str__(self):
        return f"Báo cáo của {self.unit} kỳ {self.period_start:%d/%m/%Y}–{self.period_end:%d/%m/%Y}"

    @property
    def is_editable(self):
        return self.state in (WorkflowState.DRAFT, WorkflowState.RETURNED)


class ProgressValue(models.Model):
    report = models.ForeignKey(ProgressReport, verbose_name="báo cáo", on_delete=models.CASCADE, related_name="values")
    target = models.ForeignKey(CampaignTarget, verbose_name="chỉ tiêu", on_delete=models.CASCADE, related_name="progress_values")
    value = models.DecimalField("giá trị đạt được", max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = "kết quả chỉ tiêu"
        verbose_name_plural = "kết quả chỉ tiêu"
        constraints = [models.UniqueConstraint(fields=["report", "target"], name="progress_value_unique")]

    def __str__(self):
        return f"{self.target}: {self.value}"


class ProgressAttachment(models.Model):
    report = models.ForeignKey(ProgressReport, verbose_name="báo cáo", on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("tệp", upload_to=report_attachment_upload_to, max_length=255)
    original_name = models.CharField("tên tệp", max_length=160)
    kind = models.CharField("định dạng", max_length=10)
    size = models.PositiveIntegerField("dung lượng (byte)")
    uploaded_by = models.ForeignKey("units.User", verbose_name="người tải lên", null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField("tải lên lúc", auto_now_add=True)

    class Meta:
        verbose_name = "tệp đính kèm báo cáo"
        verbose_name_plural = "tệp đính kèm báo cáo"
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.original_name


class Exemplar(models.Model):
    """A good model, new factor or exemplary person/collective proposed by a unit; once approved it is
    published on the public page "Gương điển hình tiên tiến"."""

    campaign = models.ForeignKey(Campaign, verbose_name="phong trào", on_delete=models.PROTECT, related_name="exemplars")
    unit = models.ForeignKey("units.Unit", verbose_name="đơn vị đề xuất", on_delete=models.PROTECT, related_name="exemplars")
    kind = models.CharField("loại", max_length=30, choices=ExemplarKind.choices)
    title = models.CharField("tên mô hình / điển hình", max_length=300)
    person = models.ForeignKey("units.Person", verbose_name="cá nhân", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    summary = models.CharField("tóm tắt", max_length=500)
    description = models.TextField("mô tả thành tích, cách làm")
    state = models.CharField("trạng thái", max_length=20, choices=WorkflowState.choices, default=WorkflowState.DRAFT, db_index=True)
    submitted_at = models.DateTimeField("gửi lúc", null=True, blank=True)
    decided_at = models.DateTimeField("duyệt lúc", null=True, blank=True)
    review_comment = models.TextField("ý kiến thẩm định", blank=True)
    created_by = models.ForeignKey("units.User", verbose_name="người lập", null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("lập lúc", auto_now_add=True)
    search_text = models.GeneratedField(
        expression=Fold(models.functions.Concat("title", models.Value(" "), "summary")), output_field=models.TextField(), db_persist=True
    )
    # The public page (propaganda of exemplars, given by the directive to Phòng Văn hóa và Thông tin):
    # an accepted exemplar is public unless that office takes it down; the article it writes replaces
    # the unit's description on the page. Written only by services.exemplar_publication_save.
    public_text = models.TextField(
        "bài giới thiệu trên trang công khai", blank=True, db_default="", help_text="Để trống: trang công khai in mô tả của đơn vị."
    )
    public_withdrawn = models.BooleanField("tạm ẩn khỏi trang công khai", default=False, db_default=False)
    public_edited_at = models.DateTimeField("sửa trang công khai lúc", null=True, blank=True)
    public_edited_by = models.ForeignKey(
        "units.User", verbose_name="người sửa trang công khai", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "mô hình, điển hình"
        verbose_name_plural = "mô hình, điển hình"
        ordering = ["-decided_at", "-created_at", "-id"]
        indexes = [GinIndex(fields=["search_text"], opclasses=["gin_trgm_ops"], name="exemplar_search_trgm")]

    def __str__(self):
        return self.title

    @property
    def is_editable(self):
        return self.state in (WorkflowState.DRAFT, WorkflowState.RETURNED)

    @property
    def is_public(self):
        return self.state == WorkflowState.ACCEPTED and not self.public_withdrawn

    @property
    def public_body(self):
        return self.public_text or self.description


class ExemplarPhoto(models.Model):
    exemplar = models.ForeignKey(Exemplar, verbose_name="mô hình", on_delete=models.CASCADE, related_name="photos")
    file = models.FileField("ảnh", upload_to=exemplar_photo_upload_to, max_length=255)
    original_name = models.CharField("tên tệp", max_length=160)
    kind = models.CharField("định dạng", max_length=10)
    uploaded_at = models.DateTimeField("tải lên lúc", auto_now_add=True)

    class Meta:
        verbose_name = "ảnh"
        verbose_name_plural = "ảnh"
        ordering = ["id"]

    def __str__(self):
        return self.original_name


class StateChange(models.Model):
    """History of every workflow move (registration, progress report, exemplar): from, to, by, at,
    comment. Exactly one of the three links is set."""

    registration = models.ForeignKey(Registration, null=True, blank=True, on_delete=models.CASCADE, related_name="history")
    report = models.ForeignKey(ProgressReport, null=True, blank=True, on_delete=models.CASCADE, related_name="history")
    exemplar = models.ForeignKey(Exemplar, null=True, blank=True, on_delete=models.CASCADE, related_name="history")
    from_state = models.CharField("từ trạng thái", max_length=20, choices=WorkflowState.choices)
    to_state = models.CharField("sang trạng thái", max_length=20, choices=WorkflowState.choices)
    by = models.ForeignKey("units.User", verbose_name="người thực hiện", null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField("thời điểm", default=timezone.now)
    comment = models.TextField("ý kiến", blank=True)

    class Meta:
        verbose_name = "lịch sử xử lý"
        verbose_name_plural = "lịch sử xử lý"
        ordering = ["at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(registration__isnull=False, report__isnull=True, exemplar__isnull=True)
                    | models.Q(registration__isnull=True, report__isnull=False, exemplar__isnull=True)
                    | models.Q(registration__isnull=True, report__isnull=True, exemplar__isnull=False)
                ),
                name="state_change_one_subject",
            )
        ]

    def __str__(self):
        return f"{self.from_state} → {self.to_state}"


class ReminderLog(models.Model):
    """One row per reminder round sent (campaign, what, deadline): the periodic task claims the row
    before sending, so running it twice sends nothing twice."""

    REGISTRATION = "registration"
    REPORT = "report"

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="reminder_logs")
    kind = models.CharField(max_length=20, choices=[(REGISTRATION, "Đăng ký thi đua"), (REPORT, "Báo cáo tiến độ")])
    due_date = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "lượt nhắc hạn"
        verbose_name_plural = "lượt nhắc hạn"
        constraints = [models.UniqueConstraint(fields=["campaign", "kind", "due_date"], name="reminder_log_unique")]

    def __str__(self):
        return f"{self.campaign} – {self.kind} – {self.due_date}"


# --- Emulation blocs (khối, cụm thi đua; Law art. 16-18) ---------------------------------------------


def covenant_scan_upload_to(instance, filename):
    return _covenant_upload(instance, filename)


def score_evidence_upload_to(instance, filename):
    return _evidence_upload(instance, filename)


class Bloc(models.Model):
    """An emulation bloc or cluster organised by a council (HĐTĐKT) of an issuing body. Its members,
    leader, covenant and score table belong to each year (BlocYear)."""

    name = models.CharField("tên khối", max_length=255, unique=True)
    kind = models.CharField("loại", max_length=20, choices=BlocKind.choices, default=BlocKind.BLOC)
    council = models.ForeignKey(
        "awards.Council", verbose_name="Hội đồng tổ chức", null=True, blank=True, on_delete=models.PROTECT, related_name="blocs"
    )
    organiser = models.CharField(
        "cơ quan tổ chức", max_length=255, help_text="In trên giao ước và bảng xếp hạng, ví dụ: Hội đồng Thi đua – Khen thưởng quận Đồ Sơn"
    )
    description = models.TextField("phạm vi, ghi chú", blank=True)
    active = models.BooleanField("đang hoạt động", default=True)

    class Meta:
        verbose_name = "khối, cụm thi đua"
        verbose_name_plural = "khối, cụm thi đua"
        ordering = ["name"]

    def __str__(self):
        return self.name


class BlocYear(models.Model):
    """A bloc's year: who is in it (BlocMember, with the leader and deputy of that year), its
    covenant, its score table and the scoring round's state (changed only by
    campaigns.blocs.scoring_transition)."""

    bloc = models.ForeignKey(Bloc, verbose_name="khối", on_delete=models.PROTECT, related_name="years")
    year = models.PositiveSmallIntegerField("năm")
    founding_document = models.CharField("văn bản kiện toàn khối (số, ngày)", max_length=255, blank=True)
    state = models.CharField("trạng thái", max_length=20, choices=BlocYearState.choices, default=BlocYearState.OPEN, db_index=True)
    meeting_date = models.DateField("ngày họp khối xếp hạng", null=True, blank=True)
    meeting_note = models.TextField("kết luận cuộc họp khối", blank=True)
    ranked_at = models.DateTimeField("xếp hạng lúc", null=True, blank=True)
    published_at = models.DateTimeField("công bố lúc", null=True, blank=True)
    state_changed_at = models.DateTimeField("đổi trạng thái lúc", null=True, blank=True)

    class Meta:
        verbose_name = "năm thi đua của khối"
        verbose_name_plural = "năm thi đua của khối"
        ordering = ["-year", "bloc__name"]
        constraints = [
            models.UniqueConstraint(fields=["bloc", "year"], name="bloc_year_unique"),
            models.CheckConstraint(condition=models.Q(year__gte=2000, year__lte=2100), name="bloc_year_range"),
        ]

    def __str__(self):
        return f"{self.bloc} năm {self.year}"

    @property
    def is_published(self):
        return self.state == BlocYearState.PUBLISHED


class BlocMember(models.Model):
    """A unit in a bloc for one year, with its role that year; the leader and deputy rotate yearly
    (one of each per year, from the date in ``role_from``)."""

    bloc_year = models.ForeignKey(BlocYear, verbose_name="năm của khối", on_delete=models.CASCADE, related_name="members")
    unit = models.ForeignKey("units.Unit", verbose_name="đơn vị", on_delete=models.PROTECT, related_name="bloc_memberships")
    role = models.CharField("vai trò", max_length=20, choices=BlocRole.choices, default=BlocRole.MEMBER)
    role_from = models.DateField("giữ vai trò từ ngày")
    role_to = models.DateField("đến ngày", null=True, blank=True)
    display_order = models.PositiveIntegerField("thứ tự", default=100)

    class Meta:
        verbose_name = "thành viên khối"
        verbose_name_plural = "thành viên khối"
        ordering = ["display_order", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["bloc_year", "unit"], name="bloc_member_unique"),
            models.UniqueConstraint(fields=["bloc_year"], condition=models.Q(role="leader"), name="bloc_year_one_leader"),
            models.UniqueConstraint(fields=["bloc_year"], condition=models.Q(role="deputy"), name="bloc_year_one_deputy"),
            models.CheckConstraint(
                condition=models.Q(role_to__isnull=True) | models.Q(role_to__gte=models.F("role_from")), name="bloc_member_dates"
            ),
        ]

    def __str__(self):
        return f"{self.unit} ({self.get_role_display().lower()})"


class Covenant(models.Model):
    """The covenant (giao ước thi đua) the members sign at the start of the year: its targets, the
    generated document (campaigns.documents) and the signed scan."""

    bloc_year = models.OneToOneField(BlocYear, verbose_name="năm của khối", on_delete=models.CASCADE, related_name="covenant")
    signed_on = models.DateField("ngày ký")
    place = models.CharField("địa điểm ký", max_length=150, blank=True)
    preamble = models.TextField("mục đích, yêu cầu", blank=True)
    scan = models.FileField("bản ký (scan)", upload_to=covenant_scan_upload_to, max_length=255, blank=True)
    scan_name = models.CharField("tên tệp bản ký", max_length=160, blank=True)
    scan_kind = models.CharField("định dạng bản ký", max_length=10, blank=True)
    scan_uploaded_at = models.DateTimeField("tải bản ký lúc", null=True, blank=True)

    class Meta:
        verbose_name = "giao ước thi đua"
        verbose_name_plural = "giao ước thi đua"

    def __str__(self):
        return f"Giao ước thi đua {self.bloc_year}"


class CovenantTarget(models.Model):
    covenant = models.ForeignKey(Covenant, verbose_name="giao ước", on_delete=models.CASCADE, related_name="targets")
    text = models.CharField("chỉ tiêu, nội dung giao ước", max_length=500)
    display_order = models.PositiveIntegerField("thứ tự", default=100)

    class Meta:
        verbose_name = "nội dung giao ước"
        verbose_name_plural = "nội dung giao ước"
        ordering = ["display_order", "id"]

    def __str__(self):
        return self.text


class ScoreTable(models.Model):
    """The bloc's scoring table for a year, kept as data: groups of criteria with maximum points,
    bonus and penalty lines, mandatory conditions, and the tie-break rules it states."""

    bloc_year = models.OneToOneField(BlocYear, verbose_name="năm của khối", on_delete=models.CASCADE, related_name="score_table")
    name = models.CharField("tên bảng điểm", max_length=255)
    tie_breaks = ArrayField(
        models.CharField(max_length=20, choices=TieBreak.choices),
        verbose_name="quy tắc xếp hạng khi bằng điểm (theo thứ tự)",
        default=list,
        blank=True,
    )
    tie_break_text = models.TextField(
        "quy tắc bằng điểm (nguyên văn trong bảng)", blank=True, help_text="In dưới bảng xếp hạng, như bảng điểm đã ghi."
    )
    flag_award_codes = ArrayField(
        models.SlugField(max_length=60),
        verbose_name="mã các hình thức “Cờ thi đua”",
        default=list,
        blank=True,
        help_text="Đơn vị không đạt điều kiện bắt buộc không được đề nghị các hình thức này.",
    )
    flag_places = models.PositiveSmallIntegerField("số đơn vị dẫn đầu được đề nghị Cờ thi đua", default=1)
    commendation_places = models.PositiveSmallIntegerField("số đơn vị tiếp theo được đề nghị Bằng khen", default=2)

    class Meta:
        verbose_name = "bảng chấm điểm"
        verbose_name_plural = "bảng chấm điểm"

    def __str__(self):
        return self.name


class ScoreGroup(models.Model):
    table = models.ForeignKey(ScoreTable, verbose_name="bảng điểm", on_delete=models.CASCADE, related_name="groups")
    name = models.CharField("nhóm tiêu chí", max_length=300)
    display_order = models.PositiveIntegerField("thứ tự", default=100)

    class Meta:
        verbose_name = "nhóm tiêu chí"
        verbose_name_plural = "nhóm tiêu chí"
        ordering = ["display_order", "id"]

    def __str__(self):
        return self.name


class ScoreCriterion(models.Model):
    """One line of the table: a criterion of a group (0..max_points), a bonus (0..max_points added),
    a penalty (0..max_points deducted) or a mandatory condition (met or not, no points)."""

    table = models.ForeignKey(ScoreTable, verbose_name="bảng điểm", on_delete=models.CASCADE, related_name="criteria")
    group = models.ForeignKey(ScoreGroup, verbose_name="nhóm", null=True, blank=True, on_delete=models.CASCADE, related_name="criteria")
    kind = models.CharField("loại dòng", max_length=20, choices=ScoreLineKind.choices, default=ScoreLineKind.CRITERION)
    code = models.CharField("số thứ tự", max_length=20, blank=True, help_text="Ví dụ: 1.2")
    text = models.CharField("nội dung", max_length=500)
    max_points = models.DecimalField("điểm tối đa", max_digits=6, decimal_places=2, default=0)
    display_order = models.PositiveIntegerField("thứ tự", default=100)

    class Meta:
        verbose_name = "tiêu chí chấm điểm"
        verbose_name_plural = "tiêu chí chấm điểm"
        ordering = ["display_order", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(max_points__gte=0), name="score_criterion_max_nonnegative"),
            models.CheckConstraint(condition=~models.Q(kind="criterion") | models.Q(group__isnull=False), name="score_criterion_in_group"),
        ]

    def __str__(self):
        return f"{self.code} {self.text}".strip()

    @property
    def is_condition(self):
        return self.kind == ScoreLineKind.CONDITION


class Scorecard(models.Model):
    """One member's scores for the bloc's year: self-scored with evidence, checked by the leader, then
    ranked at the bloc meeting. State changes only through campaigns.blocs.scoring_transition."""

    bloc_year = models.ForeignKey(BlocYear, verbose_name="năm của khối", on_delete=models.CASCADE, related_name="scorecards")
    member = models.OneToOneField(BlocMember, verbose_name="thành viên", on_delete=models.CASCADE, related_name="scorecard")
    unit = models.ForeignKey("units.Unit", verbose_name="đơn vị", on_delete=models.PROTECT, related_name="bloc_scorecards")
    state = models.CharField("trạng thái", max_length=20, choices=ScorecardState.choices, default=ScorecardState.DRAFT, db_index=True)
    self_total = models.DecimalField("tổng điểm tự chấm", max_digits=7, decimal_places=2, null=True, blank=True)
    checked_total = models.DecimalField("tổng điểm sau kiểm tra", max_digits=7, decimal_places=2, null=True, blank=True)
    conditions_met = models.BooleanField("đạt các điều kiện bắt buộc", null=True, blank=True)
    rank = models.PositiveSmallIntegerField("xếp hạng", null=True, blank=True)
    flag_eligible = models.BooleanField("đủ điều kiện xét Cờ thi đua", default=False)
    suggestion = models.CharField("đề nghị theo kết quả xếp hạng", max_length=20, choices=BlocSuggestion.choices, default="", blank=True)
    self_note = models.TextField("giải trình của đơn vị", blank=True)
    leader_note = models.TextField("nhận xét của trưởng khối", blank=True)
    submitted_at = models.DateTimeField("gửi lúc", null=True, blank=True)
    checked_at = models.DateTimeField("kiểm tra lúc", null=True, blank=True)
    updated_at = models.DateTimeField("sửa lúc", auto_now=True)

    class Meta:
        verbose_name = "phiếu chấm điểm"
        verbose_name_plural = "phiếu chấm điểm"
        ordering = ["rank", "member__display_order", "unit__name"]
        constraints = [models.UniqueConstraint(fields=["bloc_year", "unit"], name="scorecard_year_unit_unique")]

    def __str__(self):
        return f"Phiếu chấm điểm của {self.unit} – {self.bloc_year}"

    @property
    def is_editable(self):
        return self.state in (ScorecardState.DRAFT, ScorecardState.RETURNED)


class ScoreLine(models.Model):
    """The member's own points (or met/not met) for one line, and the leader's checked value with the
    reason for any change."""

    scorecard = models.ForeignKey(Scorecard, verbose_name="phiếu", on_delete=models.CASCADE, related_name="lines")
    criterion = models.ForeignKey(ScoreCriterion, verbose_name="tiêu chí", on_delete=models.PROTECT, related_name="lines")
    self_points = models.DecimalField("điểm tự chấm", max_digits=6, decimal_places=2, null=True, blank=True)
    self_met = models.BooleanField("tự đánh giá: đạt", null=True, blank=True)
    self_note = models.CharField("giải trình, minh chứng", max_length=1000, blank=True)
    checked_points = models.DecimalField("điểm trưởng khối chấm", max_digits=6, decimal_places=2, null=True, blank=True)
    checked_met = models.BooleanField("trưởng khối đánh giá: đạt", null=True, blank=True)
    adjust_reason = models.CharField("lý do điều chỉnh", max_length=1000, blank=True)

    class Meta:
        verbose_name = "điểm một tiêu chí"
        verbose_name_plural = "điểm từng tiêu chí"
        ordering = ["criterion__display_order", "criterion_id"]
        constraints = [models.UniqueConstraint(fields=["scorecard", "criterion"], name="score_line_unique")]

    def __str__(self):
        return f"{self.criterion}: {self.self_points}"

    @property
    def final_points(self):
        return self.checked_points if self.checked_points is not None else self.self_points

    @property
    def final_met(self):
        return self.checked_met if self.checked_met is not None else self.self_met

    @property
    def adjusted(self):
        if self.criterion.is_condition:
            return self.checked_met is not None and self.checked_met != self.self_met
        return self.checked_points is not None and self.checked_points != self.self_points


class ScoreEvidence(models.Model):
    """A file the member attaches to prove its scores (type read from the content, dosonthidua.uploads)."""

    scorecard = models.ForeignKey(Scorecard, verbose_name="phiếu", on_delete=models.CASCADE, related_name="evidence")
    criterion = models.ForeignKey(
        ScoreCriterion, verbose_name="tiêu chí", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    file = models.FileField("tệp", upload_to=score_evidence_upload_to, max_length=255)
    original_name = models.CharField("tên tệp", max_length=160)
    kind = models.CharField("định dạng", max_length=10)
    size = models.PositiveIntegerField("dung lượng (byte)")
    uploaded_by = models.ForeignKey("units.User", verbose_name="người tải lên", null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField("tải lên lúc", auto_now_add=True)

    class Meta:
        verbose_name = "minh chứng"
        verbose_name_plural = "minh chứng"
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.original_name


class BlocHistory(models.Model):
    """Every move of a bloc year's round or of a member's scorecard: from, to, by, at, comment
    (written only by campaigns.blocs.scoring_transition)."""

    bloc_year = models.ForeignKey(BlocYear, on_delete=models.CASCADE, related_name="history")
    scorecard = models.ForeignKey(Scorecard, null=True, blank=True, on_delete=models.CASCADE, related_name="history")
    from_state = models.CharField("từ trạng thái", max_length=20)
    to_state = models.CharField("sang trạng thái", max_length=20)
    by = models.ForeignKey("units.User", verbose_name="người thực hiện", null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField("thời điểm", default=timezone.now)
    comment = models.TextField("ý kiến", blank=True)

    class Meta:
        verbose_name = "lịch sử chấm điểm khối"
        verbose_name_plural = "lịch sử chấm điểm khối"
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.from_state} → {self.to_state}"

    @property
    def from_label(self):
        return _state_label(self, self.from_state)

    @property
    def to_label(self):
        return _state_label(self, self.to_state)


def _state_label(row, value):
    choices = ScorecardState if row.scorecard_id else BlocYearState
    try:
        return choices(value).label
    except ValueError:
        return value
