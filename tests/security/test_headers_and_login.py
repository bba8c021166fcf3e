import re
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_login_is_throttled_after_five_failures(client, officer):
    for _ in range(4):
        response = client.post(reverse("login"), {"username": officer.username, "password": "sai"})
        assert response.status_code == 200
    # The fifth failure locks the account for this address; then even the right password is refused.
    assert client.post(reverse("login"), {"username": officer.username, "password": "sai"}).status_code == 429
    response = client.post(reverse("login"), {"username": officer.username, "password": "matkhau-thu-123"})
    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in response.content.decode()


@pytest.mark.django_db
def test_failed_sign_ins_are_logged(client, officer):
    from axes.models import AccessAttempt

    client.post(reverse("login"), {"username": officer.username, "password": "sai"})
    assert AccessAttempt.objects.filter(username=officer.username, failures_since_start=1).exists()


@pytest.mark.django_db
def test_csp_forbids_inline_and_foreign_script(client):
    header = client.get(reverse("login"))["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]+)", header).group(1)
    assert script_src.strip() == "'self'"
    assert "frame-ancestors 'none'" in header


def test_no_template_has_inline_script_or_handlers():
    offenders = []
    for path in ROOT.glob("**/templates/**/*.html"):
        if ".venv" in path.parts:
            continue
        text = path.read_text()
        for match in re.finditer(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", text):
            offenders.append(f"{path}: {match.group(0)}")
        for match in re.finditer(r"\son(click|load|change|submit|input)\s*=", text):
            offenders.append(f"{path}: inline handler {match.group(0)}")
    assert offenders == []


@pytest.mark.django_db
def test_security_headers_present(client):
    response = client.get(reverse("login"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
@pytest.mark.parametrize("length", [151, 256, 300, 5000])
def test_over_long_username_refused_before_authentication(client, length):
    """Audit finding: a username of 256+ characters made django-axes write past its column (500)."""
    from axes.models import AccessAttempt

    response = client.post(reverse("login"), {"username": "a" * length, "password": "sai"})
    assert response.status_code == 200
    assert "Tên đăng nhập dài quá" in response.content.decode()
    assert not AccessAttempt.objects.exists()
