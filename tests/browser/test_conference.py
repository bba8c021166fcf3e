"""A reviewer (Phòng Nội vụ) assembles the district's advanced-models conference in Debian's Chromium
against the live server: creates it, picks honourees from the record, adds a programme item and a
guest, then writes and prints the five-year review report (issue 14)."""

import datetime as dt
import subprocess

import pytest

from awards.models import Conference

from ..awards.conferences import record
from ..awards.conftest import issuers  # noqa: F401 (the seeded issuing bodies)
from ..campaigns.factories import CampaignFactory, ExemplarFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(issuers, unit, person):  # noqa: F811
    campaign = CampaignFactory(name="Đợt thi đua đặc biệt đến hết năm 2025")
    ExemplarFactory(
        campaign=campaign,
        unit=unit,
        kind="exemplary_collective",
        title="Mô hình “Phường văn minh”",
        summary="Giảm 40% rác thải nhựa.",
        state="accepted",
    )
    record(code="giay-khen-chu-tich", year=2023, person=person, number="15/QĐ-UBND", day=dt.date(2023, 12, 26))
    return campaign


def test_reviewer_assembles_a_conference_and_prints_its_review(world, reviewer, person, login, page, live_server, tmp_path):
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    login(reviewer.username)
    page.get_by_role("link", name="Hội nghị").first.click()
    page.get_by_role("link", name="Lập hội nghị").click()
    page.fill("#id_title", "Hội nghị điển hình tiên tiến quận Đồ Sơn năm 2025")
    page.fill("#id_date", "20/06/2025")
    page.fill("#id_start_time", "08:00")
    page.fill("#id_location", "Hội trường UBND quận")
    page.select_option("#id_campaign", label=world.name)
    page.fill("#id_period_start", "01/01/2021")
    page.fill("#id_period_end", "30/06/2025")
    page.keyboard.press("Escape")  # close the date picker
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_load_state()
    assert "Đã lưu hội nghị “Hội nghị điển hình tiên tiến quận Đồ Sơn năm 2025” (cấp quận, huyện)." in page.content()
    conference = Conference.objects.get()

    # Honourees from the record: the accepted exemplar, then an award of the stage.
    page.get_by_role("link", name="Chọn từ hồ sơ").click()
    page.get_by_label("Mô hình “Phường văn minh”").check()
    page.get_by_role("button", name="Thêm vào danh sách tuyên dương").click()
    page.wait_for_load_state()
    assert "Đã thêm 1 tập thể, cá nhân vào danh sách tuyên dương." in page.content()
    assert page.locator("#id_honourees-0-achievement").input_value() == "Mô hình “Phường văn minh”: Giảm 40% rác thải nhựa."
    page.fill("#id_honourees-0-achievement", "Mô hình “Phường văn minh”: giảm 40% rác thải nhựa trong hai năm.")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Chọn từ hồ sơ").click()
    page.select_option("#id_source", "awards")
    page.get_by_role("button", name="Lọc").click()
    page.get_by_label(person.full_name).check()
    page.get_by_role("button", name="Thêm vào danh sách tuyên dương").click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/khen-thuong/hoi-nghi/{conference.pk}/")
    honourees = page.locator("#honourees").inner_text()
    assert "giảm 40% rác thải nhựa trong hai năm" in honourees and person.full_name in honourees and "15/QĐ-UBND" in honourees

    # A programme item and a guest.
    page.get_by_role("link", name="Sửa chương trình").click()
    page.fill("#id_agenda-0-order", "1")
    page.fill("#id_agenda-0-time", "08:15")
    page.fill("#id_agenda-0-title", "Báo cáo tổng kết phong trào thi đua giai đoạn 2021–2025")
    page.fill("#id_agenda-0-speaker", "Trưởng phòng Nội vụ")
    page.get_by_role("button", name="Lưu chương trình").click()
    page.wait_for_load_state()
    assert "Đã lưu chương trình hội nghị." in page.content()
    page.get_by_role("link", name="Sửa danh sách khách mời").click()
    page.fill("#id_guests-0-title", "Đồng chí")
    page.fill("#id_guests-0-person_name", "Lê Văn Hải")
    page.fill("#id_guests-0-unit_name", "Sở Nội vụ thành phố Hải Phòng")
    page.get_by_role("button", name="Lưu khách mời").click()
    page.wait_for_load_state()
    assert "Đã lưu danh sách khách mời." in page.content()
    assert "Trưởng phòng Nội vụ" in page.locator("#agenda").inner_text()
    assert "Lê Văn Hải" in page.locator("#guests").inner_text()
    invitations = page.context.request.get(f"{live_server.url}{page.get_by_role('link', name='In giấy mời').get_attribute('href')}")
    assert invitations.ok and invitations.body().startswith(b"%PDF")

    # The five-year review, written from the conference's page, then printed.
    page.get_by_role("link", name="Lập báo cáo tổng kết").click()
    assert page.locator("#id_period").input_value() == "2021-2025"
    page.fill("#id_number", "118/BC-UBND")
    page.fill("#id_date", "15/06/2025")
    page.keyboard.press("Escape")
    page.fill("#id_results", "Các phong trào thi đua được triển khai sâu rộng.")
    page.fill("#id_direction", "Phấn đấu 100% đơn vị đăng ký thi đua giai đoạn 2026–2030.")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_load_state()
    assert "Đã lưu báo cáo tổng kết." in page.content()
    assert "Bảng 1. So sánh kết quả qua các năm" in page.content()
    href = page.get_by_role("link", name="In báo cáo (PDF)").get_attribute("href")
    pdf = page.context.request.get(f"{live_server.url}{href}")
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    path = tmp_path / "bao-cao.pdf"
    path.write_bytes(pdf.body())
    text = " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout.split())
    assert "Số: 118/BC-UBND" in text and "Đồ Sơn, ngày 15 tháng 6 năm 2025" in text
    assert "Các phong trào thi đua được triển khai sâu rộng." in text and "Đã khen thưởng 1 lượt" in text
    assert conference.reviews.count() == 1
    assert errors == []
