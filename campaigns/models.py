from django.db import models

from .enums import CampaignKind


class Campaign(models.Model):
    """An emulation movement (phong trào thi đua): regular annual emulation or a campaign/thematic one,
    such as the special campaign of the district chairman's directive (to 31/12/2025)."""

    name = models.CharField("tên phong trào", max_length=500)
    kind = models.CharField("hình thức", max_length=20, choices=CampaignKind.choices)
    start_date = models.DateField("ngày bắt đầu")
    end_date = models.DateField("ngày kết thúc")

    class Meta:
        verbose_name = "phong trào thi đua"
        verbose_name_plural = "phong trào thi đua"
        ordering = ["-start_date", "name"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end_date__gte=models.F("start_date")), name="campaign_dates_ordered"),
        ]

    def __str__(self):
        return self.name
