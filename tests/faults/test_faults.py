"""Fault injection: Redis down, PostgreSQL restarted (issue 7, "Faults")."""

import json

import pytest
from django.core import mail
from django.urls import reverse

from dosonthidua.celery import app as celery_app
from units.models import Notification
from units.services import notify

from .conftest import PortalServer

pytestmark = pytest.mark.slow


def _point_celery_at(url):
    """Swap the broker of the global Celery app, dropping its cached connection and producer pools."""
    from kombu import pools

    pools.reset()  # kombu keeps pools in a global registry keyed by connection
    celery_app.conf.broker_url = url
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def redis_then_down(private_redis, settings):
    """Point the cache and the Celery broker at a private Redis, then kill it."""
    settings.REDIS_URL = private_redis.url
    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": private_redis.url}}
    old_broker = celery_app.conf.broker_url
    _point_celery_at(private_redis.url)
    from django.core.cache import caches

    caches["default"].set("probe", 1)
    private_redis.kill()
    yield private_redis
    _point_celery_at(old_broker)


@pytest.mark.django_db(transaction=True)
def test_redis_down_pages_still_serve_and_readyz_names_redis(redis_then_down, client_for, reviewer, person):
    client = client_for(reviewer)
    assert client.get(reverse("units:person-list")).status_code == 200
    assert client.get(reverse("units:person-detail", args=[person.pk])).status_code == 200
    from django.core.cache import cache

    assert cache.get("probe") is None  # a miss, not an exception
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["redis"].startswith("error")


@pytest.mark.django_db(transaction=True)
def test_redis_down_records_still_save_and_mail_waits_for_retry(redis_then_down, officer, reviewer, settings):
    notes = notify(users=[officer], subject="Hồ sơ đã được trả lại", text="Bổ sung báo cáo thành tích", url="/")
    # The notice is saved even though the e-mail could not be queued; it stays pending...
    note = Notification.objects.get(pk=notes[0].pk)
    assert note.emailed_at is None
    # ...and the periodic catch-up sends it once Redis (and so the worker) is back.
    from units.tasks import send_pending_notification_emails

    assert send_pending_notification_emails() == 1
    assert [m.subject for m in mail.outbox] == ["Hồ sơ đã được trả lại"]
    assert send_pending_notification_emails() == 0


def test_postgres_restart_portal_recovers_without_restart(private_postgres, private_redis):
    server = PortalServer(private_postgres.url, private_redis.url)
    try:
        status, body = server.get("/readyz")
        assert status == 200, body
        private_postgres.stop()
        status, body = server.get("/readyz")
        assert status == 503
        assert json.loads(body)["checks"]["database"].startswith("error")
        assert server.get("/healthz")[0] == 200  # liveness does not depend on the database
        private_postgres.start()
        status, body = server.get("/readyz")
        assert status == 200, body
    finally:
        server.stop()


@pytest.mark.django_db(transaction=True)
def test_redis_down_nominations_save_and_submit_and_reports_are_clearly_refused(redis_then_down, client_for, officer, reviewer, person):
    from awards.models import AwardKind, Nomination
    from reports.models import ReportRun

    kind = AwardKind.objects.filter(code="giay-khen-chu-tich").order_by("-valid_from").first()
    client = client_for(officer)
    response = client.post(
        reverse("awards:nomination-create"),
        {
            "nominee_type": "person",
            "nominee_person": person.pk,
            "award_kind": kind.pk,
            "period_kind": "calendar",
            "year": 2025,
            "basis": "merit",
            "achievement_summary": "Hoàn thành xuất sắc nhiệm vụ được giao.",
        },
    )
    assert response.status_code == 302
    nomination = Nomination.objects.get()
    response = client.post(
        reverse("awards:nomination-transition", args=[nomination.pk]), {"to_state": "submitted", "expected_state": "draft"}
    )
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.state == "submitted"  # saved and moved; the e-mail copies wait for the broker
    # Work that needs the worker is refused clearly, not lost silently.
    client = client_for(reviewer)
    client.post(reverse("reports:request"), {"kind": "awards", "period": "2025"})
    run = ReportRun.objects.get()
    assert run.status == "failed"
    assert "Không gửi được yêu cầu tới hàng đợi" in run.error


@pytest.mark.django_db(transaction=True)
def test_redis_down_reminders_are_refused_with_a_message(redis_then_down, client_for, reviewer):
    from tests.campaigns.factories import CampaignFactory

    campaign = CampaignFactory()
    response = client_for(reviewer).post(reverse("campaigns:registration-remind", args=[campaign.pk]), follow=True)
    assert "Chưa gửi được thư nhắc" in response.content.decode()
