import os

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLES = {
    "admin": "Quản trị hệ thống",
    "noivu": "Văn phòng HĐND và UBND (thẩm định)",  # the ward's advisory office, valid today
    "lanhdao": "Lãnh đạo UBND",
    "hoidong1": "Thành viên Hội đồng TĐKT",
    "canbo1": "Cán bộ phụ trách thi đua của đơn vị",
    "canbo2": "Cán bộ phụ trách thi đua của đơn vị",
}


@pytest.fixture
def demo(db):
    with open(os.devnull, "w") as sink:
        call_command("seed_demo", stdout=sink)


def test_each_demo_role_signs_in_and_sees_its_home(demo, page, login, live_server):
    for username, role_label in ROLES.items():
        page.context.clear_cookies()
        login(username, "demo12345")
        assert page.url.rstrip("/") == live_server.url
        assert page.locator("h1").first.inner_text().startswith("Xin chào")
        assert role_label in page.content()
    # An officer's home shows their unit and people figures; the menu leads to the people list.
    page.context.clear_cookies()
    login("canbo1", "demo12345")
    assert "UBND phường Bàng La" in page.content()
    with page.expect_navigation():
        page.get_by_role("link", name="Cán bộ").first.click()
    assert page.locator("h1").inner_text() == "Cán bộ, người lao động"
    rows = page.locator("tbody tr").count()
    assert rows > 0
    page.fill("input[name=q]", "nguyen")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert all("Nguyễn" in name for name in page.locator("tbody tr td:first-child a").all_inner_texts())


def test_wrong_password_is_refused_in_vietnamese(demo, page, login):
    login("canbo1", "sai-mat-khau")
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in page.content()
