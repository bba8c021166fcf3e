"""Write-side use cases of the reports app: claiming a period, building a report's files, mailing
the summary, requesting an on-demand report."""

import datetime as dt
import logging
import tempfile
import uuid

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from dosonthidua.identity import identity_on

from . import formatters, generators
from .enums import CAMPAIGN_KINDS, ReportKind, ReportStatus
from .models import ReportRecipient, ReportRun
from .periods import parse_period

log = logging.getLogger(__name__)

# A run stuck in 'running' this long (a killed worker) may be claimed again.
STALE_AFTER = dt.timedelta(hours=1)


def summary_recipients():
    """E-mail addresses of the active recipients in their order (the chairman first)."""
    rows = ReportRecipient.objects.filter(active=True).select_related("user").order_by("display_order", "id")
    return [r.address for r in rows if r.address]


def report_claim(*, kind, period, replace=False, task_id=""):
    """Claim the scheduled report of (kind, period): insert its row if missing (the unique
    constraint settles a race), then a conditional UPDATE moves it to 'running' only if it is
    pending, failed, stale, or done and ``replace`` is set — or running under the same ``task_id``:
    that is the broker redelivering the message of a worker that died mid-build (acks_late), and the
    redelivery must finish the job rather than wait for the stale timeout. Returns (run, claimed);
    when claimed is False another run already did or is doing the work. Rows: ReportRun."""
    parsed = parse_period(period)
    try:
        with transaction.atomic():
            run, _created = ReportRun.objects.get_or_create(
                kind=kind,
                period=parsed.code,
                scheduled=True,
                defaults={"period_label": parsed.label, "title": f"{ReportKind(kind).label} {parsed.label}"},
            )
    except IntegrityError:
        run = ReportRun.objects.get(kind=kind, period=parsed.code, scheduled=True)
    claimable = Q(status__in=[ReportStatus.PENDING, ReportStatus.FAILED]) | Q(
        status=ReportStatus.RUNNING, started_at__lt=timezone.now() - STALE_AFTER
    )
    if task_id:
        claimable |= Q(status=ReportStatus.RUNNING, task_id=task_id)
    if replace:
        claimable |= Q(status=ReportStatus.DONE)
    claimed = ReportRun.objects.filter(claimable, pk=run.pk).update(
        status=ReportStatus.RUNNING, started_at=timezone.now(), progress=0, error="", attempts=F("attempts") + 1, task_id=task_id
    )
    run.refresh_from_db()
    return run, claimed == 1


class ReportCancelled(Exception):
    """The run was cancelled while it was being built (report_cancel): stop and keep nothing."""


def _check_cancelled(run_id):
    if ReportRun.objects.filter(pk=run_id, status=ReportStatus.CANCELLED).exists():
        raise ReportCancelled


def _set_progress(run_id):
    """Progress of the data phase (0-60 %); a cancelled run stops at the next step."""

    def progress(percent):
        if not ReportRun.objects.filter(pk=run_id, status=ReportStatus.RUNNING).update(progress=min(int(percent), 100)):
            _check_cancelled(run_id)

    return progress


def _chunk_progress(run_id):
    """Progress of a long PDF's chunks (60-95 %), as each chunk's layout arrives."""
    progress = _set_progress(run_id)

    def on_chunk(done, total):
        progress(60 + 35 * done // total)

    return on_chunk


def report_build(*, run, today=None):
    """Generate the report of ``run`` and store its PDF and XLSX (replacing earlier files). Marks
    the run done; on an error marks it failed with the message (shown to reviewers) and re-raises
    so the task can retry. A run cancelled before or while it is built (report_cancel) stops at the
    next check — between the data steps, about every second while a long PDF's chunks render —
    keeps no file and stays cancelled. Rows: ReportRun; files under MEDIA_ROOT/reports."""
    if run.status != ReportStatus.RUNNING:
        started = ReportRun.objects.filter(pk=run.pk).exclude(status=ReportStatus.CANCELLED)
        claimed = started.update(status=ReportStatus.RUNNING, started_at=timezone.now(), attempts=F("attempts") + 1)
    else:  # claimed by report_claim; cancelled since?
        claimed = ReportRun.objects.filter(pk=run.pk, status=ReportStatus.RUNNING).exists()
    if not claimed:
        run.refresh_from_db()
        return run
    try:
        period = parse_period(run.period) if run.period else None
        document = generators.generate(run.kind, period=period, campaign=run.campaign, progress=_set_progress(run.pk), today=today)
        pdf = formatters.to_pdf(document, check=lambda: _check_cancelled(run.pk), on_chunk=_chunk_progress(run.pk))
        xlsx = tempfile.TemporaryFile()  # noqa: SIM115 - closed below, after the storage copied it
        formatters.to_xlsx(document, xlsx)
        _check_cancelled(run.pk)
    except ReportCancelled:
        log.info("Report %s cancelled while being built", run.pk)
        run.refresh_from_db()
        return run
    except Exception as exc:
        ReportRun.objects.filter(pk=run.pk).exclude(status=ReportStatus.CANCELLED).update(
            status=ReportStatus.FAILED, error=f"{exc.__class__.__name__}: {exc}"[:2000], finished_at=timezone.now()
        )
        raise
    old = [f.name for f in (run.pdf, run.xlsx) if f]
    with xlsx:
        xlsx.seek(0)
        run.pdf.save(run.file_name("pdf"), ContentFile(pdf), save=False)
        run.xlsx.save(run.file_name("xlsx"), File(xlsx), save=False)
    title = f"{document.doc_type.capitalize()} {document.subject[:1].lower()}{document.subject[1:]}"[:500]
    done = ReportRun.objects.filter(pk=run.pk, status=ReportStatus.RUNNING).update(
        pdf=run.pdf.name, xlsx=run.xlsx.name, title=title, status=ReportStatus.DONE, progress=100, error="", finished_at=timezone.now()
    )
    if not done:  # cancelled in the last instant: the new files go, the run stays as it is
        old = [run.pdf.name, run.xlsx.name]
    for name in old:
        run.pdf.storage.delete(name)
    run.refresh_from_db()
    return run


def report_cancel(*, run):
    """Cancel a pending or running report (the view checks who may). The row says so at once; the
    queued task is revoked (dropped by the worker that receives it) and a running build stops at its
    next check (report_build), terminates its render processes and keeps no file. Returns whether
    the run was cancelled. Rows: ReportRun.status."""
    cancelled = ReportRun.objects.filter(pk=run.pk, status__in=[ReportStatus.PENDING, ReportStatus.RUNNING]).update(
        status=ReportStatus.CANCELLED, finished_at=timezone.now(), error=""
    )
    task_id = ReportRun.objects.filter(pk=run.pk).values_list("task_id", flat=True).first()
    if cancelled and task_id:
        transaction.on_commit(lambda: _revoke(task_id))
    return bool(cancelled)


def _revoke(task_id):
    from dosonthidua.celery import app

    try:
        app.control.revoke(task_id)
    except Exception:  # broker down: the build still sees the cancelled row and stops
        log.warning("Could not revoke task %s", task_id)


def report_email(*, run):
    """Mail the run's PDF to the configured recipients once: the conditional UPDATE on emailed_at
    makes a second call (a retry, a duplicate beat) send nothing. Rows: ReportRun.emailed_at,
    recipients. Mail: one message to all recipients with the PDF attached."""
    recipients = summary_recipients()
    if not recipients or not run.pdf:
        return False
    if not ReportRun.objects.filter(pk=run.pk, emailed_at__isnull=True).update(emailed_at=timezone.now(), recipients=recipients):
        return False
    try:
        message = EmailMessage(
            subject=run.title[:200] or str(run),
            body=(
                f"Kính gửi lãnh đạo,\n\n{identity_on().office} gửi kèm {run.title[:1].lower()}{run.title[1:]}.\n"
                f"Xem và tải các báo cáo tại: {settings.PORTAL_BASE_URL}/bao-cao/luu-tru/\n"
            ),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=recipients,
        )
        with run.pdf.open("rb") as handle:
            message.attach(run.file_name("pdf"), handle.read(), "application/pdf")
        message.send()
    except Exception:
        ReportRun.objects.filter(pk=run.pk).update(emailed_at=None)
        raise
    return True


def summary_run(*, period, replace=False, email=True, today=None, task_id=""):
    """The periodic job: claim (kind=summary, period), build it, mail it. Safe to run twice, and a
    redelivered task (same ``task_id``) after a worker died finishes the job exactly once."""
    run, claimed = report_claim(kind=ReportKind.SUMMARY, period=period, replace=replace, task_id=task_id)
    if not claimed:
        log.info("Summary %s already %s; skipped", run.period, run.status)
        if email and run.status == ReportStatus.DONE and run.emailed_at is None:
            # Built earlier but the mail failed (SMTP down): the task's retry delivers it.
            report_email(run=run)
            run.refresh_from_db()
        return run, False
    run = report_build(run=run, today=today)
    if email:
        if replace:
            ReportRun.objects.filter(pk=run.pk).update(emailed_at=None)
        report_email(run=run)
    run.refresh_from_db()
    return run, True


def report_request(*, kind, by, period="", campaign=None):
    """An on-demand report: a pending row, built by a Celery task queued after commit.
    Rows: ReportRun. Task: reports.tasks.report_build_task."""
    # Campaign reports cover the campaign's own dates; a period given with them is ignored.
    parsed = parse_period(period) if period and kind not in CAMPAIGN_KINDS else None
    run = ReportRun.objects.create(
        kind=kind,
        period=parsed.code if parsed else "",
        period_label=parsed.label if parsed else (campaign.name[:150] if campaign else ""),
        campaign=campaign,
        requested_by=by,
        title=ReportKind(kind).label,
    )
    transaction.on_commit(lambda: _queue_build(run.pk))
    return run


def report_retry(*, run):
    """Queue a failed or cancelled run again. Rows: ReportRun.status."""
    if ReportRun.objects.filter(pk=run.pk, status__in=[ReportStatus.FAILED, ReportStatus.CANCELLED]).update(
        status=ReportStatus.PENDING, progress=0, error="", finished_at=None
    ):
        transaction.on_commit(lambda: _queue_build(run.pk))
        return True
    return False


def _queue_build(run_id):
    from .tasks import report_build_task

    # The task's id is known before it is sent, so that a cancel can revoke it while it waits.
    task_id = str(uuid.uuid4())
    ReportRun.objects.filter(pk=run_id).update(task_id=task_id)
    try:
        report_build_task.apply_async((run_id,), task_id=task_id)
    except Exception as exc:  # broker down: show it on the run instead of a 500
        log.warning("Broker unavailable; report %s not queued", run_id)
        ReportRun.objects.filter(pk=run_id, status=ReportStatus.PENDING).update(
            status=ReportStatus.FAILED, error=f"Không gửi được yêu cầu tới hàng đợi: {exc.__class__.__name__}"
        )


def stage_review_save(*, review, by):
    """Create or update a stage review (the ModelForm's unsaved instance) with a history row
    (simple_history) naming the change. Refuses a user without reports.manage_reviews."""
    from django.core.exceptions import PermissionDenied

    if not by.has_perm("reports.manage_reviews"):
        raise PermissionDenied
    if not review.pk:
        review.created_by = by
    review._change_reason = "Lập báo cáo tổng kết" if not review.pk else "Sửa báo cáo tổng kết"
    review.save()
    return review
