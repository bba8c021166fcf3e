"""The officer's and the reviewer's journey through the special campaign, in Debian's Chromium."""

import datetime as dt

import pytest

from awards.enums import AwardSubject
from campaigns.demo import SPECIAL_NAME
from campaigns.demo import seed as campaigns_seed
from campaigns.models import Campaign, ProgressAttachment, Registration
from dosonthidua.identity import identity_on
from units.demo import seed as units_seed

from ..campaigns.factories import AwardKindFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def demo(db):
    # Only the seeders this journey needs (units, then the award titles, then campaigns), so the test
    # does not depend on other apps' demo data; the catalogue rows of the awards migration are flushed
    # between transactional tests, hence get-or-create.
    units_seed()
    AwardKindFactory(code="lao-dong-tien-tien", valid_from=dt.date(2025, 7, 1))
    AwardKindFactory(
        code="tap-the-lao-dong-tien-tien",
        name="Tập thể lao động tiên tiến",
        subject=AwardSubject.COLLECTIVE,
        valid_from=dt.date(2025, 7, 1),
    )
    campaigns_seed()
    return Campaign.objects.get(name=SPECIAL_NAME)


@pytest.fixture
def as_user(browser, live_server):
    """as_user(username) -> a fresh signed-in page (own browser context, so sessions don't mix)."""
    contexts = []

    def make(username):
        context = browser.new_context()
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{live_server.url}/dang-nhap/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", "demo12345")
        page.click("button[type=submit]")
        page.wait_for_load_state("networkidle")
        return page

    yield make
    for context in contexts:
        context.close()


def _matrix_status(page, live_server, campaign):
    page.goto(f"{live_server.url}/phong-trao/{campaign.pk}/ma-tran-dang-ky/?q=bang+la")
    return page.locator("tr[data-unit=P-BANGLA] td").nth(1).inner_text().strip()


def test_officer_registers_reports_reviewer_returns_then_accepts(demo, as_user, live_server):
    campaign = demo
    noivu = as_user("noivu")
    assert _matrix_status(noivu, live_server, campaign).startswith("Quá hạn")
    noivu.goto(f"{live_server.url}/phong-trao/{campaign.pk}/ma-tran-dang-ky/")
    accepted_before = int(noivu.locator("[data-status=accepted]").inner_text())

    # canbo1 registers the ward (late: the deadline was 31/12/2024) and submits.
    canbo1 = as_user("canbo1")
    canbo1.goto(f"{live_server.url}/phong-trao/{campaign.pk}/")
    canbo1.get_by_role("link", name="Đăng ký thi đua").first.click()
    canbo1.wait_for_load_state()
    assert "Đăng ký thi đua: UBND phường Bàng La" in canbo1.locator("h1").inner_text()
    canbo1.select_option("select[name=collective_award]", label="Tập thể lao động tiên tiến")
    canbo1.locator("select[name^=person_]").first.select_option(label="Lao động tiên tiến")
    canbo1.fill("textarea[name=commitment]", "Phấn đấu hoàn thành xuất sắc nhiệm vụ năm 2025.")
    canbo1.get_by_role("button", name=f"Gửi {identity_on().office}").click()
    canbo1.wait_for_load_state()
    assert "Đã gửi, chờ duyệt" in canbo1.content()
    assert "Gửi sau hạn" in canbo1.content()
    registration = Registration.objects.get(campaign=campaign, unit__short_code="P-BANGLA")

    # ... and submits a progress report with a PDF attachment.
    canbo1.goto(f"{live_server.url}/phong-trao/{campaign.pk}/bao-cao/them/")
    canbo1.fill("textarea[name=narrative]", "Trong kỳ, phường đã xóa 2 căn nhà tạm và phát hiện 1 mô hình hay.")
    canbo1.locator("input[name^=value_]").first.fill("2")
    canbo1.set_input_files("input[name=files]", files=[{"name": "bao-cao-quy.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    canbo1.get_by_role("button", name=f"Gửi {identity_on().office}").click()
    canbo1.wait_for_load_state()
    assert "Báo cáo tiến độ: UBND phường Bàng La" in canbo1.locator("h1").inner_text()
    assert "bao-cao-quy.pdf" in canbo1.content()
    assert ProgressAttachment.objects.filter(report__unit__short_code="P-BANGLA").count() == 1

    # noivu sees it submitted, returns it with a comment.
    assert _matrix_status(noivu, live_server, campaign).startswith("Đã gửi")
    noivu.goto(f"{live_server.url}/phong-trao/dang-ky/{registration.pk}/")
    noivu.fill("textarea[name=comment]", "Đề nghị bổ sung danh sách cá nhân đăng ký.")
    noivu.get_by_role("button", name="Trả lại để sửa").click()
    noivu.wait_for_load_state()
    assert "Trả lại để sửa" in noivu.locator("main .badge").first.inner_text()
    assert _matrix_status(noivu, live_server, campaign).startswith("Trả lại")

    # canbo1 reads the comment, corrects and resubmits.
    canbo1.goto(f"{live_server.url}/phong-trao/dang-ky/{registration.pk}/")
    assert "Đề nghị bổ sung danh sách cá nhân đăng ký." in canbo1.content()
    canbo1.get_by_role("link", name="Sửa").click()
    canbo1.wait_for_load_state()
    canbo1.locator("select[name^=person_]").nth(1).select_option(label="Lao động tiên tiến")
    canbo1.get_by_role("button", name=f"Gửi {identity_on().office}").click()
    canbo1.wait_for_load_state()
    assert "Đã gửi, chờ duyệt" in canbo1.content()

    # noivu accepts and the matrix changes.
    noivu.goto(f"{live_server.url}/phong-trao/dang-ky/{registration.pk}/")
    noivu.get_by_role("button", name="Chấp nhận").click()
    noivu.wait_for_load_state()
    assert _matrix_status(noivu, live_server, campaign).startswith("Đã chấp nhận")
    noivu.goto(f"{live_server.url}/phong-trao/{campaign.pk}/ma-tran-dang-ky/")
    assert int(noivu.locator("[data-status=accepted]").inner_text()) == accepted_before + 1
    registration.refresh_from_db()
    assert registration.state == "accepted"
    assert registration.entries.count() == 2
    assert list(registration.history.values_list("to_state", flat=True)) == ["submitted", "returned", "submitted", "accepted"]
