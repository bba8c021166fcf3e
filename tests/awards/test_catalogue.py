import datetime as dt

import pytest

from awards.models import AwardKind, AwardPrerequisite, BaseSalary, ConferringRoute, EligibilityRule

CODES = [
    "lao-dong-tien-tien",
    "chien-si-thi-dua-co-so",
    "tap-the-lao-dong-tien-tien",
    "tap-the-lao-dong-xuat-sac",
    "to-dan-pho-van-hoa",
    "giay-khen-chu-tich",
    "chien-si-thi-dua-thanh-pho",
    "co-thi-dua-thanh-pho",
    "bang-khen-chu-tich-thanh-pho",
    "bang-khen-thu-tuong",
    "chien-si-thi-dua-toan-quoc",
]


@pytest.mark.django_db
@pytest.mark.parametrize("code", CODES)
def test_catalogue_seeded_for_both_decrees(code):
    versions = list(AwardKind.objects.filter(code=code).order_by("valid_from").values_list("valid_from", "valid_to"))
    assert versions == [(dt.date(2024, 1, 1), dt.date(2025, 6, 30)), (dt.date(2025, 7, 1), None)]


@pytest.mark.django_db
def test_catalogue_numbers_are_data():
    cstdcs = AwardKind.objects.get(code="chien-si-thi-dua-co-so", valid_from=dt.date(2024, 1, 1))
    assert str(cstdcs.reward_multiplier) == "1.00"
    assert cstdcs.vote_secret is True
    assert str(cstdcs.vote_threshold_percent) == "70.00"
    assert "Điều 23" in cstdcs.legal_basis
    streak = AwardPrerequisite.objects.get(
        kind__code="chien-si-thi-dua-thanh-pho", kind__valid_from=dt.date(2025, 7, 1), rule="award_streak"
    )
    assert (streak.requires_code, streak.years, streak.interval_years) == ("chien-si-thi-dua-co-so", 3, 1)
    assert list(BaseSalary.objects.order_by("valid_from").values_list("amount", flat=True)) == [1_800_000, 2_340_000]
    assert EligibilityRule.objects.count() == 10  # the nine general checks and the dossier check
    assert ConferringRoute.objects.filter(conferring_level="district", action="confer", valid_to=dt.date(2025, 6, 30)).exists()


@pytest.mark.django_db
def test_catalogue_page_lists_kinds(client_for, officer):
    response = client_for(officer).get("/khen-thuong/danh-muc/")
    assert response.status_code == 200
    assert "Chiến sĩ thi đua cơ sở" in response.content.decode()
    assert "Ba năm liên tục đạt Chiến sĩ thi đua cơ sở" in response.content.decode()
