"""The reports panel on the home page of reviewers, leaders and administrators."""

from django.conf import settings
from django.core.cache import cache
from django.db.models import F, Func, Subquery

from dosonthidua.cache import figures_generation

from . import rules, selectors
from .enums import ReportKind, ReportStatus
from .forms import default_year
from .models import ReportRun


def panel_figures(year):
    """The panel's few figures, from the same selectors as the dashboard, cached like it
    (DASHBOARD_CACHE_SECONDS) under a key that issuing a decision clears."""
    key = f"{selectors.FIGURES_KEY_PREFIX}{figures_generation()}:home:{year}"
    figures = cache.get(key)
    if figures is None:
        scope = selectors.Scope(year=year)
        figures = {
            "awards": selectors.awards_in(scope).count(),
            "overdue": selectors.overdue_nominations(scope).count(),
        }
        cache.set(key, figures, settings.DASHBOARD_CACHE_SECONDS)
    return figures


def reports_panel(user):
    if not rules.can_view_reports(user):
        return None
    year = default_year()
    failed = ReportRun.objects.filter(status=ReportStatus.FAILED).order_by().values(n=Func(F("id"), function="COUNT"))
    latest = selectors.report_archive().filter(kind=ReportKind.SUMMARY, status=ReportStatus.DONE).annotate(failed=Subquery(failed)).first()
    if latest is None:  # no summary yet: the failed count alone
        failed_count = ReportRun.objects.filter(status=ReportStatus.FAILED).count()
    else:
        failed_count = latest.failed
    # The home page hands this dict to the template as `panel`.
    return {"year": year, **panel_figures(year), "latest": latest, "failed": failed_count}
