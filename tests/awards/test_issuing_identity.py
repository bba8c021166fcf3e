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
