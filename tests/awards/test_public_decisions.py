"""The public page of issued decisions: only what the issuing body publishes, only issued ones, and
nothing of the annex beyond names, positions and awards."""

import pytest
from django.urls import reverse
from django.utils import timezone

from awards import services
from awards.enums import NominationState
from awards.services import ProcedureError
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(make_nomination, unit, reviewer, leader):
    def make(names, *, issue=True):
        nominations = [
            make_nomination(
                person=PersonFactory(unit=unit, full_name=name, position="Chuyên viên", birth_year=1977),
                state=NominationState.APPROVED,
            )
            for name in names
        ]
        decision = services.decision_draft(nominations=nominations, date=timezone.localdate(), by=reviewer)
        services.decision_approve(decision=decision, by=leader)
        if issue:
            services.decision_issue(decision=decision, by=leader)
        decision.refresh_from_db()
        return decision

    return make


def test_only_published_issued_decisions_are_public(client_for, issued, reviewer):
    shown = issued(["Nguyễn Văn An"])
    hidden = issued(["Trần Thị Bình"])
    services.decision_publish(decision=shown, by=reviewer)
    page = client_for(None).get(reverse("awards:public-decisions")).content.decode()
    assert shown.number in page and hidden.number not in page
    assert client_for(None).get(reverse("awards:public-decision", args=[hidden.pk])).status_code == 404
    detail = client_for(None).get(reverse("awards:public-decision", args=[shown.pk]))
    assert detail.status_code == 200


def test_the_public_annex_has_no_private_fields(client_for, issued, reviewer):
    decision = issued(["Nguyễn Văn An", "Lê Thị Cúc"])
    services.decision_publish(decision=decision, by=reviewer)
    text = client_for(None).get(reverse("awards:public-decision", args=[decision.pk])).content.decode()
    assert "Nguyễn Văn An" in text and "Lê Thị Cúc" in text and decision.subject in text
    assert "1977" not in text  # birth year
    assert "700.000" not in text and "Tiền thưởng" not in text  # reward amounts
    assert reverse("awards:nomination-detail", args=[decision.items.first().nomination_id]) not in text


def test_a_draft_cannot_be_published_and_withdrawal_hides_it(client_for, issued, reviewer, leader):
    draft = issued(["Phạm Văn Dũng"], issue=False)
    with pytest.raises(ProcedureError, match="Chỉ công bố được quyết định đã ban hành"):
        services.decision_publish(decision=draft, by=reviewer)
    decision = issued(["Đỗ Thị Em"])
    services.decision_publish(decision=decision, by=leader)
    assert decision.published_by == leader
    services.decision_publish(decision=decision, by=leader, publish=False)
    assert decision.published_at is None
    assert client_for(None).get(reverse("awards:public-decision", args=[decision.pk])).status_code == 404


def test_who_may_publish(client_for, issued, officer, council_member, reviewer):
    decision = issued(["Ngô Văn Phúc"])
    url = reverse("awards:decision-publish", args=[decision.pk])
    for user in (officer, council_member):
        assert client_for(user).post(url).status_code == 403
    assert client_for(None).post(url).status_code == 302
    response = client_for(reviewer).post(url)
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.published_at is not None and decision.published_by == reviewer
    assert decision.history.first().history_user == reviewer


def test_public_search_by_number_and_year(client_for, issued, reviewer):
    first, second = issued(["Vũ Văn Giang"]), issued(["Hoàng Thị Hoa"])
    for d in (first, second):
        services.decision_publish(decision=d, by=reviewer)
    page = client_for(None).get(reverse("awards:public-decisions"), {"q": first.number}).content.decode()
    assert first.number in page and second.number not in page
    none = client_for(None).get(reverse("awards:public-decisions"), {"year": "1990"}).content.decode()
    assert "Chưa có quyết định nào được công bố" in none
    assert client_for(None).get(reverse("awards:public-decisions"), {"year": "abc"}).status_code == 200
