"""Pages of posting, council and decisions: who reaches what, the public objection form, the vote
and decision buttons, documents served, and query counts of the lists."""

import datetime as dt

import pytest
from django.utils import timezone

from awards import services
from awards.enums import NominationState
from awards.models import AgendaItem, Decision, Objection, PublicNotice

pytestmark = pytest.mark.django_db


def test_public_notice_reachable_without_sign_in(client_for, posted):
    posted(["Nguyễn Thị Hoa"], ended=False)
    notice = PublicNotice.objects.get()
    client = client_for(None)
    assert "Danh sách đề nghị" in client.get("/khen-thuong/danh-sach-cong-khai/").content.decode()
    page = client.get(f"/khen-thuong/danh-sach-cong-khai/{notice.pk}/").content.decode()
    assert "Nguyễn Thị Hoa" in page and 'name="website"' in page


def test_public_objection_form_saves_and_honeypot_drops(client_for, posted):
    posted(["Nguyễn Thị Hoa"], ended=False)
    notice = PublicNotice.objects.get()
    client = client_for(None)
    url = f"/khen-thuong/danh-sach-cong-khai/{notice.pk}/"
    data = {"name": "Lê Văn Cử", "contact": "0912 000 111", "content": "Góp ý về thành tích.", "nomination": ""}
    assert client.post(url, data).status_code == 302
    assert client.post(url, {**data, "website": "http://spam.example"}).status_code == 302
    assert list(Objection.objects.values_list("name", flat=True)) == ["Lê Văn Cử"]


def test_ended_notice_is_not_public(client_for, posted):
    posted(["Nguyễn Thị Hoa"], ended=True)
    assert client_for(None).get(f"/khen-thuong/danh-sach-cong-khai/{PublicNotice.objects.get().pk}/").status_code == 404


@pytest.mark.parametrize(
    "url", ["/khen-thuong/cong-khai/", "/khen-thuong/hoi-dong/", "/khen-thuong/quyet-dinh/them/", "/khen-thuong/cong-khai/them/"]
)
def test_staff_pages_refuse_unit_officers(client_for, officer, url):
    assert client_for(officer).get(url).status_code == 403


@pytest.mark.parametrize(
    "url",
    [
        "/khen-thuong/cong-khai/",
        "/khen-thuong/cong-khai/them/",
        "/khen-thuong/hoi-dong/",
        "/khen-thuong/hoi-dong/them/",
        "/khen-thuong/quyet-dinh/them/",
        "/khen-thuong/de-nghi-cap-tren/them/",
    ],
)
def test_reviewer_reaches_procedure_pages(client_for, reviewer, issuers, url):
    assert client_for(reviewer).get(url).status_code == 200


def test_member_votes_through_the_meeting_page(client_for, posted, council, members, reviewer):
    nominations = posted(["Nguyễn Thị Hoa"])
    meeting = services.meeting_create(council=council, date=timezone.localdate(), by=reviewer)
    services.meeting_attendance_set(meeting=meeting, present_member_ids=[m.pk for m in members], by=reviewer)
    services.meeting_agenda_add(meeting=meeting, nominations=nominations, by=reviewer)
    services.meeting_open_voting(meeting=meeting, by=reviewer)
    item = AgendaItem.objects.get()
    client = client_for(members[1].user)
    page = client.get(f"/khen-thuong/hoi-dong/{meeting.pk}/").content.decode()
    assert 'id="cast-vote"' in page
    client.post(f"/khen-thuong/hoi-dong/{meeting.pk}/bo-phieu/", {f"item-{item.pk}": "yes"})
    item.refresh_from_db()
    assert item.yes_count == 1
    assert 'id="cast-vote"' not in client.get(f"/khen-thuong/hoi-dong/{meeting.pk}/").content.decode()
    for member in (members[0], members[2]):
        services.ballot_cast(meeting=meeting, by=member.user, choices={item.pk: "yes"})
    client = client_for(reviewer)
    client.post(f"/khen-thuong/hoi-dong/{meeting.pk}/ket-thuc/", {"conclusion": "Thống nhất."})
    page = client.get(f"/khen-thuong/hoi-dong/{meeting.pk}/").content.decode()
    assert "3/3 thành viên có mặt = 100% ≥ 50,01%" in page
    for kind in ("bien-ban", "ho-so"):
        response = client.get(f"/khen-thuong/hoi-dong/{meeting.pk}/{kind}.pdf")
        assert response["Content-Type"] == "application/pdf"


def test_leader_approves_and_issues_through_pages(client_for, make_nomination, person, issuers, reviewer, leader):
    nomination = make_nomination(person=person, state=NominationState.APPROVED)
    client = client_for(reviewer)
    response = client.post(
        "/khen-thuong/quyet-dinh/them/", {"date": timezone.localdate().strftime("%d/%m/%Y"), "nominations": [nomination.pk]}
    )
    decision = Decision.objects.get()
    assert response.status_code == 302
    assert "approve-decision" not in client.get(f"/khen-thuong/quyet-dinh/{decision.pk}/").content.decode()
    client = client_for(leader)
    assert 'id="approve-decision"' in client.get(f"/khen-thuong/quyet-dinh/{decision.pk}/").content.decode()
    client.post(f"/khen-thuong/quyet-dinh/{decision.pk}/duyet/")
    client.post(f"/khen-thuong/quyet-dinh/{decision.pk}/ban-hanh/")
    decision.refresh_from_db()
    assert decision.number == "01/QĐ-UBND"
    assert client.get(f"/khen-thuong/quyet-dinh/{decision.pk}/pdf/")["Content-Type"] == "application/pdf"
    assert client.get(f"/khen-thuong/quyet-dinh/{decision.pk}/giay-khen/")["Content-Type"] == "application/pdf"
    assert client.get(f"/khen-thuong/quyet-dinh/{decision.pk}/docx/")["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "01/QĐ-UBND" in client_for(leader).get(f"/khen-thuong/ca-nhan/{person.pk}/").content.decode()


@pytest.mark.parametrize("rows", [1, 3])
def test_meeting_list_query_count(rows, client_for, council, members, reviewer, django_assert_num_queries):
    for i in range(rows):
        services.meeting_create(council=council, date=dt.date(2025, 12, 1 + i), by=reviewer)
    client = client_for(reviewer)
    client.get("/khen-thuong/hoi-dong/")
    with django_assert_num_queries(5):  # session, user, notifications badge, awaiting vote, meetings
        response = client.get("/khen-thuong/hoi-dong/")
    assert len(response.context["meetings"]) == rows


@pytest.mark.parametrize("rows", [1, 3])
def test_decision_list_query_count(rows, client_for, approved_factory, issuers, reviewer, django_assert_num_queries):
    for i in range(rows):
        services.decision_draft(nominations=approved_factory([f"Người {i}"]), date=timezone.localdate(), by=reviewer)
    client = client_for(reviewer)
    client.get("/khen-thuong/quyet-dinh/")
    with django_assert_num_queries(4):  # session, user, notifications badge, decisions
        response = client.get("/khen-thuong/quyet-dinh/")
    assert len(response.context["decisions"]) == rows


@pytest.fixture
def approved_factory(make_nomination, unit):
    from tests.factories import PersonFactory

    def make(names):
        return [make_nomination(person=PersonFactory(unit=unit, full_name=n), state=NominationState.APPROVED) for n in names]

    return make


def test_nomination_page_refuses_procedure_moves(client_for, make_nomination, person, reviewer):
    nomination = make_nomination(person=person, state=NominationState.WITH_COUNCIL)
    client = client_for(reviewer)
    page = client.get(f"/khen-thuong/de-nghi/{nomination.pk}/").content.decode()
    assert 'value="approved"' not in page
    client.post(f"/khen-thuong/de-nghi/{nomination.pk}/chuyen/", {"to_state": "approved", "expected_state": "with_council"})
    nomination.refresh_from_db()
    assert nomination.state == NominationState.WITH_COUNCIL


def test_nomination_page_shows_its_posting_and_meeting(client_for, posted, council, members, reviewer):
    nominations = posted(["Nguyễn Thị Hoa"])
    meeting = services.meeting_create(council=council, date=timezone.localdate(), by=reviewer)
    services.meeting_agenda_add(meeting=meeting, nominations=nominations, by=reviewer)
    page = client_for(reviewer).get(f"/khen-thuong/de-nghi/{nominations[0].pk}/").content.decode()
    assert 'id="procedure"' in page and "Danh sách đề nghị" in page and str(meeting) in page


@pytest.mark.parametrize("rows", [1, 3])
def test_notice_lists_query_count(rows, client_for, make_nomination, person, reviewer, django_assert_num_queries):
    nomination = make_nomination(person=person, state=NominationState.VERIFIED)
    for i in range(rows):
        services.notice_publish(title=f"Danh sách {i}", nominations=[nomination], start_date=timezone.localdate(), by=reviewer)
    client = client_for(reviewer)
    client.get("/khen-thuong/cong-khai/")
    with django_assert_num_queries(4):  # session, user, notifications badge, notices with counts
        response = client.get("/khen-thuong/cong-khai/")
    assert len(response.context["notices"]) == rows
    public = client_for(None)
    public.get("/khen-thuong/danh-sach-cong-khai/")
    with django_assert_num_queries(1):  # open notices
        response = public.get("/khen-thuong/danh-sach-cong-khai/")
    assert len(response.context["notices"]) == rows


@pytest.mark.parametrize("rows", [1, 3])
def test_proposal_list_query_count(rows, client_for, approved_factory, issuers, reviewer, kind, django_assert_num_queries):
    from awards.models import Nomination

    for i in range(rows):
        nominations = approved_factory([f"Người {i}"])
        Nomination.objects.filter(pk=nominations[0].pk).update(award_kind=kind("chien-si-thi-dua-thanh-pho"))
        services.proposal_create(
            nominations=Nomination.objects.filter(pk=nominations[0].pk),
            number=f"{i}/TTr",
            date=timezone.localdate(),
            subject="x",
            by=reviewer,
        )
    client = client_for(reviewer)
    client.get("/khen-thuong/de-nghi-cap-tren/")
    with django_assert_num_queries(4):  # session, user, notifications badge, proposals with counts
        response = client.get("/khen-thuong/de-nghi-cap-tren/")
    assert len(response.context["proposals"]) == rows
