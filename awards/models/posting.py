from django.conf import settings
from django.db import models

from .nominations import Nomination

# --- Public posting ------------------------------------------------------------------------------


class PublicNotice(models.Model):
    """A published list of proposed awards (công khai) for a period counted in working days."""

    title = models.CharField("tiêu đề", max_length=500)
    start_date = models.DateField("ngày bắt đầu công khai")
    working_days = models.PositiveSmallIntegerField("số ngày làm việc")
    end_date = models.DateField("ngày kết thúc công khai")
    backdate_reason = models.TextField(
        "lý do công khai từ ngày đã qua", blank=True, help_text="Bắt buộc khi ngày bắt đầu công khai trước ngày đăng; in trên danh sách."
    )
    nominations = models.ManyToManyField(Nomination, verbose_name="đề nghị", related_name="notices")
    # nomination id (text) -> fingerprint of the dossier as posted (awards.selectors.nomination_fingerprint):
    # a nomination changed after posting must be posted again before the council votes on it.
    fingerprints = models.JSONField("dấu vân tay hồ sơ lúc công khai", default=dict, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người đăng", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("đăng lúc", auto_now_add=True)

    class Meta:
        verbose_name = "danh sách công khai"
        verbose_name_plural = "danh sách công khai"
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end_date__gte=models.F("start_date")), name="publicnotice_end_after_start"),
            models.CheckConstraint(condition=models.Q(working_days__gte=1), name="publicnotice_days_positive"),
        ]

    def __str__(self):
        return self.title

    def is_open_on(self, date):
        return self.start_date <= date <= self.end_date


class Objection(models.Model):
    """An objection or comment from the public on a posted list; a reviewer answers each one before the
    list's nominations can be voted on."""

    notice = models.ForeignKey(PublicNotice, verbose_name="danh sách", on_delete=models.CASCADE, related_name="objections")
    nomination = models.ForeignKey(
        Nomination, verbose_name="về đề nghị", null=True, blank=True, on_delete=models.SET_NULL, related_name="objections"
    )
    name = models.CharField("họ và tên", max_length=150)
    contact = models.CharField("điện thoại / thư điện tử / địa chỉ", max_length=255)
    content = models.TextField("nội dung")
    ip_address = models.GenericIPAddressField("địa chỉ IP", null=True, blank=True)
    created_at = models.DateTimeField("gửi lúc", auto_now_add=True, db_index=True)
    answer = models.TextField("trả lời", blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người trả lời", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField("trả lời lúc", null=True, blank=True)

    class Meta:
        verbose_name = "ý kiến góp ý"
        verbose_name_plural = "ý kiến góp ý"
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.name}: {self.content[:40]}"

    @property
    def is_answered(self):
        return self.answered_at is not None
