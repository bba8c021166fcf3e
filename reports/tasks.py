import logging

from celery import shared_task
from django.utils import timezone

from . import services
from .enums import ReportStatus
from .models import ReportRun
from .periods import previous_week

log = logging.getLogger(__name__)


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def report_build_task(self, run_id):
    """Build one on-demand report (re-fetched by id; gone or already done: nothing to do)."""
    run = ReportRun.objects.select_related("campaign").filter(pk=run_id).first()
    if run is None:
        log.info("Report %s is gone", run_id)
        return None
    if run.status in (ReportStatus.DONE, ReportStatus.CANCELLED):
        return run_id
    services.report_build(run=run)
    return run_id


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def summary_periodic(self, period=None):
    """Beat: the summary of the week just ended (cumulative over the statistical year), mailed to
    the recipients. A second run for the same week is skipped (services.report_claim)."""
    period = period or previous_week(timezone.localdate()).code
    run, built = services.summary_run(period=period, task_id=self.request.id or "")
    return {"run": run.pk, "built": built}


@shared_task
def dashboard_warm():
    """Beat (every few minutes): recompute the default dashboard (the latest year) so leaders never
    wait for the aggregates; the page states the freshness."""
    from .forms import default_year
    from .views import dashboard_figures

    year = default_year()
    dashboard_figures(year, refresh=True)
    return year
