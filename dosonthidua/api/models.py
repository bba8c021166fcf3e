from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone

from .enums import ApiPermission


def default_rate():
    return settings.API_DEFAULT_RATE_PER_MINUTE


class ApiToken(models.Model):
    """A key given to one outside system (document management, the public-service portal, the
    national database). It acts through its own service account (ApiToken.account, inactive so it can
    never sign in to the portal or receive notices), whose unit and roles the services write and
    whose unit scope the selectors apply. Only a SHA-256 hash of the key is stored."""

    name = models.CharField("tên hệ thống", max_length=150)
    description = models.TextField("ghi chú", blank=True)
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name="phạm vi đơn vị",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Khóa chỉ thấy đơn vị này và các đơn vị trực thuộc. Để trống: toàn bộ cổng (như Phòng Nội vụ).",
    )
    permissions = ArrayField(models.CharField(max_length=30, choices=ApiPermission.choices), verbose_name="quyền", default=list, blank=True)
    rate_per_minute = models.PositiveIntegerField(
        "giới hạn số lệnh mỗi phút", default=default_rate, help_text="Vượt giới hạn, hệ thống nhận mã 429 kèm Retry-After."
    )
    prefix = models.CharField("tiền tố khóa", max_length=16, unique=True, editable=False)
    key_hash = models.CharField("mã băm của khóa", max_length=64, unique=True, editable=False)
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="tài khoản hệ thống", on_delete=models.PROTECT, related_name="api_token", editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người tạo", null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    expires_at = models.DateTimeField("hết hạn lúc", null=True, blank=True)
    revoked_at = models.DateTimeField("thu hồi lúc", null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người thu hồi", null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    last_used_at = models.DateTimeField("dùng lần cuối lúc", null=True, blank=True, editable=False)
    last_used_ip = models.GenericIPAddressField("dùng lần cuối từ địa chỉ", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "khóa API"
        verbose_name_plural = "khóa API"
        ordering = ["name", "id"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_usable(self):
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > timezone.now())

    def allows(self, permission):
        return permission in self.permissions
