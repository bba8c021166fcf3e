import os
import subprocess
import sys

import pytest
from celery.contrib.testing.worker import start_worker
from django.core.management import call_command
from django.urls import reverse

from dosonthidua.celery import app as celery_app
from dosonthidua.celery import ping
from dosonthidua.documents import document_date_line, vn_number
from units.models import Person, Unit, User


def test_healthz_answers_without_database(db, client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200


@pytest.mark.django_db
def test_readyz_checks_database_and_redis(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "redis": "ok"}


@pytest.mark.django_db
def test_readyz_names_redis_when_down(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["redis"].startswith("error")
    assert response.json()["checks"]["database"] == "ok"


def test_celery_round_trip_through_real_redis():
    with start_worker(celery_app, perform_ping_check=False, pool="solo", loglevel="WARNING"):
        assert ping.delay().get(timeout=20) == "pong"


def test_production_start_without_secret_key_fails_clearly():
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "TESTING"}}
    env["DJANGO_SETTINGS_MODULE"] = "dosonthidua.settings"
    result = subprocess.run([sys.executable, "-c", "import django; django.setup()"], env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "Missing required environment variable SECRET_KEY" in result.stderr


def test_production_start_with_malformed_database_url_fails_clearly():
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "TESTING"}}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "dosonthidua.settings",
            "SECRET_KEY": "x" * 50,
            "ALLOWED_HOSTS": "a.vn",
            "DATABASE_URL": "mysql://u@h/db",
        }
    )
    result = subprocess.run([sys.executable, "-c", "import django; django.setup()"], env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "DATABASE_URL must point to PostgreSQL" in result.stderr


def test_document_formats():
    import datetime as dt

    assert document_date_line(dt.date(2025, 1, 5), place="Đồ Sơn") == "Đồ Sơn, ngày 05 tháng 01 năm 2025"
    assert vn_number(1234567) == "1.234.567"


@pytest.mark.django_db
def test_vietnamese_date_input_and_output():
    from django import forms
    from django.utils.formats import date_format, number_format

    class F(forms.Form):
        d = forms.DateField()

    form = F({"d": "05/03/2025"})
    assert form.is_valid()
    assert (form.cleaned_data["d"].day, form.cleaned_data["d"].month) == (5, 3)
    assert date_format(form.cleaned_data["d"], "SHORT_DATE_FORMAT") == "05/03/2025"
    assert number_format(1234567, force_grouping=True) == "1.234.567"


@pytest.mark.django_db
def test_seed_demo_is_idempotent():
    call_command("seed_demo", stdout=open(os.devnull, "w"))
    counts = (Unit.objects.count(), Person.objects.count(), User.objects.count())
    call_command("seed_demo", stdout=open(os.devnull, "w"))
    assert (Unit.objects.count(), Person.objects.count(), User.objects.count()) == counts
    assert set(Unit.objects.filter(kind="ward", valid_from__isnull=True).values_list("name", flat=True)) == {
        "UBND phường Bàng La",
        "UBND phường Hải Sơn",
        "UBND phường Hợp Đức",
        "UBND phường Minh Đức",
        "UBND phường Ngọc Xuyên",
        "UBND phường Vạn Hương",
    }
    assert counts[1] >= 300
    assert {"admin", "noivu", "lanhdao", "canbo1", "canbo2", "hoidong5"} <= set(User.objects.values_list("username", flat=True))


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["officer", "reviewer", "leader", "council_member", "administrator"])
def test_home_page_for_each_role(request, client_for, persona):
    user = request.getfixturevalue(persona)
    response = client_for(user).get(reverse("home"))
    assert response.status_code == 200
    assert "Xin chào" in response.content.decode()


@pytest.mark.django_db
def test_error_pages_are_vietnamese(client_for, officer):
    response = client_for(officer).get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


@pytest.mark.django_db
def test_login_wrong_password_message_in_vietnamese(client, officer):
    response = client.post(reverse("login"), {"username": officer.username, "password": "sai"})
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


def test_production_collectstatic_with_manifest_succeeds(tmp_path):
    """The production storage (whitenoise manifest) must resolve every reference in vendored assets."""
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "TESTING", "DJANGO_SETTINGS_MODULE"}}
    env.update({"SECRET_KEY": "s" * 50, "ALLOWED_HOSTS": "a.vn", "STATIC_ROOT": str(tmp_path / "static")})
    result = subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "static" / "staticfiles.json").exists()


def test_fast_select_escapes_labels_and_marks_the_selection():
    from dosonthidua.widgets import FastSelect

    widget = FastSelect(attrs={"class": "form-select"}, choices=[("", "Tất cả"), (1, 'Phòng <Nội vụ> & "TĐKT"'), (2, "Đồ Sơn")])
    html = widget.render("unit", 2, attrs={"id": "id_unit"})
    assert html.startswith('<select class="form-select" id="id_unit" name="unit">')
    assert '<option value="1">Phòng &lt;Nội vụ&gt; &amp; &quot;TĐKT&quot;</option>' in html
    assert '<option value="2" selected>Đồ Sơn</option>' in html
    assert html.count(" selected") == 1
