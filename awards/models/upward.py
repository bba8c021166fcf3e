from django.conf import settings
from django.db import models

from ..enums import (
    ProposalState,
    UpwardResult,
)
from .bodies import IssuingBody, Signer
from .nominations import Nomination

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
