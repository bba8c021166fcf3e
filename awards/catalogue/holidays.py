"""Public holidays as editable calendar days."""


def seed_calendar(apps, years=range(2024, 2028)):
    """Public holidays of Vietnam from the ``holidays`` package, as editable CalendarDay rows."""
    import holidays

    CalendarDay = apps.get_model("awards", "CalendarDay")
    for date, name in sorted(holidays.Vietnam(years=list(years), language="vi").items()):
        CalendarDay.objects.get_or_create(date=date, defaults={"kind": "holiday", "name": name})
