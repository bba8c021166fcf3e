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

        # Pages name the ward and its office (the district only where a dossier came from it).
        reviewer = User.objects.get(username="pds_thamdinh")
        client.force_login(reviewer)
        home = client.get("/").content.decode()
        assert "Cổng thi đua, khen thưởng phường Đồ Sơn" in home and "Cổng thi đua, khen thưởng quận Đồ Sơn" not in home
        assert home.replace("Chuyển giao từ Ủy ban nhân dân quận Đồ Sơn", "").count("quận Đồ Sơn") == 0
        assert "Văn phòng HĐND và UBND (thẩm định)" in client.get(reverse("profile")).content.decode()
        assert client.get(reverse("awards:meeting-detail", args=[meeting.pk])).status_code == 200

        _district_era_is_over(client, today, ward)

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


def _district_era_is_over(client, today, ward):
    """What the reorganisation of 01/07/2025 left, seen by the ward's reviewer (signed in)."""
    from awards.models import Handover
    from campaigns.demo import ward_round_campaign
    from campaigns.selectors import registration_matrix
    from units.demo import DEPARTMENTS, ORGANISATIONS
    from units.models import Unit

    # The district's committee, departments, own centres and organisations ended with it; its schools
    # carry on under the ward of their place.
    ended = [c for c, _n in DEPARTMENTS] + [c for c, _n, _k in ORGANISATIONS] + ["UBND", "TTVHTT", "BQLDA", "TTPTQD"]
    assert set(Unit.objects.filter(short_code__in=ended).values_list("valid_to", flat=True)) == {dt.date(2025, 6, 30)}
    schools = {u.short_code: (u.parent.short_code, u.valid_to) for u in Unit.objects.filter(short_code__in=["THCS-NX", "TH-VH", "MN-BL"])}
    assert schools == {"THCS-NX": ("P-DOSON", None), "TH-VH": ("P-DOSON", None), "MN-BL": ("P-NAMDOSON", None)}
    in_force = set(Unit.objects.in_force_on(today).values_list("short_code", flat=True))
    assert not in_force & set(ended) and {"P-DOSON", "PDS-VHXH", "THCS-NX"} <= in_force

    # This year's campaign of the ward: its registration matrix lists no unit of the district.
    rows, _summary = registration_matrix(campaign=ward_round_campaign(today.year))
    assert not {r["unit"].short_code for r in rows} & set(ended) and {"PDS-VHXH", "PDS-KT"} <= {r["unit"].short_code for r in rows}

    # The handover of 01/07/2025: the district's departments' open dossiers came to the ward, those of
    # the wards merged into Phường Nam Đồ Sơn did not.
    handover = Handover.objects.get()
    assert (handover.effective_date, handover.to_body, handover.at.date()) == (dt.date(2025, 7, 1), ward, dt.date(2025, 7, 1))
    moved = Nomination.objects.filter(pk__in=handover.items.filter(moved=True).values("object_id"))
    left = Nomination.objects.filter(pk__in=handover.items.filter(moved=False).values("object_id"))
    assert {n.unit.short_code for n in moved} == {"GDDT"} and {n.unit.short_code for n in left} == {"P-BANGLA"}
    assert all(n.award_kind.conferring_level == "ward" for n in moved)

    # The queue: the dossier the district received in 11/2024 is there, marked; Bàng La's is not.
    mark = f'href="{reverse("awards:handover-detail", args=[handover.pk])}">Chuyển giao từ Ủy ban nhân dân quận Đồ Sơn ngày 01/07/2025</a>'
    assert mark in client.get("/").content.decode()  # the most overdue, by name
    queue = client.get(reverse("awards:nomination-list"), {"state": "submitted", "work": "current"}).content.decode()
    received = moved.get(state=S.SUBMITTED)
    assert received.nominee_name in queue and mark in queue
    assert not any(n.nominee_name in queue for n in left.filter(state=S.SUBMITTED))
    detail = client.get(reverse("awards:nomination-detail", args=[received.pk])).content.decode()
    assert 'data-origin="handover"' in detail and "Xem biên bản chuyển giao" in detail
    record = client.get(reverse("awards:handover-detail", args=[handover.pk])).content.decode()
    assert "Đã chuyển (3)" in record and "sáp nhập vào UBND phường Nam Đồ Sơn" in record

    # Candidates of this year: nobody of a unit that ended before it.
    page = client.get(reverse("awards:candidate-list"), {"year": today.year}).content.decode()
    if today.year > 2025:
        assert "Phòng Giáo dục và Đào tạo" not in page and "UBND phường Bàng La" not in page


def test_demo_is_idempotent_on_a_given_day():
    with time_machine.travel(DAYS[1], tick=False):
        _seed()
        first = _counts()
        _seed()
        assert _counts() == first
