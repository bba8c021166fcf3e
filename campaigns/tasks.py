import logging

from celery import shared_task

from .models import Campaign

log = logging.getLogger(__name__)


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def registration_reminders_send(self, campaign_id):
    """E-mail the officers of every unit that has not yet submitted its registration."""
    from .services import registration_reminders_send as send

    campaign = Campaign.objects.filter(pk=campaign_id).first()
    if campaign is None:
        log.info("campaign %s is gone; no reminders", campaign_id)
        return 0
    return send(campaign=campaign)


@shared_task
def deadline_reminders_send():
    """Daily reminder round before registration and report deadlines (safe to run twice)."""
    from .services import deadline_reminders_send as send

    return send()
