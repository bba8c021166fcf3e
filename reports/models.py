from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from dosonthidua.uploads import private_upload_to

from .enums import ReportKind, ReportStatus


class ReportSettings(models.Model):
    """Who issues the reports and who signs them (one row, edited in the admin). The issuing body
    is data because the 2025 reorganisation changed it."""

    # Blank: taken from the body the portal serves on the report's date (dosonthidua.identity), so a
    # ward's report after 01/07/2025 never names the abolished district; a value typed here wins.
    issuer_parent = models.CharField(
        "cơ quan chủ quản",
        max_length=255,
        blank=True,
        default="",
        help_text="Để trống: “UBND” và tên địa bàn của cơ quan vào ngày báo cáo.",
    )
    issuer_name = models.CharField(
        "cơ quan ban hành",
        max_length=255,
        blank=True,
        default="",
        help_text="Để trống: cơ quan tham mưu thi đua, khen thưởng vào ngày báo cáo.",
    )
    number_suffix = models.CharField("ký hiệu văn bản", max_length=40, blank=True, default="", help_text="Để trống: BC.")
    signer_title = models.CharField(
        "chức vụ người ký", max_length=150, blank=True, default="", help_text="Để trống: chức danh người đứng đầu cơ quan tham mưu."
    )
    signer_name = models.CharField("người ký", max_length=150, blank=True)
    extra_recipients = models.TextField("nơi nhận khác (mỗi dòng một nơi)", blank=True, default="Lưu: VT, NV.")

    class Meta:
        verbose_name = "cấu hình báo cáo"
        verbose_name_plural = "cấu hình báo cáo"

    def __str__(self):
        return self.issuer_name or "Theo cơ quan vào ngày báo cáo"

    def letterhead(self, date):
        """(issuer_parent, issuer_name, number suffix, signer title) for a report dated ``date``: the
        values typed here, else those of the identity valid that day."""
        from dosonthidua.identity import identity_on

        identity = identity_on(date)
        area = identity.area_name
        return (
            self.issuer_parent or (f"UBND {area}".upper() if area else ""),
            self.issuer_name or identity.office.upper(),
            self.number_suffix or "BC",
            self.signer_title or (identity.office_head_title or "Thủ trưởng cơ quan").upper(),
        )

    @classmethod
    def current(cls):
        row = cls.objects.order_by("pk").first()
        return row or cls()


class ReportRecipient(models.Model):
    """A recipient of the periodic summary by e-mail, in order (the chairman first)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="tài khoản", null=True, blank=True, on_delete=models.CASCADE)
    email = models.EmailField("thư điện tử", blank=True, help_text="Để trống để dùng địa chỉ của tài khoản.")
    title = models.CharField("chức danh (ghi ở nơi nhận)", max_length=150)
    display_order = models.PositiveIntegerField("thứ tự", default=100)
    active = models.BooleanField("đang nhận", default=True)

    class Meta:
        verbose_name = "người nhận báo cáo tổng hợp"
        verbose_name_plural = "người nhận báo cáo tổng hợp"
        ordering = ["display_order", "id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(email="") | models.Q(user__isnull=False), name="reportrecipient_user_or_email"),
        ]

    def __str__(self):
        return self.title

    @property
    def address(self):
        return self.email or (self.user.email if self.user_id else "")


class ReportRun(models.Model):
    """One generated report (the archive). Scheduled summaries are unique per (kind, period): the
    periodic job claims its row atomically, so running it twice never makes two."""

    kind = models.CharField("loại báo cáo", max_length=30, choices=ReportKind.choices)
    period = models.CharField("kỳ báo cáo", max_length=20, blank=True)
    period_label = models.CharField("kỳ", max_length=150, blank=True)
    campaign = models.ForeignKey(
        "campaigns.Campaign", verbose_name="phong trào", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    scheduled = models.BooleanField("theo lịch", default=False)
    title = models.CharField("tiêu đề", max_length=500, blank=True)
    status = models.CharField("trạng thái", max_length=10, choices=ReportStatus.choices, default=ReportStatus.PENDING, db_index=True)
    progress = models.PositiveSmallIntegerField("tiến độ (%)", default=0)
    error = models.TextField("lỗi", blank=True)
    attempts = models.PositiveSmallIntegerField("số lần chạy", default=0)
    task_id = models.CharField(
        "mã tác vụ đang chạy",
        max_length=64,
        blank=True,
        help_text="Tác vụ Celery đã nhận lập báo cáo (để chạy lại khi tiến trình bị dừng).",
    )
    pdf = models.FileField("tệp PDF", upload_to=private_upload_to("reports"), blank=True, max_length=255)
    xlsx = models.FileField("tệp Excel", upload_to=private_upload_to("reports"), blank=True, max_length=255)
    recipients = models.JSONField("người nhận", default=list, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người yêu cầu", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    started_at = models.DateTimeField("bắt đầu lúc", null=True, blank=True)
    finished_at = models.DateTimeField("xong lúc", null=True, blank=True)
    emailed_at = models.DateTimeField("đã gửi thư lúc", null=True, blank=True)

    class Meta:
        verbose_name = "báo cáo đã lập"
        verbose_name_plural = "lưu trữ báo cáo"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "period"], condition=models.Q(scheduled=True), name="reportrun_scheduled_period_unique"
            ),
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="reportrun_progress_max_100"),
        ]

    def __str__(self):
        return self.title or f"{self.get_kind_display()} {self.period}"

    @property
    def is_finished(self):
        return self.status in (ReportStatus.DONE, ReportStatus.FAILED, ReportStatus.CANCELLED)

    @property
    def is_cancellable(self):
        return self.status in (ReportStatus.PENDING, ReportStatus.RUNNING)

    def file_name(self, fmt):
        stem = f"bao-cao-{self.kind.replace('_', '-')}-{self.period or self.campaign_id or self.pk}".lower()
        return f"{stem}.{fmt}"


class StageReview(models.Model):
    """The five-year review report (báo cáo tổng kết phong trào thi đua giai đoạn 2021–2025): the
    figures are computed from the records when the report is shown or printed (reports.review); the
    sections a reviewer writes, the number and the signature block are kept here, editable."""

    period = models.CharField("giai đoạn", max_length=20, help_text="Ví dụ: 2021-2025")
    conference = models.ForeignKey(
        "awards.Conference",
        verbose_name="hội nghị điển hình tiên tiến",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviews",
    )
    title = models.CharField("trích yếu", max_length=500)
    number = models.CharField("số, ký hiệu", max_length=60, blank=True, help_text="Ví dụ: 125/BC-UBND; để trống khi chưa cấp số.")
    date = models.DateField("ngày báo cáo")
    issuer_parent = models.CharField("cơ quan chủ quản", max_length=255, blank=True, help_text="Để trống: theo cơ quan vào ngày báo cáo.")
    issuer_name = models.CharField("cơ quan ban hành", max_length=255, blank=True, help_text="Để trống: theo cơ quan vào ngày báo cáo.")
    introduction = models.TextField("phần mở đầu", blank=True)
    results = models.TextField("kết quả đạt được", blank=True)
    limitations = models.TextField("hạn chế và nguyên nhân", blank=True)
    lessons = models.TextField("bài học kinh nghiệm", blank=True)
    direction = models.TextField("phương hướng, nhiệm vụ và chỉ tiêu giai đoạn tiếp theo", blank=True)
    recipients = models.TextField("nơi nhận (mỗi dòng một nơi)", blank=True, default="Lưu: VT, NV.")
    signer_title = models.CharField("chức vụ người ký", max_length=150, blank=True, help_text="Ví dụ: TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH")
    signer_name = models.CharField("người ký", max_length=150, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người lập", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("lập lúc", auto_now_add=True)
    updated_at = models.DateTimeField("sửa lúc", auto_now=True)
    history = HistoricalRecords(verbose_name="lịch sử sửa báo cáo tổng kết")

    class Meta:
        verbose_name = "báo cáo tổng kết giai đoạn"
        verbose_name_plural = "báo cáo tổng kết giai đoạn"
        ordering = ["-date", "-id"]

    def __str__(self):
        return self.title

    @property
    def recipient_lines(self):
        return [line.strip().lstrip("- ") for line in self.recipients.splitlines() if line.strip()]

    @property
    def signer_lines(self):
        return [line.strip() for line in self.signer_title.replace("/", "\n").splitlines() if line.strip()]
