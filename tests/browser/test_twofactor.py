"""Browser journey of two-factor sign-in: a reviewer (required) signs in, sets up an authenticator by
typing the key shown, confirms with a generated code, keeps the backup codes; signs in again with a
generated code; then with a backup code."""

import base64

import pytest
from django_otp.oath import totp

from ..factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def code(key, drift=0):
    """The code an authenticator app shows now (drift=1: the next 30-second step)."""
    return f"{totp(key, drift=drift):06d}"


def test_reviewer_enrols_and_signs_in_with_generated_codes(settings, page, login, live_server):
    settings.TWO_FACTOR_REQUIRED_ROLES = ["reviewer", "leader", "council_member", "administrator"]
    user = UserFactory(username="noivu_2fa", roles=["reviewer"])
    user.set_password("matkhau-thu-123")
    user.save()

    login("noivu_2fa")
    assert "/tai-khoan/xac-thuc-hai-buoc/cai-dat/" in page.url
    assert page.locator("h1").inner_text() == "Cài đặt xác thực hai bước"
    assert page.locator("img[alt^='Mã QR']").is_visible()
    key = base64.b32decode(page.locator("#totp-secret").inner_text().replace(" ", ""))
    page.fill("input[name=code]", code(key))
    page.get_by_role("button", name="Xác nhận và bật").click()
    page.wait_for_load_state("networkidle")
    backup = page.locator("#backup-codes li").all_inner_texts()
    assert len(backup) == 10
    page.get_by_role("link", name="Tiếp tục").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").first.inner_text().startswith("Xin chào")

    # Next sign-in: password, then the code of the next 30-second step (the one just used is spent).
    login("noivu_2fa")
    assert "/tai-khoan/xac-thuc-hai-buoc/" in page.url and page.locator("h1").inner_text() == "Xác thực hai bước"
    page.fill("input[name=code]", code(key, drift=1))
    page.get_by_role("button", name="Xác nhận").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").first.inner_text().startswith("Xin chào")

    # Without the phone: a backup code, once.
    login("noivu_2fa")
    page.fill("input[name=code]", backup[0])
    page.get_by_role("button", name="Xác nhận").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").first.inner_text().startswith("Xin chào")
    page.goto(f"{live_server.url}/tai-khoan/")
    assert "Tạo mã dự phòng mới" in page.content()


def test_admin_site_asks_for_the_second_factor_after_its_own_sign_in(settings, page, live_server):
    """An administrator enrolled with an authenticator signs in on the admin site's own form: the
    admin is reached only after a generated code, and a wrong code keeps it shut."""
    from units import twofactor

    settings.TWO_FACTOR_REQUIRED_ROLES = ["reviewer", "leader", "council_member", "administrator"]
    admin = UserFactory(username="quantri_2fa", roles=["administrator"], is_staff=True, is_superuser=True)
    admin.set_password("matkhau-thu-123")
    admin.save()
    device = twofactor.totp_enrol_start(user=admin)
    key = device.bin_key
    assert twofactor.totp_enrol_confirm(user=admin, device=device, token=code(key)) is not None

    page.goto(f"{live_server.url}/quan-tri/")
    assert "/quan-tri/login/" in page.url
    page.fill("input[name=username]", "quantri_2fa")
    page.fill("input[name=password]", "matkhau-thu-123")
    page.locator("input[type=submit], button[type=submit]").first.click()
    page.wait_for_load_state("networkidle")
    assert "/tai-khoan/xac-thuc-hai-buoc/" in page.url and page.locator("h1").inner_text() == "Xác thực hai bước"

    # Any admin page, asked for directly, leads back to the code.
    page.goto(f"{live_server.url}/quan-tri/awards/signingcertificate/")
    assert "/tai-khoan/xac-thuc-hai-buoc/" in page.url
    current = {code(key, drift=d) for d in range(-2, 3)}
    page.fill("input[name=code]", next(c for c in ("000000", "111111", "222222") if c not in current))
    page.get_by_role("button", name="Xác nhận").click()
    page.wait_for_load_state("networkidle")
    assert "/tai-khoan/xac-thuc-hai-buoc/" in page.url and "Mã không đúng" in page.content()

    # The code of the next 30-second step (the one used to enrol is spent), after django-otp's
    # one-second throttle that follows a wrong code: the admin opens.
    page.wait_for_timeout(1500)
    page.fill("input[name=code]", code(key, drift=1))
    page.get_by_role("button", name="Xác nhận").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/quan-tri/awards/signingcertificate/")
    assert "chứng thư số" in page.locator("h1").inner_text().lower()
