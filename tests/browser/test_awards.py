"""The nomination journey in a real browser: canbo1 creates a nomination with an attachment and
submits it, noivu returns it with a comment, canbo1 corrects and resubmits, noivu verifies it."""

import pytest
from django.apps import apps

from awards.catalogue import seed
from awards.models import Nomination, NominationTransition
from awards.selectors import kinds_valid_on
from tests.factories import PersonFactory, UserFactory, officer_of
from units.enums import Role

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_nomination_return_and_resubmit_flow(page, live_server, login, unit, district):
    seed(apps)  # transactional tests start from an empty catalogue once another one has flushed it
    officer_of(unit, username="canbo1")
    UserFactory(username="noivu", unit=district, roles=[Role.REVIEWER], full_name="Đỗ Thị Thu Hà")
    person = PersonFactory(unit=unit, full_name="Phạm Thị Hồng Nhung")
    kind = kinds_valid_on().get(code="giay-khen-chu-tich")

    login("canbo1")
    page.goto(f"{live_server.url}/khen-thuong/de-nghi/them/")
    page.select_option("#id_nominee_person", str(person.pk))
    page.select_option("#id_award_kind", str(kind.pk))
    page.fill("#id_achievement_summary", "Hoàn thành xuất sắc nhiệm vụ; số hóa 2.000 hồ sơ một cửa.")
    page.set_input_files("#id_attachment", files=[{"name": "bao-cao-thanh-tich.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}])
    page.click("button[name=save]")
    page.wait_for_selector("#nomination-state")
    assert "bao-cao-thanh-tich.pdf" in page.content()
    page.click("button[value=submitted]")
    page.wait_for_load_state("networkidle")
    assert page.inner_text("#nomination-state").strip() == "Đã gửi"
    nomination = Nomination.objects.get()

    page.context.clear_cookies()  # sign out (the shared login fixture expects a signed-out page)
    login("noivu")
    page.goto(f"{live_server.url}/khen-thuong/de-nghi/{nomination.pk}/")
    page.fill("#transition-comment", "Bổ sung số liệu cụ thể trong báo cáo thành tích.")
    page.click("button[value=returned]")
    page.wait_for_load_state("networkidle")
    assert page.inner_text("#nomination-state").strip() == "Trả lại để bổ sung"

    page.context.clear_cookies()
    login("canbo1")
    page.goto(f"{live_server.url}/khen-thuong/de-nghi/{nomination.pk}/")
    assert "Bổ sung số liệu cụ thể trong báo cáo thành tích." in page.inner_text("#history")
    page.click("text=Sửa")
    page.fill("#id_achievement_summary", "Hoàn thành xuất sắc nhiệm vụ; số hóa 2.150 hồ sơ một cửa, giảm 30% thời gian xử lý.")
    page.click("button[name=save]")
    page.wait_for_selector("#nomination-state")
    page.click("button[value=resubmitted]")
    page.wait_for_load_state("networkidle")
    assert page.inner_text("#nomination-state").strip() == "Đã gửi lại"

    page.context.clear_cookies()  # sign out (the shared login fixture expects a signed-out page)
    login("noivu")
    page.goto(f"{live_server.url}/khen-thuong/de-nghi/{nomination.pk}/")
    page.click("button[value=verified]")
    page.wait_for_load_state("networkidle")
    assert page.inner_text("#nomination-state").strip() == "Đã thẩm định"

    nomination.refresh_from_db()
    assert "giảm 30%" in nomination.achievement_summary
    assert list(NominationTransition.objects.order_by("id").values_list("to_state", flat=True)) == [
        "submitted",
        "returned",
        "resubmitted",
        "verified",
    ]
