"""Issue 11: bad input reaches users as Vietnamese messages on the form, never a constraint name, and
over-long text is refused, never cut."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from awards import services
from awards.models import Nomination, Submission

pytestmark = pytest.mark.django_db

CREATE = "/khen-thuong/de-nghi/them/"


def _form(person, kind, year, **extra):
    return {
        "nominee_type": "person",
        "nominee_person": person.pk,
        "award_kind": kind("giay-khen-chu-tich").pk,
        "period_kind": "calendar",
        "year": year,
        "basis": "merit",
        "achievement_summary": "Hoàn thành xuất sắc nhiệm vụ.",
        **extra,
    }


@pytest.mark.parametrize("year", [1999, 1990, "this+2", 2100])
def test_nomination_year_outside_range_gets_a_form_message(client_for, officer, person, kind, this_year, year):
    year = this_year + 2 if year == "this+2" else year
    response = client_for(officer).post(CREATE, _form(person, kind, year))
    page = response.content.decode()
    assert response.status_code == 200
    assert f"Năm xét khen thưởng phải từ 2000 đến {this_year + 1}." in page
    assert "nomination_year_range" not in page
    assert not Nomination.objects.exists()


@pytest.mark.parametrize("year", [2000, "next"])
def test_nomination_year_at_the_edges_is_accepted(client_for, officer, person, kind, this_year, year):
    year = this_year + 1 if year == "next" else year
    response = client_for(officer).post(CREATE, _form(person, kind, year))
    assert response.status_code == 302
    assert Nomination.objects.get().year == year


def test_over_long_summary_is_refused_not_cut(client_for, officer, person, kind, this_year):
    from awards.forms import NominationForm

    limit = NominationForm.base_fields["achievement_summary"].max_length
    if limit is None:
        text = "x" * 5001
        response = client_for(officer).post(CREATE, _form(person, kind, this_year, achievement_summary=text))
        nomination = Nomination.objects.first()
        # TextField: nothing is cut, whatever the length.
        assert response.status_code == 302 and nomination.achievement_summary == text
    else:
        response = client_for(officer).post(CREATE, _form(person, kind, this_year, achievement_summary="x" * (limit + 1)))
        assert response.status_code == 200 and not Nomination.objects.exists()


def test_over_long_number_of_a_submission_is_refused(client_for, officer, person, make_nomination):
    nomination = make_nomination(person=person, by=officer)
    data = {
        "number": "1" * 61,
        "date": "05/01/2026",
        "subject": "Về việc đề nghị khen thưởng",
        "head_title": "Chủ tịch",
        "signer_capacity": "head",
        "signer_title": "Chủ tịch",
    }
    response = client_for(officer).post("/khen-thuong/to-trinh/them/", {**data, "nominations": [nomination.pk]})
    page = response.content.decode()
    assert response.status_code == 200 and "60" in page and "61" in page
    assert not Submission.objects.exists()


def test_submission_number_clash_in_vietnamese(officer, unit):
    kwargs = {
        "unit": unit,
        "number": "12/TTr-UBND",
        "date": dt.date(2026, 1, 5),
        "subject": "Về việc đề nghị khen thưởng",
        "signer_title": "CHỦ TỊCH",
        "signer_name": "",
        "nominations": [],
        "minutes": None,
        "by": officer,
    }
    services.submission_create(**kwargs)
    with pytest.raises(ValidationError) as caught:
        services.submission_create(**kwargs)
    assert caught.value.messages == [f"Số tờ trình này đã được dùng cho đơn vị {unit.name}: hãy kiểm tra lại số tờ trình."]


def test_submission_number_clash_on_the_form(client_for, officer, unit, make_nomination):
    from tests.factories import PersonFactory

    first, second = (make_nomination(person=PersonFactory(unit=unit), by=officer) for _ in range(2))
    data = {
        "number": "12/TTr-UBND",
        "date": "05/01/2026",
        "subject": "Về việc đề nghị khen thưởng",
        "head_title": "Chủ tịch",
        "signer_capacity": "head",
        "signer_title": "Chủ tịch",
    }
    client = client_for(officer)
    assert client.post("/khen-thuong/to-trinh/them/", {**data, "nominations": [first.pk]}).status_code == 302
    page = client.post("/khen-thuong/to-trinh/them/", {**data, "nominations": [second.pk]}).content.decode()
    assert f"Số tờ trình này đã được dùng cho đơn vị {unit.name}" in page
    assert "submission_unit_number_unique" not in page
