"""Helpers for official documents (Nghị định 30/2020/NĐ-CP, appendix I)."""

import datetime as dt

from django.conf import settings


def document_date_line(date, place=None):
    """'Đồ Sơn, ngày 05 tháng 01 năm 2025': day and month below 10 padded with 0 (Nghị định
    30/2020, appendix I, item 5)."""
    place = place or settings.PORTAL_PLACE_NAME
    return f"{place}, ngày {date.day:02d} tháng {date.month:02d} năm {date.year}"


def vn_date(date):
    """'ngày 05 tháng 03 năm 2025'."""
    if isinstance(date, dt.datetime):
        date = date.date()
    return f"ngày {date.day:02d} tháng {date.month:02d} năm {date.year}"


def vn_number(value, decimals=0):
    """1234567 -> '1.234.567' (Vietnamese grouping)."""
    if value is None:
        return ""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
