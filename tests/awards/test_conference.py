"""The advanced-models conference (issue 14): its level and organiser follow the body valid on its
date, honourees come from the record with their achievements prefilled, changes write history, only
the advisory office assembles it, and its documents (invitations, guest list, booklet) print what it
holds (checked by the text pdftotext extracts, page by page)."""

import datetime as dt
import subprocess

import pytest
from django.core.exceptions import PermissionDenied

from awards import conference as conf
from awards.models import Conference, ConferenceHonouree
from units.enums import Role

from ..factories import UserFactory
from .conferences import conference_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(reviewer, unit, person, issuers):
    return conference_world(reviewer=reviewer, unit=unit, person=person, issuers=issuers)


def pdf_pages(data, tmp_path, *, layout=False):
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    count = int(
        next(
            line
            for line in subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()
            if line.startswith("Pages:")
        ).split()[1]
    )
    pages = []
    for number in range(1, count + 1):
        out = subprocess.run(
            ["pdftotext", *(["-layout"] if layout else []), "-f", str(number), "-l", str(number), str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        )
        pages.append(" ".join(out.stdout.split()))
    return pages


def test_conference_level_and_organiser_follow_the_body_on_its_date(world, reviewer):
    assert (world.conference.level, world.conference.organiser_name) == ("district", "Ủy ban nhân dân quận Đồ Sơn")
    ward = conf.conference_save(
        conference=Conference(
            title="Hội nghị điển hình tiên tiến phường Đồ Sơn",
            date=dt.date(2025, 9, 12),
            location="Nhà văn hóa phường",
            period_start=dt.date(2021, 1, 1),
            period_end=dt.date(2025, 8, 31),
        ),
        by=reviewer,
    )
    assert (ward.level, ward.organiser_name) == ("ward", "Ủy ban nhân dân phường Đồ Sơn")


def test_a_wards_own_conference_in_the_district_era_is_at_ward_level_under_the_wards_name(reviewer, unit, issuers, tmp_path):
    ward = conf.conference_save(
        conference=Conference(
            title="Hội nghị tuyên dương điển hình tiên tiến phường Bàng La",
            unit=unit,
            date=dt.date(2025, 5, 16),
            location="Hội trường UBND phường",
            period_start=dt.date(2021, 1, 1),
            period_end=dt.date(2025, 4, 30),
            signer_title="TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH",
        ),
        by=reviewer,
    )
    assert (ward.level, ward.organiser_name, ward.issuing_body.full_name) == ("ward", "UBND phường Bàng La", "Ủy ban nhân dân quận Đồ Sơn")
    ward.guests.create(person_name="Lê Văn Hải", title="Đồng chí", unit_name="Phòng Nội vụ quận")
    (page,) = pdf_pages(conf.invitations_pdf(ward), tmp_path)
    assert "ỦY BAN NHÂN DÂN PHƯỜNG BÀNG LA" in page and "QUẬN ĐỒ SƠN" not in page
    assert "UBND phường Bàng La trân trọng kính mời Đồng chí Lê Văn Hải, Phòng Nội vụ quận" in page


def test_honourees_come_from_the_record_with_achievements_prefilled(world, person, unit):
    rows = list(world.conference.honourees.order_by("order"))
    assert [(h.name, h.is_collective, h.unit_name) for h in rows] == [
        (unit.name, True, unit.name),
        (person.full_name, False, unit.name),
        (person.full_name, False, unit.name),
    ]
    assert rows[0].achievement == "Mô hình “Phường văn minh”: Giảm 40% rác thải nhựa."
    assert rows[1].achievement == "Người tốt việc tốt: Hiến 300 m² đất làm đường."
    assert rows[2].achievement == "Giấy khen của Chủ tịch UBND năm 2023 (Quyết định số 15/QĐ-UBND ngày 26 tháng 12 năm 2023)".replace(
        "Giấy khen của Chủ tịch UBND", world.award.award_name
    )


def test_candidates_leave_out_chosen_drafts_and_awards_outside_the_period(world, reviewer):
    assert list(conf.exemplar_candidates(world.conference)) == []
    assert world.old_award not in conf.award_candidates(world.conference)
    assert list(conf.award_candidates(world.conference)) == []
    # Adding the same records again adds nothing.
    assert (
        conf.honourees_add(
            conference=world.conference, exemplars=[world.collective, world.draft_exemplar], awards=[world.award], by=reviewer
        )
        == 0
    )
    assert ConferenceHonouree.objects.filter(conference=world.conference).count() == 3


def test_every_change_writes_a_history_row_with_its_reason(world):
    reasons = list(world.conference.history.order_by("history_id").values_list("history_change_reason", flat=True))
    assert reasons == ["Lập hội nghị", "Thêm 3 tập thể, cá nhân được tuyên dương", "Sửa chương trình hội nghị", "Sửa danh sách khách mời"]


@pytest.mark.parametrize("role", [Role.LEADER, Role.PROPAGANDA, Role.UNIT_OFFICER, Role.COUNCIL_MEMBER])
def test_only_the_advisory_office_assembles_a_conference(world, role):
    user = UserFactory(roles=[role])
    with pytest.raises(PermissionDenied):
        conf.honourees_add(conference=world.conference, exemplars=[world.draft_exemplar], by=user)
    with pytest.raises(PermissionDenied):
        conf.conference_save(conference=world.conference, by=user)


def test_invitations_one_page_per_guest(world, tmp_path):
    pages = pdf_pages(conf.invitations_pdf(world.conference), tmp_path)
    assert len(pages) == 2
    first, second = pages
    for page in pages:
        assert "ỦY BAN NHÂN DÂN QUẬN ĐỒ SƠN" in page
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page and "Độc lập - Tự do - Hạnh phúc" in page
        assert "Số: 45/GM-UBND" in page
        assert "Đồ Sơn, ngày 20 tháng 6 năm 2025" in page
        assert "GIẤY MỜI" in page
        assert "08 giờ 00, ngày 20 tháng 6 năm 2025" in page and "Hội trường UBND quận" in page
        assert "Khai mạc hội nghị" in page and "TM. ỦY BAN NHÂN DÂN" in page and "Trần Khắc Kiên" in page
    assert "Kính gửi: Đồng chí Lê Văn Hải, Ban Thi đua – Khen thưởng, Sở Nội vụ" in first
    assert "Kính gửi: Lãnh đạo Hội Cựu chiến binh quận" in second and "Mời 02 đại biểu" in second


def test_guest_list_names_every_guest(world, tmp_path):
    (page,) = pdf_pages(conf.guest_list_pdf(world.conference), tmp_path, layout=True)
    assert "DANH SÁCH KHÁCH MỜI" in page
    assert "1 Đồng chí Lê Văn Hải Ban Thi đua – Khen thưởng, Sở Nội vụ" in page
    assert "2 Hội Cựu chiến binh quận Mời 02 đại biểu" in page
    assert "Tổng số: 2 khách mời." in page


def test_booklet_prints_collectives_then_persons_with_photo(world, person, unit, tmp_path):
    data = conf.booklet_pdf(world.conference)
    text = " ".join(pdf_pages(data, tmp_path))
    assert "KỶ YẾU GƯƠNG ĐIỂN HÌNH TIÊN TIẾN" in text
    collectives, persons = text.split("PHẦN II. CÁ NHÂN TIÊU BIỂU")
    assert "PHẦN I. TẬP THỂ TIÊU BIỂU" in collectives and f"1. {unit.name}" in collectives and "Giảm 40% rác thải nhựa." in collectives
    assert f"1. {person.full_name}" in persons and "Hiến 300 m² đất làm đường." in persons and f"2. {person.full_name}" in persons
    path = tmp_path / "booklet.pdf"
    path.write_bytes(data)
    images = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert len(images) == 1  # the collective's photo; the person's exemplar has none


def test_a_wards_own_conference_needs_a_ward_in_force_on_its_date(district):
    """The form lists the wards of every date, with their dates; a ward merged on 30/06/2025 cannot
    hold a conference in 2026, its successor can."""
    import datetime as dt

    from awards.conference_forms import ConferenceForm
    from tests.factories import UnitFactory
    from units.enums import UnitKind

    old = UnitFactory(name="UBND phường Vạn Hương", kind=UnitKind.WARD, parent=district, valid_to=dt.date(2025, 6, 30))
    new = UnitFactory(name="UBND phường Đồ Sơn", kind=UnitKind.WARD, valid_from=dt.date(2025, 7, 1))
    data = {
        "title": "Hội nghị điển hình tiên tiến năm 2026",
        "date": "15/12/2026",
        "location": "Hội trường UBND phường",
        "period_start": "01/01/2026",
        "period_end": "31/12/2026",
    }
    form = ConferenceForm({**data, "unit": old.pk})
    assert "UBND phường Vạn Hương (đến 30/06/2025)" in dict(form.fields["unit"].choices).values()
    assert not form.is_valid() and form.errors["unit"] == ["UBND phường Vạn Hương không có hiệu lực vào ngày 15/12/2026 (đến 30/06/2025)."]
    form = ConferenceForm({**data, "unit": new.pk})
    assert "unit" not in form.errors
