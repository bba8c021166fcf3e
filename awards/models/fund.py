from decimal import Decimal

from django.conf import settings
from django.db import models

from ..enums import (
    BodyLevel,
    FundEntryKind,
    FundRateBase,
)
from .bodies import IssuingBody
from .decisions import Decision

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
