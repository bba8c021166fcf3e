"""The demo is never stale: seeded with the clock set to three different days, it holds this year's
round of the body valid that day, and a newcomer can walk it to a decision on that very day."""

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
from awards.models import CouncilMeeting, Decision, Nomination
from awards.selectors import issuing_body_on, posting_blockers
from campaigns.demo import SPECIAL_NAME
from campaigns.models import Campaign, Registration
from units.models import User

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")
DAYS = [dt.datetime(2025, 10, 20, 9, tzinfo=VN), dt.datetime(2026, 12, 1, 9, tzinfo=VN), dt.datetime(2027, 6, 15, 9, tzinfo=VN)]


def _seed():
    with open(os.devnull, "w") as sink:
        call_command("seed_demo", stdout=sink)


def _counts():
    from awards.models import AwardRecord, NominationTransition, PublicNotice

    return tuple(
        m.objects.count() for m in (Nomination, NominationTransition, CouncilMeeting, Decision, PublicNotice, Registration, AwardRecord)
    )


@pytest.mark.parametrize("now", DAYS, ids=lambda d: d.date().isoformat())
def test_demo_is_walkable_on_the_day_it_is_seeded(now, client):
    with time_machine.travel(now, tick=False):
        _seed()
        today = timezone.localdate()
        assert today == now.date()
        ward = issuing_body_on(today)
        assert (ward.area_name, ward.advisory_office) == ("phường Đồ Sơn", "Văn phòng HĐND và UBND")

        # This year's registrations of the ward's units were sent on time and accepted.
        registrations = Registration.objects.filter(
            unit__short_code__in=["PDS-VHXH", "PDS-KT"], campaign__end_date__year=today.year, campaign__kind="regular"
        )
        assert registrations.count() == 2
        assert all(not r.is_late and r.state == "accepted" and r.submitted_at.date() < today for r in registrations)

        # Nominations of this year's round in every state.
        round_ = Nomination.objects.filter(unit__short_code__startswith="PDS", year=today.year)
        assert set(round_.values_list("state", flat=True)) == set(S.values)

        # A posting that has ended, and a meeting dated today ready to vote.
        meeting = CouncilMeeting.objects.get(date=today)
        assert meeting.council.issuing_body == ward and meeting.state == "preparing"
        items = list(meeting.items.select_related("nomination"))
        assert items and all(not posting_blockers(i.nomination) for i in items)
        assert all(max(n.end_date for n in i.nomination.notices.all()) < today for i in items)
        assert services.meeting_quorum(meeting).met

        # The district's history is intact: its 2024 decision names the district.
        district_decision = Decision.objects.get(date=dt.date(2024, 12, 26))
        assert district_decision.issuing_body.area_name == "quận Đồ Sơn"
        special = Campaign.objects.get(name=SPECIAL_NAME)
        assert (special.start_date, special.end_date) == (dt.date(2024, 11, 20), dt.date(2025, 12, 31))
        assert {p.kind for p in special.phases.all()} == {"launch", "interim_review", "final_review"}

        # Pages name the ward and its office.
        reviewer = User.objects.get(username="pds_thamdinh")
        client.force_login(reviewer)
        home = client.get("/").content.decode()
        assert "phường Đồ Sơn" in home and "quận Đồ Sơn" not in home
        assert "Văn phòng HĐND và UBND (thẩm định)" in client.get(reverse("profile")).content.decode()
        assert client.get(reverse("awards:meeting-detail", args=[meeting.pk])).status_code == 200

        # Walk the round to the end today: vote, close, decide.
        services.meeting_open_voting(meeting=meeting, by=reviewer)
        for attendance in meeting.attendance.filter(present=True).select_related("member__user"):
            services.ballot_cast(meeting=meeting, by=attendance.member.user, choices={i.pk: "yes" for i in meeting.items.all()})
        services.meeting_close(meeting=meeting, by=reviewer)
        approved = list(Nomination.objects.filter(agenda_items__meeting=meeting, state=S.APPROVED))
        assert len(approved) == len(items)
        decision = services.decision_draft(nominations=approved, date=today, by=reviewer)
        leader = User.objects.get(username="pds_chutich")
        services.decision_approve(decision=decision, by=leader)
        services.decision_issue(decision=decision, by=leader)
        decision.refresh_from_db()
        assert decision.issuing_body == ward and decision.number.endswith("/QĐ-UBND")
        assert set(Nomination.objects.filter(pk__in=[n.pk for n in approved]).values_list("state", flat=True)) == {S.DECIDED}


def test_demo_is_idempotent_on_a_given_day():
    with time_machine.travel(DAYS[1], tick=False):
        _seed()
        first = _counts()
        _seed()
        assert _counts() == first
