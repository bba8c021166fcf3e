from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from ..enums import (
    ConferringLevel,
)
from .bodies import IssuingBody
from .decisions import Decision
from .nominations import AwardRecord

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
