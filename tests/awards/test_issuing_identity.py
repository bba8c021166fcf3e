"""The deployment's identity by date: level, place name and advisory office of each issuing body."""

import datetime as dt

import pytest
from django.urls import reverse

from awards.catalogue import fill_issuer_identity, level_of
from awards.selectors import issuing_body_on

pytestmark = pytest.mark.django_db


def test_district_until_june_2025_and_ward_from_july(issuers):
    district = issuing_body_on(dt.date(2024, 11, 20))
    assert (district.level, district.area_name) == ("district", "quận Đồ Sơn")
    assert (district.advisory_office, district.advisory_office_head_title) == ("Phòng Nội vụ", "Trưởng phòng Nội vụ")
    assert district.advisory_office_verified
    assert district.conferring_level == "district"
    assert issuing_body_on(dt.date(2025, 6, 30)) == district

    ward = issuing_body_on(dt.date(2025, 7, 1))
    assert (ward.level, ward.area_name) == ("commune", "phường Đồ Sơn")
    assert (ward.advisory_office, ward.advisory_office_head_title) == ("Văn phòng HĐND và UBND", "Chánh Văn phòng HĐND và UBND")
    assert not ward.advisory_office_verified, "the commune's office is a default to verify"
    assert ward.conferring_level == "ward"
    assert issuing_body_on(dt.date(2023, 12, 31)) is None


def test_fill_keeps_what_an_administrator_typed(issuers):
    from django.apps import apps

    ward = issuing_body_on(dt.date(2025, 7, 1))
    ward.advisory_office, ward.advisory_office_head_title, ward.advisory_office_verified = (
        "Phòng Văn hóa – Xã hội",
        "Trưởng phòng Văn hóa – Xã hội",
        True,
    )
    ward.save()
    fill_issuer_identity(apps)
    ward.refresh_from_db()
    assert ward.advisory_office == "Phòng Văn hóa – Xã hội" and ward.advisory_office_verified


@pytest.mark.parametrize(
    "line2, level",
    [
        ("QUẬN ĐỒ SƠN", "district"),
        ("HUYỆN AN LÃO", "district"),
        ("PHƯỜNG NAM ĐỒ SƠN", "commune"),
        ("XÃ AN HƯNG", "commune"),
        ("ĐẶC KHU CÁT HẢI", "special_zone"),
        ("THÀNH PHỐ HẢI PHÒNG", "province"),
    ],
)
def test_level_from_the_name_line(line2, level):
    assert level_of(line2) == level


def test_admin_warns_about_an_unverified_office(issuers, client, django_user_model):
    admin = django_user_model.objects.create_superuser("quantri-test", "qt@example.com", "x-Password-123")
    client.force_login(admin)
    ward = issuing_body_on(dt.date(2025, 7, 1))
    page = client.get(reverse("admin:awards_issuingbody_change", args=[ward.pk]))
    assert page.status_code == 200
    assert "cần xác minh" in page.content.decode()


# --- Who the portal is, by date: pages, role labels, e-mails, date lines -------------------------


def test_pages_show_the_body_valid_today(issuers, client):
    page = client.get("/").content.decode()
    assert "Cổng thi đua, khen thưởng phường Đồ Sơn" in page
    assert "quận Đồ Sơn" not in page and "Phòng Nội vụ" not in page


def test_pages_on_a_2024_date_show_the_district(issuers, client):
    import time_machine

    with time_machine.travel(dt.datetime(2024, 12, 2, 9, 0), tick=False):
        page = client.get("/").content.decode()
    assert "Cổng thi đua, khen thưởng quận Đồ Sơn" in page
    assert "Phòng Nội vụ" in page
    assert "phường Đồ Sơn" not in page


def test_reviewer_role_is_named_by_the_office_valid_on_the_day(issuers, reviewer, client_for):
    import time_machine

    assert "Văn phòng HĐND và UBND (thẩm định)" in client_for(reviewer).get(reverse("profile")).content.decode()
    with time_machine.travel(dt.datetime(2025, 3, 3, 9, 0), tick=False):
        assert reviewer.role_labels == ["Phòng Nội vụ (thẩm định)"]
        assert "Phòng Nội vụ (thẩm định)" in client_for(reviewer).get(reverse("profile")).content.decode()


def test_an_edited_office_renames_the_buttons_and_e_mails(issuers, officer, reviewer, client_for, mailoutbox):
    from units.services import notify
    from units.tasks import notification_email_send

    ward = issuing_body_on(dt.date.today())
    ward.advisory_office, ward.advisory_office_head_title, ward.advisory_office_verified = (
        "Phòng Văn hóa – Xã hội",
        "Trưởng phòng Văn hóa – Xã hội",
        True,
    )
    ward.save()
    assert reviewer.role_labels == ["Phòng Văn hóa – Xã hội (thẩm định)"]
    officer.email = "canbo@example.com"
    officer.save()
    notify(users=[officer], subject="Thử", text="Nội dung", url="/", email=False)
    notification_email_send.run(list(officer.notifications.values_list("pk", flat=True)))
    assert mailoutbox, "the e-mail copy was sent"
    assert mailoutbox[-1].body.endswith("--\nPhòng Văn hóa – Xã hội\nỦy ban nhân dân phường Đồ Sơn")


def test_date_line_takes_the_place_of_the_body_valid_on_the_date(issuers):
    from dosonthidua.documents import document_date_line

    ward = issuing_body_on(dt.date(2025, 7, 1))
    ward.place = "Nam Đồ Sơn"
    ward.save()
    assert document_date_line(dt.date(2025, 1, 5)) == "Đồ Sơn, ngày 05 tháng 01 năm 2025"
    assert (
        document_date_line(dt.date(2025, 7, 5)) == "Nam Đồ Sơn, ngày 05 tháng 7 năm 2025"
    )  # Nghị định 30/2020: a 0 only before days < 10 and months 1, 2


def test_no_template_or_view_names_the_place_the_office_or_the_level():
    """Identity comes from dated data: pages and the Python that words them name no place or office.
    (Seed data, migrations and the document templates, kept by the documents work, are out of scope.)"""
    import pathlib
    import re

    root = pathlib.Path(__file__).resolve().parents[2]
    pattern = re.compile(r"Đồ Sơn|Nội vụ|\bquận\b|QUẬN", re.IGNORECASE)
    checked = [p for p in root.glob("*/templates/**/*.html") if "documents" not in p.parts and ".venv" not in p.parts]
    checked += [p for p in (root / "templates").glob("**/*.html") if "documents" not in p.parts]
    checked += [root / f for f in ("dosonthidua/context_processors.py", "dosonthidua/identity.py", "campaigns/views.py", "awards/rules.py")]
    offenders = [f"{p.relative_to(root)}: {m.group(0)}" for p in checked for m in [pattern.search(p.read_text())] if m]
    assert checked and not offenders
