"""In the browser: "Chọn tất cả" on bulk lists, and the calendar of date fields (typed or picked,
always dd/mm/yyyy)."""

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from awards.enums import NominationState

from ..awards.conftest import kind, make_nomination, this_year
from ..factories import PersonFactory

__all__ = ["kind", "make_nomination", "this_year"]

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, user, live_server):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}])


def test_select_all_on_the_review_list_and_on_a_form_list(page, live_server, reviewer, unit, make_nomination):
    for name in ("Nguyễn Văn A", "Trần Thị B", "Lê Văn C"):
        make_nomination(person=PersonFactory(unit=unit, full_name=name), state=NominationState.VERIFIED)
    _sign_in(page, reviewer, live_server)

    page.goto(f"{live_server.url}/khen-thuong/de-nghi/")
    master = page.get_by_label("Chọn tất cả đề nghị trên trang")
    boxes = page.locator("input[name=ids]")
    assert boxes.count() == 3
    master.check()
    assert all(boxes.nth(i).is_checked() for i in range(3))
    boxes.nth(1).uncheck()
    assert master.evaluate("el => el.indeterminate") and not master.is_checked()
    boxes.nth(1).check()
    assert master.is_checked()

    # A form's list of nominations (the public posting) gets its own "Chọn tất cả".
    page.goto(f"{live_server.url}/khen-thuong/cong-khai/them/")
    choices = page.locator("input[name=nominations]")
    assert choices.count() == 3
    page.get_by_label("Chọn tất cả", exact=True).check()
    assert all(choices.nth(i).is_checked() for i in range(3))


def test_a_date_is_typed_or_picked_as_dd_mm_yyyy(page, live_server, reviewer):
    _sign_in(page, reviewer, live_server)
    page.goto(f"{live_server.url}/khen-thuong/cong-khai/them/")
    field = page.get_by_label("Ngày bắt đầu công khai")
    today = timezone.localdate()
    assert field.input_value() == today.strftime("%d/%m/%Y")
    hint = page.locator(f"#{field.get_attribute('id')}_format")
    assert hint.is_visible() and hint.inner_text() == "Định dạng ngày: dd/mm/yyyy"
    assert hint.get_attribute("id") in field.get_attribute("aria-describedby").split()

    # Picked from the calendar that the hint's button opens: the first day of the month shown.
    button = page.get_by_role("button", name="Chọn trên lịch")
    assert button.get_attribute("aria-expanded") == "false"
    button.click()
    calendar = page.locator(f"#{field.get_attribute('id')}_calendar")
    assert calendar.is_visible() and button.get_attribute("aria-expanded") == "true"
    assert f"Tháng {today.month} {today.year}" in calendar.inner_text()  # the Vietnamese locale, at the field's date
    calendar.locator(".datepicker-cell.day:not(.prev):not(.next)").first.click()
    assert field.input_value() == today.replace(day=1).strftime("%d/%m/%Y")
    assert calendar.is_hidden()

    # Typed in another accepted form, it stays as typed when the field loses focus, and the server
    # takes it; a date that does not exist is refused on the field.
    for typed, accepted in (("5-3-2025", True), ("31/02/2025", False)):
        field = page.get_by_label("Ngày bắt đầu công khai")
        field.fill(typed)
        page.keyboard.press("Tab")
        assert field.input_value() == typed
        with page.expect_navigation():
            page.locator("form [type=submit]").last.click()
        field = page.get_by_label("Ngày bắt đầu công khai")
        assert field.input_value() == typed
        assert ("is-invalid" not in (field.get_attribute("class") or "")) is accepted, typed
