"""Two-factor sign-in (TOTP + backup codes, django-otp): required for reviewers, leaders, council
members and administrators when the setting says so (the suite's settings leave it off; these tests
switch it on), optional for officers; set-up, recovery with a backup code, an audited reset by an
administrator, and the admin site behind the same second factor."""

import time

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from units import twofactor
from units.models import AuditEvent

REQUIRED = ["reviewer", "leader", "council_member", "administrator"]
PASSWORD = "matkhau-thu-123"


@pytest.fixture
def required(settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = REQUIRED


def code_for(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def sign_in(client, user):
    user.set_password(PASSWORD)
    user.save()
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD, "next": "/khen-thuong/de-nghi/"})
    assert response.status_code == 302
    return response


def enrol(user):
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    return device, twofactor.backup_codes_regenerate(user=user)


@pytest.mark.django_db
def test_required_roles_follow_the_setting(required, reviewer, leader, council_member, administrator, officer):
    assert all(twofactor.required_for(u) for u in (reviewer, leader, council_member, administrator))
    assert not twofactor.required_for(officer)


@pytest.mark.django_db
def test_setting_off_signs_in_with_password_alone(settings, client, reviewer):
    settings.TWO_FACTOR_REQUIRED_ROLES = []
    sign_in(client, reviewer)
    assert client.get("/khen-thuong/de-nghi/").status_code == 200


@pytest.mark.django_db
def test_reviewer_without_device_must_set_one_up_before_any_page(required, client, reviewer):
    sign_in(client, reviewer)
    response = client.get("/khen-thuong/de-nghi/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("twofactor-setup"))
    page = client.get(response["Location"])
    assert "Cài đặt xác thực hai bước" in page.content.decode() and "bắt buộc" in page.content.decode()
    device = TOTPDevice.objects.get(user=reviewer, confirmed=False)
    wrong = client.post(reverse("twofactor-setup"), {"code": "000000", "next": "/khen-thuong/de-nghi/"})
    assert "Mã không đúng" in wrong.content.decode()
    time.sleep(1.1)  # a failure throttles the device for a second
    done = client.post(reverse("twofactor-setup"), {"code": code_for(device), "next": "/khen-thuong/de-nghi/"})
    codes = done.context["codes"]
    assert len(codes) == 10 and all(code in done.content.decode() for code in codes)
    assert client.get("/khen-thuong/de-nghi/").status_code == 200
    assert AuditEvent.objects.filter(action="2fa_enrolled", user=reviewer).exists()


@pytest.mark.django_db
def test_enrolled_account_gives_a_code_after_the_password(required, client, leader):
    device, _ = enrol(leader)
    response = sign_in(client, leader)
    assert client.get(response["Location"])["Location"].startswith(reverse("twofactor-verify"))
    refused = client.post(reverse("twofactor-verify"), {"code": "123456", "next": "/khen-thuong/de-nghi/"})
    assert refused.status_code == 200 and "Mã không đúng" in refused.content.decode()
    assert client.get("/khen-thuong/de-nghi/").status_code == 302
    time.sleep(1.1)
    ok = client.post(reverse("twofactor-verify"), {"code": code_for(device), "next": "/khen-thuong/de-nghi/"})
    assert ok.status_code == 302 and ok["Location"] == "/khen-thuong/de-nghi/"
    assert client.get("/khen-thuong/de-nghi/").status_code == 200
    assert AuditEvent.objects.filter(action="2fa_failed", user=leader).exists()


@pytest.mark.django_db
def test_backup_code_works_once(required, client, council_member):
    _, codes = enrol(council_member)
    sign_in(client, council_member)
    assert client.post(reverse("twofactor-verify"), {"code": codes[0].upper()})["Location"] == "/"
    client.post(reverse("logout"))
    sign_in(client, council_member)
    again = client.post(reverse("twofactor-verify"), {"code": codes[0]})
    assert again.status_code == 200 and "Mã không đúng" in again.content.decode()
    assert len(twofactor.backup_codes_left(council_member)) == 9


@pytest.mark.django_db
def test_officer_may_go_without_or_enrol(required, client, officer):
    sign_in(client, officer)
    assert client.get("/khen-thuong/de-nghi/").status_code == 200
    client.post(reverse("logout"))
    enrol(officer)
    sign_in(client, officer)
    assert client.get("/khen-thuong/de-nghi/").status_code == 302


@pytest.mark.django_db
def test_admin_site_behind_the_second_factor(required, client, administrator):
    administrator.is_staff = administrator.is_superuser = True
    device, _ = enrol(administrator)
    sign_in(client, administrator)
    response = client.get("/quan-tri/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("twofactor-verify"))
    client.post(reverse("twofactor-verify"), {"code": code_for(device)})
    assert client.get("/quan-tri/").status_code == 200


@pytest.mark.django_db
def test_administrator_reset_is_audited_and_forces_new_setup(required, client, administrator, reviewer):
    enrol(reviewer)
    administrator.is_staff = administrator.is_superuser = True
    administrator.save()
    admin_client = client.__class__()
    admin_client.force_login(administrator)
    session = admin_client.session
    session[twofactor.PENDING_SESSION_KEY] = ""
    session.save()
    response = admin_client.post(
        reverse("admin:units_user_changelist"), {"action": "reset_second_factor", "_selected_action": [reviewer.pk]}
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=reviewer).exists() and twofactor.backup_codes_left(reviewer) == []
    event = AuditEvent.objects.get(action="2fa_reset")
    assert event.user == administrator and reviewer.username in event.detail
    sign_in(client, reviewer)
    assert client.get("/")["Location"].startswith(reverse("twofactor-setup"))


@pytest.mark.django_db
def test_regenerated_backup_codes_replace_the_old(required, client, reviewer):
    device, old = enrol(reviewer)
    sign_in(client, reviewer)
    client.post(reverse("twofactor-verify"), {"code": code_for(device)})
    new = client.post(reverse("twofactor-backup-codes")).context["codes"]
    assert set(new).isdisjoint(old) and twofactor.backup_codes_left(reviewer) == new


@pytest.mark.django_db
def test_next_cannot_leave_the_site(required, client, reviewer):
    device, _ = enrol(reviewer)
    sign_in(client, reviewer)
    response = client.post(reverse("twofactor-verify"), {"code": code_for(device), "next": "https://evil.example/"})
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_demo_enrol_covers_officials_only(required, reviewer, leader, officer, capsys):
    twofactor.demo_enrol()
    assert twofactor.is_enrolled(reviewer) and twofactor.is_enrolled(leader) and not twofactor.is_enrolled(officer)
    assert len(twofactor.backup_codes_left(reviewer)) == 10
    twofactor.demo_enrol()
    assert TOTPDevice.objects.filter(user=reviewer).count() == 1


@pytest.mark.django_db
def test_demo_enrol_does_nothing_with_the_setting_off(settings, reviewer):
    settings.TWO_FACTOR_REQUIRED_ROLES = []
    twofactor.demo_enrol()
    assert not twofactor.is_enrolled(reviewer)


def test_codes_command_lines_up_long_usernames(required, reviewer, leader, django_user_model):
    from io import StringIO

    from django.core.management import call_command

    long_name = django_user_model.objects.create_user("pds_thamdinh_dai", roles=["reviewer"], unit=reviewer.unit)
    twofactor.demo_enrol()
    out = StringIO()
    call_command("twofactor_codes", stdout=out)
    lines = [line for line in out.getvalue().splitlines() if line.strip()]
    assert {line.split()[0] for line in lines} >= {reviewer.username, leader.username, long_name.username}
    assert len({line.index(" khóa TOTP ") for line in lines}) == 1
