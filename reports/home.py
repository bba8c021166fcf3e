"""The reports panel on the home page of reviewers, leaders and administrators."""

from . import rules, selectors
from .enums import ReportKind, ReportStatus
from .forms import default_year


def reports_panel(user):
    if not rules.can_view_reports(user):
        return None
    from .views import dashboard_figures

    year = default_year()
    figures = dashboard_figures(year)  # the dashboard's cached aggregates (stated freshness)
    latest = selectors.report_archive().filter(kind=ReportKind.SUMMARY, status=ReportStatus.DONE).first()
    # The home page hands this dict to the template as `panel`.
    return {
        "year": year,
        "awards": figures["totals"]["total"],
        "overdue": figures["overdue"],
        "failed": selectors.report_archive().filter(status=ReportStatus.FAILED).count(),
        "latest": latest,
    }
