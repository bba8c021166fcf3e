"""Two portals on one Redis: each derives its cache key prefix and Celery queue names from its
database name, so neither reads the other's cache entries nor runs the other's tasks."""

import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import redis
from django.conf import settings

from dosonthidua.isolation import deployment_name, queue_name, redis_db_number, suite_redis_url

ROOT = Path(__file__).resolve().parents[2]

SETUP = """
import json, os, sys
import django
django.setup()
from django.conf import settings
from django.core.cache import cache
from dosonthidua.celery import app
"""


def _env(database):
    env = {**os.environ, "DEBUG": "true", "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}", "REDIS_URL": settings.REDIS_URL}
    env["DJANGO_SETTINGS_MODULE"] = "dosonthidua.settings"
    env.pop("DEPLOYMENT_NAME", None)
    env.pop("CACHE_KEY_PREFIX", None)
    return env


def _python(database, code):
    result = subprocess.run([sys.executable, "-c", SETUP + code], cwd=ROOT, env=_env(database), capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


WRITE = """
cache.set("isolation-probe", settings.DEPLOYMENT_NAME, 300)
task = app.send_task("dosonthidua.ping")
print(json.dumps({"queue": settings.CELERY_TASK_DEFAULT_QUEUE, "prefix": settings.CACHES["default"]["KEY_PREFIX"], "task": task.id}))
"""
READ = """
print(json.dumps({"probe": cache.get("isolation-probe")}))
"""


def test_names_derive_from_the_database_name():
    assert deployment_name("DoSon-Thi Dua") == "doson_thi_dua"
    assert queue_name("reports", "dosonthidua_h12") == "dosonthidua_h12.reports"
    assert queue_name("default") == settings.CELERY_TASK_DEFAULT_QUEUE == f"{settings.DEPLOYMENT_NAME}.default"
    assert 1 <= redis_db_number("test_dosonthidua") <= 15
    assert redis_db_number("test_dosonthidua") == redis_db_number("test_dosonthidua")
    number = redis_db_number("test_dosonthidua_x")
    assert suite_redis_url("redis://127.0.0.1:6379/3", "postgres://u@h:5432/dosonthidua_x") == f"redis://127.0.0.1:6379/{number}"


def test_two_configurations_on_one_redis_see_neither_cache_nor_tasks_of_the_other():
    tag = uuid.uuid4().hex[:8]
    a, b = f"portal_a_{tag}", f"portal_b_{tag}"
    client = redis.Redis.from_url(settings.REDIS_URL)
    wrote_a, wrote_b = _python(a, WRITE), _python(b, WRITE)
    worker = None
    try:
        assert wrote_a["queue"] == f"{a}.default" and wrote_b["queue"] == f"{b}.default"
        assert wrote_a["prefix"] != wrote_b["prefix"]
        # The same cache key: each reads its own value.
        assert _python(a, READ)["probe"] == a
        assert _python(b, READ)["probe"] == b
        # Each task waits in its own deployment's queue only.
        assert client.llen(wrote_a["queue"]) == 1 and client.llen(wrote_b["queue"]) == 1

        # B's worker runs B's task and leaves A's alone.
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "dosonthidua", "worker", "-P", "solo", "-c", "1", "--loglevel=WARNING"]
            + ["--without-heartbeat", "--without-mingle", "--without-gossip"],
            cwd=ROOT,
            env=_env(b),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 45
        while time.monotonic() < deadline and not client.exists(f"celery-task-meta-{wrote_b['task']}"):
            time.sleep(0.2)
        assert json.loads(client.get(f"celery-task-meta-{wrote_b['task']}"))["result"] == "pong"
        time.sleep(1)
        assert client.llen(wrote_b["queue"]) == 0
        assert client.llen(wrote_a["queue"]) == 1, "A's task must wait for A's own worker"
        assert not client.exists(f"celery-task-meta-{wrote_a['task']}")
    finally:
        if worker is not None:
            worker.terminate()
            worker.wait(timeout=20)
        for name in (a, b):
            stale = [f"{name}.default", *client.keys(f"{name}:*"), *client.keys(f"_kombu.binding.{name}.*")]
            client.delete(*stale)
        client.delete(f"celery-task-meta-{wrote_a['task']}", f"celery-task-meta-{wrote_b['task']}")
