"""A worker killed in the middle of the periodic summary: the broker redelivers the task (acks_late,
short visibility timeout) to a new worker, which finishes it; the report exists exactly once."""

import io
import os
import signal
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from dosonthidua.celery import app as celery_app
from reports.models import ReportRecipient, ReportRun
from reports.tasks import summary_periodic
from units.models import User

from .conftest import ROOT, wait_for
from .test_faults import _point_celery_at

pytestmark = pytest.mark.slow


def _worker(redis_url, media_root):
    env = {
        **os.environ,
        "DEBUG": "true",
        "DATABASE_URL": "postgres://{USER}@{HOST}:{PORT}/{NAME}".format(**connection.settings_dict),
        "REDIS_URL": redis_url,
        # The worker reads the test database, whose name differs: keep this deployment's queue names.
        "DEPLOYMENT_NAME": settings.DEPLOYMENT_NAME,
        "MEDIA_ROOT": str(media_root),
        "CELERY_VISIBILITY_TIMEOUT": "3",
        "CELERY_UNACKED_RESTORE_INTERVAL": "1",
        "CELERY_UNACKED_RESTORE_THROTTLE": "1",
        "EMAIL_URL": "consolemail://",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "dosonthidua",
            "worker",
            "-P",
            "solo",
            "-c",
            "1",
            "--loglevel=WARNING",
            "--without-heartbeat",
            "--without-mingle",
            "--without-gossip",
            "-Q",
            f"{settings.CELERY_TASK_DEFAULT_QUEUE},{settings.CELERY_REPORTS_QUEUE}",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@pytest.mark.django_db(transaction=True)
def test_worker_killed_mid_report_retry_builds_it_exactly_once(private_redis, tmp_path):
    # Enough data that building the summary takes a while (city-scale generator, small).
    call_command("seed_bench", units=120, people=6000, nominations=12000, years=3, decided=4000, stdout=io.StringIO())
    chairman = User.objects.create(username="chutich", full_name="Chủ tịch", email="chutich@example.vn")
    ReportRecipient.objects.create(user=chairman, title="Chủ tịch UBND", display_order=1)
    old_broker = celery_app.conf.broker_url
    _point_celery_at(private_redis.url)
    first = _worker(private_redis.url, tmp_path)
    second = None
    try:
        summary_periodic.apply_async(kwargs={"period": "2025"})
        assert wait_for(lambda: ReportRun.objects.filter(kind="summary", period="2025", status="running").exists(), timeout=60)
        first.send_signal(signal.SIGKILL)  # mid-build: the task was claimed and is running
        first.wait(10)
        run = ReportRun.objects.get(kind="summary", period="2025")
        assert run.status == "running" and not run.pdf
        second = _worker(private_redis.url, tmp_path)
        assert wait_for(lambda: ReportRun.objects.filter(kind="summary", period="2025", status="done").exists(), timeout=180, interval=0.5)
        time.sleep(1)  # let a possible duplicate delivery show itself
    finally:
        for proc in (first, second):
            if proc and proc.poll() is None:
                proc.terminate()
                proc.wait(20)
        _point_celery_at(old_broker)
    runs = ReportRun.objects.filter(kind="summary", period="2025")
    assert runs.count() == 1
    run = runs.get()
    assert run.attempts == 2  # the killed attempt and the redelivered one
    assert run.emailed_at is not None and run.recipients == ["chutich@example.vn"]
    files = sorted(p.name for p in (tmp_path / "reports").rglob("*") if p.is_file())
    assert len([f for f in files if f.endswith(".pdf")]) == 1
