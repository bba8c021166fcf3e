from django.conf import settings
from django.db import models

from dosonthidua.uploads import private_upload_to

from .nominations import Nomination, Submission
from .upward import UpwardProposal

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
