from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from ..enums import (
    DecisionState,
)
from .bodies import IssuingBody, Signer
from .nominations import Nomination

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
