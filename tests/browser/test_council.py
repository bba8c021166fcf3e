"""The journey from a verified nomination to a signed decision in a real browser: noivu posts the
list, holds a council meeting with an online secret ballot of three members, drafts the decision;
lanhdao approves and issues it; its PDF carries the number, the name and the reward."""

import datetime as dt
import subprocess

import pytest
from django.apps import apps
from django.utils import timezone

from awards.catalogue import seed, seed_issuers
from awards.enums import NominationState
from awards.models import AgendaItem, AwardRecord, BallotCast, CouncilMember, Nomination
from awards.selectors import council_on, kinds_valid_on
from tests.factories import PersonFactory, UserFactory
from units.enums import Role


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_verified_nomination_to_issued_decision(page, live_server, login, unit, district, tmp_path):
    seed(apps)
    seed_issuers(apps)
    today = timezone.localdate()
    reviewer = UserFactory(username="noivu", unit=district, roles=[Role.REVIEWER], full_name="Đỗ Thị Thu Hà")
    UserFactory(username="lanhdao", unit=district, roles=[Role.LEADER], full_name="Trần Khắc Kiên")
    council = council_on(today)
    for i, name in enumerate(["Trần Khắc Kiên", "Phạm Văn Tuấn", "Lê Thị Hồng Nhung"], start=1):
        user = UserFactory(username=f"hoidong{i}", unit=district, roles=[Role.COUNCIL_MEMBER], full_name=name)
        CouncilMember.objects.create(
            council=council, user=user, full_name=name, position="Trưởng phòng", display_order=i, valid_from=dt.date(2024, 1, 1)
        )
    person = PersonFactory(unit=unit, full_name="Phạm Thị Hồng Nhung", position="Công chức")
    nomination = Nomination.objects.create(
        unit=unit,
        nominee_person=person,
        nominee_name=person.full_name,
        award_kind=kinds_valid_on().get(code="chien-si-thi-dua-co-so"),
        year=today.year,
        achievement_summary="Hoàn thành xuất sắc nhiệm vụ; sáng kiến số hóa hồ sơ một cửa.",
        state=NominationState.VERIFIED,
        created_by=reviewer,
    )

    # Public posting, started long enough ago to have ended.
    login("noivu")
    page.goto(f"{live_server.url}/khen-thuong/cong-khai/them/")
    page.fill("#id_title", "Danh sách đề nghị Chiến sĩ thi đua cơ sở")
    page.fill("#id_start_date", (today - dt.timedelta(days=30)).strftime("%d/%m/%Y"))
    # A start date in the past needs a stated reason, printed on the notice.
    page.fill("#id_backdate_reason", "Danh sách đã niêm yết tại trụ sở từ ngày này.")
    page.check(f"input[name=nominations][value='{nomination.pk}']")
    page.click("input[name=save]")
    page.wait_for_selector("#notice-period")
    assert "5 ngày làm việc" in page.inner_text("#notice-period")
    assert "Lý do: Danh sách đã niêm yết tại trụ sở từ ngày này." in page.inner_text("#notice-backdate")

    # The council meeting: roster, attendance, agenda, online voting.
    page.goto(f"{live_server.url}/khen-thuong/hoi-dong/them/")
    page.fill("#id_secretary_name", "Đỗ Thị Thu Hà")
    page.click("input[name=save]")
    page.wait_for_selector("#quorum")
    for box in page.query_selector_all("input[name=present]"):
        box.check()
    page.click("#save-attendance")
    page.wait_for_load_state("networkidle")
    assert "Có mặt 3/3" in page.inner_text("#quorum")
    page.check(f"#cand-{nomination.pk}")
    page.click("#add-agenda")
    page.wait_for_load_state("networkidle")
    assert "Bỏ phiếu kín; đồng ý ≥ 70% số thành viên có mặt" in page.inner_text("#agenda")
    page.click("#open-voting")
    page.wait_for_load_state("networkidle")
    assert page.inner_text("#meeting-state").strip() == "Đang bỏ phiếu"
    meeting_url = page.url

    for i in (1, 2, 3):
        page.context.clear_cookies()
        login(f"hoidong{i}")
        page.click("text=Bỏ phiếu: phiên họp")  # from the home page panel
        page.check("input[value=yes]" if i < 3 else "input[value=no]")
        page.click("#cast-vote")
        page.wait_for_load_state("networkidle")
        assert "Bạn đã bỏ phiếu" in page.content()
    assert set(BallotCast.objects.values_list("choice", flat=True)) == {""}  # secret: nothing links voter and choice

    page.context.clear_cookies()
    login("noivu")
    page.goto(meeting_url)
    page.click("#close-voting")
    page.wait_for_load_state("networkidle")
    assert "Không đồng ý" in page.inner_text("#agenda")  # 2/3 = 66,67% < 70%
    assert "2/3 thành viên có mặt = 66,67% < 70%" in page.inner_text("#agenda")
    assert AgendaItem.objects.get().result == "not_approved"

    # A not-approved nomination stops here; a second one goes through the same steps unanimously.
    nomination.refresh_from_db()
    assert nomination.state == NominationState.NOT_APPROVED
    second = Nomination.objects.create(
        unit=unit,
        nominee_person=PersonFactory(unit=unit, full_name="Đặng Văn Ánh", position="Chuyên viên"),
        nominee_name="Đặng Văn Ánh",
        award_kind=nomination.award_kind,
        year=today.year,
        achievement_summary="Hoàn thành xuất sắc nhiệm vụ.",
        state=NominationState.VERIFIED,
        created_by=reviewer,
    )
    page.goto(f"{live_server.url}/khen-thuong/cong-khai/them/")
    page.fill("#id_title", "Danh sách bổ sung")
    page.fill("#id_start_date", (today - dt.timedelta(days=30)).strftime("%d/%m/%Y"))
    page.fill("#id_backdate_reason", "Danh sách đã niêm yết tại trụ sở từ ngày này.")
    page.check(f"input[name=nominations][value='{second.pk}']")
    page.click("input[name=save]")
    page.wait_for_selector("#notice-period")
    page.goto(f"{live_server.url}/khen-thuong/hoi-dong/them/")
    page.click("input[name=save]")
    page.wait_for_selector("#quorum")
    for box in page.query_selector_all("input[name=present]"):
        box.check()
    page.click("#save-attendance")
    page.wait_for_load_state("networkidle")
    page.check(f"#cand-{second.pk}")
    page.click("#add-agenda")
    page.wait_for_load_state("networkidle")
    page.click("#open-voting")
    page.wait_for_load_state("networkidle")
    second_url = page.url
    for i in (1, 2, 3):
        page.context.clear_cookies()
        login(f"hoidong{i}")
        page.goto(second_url)
        page.check("input[value=yes]")
        page.click("#cast-vote")
        page.wait_for_load_state("networkidle")
    page.context.clear_cookies()
    login("noivu")
    page.goto(second_url)
    page.click("#close-voting")
    page.wait_for_load_state("networkidle")
    assert "3/3 thành viên có mặt = 100% ≥ 70%" in page.inner_text("#agenda")

    # The decision: drafted by the reviewer, approved and issued by the leader.
    page.goto(f"{live_server.url}/khen-thuong/quyet-dinh/them/")
    page.check(f"input[name=nominations][value='{second.pk}']")
    page.click("input[name=save]")
    page.wait_for_selector("#decision-total")
    assert page.inner_text("#decision-total").strip() == "2.340.000"
    page.context.clear_cookies()
    login("lanhdao")
    page.click("text=Xem quyết định")  # from the home page panel
    page.click("text=(dự thảo)")
    page.click("#approve-decision")
    page.wait_for_load_state("networkidle")
    page.click("#issue-decision")
    page.wait_for_load_state("networkidle")
    assert page.inner_text("#decision-number").strip() == "01/QĐ-UBND"
    pdf = page.request.get(live_server.url + page.get_attribute("#decision-pdf", "href"))
    assert pdf.headers["content-type"] == "application/pdf"
    path = tmp_path / "qd.pdf"
    path.write_bytes(pdf.body())
    text = " ".join(subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout.split())
    for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 01/QĐ-UBND", "Đặng Văn Ánh", "2.340.000", "QUYẾT ĐỊNH"):
        assert expected in text
    record = AwardRecord.objects.get(person__full_name="Đặng Văn Ánh")
    assert record.decision_number == "01/QĐ-UBND"
