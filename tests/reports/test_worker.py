"""One round trip through the real broker (Redis) and a Celery worker: the weekly summary task is
queued, built, archived and mailed; queued again for the same period, it is skipped."""

import uuid

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail

from dosonthidua.celery import app
from reports import tasks
from reports.enums import ReportStatus
from reports.models import ReportRecipient, ReportRun


@pytest.fixture
def own_queue():
    """A queue of our own (other suites may share the broker). A worker started with queues=
    selects them on the app itself, so the selection is put back for later tests' workers."""
    queues = app.amqp.queues
    saved = queues._consume_from
    yield f"reports-test-{uuid.uuid4().hex[:8]}"
    queues._consume_from = saved


@pytest.mark.django_db(transaction=True)
def test_summary_task_round_trip_through_redis_and_a_worker(world, leader, own_queue):
    leader.email = "chutich@example.vn"
    leader.save()
    ReportRecipient.objects.create(user=leader, title="Chủ tịch UBND quận", display_order=10)
    queue = own_queue
    with start_worker(app, perform_ping_check=False, pool="solo", queues=[queue], loglevel="WARNING"):
        first = tasks.summary_periodic.apply_async(kwargs={"period": "2025-Q4"}, queue=queue).get(timeout=60)
        second = tasks.summary_periodic.apply_async(kwargs={"period": "2025-Q4"}, queue=queue).get(timeout=60)
    assert first["built"] and not second["built"] and first["run"] == second["run"]
    run = ReportRun.objects.get()
    assert run.status == ReportStatus.DONE and run.pdf and run.recipients == ["chutich@example.vn"]
    assert len(mail.outbox) == 1 and mail.outbox[0].attachments[0][2] == "application/pdf"
