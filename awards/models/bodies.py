from django.db import models

from ..enums import (
    BodyLevel,
    SignerCapacity,
)

# --- Issuing bodies and signers ------------------------------------------------------------------


def _valid_range(prefix):
    return models.CheckConstraint(
        condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=models.F("valid_from")), name=f"{prefix}_valid_range"
    )


class IssuingBody(models.Model):
    """The body that issues decisions, valid for a date range, so the same code serves a district, a
    ward or a city: 'ỦY BAN NHÂN DÂN' / 'QUẬN ĐỒ SƠN', symbol 'UBND' (number 05/QĐ-UBND), place."""

    name_line1 = models.CharField("dòng 1 tên cơ quan", max_length=150, default="ỦY BAN NHÂN DÂN")
    name_line2 = models.CharField("dòng 2 tên cơ quan", max_length=150)
    full_name = models.CharField("tên đầy đủ", max_length=255, help_text="Ví dụ: Ủy ban nhân dân quận Đồ Sơn")
    symbol = models.CharField("ký hiệu cơ quan", max_length=30, default="UBND")
    place = models.CharField("địa danh", max_length=100)
    leader_title = models.CharField(
        "thẩm quyền ban hành (chức danh người đứng đầu)",
        max_length=150,
        default="Chủ tịch Ủy ban nhân dân quận Đồ Sơn",
        help_text="In dưới tên loại văn bản, ví dụ “CHỦ TỊCH ỦY BAN NHÂN DÂN QUẬN ĐỒ SƠN”, và ở phần “Kính gửi” của tờ trình.",
    )
    head_title = models.CharField(
        "chức vụ người đứng đầu (dòng ký)",
        max_length=60,
        default="Chủ tịch",
        db_default="Chủ tịch",
        help_text="Ví dụ: Chủ tịch (in “CHỦ TỊCH”, “KT. CHỦ TỊCH”).",
    )
    unit = models.ForeignKey("units.Unit", verbose_name="đơn vị", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # Database defaults too: older data migrations (replayed by the test suite) insert rows without these columns.
    level = models.CharField(
        "cấp hành chính", max_length=20, choices=BodyLevel.choices, default=BodyLevel.COMMUNE, db_default=BodyLevel.COMMUNE
    )
    area_name = models.CharField(
        "tên địa bàn",
        max_length=150,
        blank=True,
        db_default="",
        help_text="Cấp và tên địa bàn viết thường như trong câu, ví dụ: phường Đồ Sơn",
    )
    advisory_office = models.CharField(
        "cơ quan tham mưu công tác thi đua, khen thưởng",
        max_length=150,
        blank=True,
        db_default="",
        help_text="Cấp quận, huyện: Phòng Nội vụ. Cấp xã sau 01/07/2025: cơ quan do UBND xã, phường phân công "
        "(ví dụ Văn phòng HĐND và UBND hoặc Phòng Văn hóa – Xã hội).",
    )
    advisory_office_head_title = models.CharField(
        "chức danh người đứng đầu cơ quan tham mưu",
        max_length=150,
        blank=True,
        db_default="",
        help_text="Ví dụ: Trưởng phòng Nội vụ; Chánh Văn phòng HĐND và UBND",
    )
    advisory_office_verified = models.BooleanField(
        "đã xác minh cơ quan tham mưu",
        default=False,
        db_default=False,
        help_text="Bỏ chọn khi tên cơ quan tham mưu là giá trị mặc định chưa đối chiếu với văn bản phân công của địa phương.",
    )
    valid_from = models.DateField("hiệu lực từ ngày")
    valid_to = models.DateField("hiệu lực đến ngày", null=True, blank=True)

    class Meta:
        verbose_name = "cơ quan ban hành"
        verbose_name_plural = "cơ quan ban hành"
        ordering = ["valid_from", "id"]
        constraints = [_valid_range("issuingbody")]

    def __str__(self):
        return self.full_name

    @property
    def conferring_level(self):
        """The catalogue level (ConferringLevel value) at which this body confers awards."""
        return BodyLevel(self.level).conferring_level

    @property
    def office_label(self):
        """The advisory office's name for labels (the reviewer role), falling back to a neutral term."""
        return self.advisory_office or "Cơ quan tham mưu thi đua, khen thưởng"


class Signer(models.Model):
    """Who signs for an issuing body in a date range, and in which capacity. The title lines of the
    signature block follow from the capacity and the kind of document (awards.signing)."""

    issuing_body = models.ForeignKey(IssuingBody, verbose_name="cơ quan", on_delete=models.CASCADE, related_name="signers")
    capacity = models.CharField(
        "hình thức ký", max_length=20, choices=SignerCapacity.choices, default=SignerCapacity.HEAD, db_default=SignerCapacity.HEAD
    )
    position_title = models.CharField(
        "chức vụ của người ký",
        max_length=100,
        default="Chủ tịch",
        db_default="Chủ tịch",
        help_text="Ví dụ: Chủ tịch, Phó Chủ tịch, Chánh Văn phòng.",
    )
    name = models.CharField("họ và tên", max_length=150)
    valid_from = models.DateField("hiệu lực từ ngày")
    valid_to = models.DateField("hiệu lực đến ngày", null=True, blank=True)

    class Meta:
        verbose_name = "người ký"
        verbose_name_plural = "người ký"
        ordering = ["valid_from", "id"]
        constraints = [_valid_range("signer")]

    def __str__(self):
        return f"{self.name} ({self.position_title}, {self.get_capacity_display().lower()})"
