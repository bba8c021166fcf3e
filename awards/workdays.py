"""Working-day arithmetic for public posting: Monday to Friday, minus public holidays, plus weekend
days worked in exchange (CalendarDay rows, editable because the Government moves days each year)."""

import datetime as dt

from .enums import CalendarDayKind


def _exceptions(start, end):
    from .models import CalendarDay

    return dict(CalendarDay.objects.filter(date__range=(start, end)).values_list("date", "kind"))


def is_working_day(date, exceptions):
    kind = exceptions.get(date)
    if kind == CalendarDayKind.HOLIDAY:
        return False
    if kind == CalendarDayKind.WORKING:
        return True
    return date.weekday() < 5


def posting_end(start, working_days):
    """The last day of a posting of ``working_days`` working days that starts on ``start`` (the start
    counts when it is a working day)."""
    exceptions = _exceptions(start, start + dt.timedelta(days=working_days * 3 + 30))
    count, current = 0, start
    while True:
        if is_working_day(current, exceptions):
            count += 1
            if count >= working_days:
                return current
        current += dt.timedelta(days=1)


def working_days_between(start, end):
    """Working days after ``start`` up to and including ``end``."""
    if end <= start:
        return 0
    exceptions = _exceptions(start, end)
    return sum(1 for i in range(1, (end - start).days + 1) if is_working_day(start + dt.timedelta(days=i), exceptions))
