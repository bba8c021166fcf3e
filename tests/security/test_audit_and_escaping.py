import io
import os
import secrets
import subprocess
import sys

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from units.models import AuditEvent

from ..factories import PersonFactory

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.mark.django_db
def test_sign_in_failure_and_sign_out_are_audited(client, officer):
    client.post(reverse("login"), {"username": officer.username, "password": "sai"})
    client.post(reverse("login"), {"username": officer.username, "password": "matkhau-thu-123"})
    client.post(reverse("logout"))
    assert list(AuditEvent.objects.order_by("id").values_list("action", "username")) == [
        ("sign_in_failed", officer.username),
        ("sign_in", officer.username),
        ("sign_out", officer.username),
    ]
    assert AuditEvent.objects.filter(action="sign_in").get().ip == "127.0.0.1"


@pytest.mark.django_db
def test_exports_and_privileged_actions_are_audited(client_for, reviewer, officer, unit):
    PersonFactory(unit=unit)
    client = client_for(reviewer)
    client.get(reverse("units:person-list") + "?export=xlsx")
    export = AuditEvent.objects.get(action="download")
    assert export.user == reviewer and "can-bo.xlsx" in export.detail and export.path.endswith("export=xlsx")
    client.post(reverse("units:unit-create"), {"name": "Phòng mới", "short_code": "PM", "kind": "department", "display_order": 1})
    assert AuditEvent.objects.filter(action="privileged_action", user=reviewer, path=reverse("units:unit-create")).exists()
    # An officer's ordinary work is not a privileged action (it has its own history rows).
    client = client_for(officer)
    client.post(reverse("units:person-create"), {"full_name": "Lê Văn Tám", "gender": "male", "unit": unit.pk, "active": "on"})
    assert not AuditEvent.objects.filter(action="privileged_action", user=officer).exists()


@pytest.mark.django_db
def test_user_text_is_escaped_in_pages(client_for, reviewer, unit):
    person = PersonFactory(unit=unit, full_name=XSS[:150])
    body = client_for(reviewer).get(reverse("units:person-detail", args=[person.pk])).content.decode()
    assert "<script>alert" not in body
    assert "&lt;script&gt;alert" in body
    body = client_for(reviewer).get(reverse("units:person-list")).content.decode()
    assert "<img src=x" not in body


@pytest.mark.django_db
def test_user_text_is_literal_in_exports(client_for, reviewer, unit):
    PersonFactory(unit=unit, full_name="@SUM(1+1)*cmd|' /C calc'!A0")
    wb = load_workbook(io.BytesIO(b"".join(client_for(reviewer).get(reverse("units:person-list") + "?export=xlsx").streaming_content)))
    assert wb.active["A2"].value == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert wb.active["A2"].data_type == "s"


def test_user_text_is_literal_in_pdf(tmp_path):
    from dosonthidua.pdf import render_pdf

    data = render_pdf(
        "documents/base_official.html",
        {
            "issuer_name": XSS,
            "doc_type": "Báo cáo",
            "subject": "Nguyễn Thị Ánh <b>đậm</b>",
            "date_line": "Đồ Sơn, ngày 05 tháng 01 năm 2025",
        },
    )
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(data)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "<b>đậm</b>" in text  # shown as typed, not interpreted as markup
    assert "Nguyễn Thị Ánh" in text


def test_check_deploy_is_clean_with_production_settings():
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "TESTING", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(
        {
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "thidua.doson.haiphong.gov.vn",
            "SECURE_SSL_REDIRECT": "true",
            "SECURE_HSTS_SECONDS": "31536000",
        }
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
