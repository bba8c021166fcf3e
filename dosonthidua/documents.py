"""Helpers for official documents (Nghị định 30/2020/NĐ-CP, appendix I)."""

import datetime as dt

from django.conf import settings


def document_date_line(date, place=None):
    """'Đồ Sơn, ngày 05 tháng 01 năm 2025', 'Đồ Sơn, ngày 10 tháng 6 năm 2025'; the place is the issuing
    body's valid on the date unless PORTAL_PLACE_NAME overrides it."""
    from .identity import identity_on

    place = place or settings.PORTAL_PLACE_NAME or identity_on(date).place
    return f"{place}, {vn_date(date)}"


def vn_date(date):
    """'ngày 05 tháng 02 năm 2025', 'ngày 16 tháng 6 năm 2025': days below 10 and the months 1 and 2
    take a leading 0 (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục I.5.b), so a date cannot be altered by
    writing a digit in front of it."""
    if isinstance(date, dt.datetime):
        date = date.date()
    month = f"{date.month:02d}" if date.month < 3 else str(date.month)
    return f"ngày {date.day:02d} tháng {month} năm {date.year}"


def vn_number(value, decimals=0):
    """1234567 -> '1.234.567' (Vietnamese grouping)."""
    if value is None:
        return ""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
