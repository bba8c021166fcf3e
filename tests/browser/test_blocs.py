"""A bloc member scores itself and the bloc leader checks, ranks and publishes (issue 14), in Debian's
Chromium against the live server."""

import pytest
from django.urls import reverse

from campaigns import bloc_services
from campaigns.models import Scorecard

from ..campaigns.blocs import card_of, leader_world, score_and_submit
from ..factories import officer_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def world(settings, tmp_path, district, unit, other_unit, reviewer):
    settings.MEDIA_ROOT = tmp_path / "media"
    return leader_world(district, unit, other_unit, reviewer)


def test_member_scores_itself_and_the_leader_ranks_and_publishes(world, unit, officer, other_unit, login, page, live_server):
    deputy = officer_of(other_unit, username="canbo_phokhoi")
    # The member (canbo_p) opens its bloc from the menu and scores itself.
    login(officer.username)
    page.get_by_role("link", name="Khối thi đua").first.click()
    page.get_by_role("link", name="Khối các phường").click()
    card = card_of(world.bloc_year, unit)
    page.goto(f"{live_server.url}{reverse('campaigns:scorecard-edit', args=[card.pk])}")
    lines = world.lines
    for criterion, value in (
        (lines.a1, "36"),
        (lines.a2, "18"),
        (lines.b1, "25"),
        (lines.b2, "8"),
        (lines.bonus, "2"),
        (lines.penalty, "0"),
    ):
        page.fill(f"input[name=value_{criterion.pk}]", value)
    page.select_option(f"select[name=value_{lines.condition.pk}]", label="Đạt")
    page.fill(f"input[name=text_{lines.a1.pk}]", "Thu ngân sách đạt 108% dự toán")
    page.set_input_files(
        "input[name=evidence]", files=[{"name": "bao-cao-thu-ngan-sach.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_role("button", name="Lưu và gửi trưởng khối").click()
    page.wait_for_load_state()
    assert "Đã gửi phiếu tự chấm điểm tới đơn vị trưởng khối." in page.content()
    assert "bao-cao-thu-ngan-sach.pdf" in page.content()
    card.refresh_from_db()
    assert (card.state, card.self_total) == ("submitted", 89)
    # The other two members score themselves; the deputy checks the leader's own card.
    score_and_submit(world, other_unit, deputy, a1=30)
    score_and_submit(world, world.lead, world.lead_officer, a1=20)
    bloc_services.scorecard_check(scorecard=card_of(world.bloc_year, world.lead), adjustments={}, by=deputy)

    # The leader's officer checks the member's card, lowering one line with its reason.
    login(world.lead_officer.username)
    page.goto(f"{live_server.url}{reverse('campaigns:scorecard-detail', args=[card.pk])}")
    page.get_by_role("link", name="Kiểm tra").click()
    page.fill(f"input[name=value_{lines.a1.pk}]", "34")
    page.get_by_role("button", name="Xác nhận đã kiểm tra").click()
    page.wait_for_load_state()
    assert "Ghi lý do khi điều chỉnh điểm của đơn vị." in page.content()
    page.fill(f"input[name=text_{lines.a1.pk}]", "Số thu đã trừ khoản ghi thu ghi chi")
    page.get_by_role("button", name="Xác nhận đã kiểm tra").click()
    page.wait_for_load_state()
    other = card_of(world.bloc_year, other_unit)
    page.goto(f"{live_server.url}{reverse('campaigns:scorecard-check', args=[other.pk])}")
    page.get_by_role("button", name="Xác nhận đã kiểm tra").click()
    page.wait_for_load_state()
    # The bloc meeting: rank, then publish.
    page.fill("input[name=meeting_date]", "05/12/2025")
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Ghi kết quả họp khối, xếp hạng").click()
    page.wait_for_load_state()
    assert "Đã ghi kết quả họp khối và xếp hạng các thành viên." in page.content()
    page.get_by_role("button", name="Công bố kết quả").click()
    page.wait_for_load_state()
    assert "Đã công bố kết quả xếp hạng." in page.content()
    ranked = {c.unit_id: (c.rank, c.checked_total) for c in Scorecard.objects.filter(bloc_year=world.bloc_year)}
    assert ranked[unit.pk] == (1, 87)

    # The member now sees the whole ranking.
    login(officer.username)
    page.goto(f"{live_server.url}{reverse('campaigns:bloc-year-detail', args=[world.bloc_year.pk])}")
    table = page.locator("table").nth(1).inner_text()
    assert "UBND phường Bàng La" in table and "Phòng Giáo dục và Đào tạo" in table and "Đề nghị Cờ thi đua" in table
