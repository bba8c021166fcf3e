import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

from dosonthidua.identity import with_signature

from .models import Notification

log = logging.getLogger(__name__)


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notification_email_send(self, ids):
    """Send the e-mail copy of each notification not yet e-mailed (safe to run twice)."""
    sent = 0
    for note in Notification.objects.select_related("user").filter(pk__in=ids, emailed_at__isnull=True):
        if not note.user.email:
            continue
        link = f"\n\n{settings.PORTAL_BASE_URL}{note.url}" if note.url else ""
        send_mail(note.subject, with_signature(f"{note.text}{link}"), settings.DEFAULT_FROM_EMAIL, [note.user.email])
        # Conditional update: a concurrent run that already sent it does not count it twice.
        sent += Notification.objects.filter(pk=note.pk, emailed_at__isnull=True).update(emailed_at=timezone.now())
    return sent


@shared_task
def send_pending_notification_emails():
    """Periodic catch-up for e-mails that could not be queued (broker was down)."""
    ids = list(Notification.objects.filter(emailed_at__isnull=True, user__email__gt="").values_list("pk", flat=True)[:500])
    return notification_email_send(ids) if ids else 0


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True)
def export_build_task(self, job_id):
    """Build one large list export (re-fetched by id; gone or done: nothing to do)."""
    from .enums import ExportStatus
    from .models import ExportJob
    from .services import export_job_build

    job = ExportJob.objects.select_related("user").filter(pk=job_id).first()
    if job is None or job.status == ExportStatus.DONE:
        return None
    export_job_build(job=job)
    return job_id
