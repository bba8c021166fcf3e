"""The same portal serves a ward, a district (before 01/07/2025) or the city: one short round at each
level, from the list on the council's agenda to the decision of the body valid that day."""

import datetime as dt
import os
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from awards import services
from awards.enums import NominationState as S
from awards.models import AwardRecord, Nomination, PublicNotice
from awards.selectors import council_on, issuing_body_on, kinds_valid_on, nominations_for_decision
from tests.factories import PersonFactory, UserFactory
from units.enums import Role

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def issuers(db):
    from django.apps import apps

    from awards.catalogue import seed_issuers
    from awards.models import IssuingBody

    if not IssuingBody.objects.exists():
        seed_issuers(apps)


def _vote_and_decide(meeting, reviewer, leader):
    services.meeting_open_voting(meeting=meeting, by=reviewer)
    for attendance in meeting.attendance.filter(present=True).select_related("member__user"):
        services.ballot_cast(meeting=meeting, by=attendance.member.user, choices={i.pk: "yes" for i in meeting.items.all()})
    services.meeting_close(meeting=meeting, by=reviewer)
    approved = list(Nomination.objects.filter(agenda_items__meeting=meeting, state=S.APPROVED))
    decided = list(nominations_for_decision(meeting.date).filter(pk__in=[n.pk for n in approved]))
    decision = services.decision_draft(nominations=decided, date=meeting.date, by=reviewer)
    services.decision_approve(decision=decision, by=leader)
    services.decision_issue(decision=decision, by=leader)
    decision.refresh_from_db()
    return approved, decision


def test_city_level_round(client):
    with open(os.devnull, "w") as sink:
        call_command("seed_demo", "--level", "city", stdout=sink)
    today = timezone.localdate()
    city = issuing_body_on(today)
    assert (city.level, city.advisory_office, city.conferring_level) == ("province", "Sở Nội vụ", "city")
    page = client.get("/").content.decode()
    assert "Cổng thi đua, khen thưởng thành phố Hải Phòng" in page and "phường Đồ Sơn" not in page

    from units.models import User

    reviewer, leader = User.objects.get(username="tp_thamdinh"), User.objects.get(username="tp_chutich")
    assert reviewer.role_labels == ["Sở Nội vụ (thẩm định)"]
    meeting = council_on(today).meetings.get(date=today)
    client.force_login(reviewer)
    assert client.get(reverse("awards:meeting-detail", args=[meeting.pk])).status_code == 200
    approved, decision = _vote_and_decide(meeting, reviewer, leader)
    assert {n.unit.short_code for n in approved} == {"P-DOSON", "P-NAMDOSON"}
    assert decision.issuing_body == city
    records = AwardRecord.objects.filter(nomination__in=approved)
    assert records.count() == len(approved) and {r.issuer_name for r in records} == {"Ủy ban nhân dân thành phố Hải Phòng"}
    assert {r.award_code for r in records} == {"chien-si-thi-dua-thanh-pho", "bang-khen-chu-tich-thanh-pho"}
    # Idempotent.
    with open(os.devnull, "w") as sink:
        call_command("seed_demo", "--level", "city", stdout=sink)
    assert Nomination.objects.filter(year=today.year).count() == len(approved)


def test_district_level_round_before_the_reorganisation(issuers, unit, client):
    """On 10/12/2024 the portal is the district's: its header, its catalogue and its decision."""
    with time_machine.travel(dt.datetime(2024, 12, 10, 9, tzinfo=VN), tick=False):
        today = timezone.localdate()
        district = issuing_body_on(today)
        assert (district.level, district.advisory_office) == ("district", "Phòng Nội vụ")
        assert "Cổng thi đua, khen thưởng quận Đồ Sơn" in client.get("/").content.decode()
        reviewer = UserFactory(username="noivu_q", unit=unit, roles=[Role.REVIEWER])
        leader = UserFactory(username="lanhdao_q", unit=unit, roles=[Role.LEADER])
        council = council_on(today)
        from awards.models import CouncilMember

        for i in range(3):
            member = UserFactory(username=f"hd_q{i}", unit=unit, roles=[Role.COUNCIL_MEMBER])
            CouncilMember.objects.create(
                council=council, user=member, full_name=member.username, display_order=i, valid_from=council.valid_from
            )
        kind = kinds_valid_on(today).get(code="giay-khen-chu-tich")
        assert kind.conferring_level == "district"
        nominations = []
        for name in ("Nguyễn Văn An", "Trần Thị Bình"):
            person = PersonFactory(unit=unit, full_name=name)
            nominations.append(
                Nomination.objects.create(
                    unit=unit, nominee_person=person, nominee_name=name, award_kind=kind, year=2024, state=S.VERIFIED, created_by=reviewer
                )
            )
        notice = PublicNotice.objects.create(
            title="Danh sách", start_date=dt.date(2024, 11, 25), working_days=5, end_date=dt.date(2024, 11, 29), created_by=reviewer
        )
        notice.nominations.set(nominations)
        meeting = services.meeting_create(council=council, date=today, by=reviewer)
        services.meeting_attendance_set(meeting=meeting, present_member_ids=[a.member_id for a in meeting.attendance.all()], by=reviewer)
        services.meeting_agenda_add(meeting=meeting, nominations=nominations, by=reviewer)
        approved, decision = _vote_and_decide(meeting, reviewer, leader)
    assert len(approved) == 2 and decision.issuing_body == district
    assert set(AwardRecord.objects.filter(nomination__in=approved).values_list("issuer_name", flat=True)) == {"Ủy ban nhân dân quận Đồ Sơn"}
