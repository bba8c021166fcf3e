"""Connections under the threaded dev server (audit finding: a crawl of `runserver` exhausted
PostgreSQL's connections, one left open per request thread)."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _open_connections(name):
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", [name])
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_dev_server_does_not_keep_a_connection_per_request():
    name = connection.settings_dict["NAME"]
    base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    port = _free_port()
    env = {**os.environ, "DEBUG": "true", "DATABASE_URL": f"{base}/{name}", "AXES_ENABLED": "false"}
    env.pop("TESTING", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", "--skip-checks", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        before = _open_connections(name)
        for _ in range(40):
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=10) as response:
                assert response.status == 200
        time.sleep(0.5)
        assert _open_connections(name) - before <= 2
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_production_keeps_connections_with_health_checks(settings):
    db = settings.DATABASES["default"]
    assert db["CONN_MAX_AGE"] == 60 and db["CONN_HEALTH_CHECKS"] is True


@pytest.mark.django_db
def test_the_portals_database_runs_without_jit():
    # units 0015 sets jit = off on the database (docs/decisions.md, "No JIT"): every new session of
    # any process (web, Celery, a PgBouncer client) starts with it, not only the one that migrated.
    import psycopg2

    settings = connection.settings_dict
    fresh = psycopg2.connect(dbname=settings["NAME"], user=settings["USER"], host=settings["HOST"], port=settings["PORT"] or 5432)
    try:
        with fresh.cursor() as cursor:
            cursor.execute("SHOW jit")
            assert cursor.fetchone() == ("off",)
            cursor.execute(
                "SELECT setconfig FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase"
                " WHERE d.datname = current_database() AND s.setrole = 0"
            )
            assert "jit=off" in cursor.fetchone()[0]
    finally:
        fresh.close()
