from django.db import models

from ..enums import (
    CalendarDayKind,
)

# --- Calendar ------------------------------------------------------------------------------------


class CalendarDay(models.Model):
    """An exception to the Monday–Friday week: a public holiday (Tết, 30/4, 2/9...) or a weekend day
    worked in exchange. Seeded from the ``holidays`` package and editable, because the Government moves
    days by decision each year. Working-day arithmetic (public posting) reads these rows."""

    date = models.DateField("ngày", unique=True)
    kind = models.CharField("loại", max_length=10, choices=CalendarDayKind.choices, default=CalendarDayKind.HOLIDAY)
    name = models.CharField("tên ngày", max_length=255, blank=True)

    class Meta:
        verbose_name = "ngày nghỉ lễ / làm bù"
        verbose_name_plural = "ngày nghỉ lễ / làm bù"
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.name}"
