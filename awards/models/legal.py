from django.db import models

from dosonthidua.documents import vn_date

from ..enums import (
    DocumentKind,
    LegalDocumentKind,
)
from .bodies import IssuingBody, _valid_range

# --- Legal documents and document defaults -------------------------------------------------------


class LegalDocument(models.Model):
    """A law, decree or local rule cited in the grounds (căn cứ) of decisions, valid for a date range:
    the grounds of a decision cite the rows valid on its date, in ``display_order``."""

    kind = models.CharField("loại văn bản", max_length=20, choices=LegalDocumentKind.choices)
    number = models.CharField("số, ký hiệu", max_length=60, help_text="Ví dụ: 06/2022/QH15, 152/2025/NĐ-CP.")
    issued_on = models.DateField("ngày ban hành")
    issuer = models.CharField(
        "cơ quan ban hành", max_length=150, help_text="Ví dụ: Quốc hội, Chính phủ, Ủy ban nhân dân thành phố Hải Phòng."
    )
    title = models.CharField("tên văn bản", max_length=255, help_text="Ví dụ: Luật Thi đua, khen thưởng; Nghị định.")
    scope = models.CharField(
        "trích yếu khi trích dẫn", max_length=500, blank=True, help_text="Ví dụ: quy định chi tiết thi hành Luật Thi đua, khen thưởng."
    )
    issuing_body = models.ForeignKey(
        IssuingBody,
        verbose_name="chỉ áp dụng cho cơ quan",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Để trống: áp dụng cho mọi cơ quan ban hành (ví dụ luật, nghị định).",
    )
    valid_from = models.DateField("hiệu lực từ ngày")
    valid_to = models.DateField("hiệu lực đến ngày", null=True, blank=True)
    cited_in_decisions = models.BooleanField("dẫn làm căn cứ quyết định khen thưởng", default=True)
    display_order = models.PositiveSmallIntegerField("thứ tự trích dẫn", default=100)
    note = models.TextField("ghi chú cho quản trị (nguồn, việc xác minh)", blank=True)

    class Meta:
        verbose_name = "văn bản pháp luật làm căn cứ"
        verbose_name_plural = "văn bản pháp luật làm căn cứ"
        ordering = ["display_order", "valid_from", "id"]
        constraints = [_valid_range("legaldocument")]

    def __str__(self):
        return f"{self.title} {self.number}"

    @property
    def citation(self):
        """'Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;' — laws are cited by name and
        date, other documents by number, date and issuer (Nghị định 30/2020, Phụ lục I)."""
        if self.kind == LegalDocumentKind.LAW:
            text = f"{self.title} {vn_date(self.issued_on)}"
        else:
            text = f"{self.title} số {self.number} {vn_date(self.issued_on)} của {self.issuer}"
        if self.scope:
            text += self.scope if self.scope[0] in ",;" else f" {self.scope}"
        return f"Căn cứ {text};"


class DocumentDefaults(models.Model):
    """Article 3 (who executes) and the "Nơi nhận" list an issuing body puts on a kind of document by
    default; each decision keeps its own copy, editable in its draft."""

    issuing_body = models.ForeignKey(
        IssuingBody, verbose_name="cơ quan ban hành", on_delete=models.CASCADE, related_name="document_defaults"
    )
    kind = models.CharField("loại văn bản", max_length=20, choices=DocumentKind.choices)
    executors = models.TextField("tổ chức, cá nhân thi hành (Điều 3)", blank=True)
    recipients = models.TextField("nơi nhận (mỗi dòng một nơi)", blank=True)

    class Meta:
        verbose_name = "mặc định của văn bản"
        verbose_name_plural = "mặc định của văn bản"
        constraints = [models.UniqueConstraint(fields=["issuing_body", "kind"], name="documentdefaults_body_kind_unique")]

    def __str__(self):
        return f"{self.issuing_body}: {self.get_kind_display()}"
