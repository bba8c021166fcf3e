"""Nominations through the API give what the web form gives: the same rows, checks, errors and
state moves, because both go through NominationForm and the awards services."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from awards.enums import NominationState as S
from awards.models import Nomination, NominationTransition
from tests.factories import PersonFactory

from ..awards.conftest import pdf_file

pytestmark = pytest.mark.django_db

SUMMARY = "Hoàn thành xuất sắc nhiệm vụ năm; chủ trì số hóa hồ sơ một cửa."


def web_data(person, kind, year, **extra):
    return {
        "nominee_type": "person",
        "nominee_person": person.pk,
        "award_kind": kind.pk,
        "period_kind": "calendar",
        "year": year,
        "basis": "merit",
        "achievement_summary": SUMMARY,
        "attachment_kind": "achievement_report",
        **extra,
    }


def api_data(person, kind, year, **extra):
    return {
        "nominee_person": person.pk,
        "award_kind": kind.pk,
        "period_kind": "calendar",
        "year": year,
        "basis": "merit",
        "achievement_summary": SUMMARY,
        **extra,
    }


def _comparable(n):
    return {
        "unit": n.unit_id,
        "award_kind": n.award_kind_id,
        "year": n.year,
        "basis": n.basis,
        "state": n.state,
        "is_direct_worker": n.is_direct_worker,
        "summary": n.achievement_summary,
        "checks": [(c["code"], c["ok"], c["severity"]) for c in n.checks],
        "attachments": sorted((a.kind, a.file_type) for a in n.attachments.all()),
    }


def test_create_attach_and_submit_match_the_web_form(client_for, officer, unit, kind, this_year, api, unit_token):
    token, key = unit_token
    web_person = PersonFactory(unit=unit, full_name="Nguyễn Văn An", is_direct_worker=True)
    api_person = PersonFactory(unit=unit, full_name="Trần Thị Bình", is_direct_worker=True)
    award = kind("giay-khen-chu-tich")

    web = client_for(officer)
    web.post(reverse("awards:nomination-create"), web_data(web_person, award, this_year, attachment=pdf_file()))
    by_web = Nomination.objects.get(nominee_person=web_person)

    client = api(key)
    created = client.post(reverse("api:nomination-list"), api_data(api_person, award, this_year), format="json")
    assert created.status_code == 201, created.json()
    assert created["Location"] == reverse("api:nomination-detail", args=[created.json()["id"]])
    attached = client.post(
        reverse("api:nomination-attachments", args=[created.json()["id"]]),
        {"kind": "achievement_report", "file": pdf_file()},
        format="multipart",
    )
    assert attached.status_code == 201 and [a["kind"] for a in attached.json()["attachments"]] == ["achievement_report"]
    by_api = Nomination.objects.get(nominee_person=api_person)
    assert by_api.created_by == token.account
    assert _comparable(by_api) == _comparable(by_web)
    assert attached.json()["checks"] == [
        {k: c[k] for k in ("code", "name", "ok", "severity", "message", "legal_basis")} for c in by_api.checks
    ]

    web.post(reverse("awards:nomination-transition", args=[by_web.pk]), {"to_state": S.SUBMITTED, "expected_state": S.DRAFT})
    submitted = client.post(reverse("api:nomination-submit", args=[by_api.pk]), {"expected_state": "draft"}, format="json")
    assert submitted.status_code == 200 and submitted.json()["state"] == S.SUBMITTED
    by_web.refresh_from_db()
    by_api.refresh_from_db()
    assert _comparable(by_api) == _comparable(by_web)
    moves = lambda n: list(NominationTransition.objects.filter(nomination=n).values_list("from_state", "to_state"))  # noqa: E731
    assert moves(by_api) == moves(by_web) == [(S.DRAFT, S.SUBMITTED)]
    assert NominationTransition.objects.get(nomination=by_api).by == token.account


def test_refusals_carry_the_web_forms_vietnamese_messages(
    client_for, officer, unit, other_person, person, kind, this_year, api, unit_token
):
    _, key = unit_token
    award = kind("giay-khen-chu-tich")
    client = api(key)
    web = client_for(officer)

    # A person of another unit is not a choice, in the form as in the API.
    response = client.post(reverse("api:nomination-list"), api_data(other_person, award, this_year), format="json")
    form = web.post(reverse("awards:nomination-create"), web_data(other_person, award, this_year)).context["form"]
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"]["nominee_person"] == form.errors["nominee_person"]
    assert "lựa chọn hợp lệ" in response.json()["errors"]["nominee_person"][0]

    # One nominee, one award kind, one period (Law art. 5): the second attempt is refused.
    assert client.post(reverse("api:nomination-list"), api_data(person, award, this_year), format="json").status_code == 201
    again = client.post(reverse("api:nomination-list"), api_data(person, award, this_year), format="json")
    form = web.post(reverse("awards:nomination-create"), web_data(person, award, this_year)).context["form"]
    assert again.status_code == 400
    assert (
        again.json()["errors"]["non_field_errors"]
        == form.non_field_errors()
        == ["Đối tượng này đã được đề nghị danh hiệu này trong cùng kỳ (Điều 5 Luật Thi đua, khen thưởng 2022)."]
    )
    assert again.json()["title"] == "Dữ liệu không hợp lệ" and again.json()["status"] == 400

    # Campaign-based awards need their campaign.
    third = PersonFactory(unit=unit)
    response = client.post(reverse("api:nomination-list"), api_data(third, award, this_year, basis="campaign"), format="json")
    assert response.json()["errors"]["campaign"] == ["Khen thưởng theo đợt, chuyên đề phải chọn phong trào thi đua."]


def test_submit_refused_while_a_hard_check_fails_like_the_web_button(client_for, officer, unit, kind, this_year, api, unit_token):
    _, key = unit_token
    award = kind("lao-dong-tien-tien")  # not registered for the year: a hard check fails
    web_person, api_person = PersonFactory(unit=unit), PersonFactory(unit=unit)
    web = client_for(officer)
    web.post(reverse("awards:nomination-create"), web_data(web_person, award, this_year))
    by_web = Nomination.objects.get(nominee_person=web_person)
    response = web.post(reverse("awards:nomination-transition", args=[by_web.pk]), {"to_state": S.SUBMITTED, "expected_state": S.DRAFT})
    web_message = [str(m) for m in get_messages(response.wsgi_request)][-1]

    client = api(key)
    pk = client.post(reverse("api:nomination-list"), api_data(api_person, award, this_year), format="json").json()["id"]
    refused = client.post(reverse("api:nomination-submit", args=[pk]), {}, format="json")
    assert refused.status_code == 409
    assert refused.json()["detail"].startswith("Chưa gửi được:")
    assert refused.json()["detail"].replace(api_person.full_name, "X") == web_message.replace(web_person.full_name, "X")
    assert Nomination.objects.get(pk=pk).state == S.DRAFT


def test_patch_updates_drafts_only_and_honours_if_match(api, unit_token, person, kind, this_year):
    _, key = unit_token
    client = api(key)
    created = client.post(reverse("api:nomination-list"), api_data(person, kind("giay-khen-chu-tich"), this_year), format="json")
    url = reverse("api:nomination-detail", args=[created.json()["id"]])
    etag = client.get(url)["ETag"]
    changed = client.patch(url, {"achievement_summary": "Thành tích mới"}, format="json", HTTP_IF_MATCH=etag)
    assert changed.status_code == 200 and changed.json()["achievement_summary"] == "Thành tích mới"
    assert changed.json()["nominee_person"] == person.pk  # untouched fields keep their values
    stale = client.patch(url, {"achievement_summary": "Ghi đè"}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    Nomination.objects.filter(pk=created.json()["id"]).update(state=S.SUBMITTED)
    assert client.patch(url, {"achievement_summary": "Sau khi gửi"}, format="json").status_code == 403


def test_writing_needs_the_write_permission_and_an_officer_scope(api, make_token, unit, person, kind, this_year, whole_token):
    from dosonthidua.api.enums import ApiPermission as P

    _, reader = make_token(unit=unit, permissions=[P.NOMINATIONS_READ])
    data = api_data(person, kind("giay-khen-chu-tich"), this_year)
    assert api(reader).post(reverse("api:nomination-list"), data, format="json").status_code == 403
    # A whole-portal token reads every unit's nominations but, like Phòng Nội vụ, prepares none.
    _, whole = whole_token
    assert api(whole).post(reverse("api:nomination-list"), data, format="json").status_code == 403
    assert not Nomination.objects.exists()


def test_a_file_that_is_not_what_it_claims_is_refused(api, unit_token, person, kind, this_year):
    from django.core.files.uploadedfile import SimpleUploadedFile

    _, key = unit_token
    client = api(key)
    pk = client.post(reverse("api:nomination-list"), api_data(person, kind("giay-khen-chu-tich"), this_year), format="json").json()["id"]
    fake = SimpleUploadedFile("bao-cao.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post(
        reverse("api:nomination-attachments", args=[pk]), {"kind": "achievement_report", "file": fake}, format="multipart"
    )
    assert response.status_code == 400 and response.json()["errors"]["file"]
    assert not Nomination.objects.get(pk=pk).attachments.exists()
