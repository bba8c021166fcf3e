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


# --- One person, one history: dated memberships and merging duplicates ---------------------------


@transaction.atomic
def person_transfer(*, person, to_unit, on, by, reason="Điều động, chuyển công tác", position=None):
    """Move ``person`` to ``to_unit`` from ``on``: the open membership ends the day before and a new
    one starts; the record (and so its awards, nominations and streaks) stays the same. Rows:
    Membership (closed and new), Person.unit with its history row."""
    import datetime as dt

    from .models import Membership

    current = person.memberships.filter(valid_to__isnull=True).order_by("-valid_from", "-id").first()
    if current is None:
        current = Membership.objects.create(person=person, unit=person.unit, position=person.position)
    if current.unit_id == to_unit.pk:
        return current
    current.valid_to = on - dt.timedelta(days=1)
    if current.valid_from and current.valid_to < current.valid_from:
        current.valid_to = current.valid_from
    current.save(update_fields=["valid_to"])
    new = Membership.objects.create(
        person=person, unit=to_unit, valid_from=on, position=person.position if position is None else position, reason=reason
    )
    person.unit = to_unit
    if position is not None:
        person.position = position
    person._history_user = by
    person.save()
    return new


def unit_people_move_to_successor(*, unit, by, on=None):
    """Every active person of a unit merged into its single successor moves there on the day after the
    unit's validity ends (memberships closed and opened). Returns how many moved."""
    import datetime as dt

    successors = list(unit.successors.all())
    if len(successors) != 1 or (on is None and unit.valid_to is None):
        return 0
    day = on or unit.valid_to + dt.timedelta(days=1)
    moved = 0
    for person in Person.objects.filter(unit=unit, active=True):
        person_transfer(person=person, to_unit=successors[0], on=day, by=by, reason=f"Sáp nhập {unit} vào {successors[0]}")
        moved += 1
    return moved


def duplicate_candidates(person):
    """Other records that may be the same person: same name (accents and case folded), same birth
    year, and a unit that is the person's unit, a predecessor of it or a successor of it."""
    from .selectors import related_unit_ids

    if person.birth_year is None:
        return Person.objects.none()
    units = related_unit_ids(person.unit_id)
    return (
        Person.objects.filter(search_name=person.search_name, birth_year=person.birth_year, unit_id__in=units)
        .exclude(pk=person.pk)
        .select_related("unit")
    )


class MergeError(Exception):
    pass


def persons_merge(*, keep, duplicate, by):
    """Merge ``duplicate`` into ``keep``: every row that points to the duplicate (awards, nominations,
    registrations, memberships, initiatives, whatever app adds them) is re-pointed to the kept
    record, then the duplicate is deleted. Refused whole when both records hold a row that may exist
    once (e.g. the same award of the same year) or both have an account. Rows: the re-pointed rows,
    Membership for the duplicate's own unit, PersonMerge (the history row)."""
    from django.db import IntegrityError
    from django.db.models import ProtectedError

    from .models import Membership, PersonMerge

    if keep.pk == duplicate.pk:
        raise MergeError("Hãy chọn hai hồ sơ khác nhau.")
    moved = {}
    try:
        with transaction.atomic():
            if not duplicate.memberships.exists():
                Membership.objects.create(person=duplicate, unit=duplicate.unit, position=duplicate.position, reason="Hồ sơ đã gộp")
            for relation in Person._meta.related_objects:
                model, name = relation.related_model, relation.field.name
                if relation.many_to_many:
                    through = relation.through if hasattr(relation, "through") else relation.field.remote_field.through
                    column = relation.field.m2m_reverse_field_name()
                    rows = through.objects.filter(**{column: duplicate.pk})
                    owner = relation.field.m2m_field_name()
                    already = set(through.objects.filter(**{column: keep.pk}).values_list(owner, flat=True))
                    rows.filter(**{f"{owner}__in": already}).delete()
                    count = rows.update(**{column: keep.pk})
                elif relation.one_to_one:
                    row = model._base_manager.filter(**{name: duplicate}).first()
                    if row is None:
                        continue
                    if model._base_manager.filter(**{name: keep}).exists():
                        raise MergeError(f"Cả hai hồ sơ đều có {model._meta.verbose_name}: hãy xử lý trước khi gộp.")
                    count = model._base_manager.filter(pk=row.pk).update(**{name: keep})
                else:
                    if model.__name__.startswith("Historical") or model is PersonMerge:
                        continue
                    count = model._base_manager.filter(**{name: duplicate}).update(**{name: keep})
                if count:
                    moved[str(model._meta.verbose_name)] = moved.get(str(model._meta.verbose_name), 0) + count
            merge = PersonMerge.objects.create(
                kept=keep,
                removed_id=duplicate.pk,
                removed_name=duplicate.full_name,
                removed_birth_year=duplicate.birth_year,
                removed_unit_name=str(duplicate.unit),
                moved=moved,
                by=by,
            )
            duplicate._history_user = by
            duplicate.delete()
    except ProtectedError as exc:
        raise MergeError(f"Không gộp được: hồ sơ trùng còn được dùng ở {len(exc.protected_objects)} bản ghi không chuyển được.") from exc
    except IntegrityError as exc:
        raise MergeError(
            "Không gộp được: hai hồ sơ cùng có một bản ghi chỉ được có một lần (ví dụ cùng một danh hiệu trong cùng một năm). "
            "Hãy xóa bản ghi trùng rồi gộp lại."
        ) from exc
    return merge


@transaction.atomic
def service_period_save(*, period, by):
    """Create or update a ServicePeriod after its checks (dates in order, no overlap with another
    period of the same group); the person's row is locked so two editors cannot insert overlapping
    periods at once. Rows: ServicePeriod with its history row."""
    Person.objects.select_for_update().filter(pk=period.person_id).first()
    period._history_user = by
    period.full_clean()
    period.save()
    return period


@transaction.atomic
def service_period_delete(*, period, by):
    """Delete a ServicePeriod (its history keeps the deleted row and who deleted it)."""
    period._history_user = by
    period.delete()
