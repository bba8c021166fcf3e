"""Write-side use cases of the units app. Each function says which rows it writes."""

from django.db import transaction

from .models import Person, Unit


@transaction.atomic
def person_save(*, person, by):
    """Create or update a Person (one row; a history row through django-simple-history)."""
    person._history_user = by
    person.full_clean()
    person.save()
    return person


@transaction.atomic
def unit_save(*, unit, successors=None, by):
    """Create or update a Unit and, when given, its successor links (history row written)."""
    unit._history_user = by
    unit.full_clean()
    unit.save()
    if successors is not None:
        unit.successors.set(successors)
    return unit


@transaction.atomic
def people_import(*, rows, by):
    """Write validated import rows (``[(Person fields dict), ...]``) in one transaction; all or nothing.
    Rows: created Person rows and their history rows."""
    created = []
    for fields in rows:
        person = Person(**fields)
        person._history_user = by
        person.save()
        created.append(person)
    return created


@transaction.atomic
def units_import(*, rows, by):
    """Create or update units by short_code in one transaction (parents resolved in file order)."""
    saved = []
    for fields in rows:
        parent_code = fields.pop("parent_code", None)
        parent = Unit.objects.get(short_code=parent_code) if parent_code else None
        unit, _ = Unit.objects.get_or_create(short_code=fields["short_code"], defaults={**fields, "parent": parent})
        for key, value in fields.items():
            setattr(unit, key, value)
        unit.parent = parent
        unit._history_user = by
        unit.save()
        saved.append(unit)
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
