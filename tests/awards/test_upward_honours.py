"""Upward honours in the catalogue (state orders, medals, honorary titles, the Government's flag), the
documents their dossiers require, and the occasions that gather proposals."""

import pytest
from django.urls import reverse

from awards import services
from awards.catalogue import seed_upward_honours
from awards.eligibility import evaluate
from awards.enums import AttachmentKind, ConferringLevel, NominationState
from awards.models import AwardKind, DossierRequirement, Occasion
from tests.factories import PersonFactory

from .conftest import pdf_file

pytestmark = pytest.mark.django_db

UPWARD = {
    "huan-chuong-lao-dong-hang-ba": ConferringLevel.STATE,
    "huan-chuong-lao-dong-hang-nhat-tap-the": ConferringLevel.STATE,
    "huy-chuong-chien-si-ve-vang": ConferringLevel.STATE,
    "co-thi-dua-chinh-phu": ConferringLevel.STATE,
    "nha-giao-uu-tu": ConferringLevel.STATE,
    "thay-thuoc-nhan-dan": ConferringLevel.STATE,
    "nghe-nhan-uu-tu": ConferringLevel.STATE,
    "bang-khen-thu-tuong-tap-the": ConferringLevel.STATE,
    "bang-khen-chu-tich-thanh-pho-tap-the": ConferringLevel.CITY,
}


def _dossier_result(nomination):
    nomination.refresh_from_db()
    return next(r for r in evaluate(nomination) if r["code"] == "dossier")


def test_the_catalogue_holds_the_upward_honours_at_their_level_in_both_decrees():
    for code, level in UPWARD.items():
        versions = list(AwardKind.objects.filter(code=code).order_by("valid_from"))
        assert len(versions) == 2, code
        assert {v.conferring_level for v in versions} == {level}
        if level == ConferringLevel.STATE:
            # State honours are posted for at least 10 working days before the council.
            assert all(v.posting_days == 10 for v in versions), code


def test_officers_see_no_uncertainty_markers_the_admin_keeps_them():
    for kind in AwardKind.objects.filter(code__in=list(UPWARD)):
        assert "xác minh" not in (kind.legal_basis + kind.criteria_text).lower()
    assert "Cần xác minh" in AwardKind.objects.filter(code="huan-chuong-lao-dong-hang-ba").first().admin_note


def test_a_state_honour_without_its_dossier_is_refused_listing_what_is_missing(make_nomination, unit, officer):
    person = PersonFactory(unit=unit, full_name="Bùi Văn Khánh")
    nomination = make_nomination(person=person, code="huan-chuong-lao-dong-hang-ba")
    result = _dossier_result(nomination)
    assert not result["ok"] and result["severity"] == "hard"
    assert "Báo cáo thành tích" in result["message"]
    assert "Quyết định khen thưởng trước đây" in result["message"]
    assert "Bản trích ngang" in result["message"]
    # The optional confirmation (for enterprises) is never demanded.
    assert "xác nhận đã thực hiện nghĩa vụ thuế" not in result["message"]
    for kind in (AttachmentKind.ACHIEVEMENT_REPORT, AttachmentKind.EARLIER_DECISION):
        services.attachment_add(nomination=nomination, kind=kind, uploaded=pdf_file(), by=officer)
    result = _dossier_result(nomination)
    assert not result["ok"] and "Bản trích ngang" in result["message"] and "Báo cáo thành tích" not in result["message"]
    services.attachment_add(nomination=nomination, kind=AttachmentKind.PROFILE, uploaded=pdf_file(), by=officer)
    assert _dossier_result(nomination)["ok"]


def test_a_collective_state_honour_asks_no_personal_profile(make_nomination, unit):
    nomination = make_nomination(unit=unit, code="huan-chuong-lao-dong-hang-ba-tap-the")
    message = _dossier_result(nomination)["message"]
    assert "Bản trích ngang" not in message and "Quyết định khen thưởng trước đây" in message


def test_a_ward_award_has_no_dossier_check(make_nomination, person):
    nomination = make_nomination(person=person, code="giay-khen-chu-tich")
    assert all(r["code"] != "dossier" for r in evaluate(nomination))


def test_reseeding_keeps_what_administrators_edited():
    from django.apps import apps

    kind = AwardKind.objects.filter(code="nha-giao-uu-tu").order_by("-valid_from").first()
    kind.reward_multiplier = "8.50"
    kind.save(update_fields=["reward_multiplier"])
    requirement = DossierRequirement.objects.get(award_code="nha-giao-uu-tu", attachment_kind=AttachmentKind.PROFILE)
    seed_upward_honours(apps)
    kind.refresh_from_db()
    assert str(kind.reward_multiplier) == "8.50"
    assert DossierRequirement.objects.filter(award_code="nha-giao-uu-tu").count() == 4
    assert DossierRequirement.objects.get(pk=requirement.pk).required


def test_the_catalogue_page_lists_each_dossier(client_for, officer):
    text = client_for(officer).get(reverse("awards:kind-list")).content.decode()
    assert "Hồ sơ cần có" in text and "Bản trích ngang, tóm tắt quá trình công tác" in text
    assert "Công khai ít nhất 10 ngày làm việc trước khi Hội đồng xét" in text


def test_occasions_gather_the_nominations_that_name_them(client_for, make_nomination, person, other_person, officer, reviewer):
    occasion = Occasion.objects.get(name__startswith="Kỷ niệm 50 năm Ngày giải phóng miền Nam")
    mine = make_nomination(person=person, code="bang-khen-thu-tuong", occasion=occasion, state=NominationState.SUBMITTED)
    theirs = make_nomination(person=other_person, code="bang-khen-thu-tuong", occasion=occasion)
    make_nomination(person=PersonFactory(unit=person.unit, full_name="Không Theo Dịp"), code="bang-khen-thu-tuong")
    url = reverse("awards:occasion-detail", args=[occasion.pk])
    staff = client_for(reviewer).get(url).content.decode()
    assert mine.nominee_name in staff and theirs.nominee_name in staff and "Không Theo Dịp" not in staff
    assert "2 đề nghị" in staff
    own = client_for(officer).get(url).content.decode()
    assert mine.nominee_name in own and theirs.nominee_name not in own and "1 đề nghị" in own
    submitted = client_for(reviewer).get(url, {"state": NominationState.SUBMITTED}).content.decode()
    assert mine.nominee_name in submitted and theirs.nominee_name not in submitted
    listing = client_for(officer).get(reverse("awards:occasion-list")).content.decode()
    assert occasion.name in listing


def test_the_nomination_form_offers_active_occasions_only(officer):
    from awards.forms import NominationForm

    closed = Occasion.objects.create(name="Dịp đã đóng", date="2024-01-01", active=False)
    choices = set(NominationForm(user=officer).fields["occasion"].queryset)
    assert closed not in choices and Occasion.objects.filter(active=True).count() == len(choices) >= 4
