"""Write-side use cases of the units app. Each function says which rows it writes."""

from django.db import transaction

from .models import Person, Unit


def _counts_changed():
    from dosonthidua.cache import PEOPLE_COUNTS, changed

    changed(PEOPLE_COUNTS)  # the unit tree's cached people and children counts


@transaction.atomic
def person_save(*, person, by):
    """Create or update a Person (one row; a history row through django-simple-history)."""
    person._history_user = by
    person.full_clean()
    person.save()
    transaction.on_commit(_counts_changed)
    return person


@transaction.atomic
def unit_save(*, unit, successors=None, by):
    """Create or update a Unit and, when given, its successor links (history row written)."""
    unit._history_user = by
    unit.full_clean()
    unit.save()
    if successors is not None:
        unit.successors.set(successors)
    transaction.on_commit(_counts_changed)
    return unit


SKIP, UPDATE = "skip", "update"


@transaction.atomic
def people_import(*, rows, by, on_existing=SKIP):
    """Write validated import rows (``[(Person fields dict), ...]``) in one transaction; all or nothing.
    A row marked ``existing`` (the person is already recorded) is skipped, or with ``on_existing`` =
    "update" fills in that person's fields from the row (blank cells keep what is recorded).
    Rows: created or updated Person rows and their history rows. Returns the persons written."""
    written = []
    for fields in rows:
        existing = fields.pop("existing", None)
        if existing is not None:
            if on_existing != UPDATE:
                continue
            person = Person.objects.get(pk=existing)
            for key, value in fields.items():
                if value not in (None, "") and key != "full_name":
                    setattr(person, key, value)
        else:
            person = Person(**fields)
        person._history_user = by
        person.save()
        written.append(person)
    transaction.on_commit(_counts_changed)
    return written


@transaction.atomic
def units_import(*, rows, by, on_existing=SKIP):
    """Create units in one transaction (parents resolved in file order). A row marked ``existing``
    (same code or same name as a recorded unit) is skipped, or updated with ``on_existing`` =
    "update". Rows: Unit and its history rows. Returns the units written."""
    saved = []
    for fields in rows:
        parent_code = fields.pop("parent_code", None)
        existing = fields.pop("existing", None)
        if existing is not None and on_existing != UPDATE:
            continue
        parent = Unit.objects.get(short_code=parent_code) if parent_code else None
        unit = Unit.objects.get(pk=existing) if existing is not None else Unit()
        for key, value in fields.items():
            setattr(unit, key, value)
        unit.parent = parent if parent is not None or existing is None else unit.parent
        unit._history_user = by
        unit.save()
        saved.append(unit)
    transaction.on_commit(_counts_changed)
    return saved


def notify(*, users, subject, text="", url="", email=True):
    """Write one Notification row per user and, after commit, queue one e-mail per user with an
    address (units.tasks.notification_email_send). If the broker is down the rows stay (the portal
    notice is the record) and `emailed_at` stays empty, so `send_pending_notification_emails` retries."""
    from .models import Notification

    rows = Notification.objects.bulk_create(
        [Notification(user=u, subject=subject[:255], text=text, url=url) for u in users if u is not None]
    )
    if email:
        ids = [n.pk for n in rows if n.user.email]
        if ids:
            transaction.on_commit(lambda: _queue_emails(ids))
    return rows


def _queue_emails(ids):
    import logging

    from .tasks import notification_email_send

    try:
        notification_email_send.delay(ids)
    except Exception:  # broker down: leave them pending; the periodic task sends them later
        logging.getLogger(__name__).warning("Broker unavailable; %d notification e-mails left pending", len(ids))


def notifications_mark_read(*, user, ids=None):
    """Mark the user's notifications (all, or ``ids``) read. Rows: Notification.read_at."""
    from django.utils import timezone

    from .models import Notification

    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.update(read_at=timezone.now())


def export_job_create(*, user, builder, params, export, total):
    """A pending export job, built by a Celery task queued after commit. Rows: ExportJob.
    Task: units.tasks.export_build_task (on the reports queue)."""
    from .exports import builder_path
    from .models import ExportJob

    job = ExportJob.objects.create(
        user=user, builder=builder_path(builder), params=params, title=export.title, filename=export.filename, total=total
    )
    transaction.on_commit(lambda: _queue_export(job.pk))
    return job


def _queue_export(job_id):
    from .enums import ExportStatus
    from .models import ExportJob
    from .tasks import export_build_task

    try:
        export_build_task.delay(job_id)
    except Exception as exc:  # broker down: say so on the job's page instead of a 500
        ExportJob.objects.filter(pk=job_id, status=ExportStatus.PENDING).update(
            status=ExportStatus.FAILED, error=f"Không gửi được yêu cầu tới hàng đợi: {exc.__class__.__name__}"
        )


def export_job_build(*, job):
    """Write the job's file: the builder re-run with the stored filters as the requester, rows
    streamed into a temporary file, then stored. Rows: ExportJob (status, done_rows, file)."""
    import tempfile

    from django.core.files import File
    from django.utils import timezone

    from dosonthidua.spreadsheets import write_workbook

    from .enums import ExportStatus
    from .exports import load_builder, params_of
    from .models import ExportJob

    ExportJob.objects.filter(pk=job.pk).update(status=ExportStatus.RUNNING, done_rows=0, error="")
    try:
        export = load_builder(job.builder)(job.user, params_of(job))
        with tempfile.TemporaryFile() as handle:
            count = write_workbook(
                handle,
                export.title,
                export.headers,
                export.iter_rows(),
                widths=export.widths,
                progress=lambda n: ExportJob.objects.filter(pk=job.pk).update(done_rows=n),
            )
            handle.seek(0)
            job.file.save(job.filename, File(handle), save=False)
    except Exception as exc:
        ExportJob.objects.filter(pk=job.pk).update(status=ExportStatus.FAILED, error=f"{exc.__class__.__name__}: {exc}"[:2000])
        raise
    job.status, job.done_rows, job.total, job.finished_at = ExportStatus.DONE, count, count, timezone.now()
    job.save(update_fields=["file", "status", "done_rows", "total", "finished_at"])
    return job
