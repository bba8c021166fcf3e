"""The reports panel on the home page of reviewers, leaders and administrators."""

from . import rules, selectors
from .enums import ReportKind, ReportStatus
from .forms import default_year


def reports_panel(user):
    if not rules.can_view_reports(user):
        return None
    year = default_year()
    scope = selectors.Scope(year=year)
    latest = selectors.report_archive().filter(kind=ReportKind.SUMMARY, status=ReportStatus.DONE).first()
    # The home page hands this dict to the template as `panel`.
    return {
        "year": year,
        "awards": selectors.award_totals(scope)["total"],
        "overdue": selectors.overdue_nominations(scope).count(),
        "failed": selectors.report_archive().filter(status=ReportStatus.FAILED).count(),
        "latest": latest,
    }
