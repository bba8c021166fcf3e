from django.conf import settings
from django.db import models

from ..enums import (
    HandoverKind,
)
from .bodies import IssuingBody

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
