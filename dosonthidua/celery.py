"""The Celery application. Periodic schedules live in django-celery-beat's tables
(editable in the admin); the defaults are declared once in ``dosonthidua.schedules``."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dosonthidua.settings")

app = Celery("dosonthidua")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="dosonthidua.ping")
def ping():
    """Round-trip check used by /readyz-style diagnostics and the test suite."""
    return "pong"
