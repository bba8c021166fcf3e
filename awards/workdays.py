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


# Days of the week and holiday exceptions resolved in SQL: 1 for a working day, 0 otherwise.
_WORKING_SQL = """
    CASE WHEN c.kind = 'holiday' THEN 0 WHEN c.kind = 'working' THEN 1
         WHEN EXTRACT(ISODOW FROM g.d) < 6 THEN 1 ELSE 0 END
"""


def overdue_cutoffs(today):
    """{processing_days: cutoff} for every service level in the award catalogue: the cutoff is the
    latest date d such that more than ``processing_days`` working days lie after d up to ``today``,
    so a nomination received on or before its cutoff is overdue. Computed in one query over the
    calendar (weekdays, CalendarDay holidays and make-up days) whatever the number of nominations."""
    sql = f"""
        WITH span AS (SELECT COALESCE(MAX(processing_days), 0) * 2 + 60 AS n FROM awards_awardkind),
        days AS (
            SELECT g.d::date AS d, {_WORKING_SQL} AS w
            FROM span, generate_series(%s::date - span.n, %s::date, interval '1 day') AS g(d)
            LEFT JOIN awards_calendarday c ON c.date = g.d::date
        ),
        after AS (
            SELECT d, COALESCE(SUM(w) OVER (ORDER BY d DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS n_after
            FROM days
        )
        SELECT l.n, (SELECT MAX(d) FROM after WHERE n_after > l.n)
        FROM (SELECT DISTINCT processing_days AS n FROM awards_awardkind) AS l
    """  # noqa: S608 - constant SQL, values are parameters
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, [today, today])
        return dict(cursor.fetchall())
