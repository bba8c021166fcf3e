"""In a real browser: an ad-hoc award from the officer's proposal to the issued decision in one sitting
(the simplified procedure: no registration, no posting, no council), and candidates the portal already
knows turned into draft nominations in one step."""

import pytest
from django.apps import apps
from django.utils import timezone

from awards.catalogue import seed, seed_issuers, seed_tracks
from awards.enums import InitiativeKind, NominationBasis, NominationState, RecordSource
from awards.models import AwardKind, AwardRecord, Initiative, Nomination
from tests.factories import PersonFactory, UserFactory, officer_of
from units.enums import Role

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _setup(unit, district):
    seed(apps)  # transactional tests start from an empty catalogue once another one has flushed it
    seed_issuers(apps)
    seed_tracks(apps)
    officer_of(unit, username="canbo1")
    UserFactory(username="noivu", unit=district, roles=[Role.REVIEWER], full_name="Đỗ Thị Thu Hà")
    UserFactory(username="lanhdao", unit=district, roles=[Role.LEADER], full_name="Trần Khắc Kiên")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_ad_hoc_award_from_proposal_to_decision_in_one_sitting(page, live_server, login, unit, district):
    _setup(unit, district)
    person = PersonFactory(unit=unit, full_name="Vũ Văn Dũng", position="Công an viên")
    kind = AwardKind.objects.filter(code="giay-khen-chu-tich").order_by("-valid_from").first()
    today = timezone.localdate()

    login("canbo1")
    page.goto(f"{live_server.url}/khen-thuong/de-nghi/them/")
    page.select_option("#id_nominee_person", str(person.pk))
    page.select_option("#id_award_kind", str(kind.pk))
    page.select_option("#id_basis", NominationBasis.AD_HOC)
    page.fill("#id_event_name", "Dũng cảm cứu hai học sinh đuối nước tại bãi tắm Khu 2")
    page.fill("#id_event_date", today.strftime("%d/%m/%Y"))
    page.fill("#id_achievement_summary", "Lao xuống biển cứu hai học sinh bị sóng cuốn, sơ cứu kịp thời.")
    page.click("button[name=save]")
    page.wait_for_selector("#nomination-state")
    assert "Khen thưởng đột xuất (thủ tục đơn giản)" in page.inner_text("#nomination-track")
    page.click("button[value=submitted]")
    page.wait_for_load_state("networkidle")
    assert page.inner_text("#nomination-state").strip() == "Đã gửi"
    nomination = Nomination.objects.get()

    login("noivu")
    page.goto(f"{live_server.url}/khen-thuong/de-nghi/{nomination.pk}/")
    page.click("button[value=verified]")
    page.wait_for_load_state("networkidle")
    page.click("button[value=approved]")  # "Trình lãnh đạo quyết định (thủ tục đơn giản, không qua Hội đồng)"
    page.wait_for_load_state("networkidle")
    assert page.inner_text("#nomination-state").strip() == "Được duyệt theo thủ tục đơn giản"
    page.goto(f"{live_server.url}/khen-thuong/quyet-dinh/them/")
    page.check(f"input[name=nominations][value='{nomination.pk}']")
    page.locator("main [type=submit]").click()
    page.wait_for_selector("#decision-state")

    login("lanhdao")
    decision_url = f"{live_server.url}/khen-thuong/quyet-dinh/{Nomination.objects.get().decision_item.decision_id}/"
    page.goto(decision_url)
    page.click("#approve-decision")
    page.wait_for_load_state("networkidle")
    page.click("#issue-decision")
    page.wait_for_load_state("networkidle")
    assert page.inner_text("#decision-state").strip() == "Đã ban hành"

    nomination.refresh_from_db()
    assert nomination.state == NominationState.DECIDED and nomination.council_result == ""
    record = AwardRecord.objects.get(person=person)
    assert (record.source, record.award_code) == (RecordSource.DECIDED, "giay-khen-chu-tich")
    states = list(nomination.transitions.order_by("id").values_list("to_state", flat=True))
    assert states == ["submitted", "verified", "approved", "decided"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_candidates_become_draft_nominations_in_one_step(page, live_server, login, unit, district):
    _setup(unit, district)
    year = timezone.localdate().year
    people = [PersonFactory(unit=unit, full_name=n) for n in ("Nguyễn Thị Mai", "Hoàng Văn Nam")]
    for p in people:
        AwardRecord.objects.create(
            person=p,
            award_kind=AwardKind.objects.filter(code="lao-dong-tien-tien").first(),
            award_code="lao-dong-tien-tien",
            award_name="Lao động tiên tiến",
            year=year,
            recipient_name=p.full_name,
            unit_name=unit.name,
            source=RecordSource.IMPORTED,
        )
        initiative = Initiative.objects.create(
            title=f"Số hóa hồ sơ của {p.full_name}", kind=InitiativeKind.INITIATIVE, unit=unit, year=year
        )
        initiative.authors.add(p)

    login("canbo1")
    page.goto(f"{live_server.url}/khen-thuong/de-nghi/")
    page.click("text=Đủ điều kiện theo hồ sơ")
    page.wait_for_selector("text=Chiến sĩ thi đua cơ sở")
    assert "Số hóa hồ sơ của Nguyễn Thị Mai" in page.content()
    page.click("text=Chọn tất cả")
    page.click("text=Lập đề nghị dự thảo cho những người đã chọn")
    page.wait_for_selector(".alert-success")
    assert "Đã lập 2 đề nghị dự thảo" in page.inner_text(".alert-success")
    made = Nomination.objects.filter(award_kind__code="chien-si-thi-dua-co-so", state=NominationState.DRAFT)
    assert sorted(made.values_list("nominee_name", flat=True)) == ["Hoàng Văn Nam", "Nguyễn Thị Mai"]
    assert "Chưa có ai đủ điều kiện theo hồ sơ" in page.content()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_page_of_candidates_selected_at_once_becomes_drafts_and_the_next_page_follows(page, live_server, login, unit, district):
    """27 candidates of one kind: the section shows 25 with its pages; "select all" ticks the rows
    of the page shown (and only them); the drafts are made and the page shows the two left."""
    _setup(unit, district)
    year = timezone.localdate().year
    kind = AwardKind.objects.filter(code="lao-dong-tien-tien").first()
    for i in range(27):
        person = PersonFactory(unit=unit, full_name=f"Cán Bộ Số {i:02d}")
        AwardRecord.objects.create(
            person=person,
            award_kind=kind,
            award_code=kind.code,
            award_name=kind.name,
            year=year,
            recipient_name=person.full_name,
            unit_name=unit.name,
            source=RecordSource.IMPORTED,
        )
        Initiative.objects.create(title=f"Sáng kiến {i:02d}", kind=InitiativeKind.INITIATIVE, unit=unit, year=year).authors.add(person)

    login("canbo1")
    page.goto(f"{live_server.url}/khen-thuong/ung-vien/?year={year}")
    assert "Trang 1/2 · 27 người, tập thể" in page.inner_text("main")
    pager = "nav[aria-label^='Phân trang mục Chiến sĩ thi đua cơ sở']"
    page.click(f"{pager} >> a:text-is('Sau')")
    page.wait_for_selector("text=Trang 2/2")
    assert page.locator("input[name=candidate]").count() == 2
    page.click(f"{pager} >> a:text-is('Trước')")
    page.wait_for_selector("text=Trang 1/2")
    page.click("text=Chọn tất cả trên trang này của mục")
    assert page.locator("input[name=candidate]:checked").count() == 25
    page.click("text=Lập đề nghị dự thảo cho những người đã chọn")
    page.wait_for_selector(".alert-success")
    assert "Đã lập 25 đề nghị dự thảo" in page.inner_text(".alert-success")
    assert Nomination.objects.filter(award_kind__code="chien-si-thi-dua-co-so", state=NominationState.DRAFT).count() == 25
    assert page.locator("input[name=candidate]").count() == 2 and "Trang 1/2" not in page.inner_text("main")
