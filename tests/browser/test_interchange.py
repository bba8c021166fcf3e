"""The city's portal receives a ward's proposal in a real browser: the city's reviewer uploads the
ward's interchange package, sees the preview (what maps to the city's units, what is created),
confirms, and finds the ward's nominations in the city's queue with their dossiers."""

import os

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from awards import services
from awards.catalogue import seed, seed_issuers
from awards.enums import NominationState
from awards.interchange import export
from awards.models import InterchangePackage, Nomination
from awards.selectors import kinds_valid_on
from tests.awards.conftest import pdf_file
from tests.factories import PersonFactory, UnitFactory, UserFactory
from units.enums import Role, UnitKind

AWARD = "bang-khen-chu-tich-thanh-pho"


def _ward_package():
    """A ward's proposal package, built in a transaction that is then rolled back: the ward's
    records never exist in the city's database, only the package does."""
    with transaction.atomic():
        seed(apps)
        seed_issuers(apps)
        ward = UnitFactory(name="UBND phường Bàng La", short_code="P-BL", kind=UnitKind.WARD)
        reviewer = UserFactory(username="ward_reviewer", unit=ward, roles=[Role.REVIEWER])
        kind = kinds_valid_on().get(code=AWARD)
        nominations = []
        for name, year in (("Nguyễn Văn An", 1980), ("Đặng Thị Ánh", 1985)):
            person = PersonFactory(unit=ward, full_name=name, birth_year=year, position="Công chức")
            nominations.append(
                Nomination.objects.create(
                    unit=ward,
                    nominee_person=person,
                    nominee_name=name,
                    award_kind=kind,
                    year=timezone.localdate().year,
                    achievement_summary="Hoàn thành xuất sắc nhiệm vụ; dẫn đầu phong trào thi đua của phường.",
                    excellent_completion=True,
                    state=NominationState.APPROVED,
                    created_by=reviewer,
                )
            )
        services.attachment_add(
            nomination=nominations[0], kind="achievement_report", uploaded=pdf_file("Báo cáo thành tích.pdf"), by=reviewer
        )
        proposal = services.proposal_create(
            nominations=nominations, number="31/TTr-UBND", date=timezone.localdate(), subject="Về việc đề nghị tặng Bằng khen", by=reviewer
        )
        _name, data = export.proposal_package(proposal)
        transaction.set_rollback(True)
    return data


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_city_receives_a_ward_proposal_package(page, live_server, login, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    data = _ward_package()
    assert not Nomination.objects.exists()
    with open(os.devnull, "w") as sink:
        call_command("seed_demo", "--level", "city", stdout=sink)
    waiting = Nomination.objects.filter(state=NominationState.SUBMITTED).count()

    login("tp_thamdinh", os.environ.get("DEMO_PASSWORD", "demo12345"))
    page.goto(f"{live_server.url}/khen-thuong/to-trinh/")
    page.click("#interchange-import")
    page.set_input_files("#id_package", files=[{"name": "goi-to-trinh.zip", "mimeType": "application/zip", "buffer": data}])
    page.click("#preview-package")
    preview = page.locator("#package-preview")
    preview.wait_for()
    text = preview.inner_text()
    assert "Ủy ban nhân dân phường Đồ Sơn" in text and "Số 31/TTr-UBND" in text
    # The ward is the city's own unit record; the nominees' unit is new to the city.
    assert "UBND phường Đồ Sơn (đã có, mã P-DOSON)" in text
    assert "UBND phường Bàng La (tạo mới, mã P-BL)" in text
    assert "Nguyễn Văn An" in text and "Đặng Thị Ánh" in text and "Bằng khen của Chủ tịch UBND thành phố" in text
    assert not InterchangePackage.objects.exists()  # nothing imported before the confirmation

    page.click("#confirm-import")
    page.wait_for_load_state("networkidle")
    assert "Tờ trình số 31/TTr-UBND" in page.locator("h1").inner_text()
    assert "Đã nhận 2 đề nghị của Ủy ban nhân dân phường Đồ Sơn." in page.content()
    rows = page.locator("main table tbody tr")
    assert sorted(rows.nth(i).locator("td").first.inner_text() for i in range(rows.count())) == ["Nguyễn Văn An", "Đặng Thị Ánh"]
    assert Nomination.objects.filter(state=NominationState.SUBMITTED).count() == waiting + 2

    # The dossier came with it: the attached report opens from the nomination's page.
    page.get_by_role("link", name="Nguyễn Văn An").click()
    page.wait_for_load_state("networkidle")
    assert "Báo cáo thành tích.pdf" in page.content()
    assert "Nhận qua gói liên thông: Tờ trình số 31/TTr-UBND" in page.content()

    # The same package a second time is refused with the reason, nothing imported.
    page.goto(f"{live_server.url}/khen-thuong/goi-lien-thong/nhap/")
    page.set_input_files("#id_package", files=[{"name": "goi-to-trinh.zip", "mimeType": "application/zip", "buffer": data}])
    page.click("#preview-package")
    assert "Gói này đã được nhập lúc" in page.locator("#package-error").inner_text()
    assert InterchangePackage.objects.count() == 1
