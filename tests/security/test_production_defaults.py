"""Production defaults (audit finding: with only the required settings production ran without HSTS
or the HTTPS redirect). Each check starts a fresh process with only the required variables, the way
an installation starts, since settings are read once at import."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REQUIRED = {
    "SECRET_KEY": "x7Qp2Lr9Vt4Zc8Nb1Md6Kf3Hg5Js0Wa-prod-like-secret-key",
    "ALLOWED_HOSTS": "thidua.example.gov.vn",
}


def run(args, **extra):
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/root"), **REQUIRED, **extra}
    env["DATABASE_URL"] = os.environ["DATABASE_URL"]
    env["REDIS_URL"] = os.environ["REDIS_URL"]
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


SHOW = "from django.conf import settings as s; print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)"


def test_check_deploy_clean_with_required_settings_only():
    result = run(["check", "--deploy", "--fail-level", "WARNING"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_https_redirect_hsts_and_secure_cookies_on_by_default():
    result = run(["shell", "--no-imports", "-c", SHOW])
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "31536000", "True", "True"]
    assert "HTTP" not in result.stderr


def test_http_only_intranet_is_one_explicit_setting_and_warns_at_start():
    result = run(["shell", "--no-imports", "-c", SHOW], PORTAL_HTTP_ONLY="true")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "0", "False", "False"]
    assert "PORTAL_HTTP_ONLY" in result.stderr and "HTTPS" in result.stderr


@pytest.mark.parametrize("name", ["SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS"])
def test_hardening_still_overridable_one_by_one(name):
    value = {"SECURE_SSL_REDIRECT": "false", "SECURE_HSTS_SECONDS": "600"}[name]
    result = run(["shell", "--no-imports", "-c", SHOW], **{name: value})
    redirect, hsts, *_ = result.stdout.split()
    assert (redirect, hsts) == (("False", "31536000") if name == "SECURE_SSL_REDIRECT" else ("True", "600"))
