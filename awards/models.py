from decimal import Decimal

from django.db import models

from .enums import AwardCategory, AwardSubject, ConferringLevel, VoteBase


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
