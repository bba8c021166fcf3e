"""Reporting periods: '2025' (calendar year), '2025-Q4', '2025-11', '2025-W47' (ISO week; the
weekly summary is cumulative from the start of the statistical year) and '2025-TK' (the TĐKT
statistical year, 01/12 of the previous year to 30/11: Thông tư 02/2023/TT-BNV)."""

import calendar
import datetime as dt
import re
from dataclasses import dataclass


class PeriodError(ValueError):
    pass


@dataclass(frozen=True)
class Period:
    code: str
    start: dt.date
    end: dt.date
    label: str

    @property
    def years(self):
        return list(range(self.start.year, self.end.year + 1))


def statistical_year_start(day):
    """First day of the TĐKT statistical year containing ``day`` (it starts on 01/12)."""
    return dt.date(day.year, 12, 1) if day.month == 12 else dt.date(day.year - 1, 12, 1)


def parse_period(text):
    text = (text or "").strip().upper()
    if m := re.fullmatch(r"(\d{4})", text):
        year = int(m[1])
        return Period(text, dt.date(year, 1, 1), dt.date(year, 12, 31), f"năm {year}")
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", text):
        year, quarter = int(m[1]), int(m[2])
        start = dt.date(year, 3 * quarter - 2, 1)
        end_month = 3 * quarter
        end = dt.date(year, end_month, calendar.monthrange(year, end_month)[1])
        return Period(text, start, end, f"quý {['I', 'II', 'III', 'IV'][quarter - 1]} năm {year}")
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})", text):
        year, month = int(m[1]), int(m[2])
        if not 1 <= month <= 12:
            raise PeriodError(f"Tháng không hợp lệ: {text}")
        code = f"{year}-{month:02d}"
        return Period(
            code, dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1]), f"tháng {month:02d} năm {year}"
        )
    if m := re.fullmatch(r"(\d{4})-W(\d{1,2})", text):
        year, week = int(m[1]), int(m[2])
        try:
            week_end = dt.date.fromisocalendar(year, week, 7)
        except ValueError as exc:
            raise PeriodError(f"Tuần không hợp lệ: {text}") from exc
        start = statistical_year_start(week_end)
        code = f"{year}-W{week:02d}"
        return Period(code, start, week_end, f"tuần {week:02d} năm {year} (lũy kế từ {start:%d/%m/%Y} đến {week_end:%d/%m/%Y})")
    if m := re.fullmatch(r"(\d{4})-TK", text):
        year = int(m[1])
        return Period(text, dt.date(year - 1, 12, 1), dt.date(year, 11, 30), f"năm thống kê {year} (01/12/{year - 1} – 30/11/{year})")
    if m := re.fullmatch(r"(?:GĐ|GIAI ĐOẠN)?\s*(\d{4})\s*[-–]\s*(\d{4})", text):
        first, last = int(m[1]), int(m[2])
        if not first < last <= first + 10:
            raise PeriodError(f"Giai đoạn không hợp lệ: “{text}” (năm đầu phải trước năm cuối, tối đa 10 năm).")
        return Period(f"{first}-{last}", dt.date(first, 1, 1), dt.date(last, 12, 31), f"giai đoạn {first}–{last}")
    raise PeriodError(f"Kỳ báo cáo không hợp lệ: “{text}”. Dùng dạng 2025, 2025-Q4, 2025-11, 2025-W47, 2025-TK hoặc giai đoạn 2021-2025.")


def previous_week(today):
    """The ISO week that ended before ``today`` (the weekly summary's period)."""
    year, week, _ = (today - dt.timedelta(days=7)).isocalendar()
    return parse_period(f"{year}-W{week:02d}")
