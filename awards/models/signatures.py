from django.conf import settings
from django.db import models

from dosonthidua.uploads import private_upload_to

from .bodies import Signer
from .decisions import Decision
from .nominations import Nomination
from .upward import UpwardProposal

# --- Digital signatures --------------------------------------------------------------------------


class SigningCertificate(models.Model):
    """A signer's certificate for PAdES signing: the PKCS#12 archive (key and certificate, kept
    encrypted under its own passphrase, which the portal never stores: the signer types it at each
    signature, as with a USB token's PIN; docs/decisions.md), the official it belongs to (Signer, the
    name printed on the documents) and the account allowed to sign with it. Subject, issuer, serial and
    validity are read from the certificate on upload (awards.signatures.certificate_upload)."""

    signer = models.ForeignKey(Signer, verbose_name="người ký", on_delete=models.PROTECT, related_name="certificates")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="tài khoản ký",
        on_delete=models.PROTECT,
        related_name="signing_certificates",
        help_text="Tài khoản của người ký; chỉ tài khoản này (hoặc quản trị viên ký thay) được ký số bằng chứng thư.",
    )
    archive = models.BinaryField("tệp PKCS#12", editable=False)
    subject = models.CharField("chủ thể", max_length=500)
    issuer = models.CharField("tổ chức cấp", max_length=500)
    serial = models.CharField("số hiệu", max_length=80)
    valid_from = models.DateTimeField("hiệu lực từ")
    valid_to = models.DateTimeField("hiệu lực đến")
    is_active = models.BooleanField("đang dùng", default=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người tải lên", on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField("tải lên lúc", auto_now_add=True)

    class Meta:
        verbose_name = "chứng thư số"
        verbose_name_plural = "chứng thư số"
        ordering = ["-uploaded_at", "-id"]
        constraints = [
            # One certificate in use per signer: the one a "Ký số" button signs with.
            models.UniqueConstraint(fields=["signer"], condition=models.Q(is_active=True), name="signingcertificate_one_active_per_signer"),
        ]

    def __str__(self):
        return f"{self.subject} (số hiệu {self.serial})"


class SignedDocument(models.Model):
    """A document signed as PAdES: the PDF as issued (original) and the signed one, an incremental
    revision of it. Exactly one of decision and proposal; each is signed at most once."""

    decision = models.OneToOneField(
        Decision, verbose_name="quyết định", null=True, blank=True, on_delete=models.PROTECT, related_name="signed_document"
    )
    proposal = models.OneToOneField(
        UpwardProposal, verbose_name="tờ trình", null=True, blank=True, on_delete=models.PROTECT, related_name="signed_document"
    )
    original = models.FileField("bản gốc (PDF)", upload_to=private_upload_to("signed"))
    signed = models.FileField("bản đã ký số (PDF)", upload_to=private_upload_to("signed"))
    sha256 = models.CharField("SHA-256 bản đã ký", max_length=64)
    certificate = models.ForeignKey(SigningCertificate, verbose_name="chứng thư số", on_delete=models.PROTECT, related_name="+")
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người thực hiện", on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField("ký lúc", auto_now_add=True)
    timestamped = models.BooleanField("có dấu thời gian (TSA)", default=False)

    class Meta:
        verbose_name = "văn bản đã ký số"
        verbose_name_plural = "văn bản đã ký số"
        ordering = ["-signed_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(decision__isnull=False) & models.Q(proposal__isnull=True))
                | (models.Q(decision__isnull=True) & models.Q(proposal__isnull=False)),
                name="signeddocument_exactly_one_document",
            ),
        ]

    def __str__(self):
        return f"Bản ký số của {self.decision or self.proposal}"


class BlocProposal(models.Model):
    """A nomination that came from an emulation bloc's published ranking (awards.bloc_proposals): the
    scorecard it rests on and the rank and total at the time, so the dossier keeps its scores."""

    nomination = models.OneToOneField(Nomination, verbose_name="đề nghị", on_delete=models.CASCADE, related_name="bloc_proposal")
    scorecard = models.ForeignKey("campaigns.Scorecard", verbose_name="phiếu chấm điểm", on_delete=models.PROTECT, related_name="proposals")
    rank = models.PositiveSmallIntegerField("xếp hạng trong khối")
    member_count = models.PositiveSmallIntegerField("số thành viên của khối")
    total = models.DecimalField("tổng điểm", max_digits=7, decimal_places=2)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người đề nghị", on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField("đề nghị lúc", auto_now_add=True)

    class Meta:
        verbose_name = "đề nghị từ khối thi đua"
        verbose_name_plural = "đề nghị từ khối thi đua"
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.nomination} (hạng {self.rank}/{self.member_count})"
