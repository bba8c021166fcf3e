"""Demo: this year's round of the body valid today (Phường Đồ Sơn), dated relative to today so a
newcomer can walk it on the day they try it.

- pds_canbo1 (Phòng Văn hóa – Xã hội) and pds_canbo2 (Phòng Kinh tế, Hạ tầng và Đô thị) have
  nominations in every state: draft, submitted, returned, resubmitted, verified, withdrawn;
- an earlier council meeting of the round (about three weeks ago), voted through the services, its
  decision issued by the ward and a nomination of a city title proposed upward; one approved
  nomination still waits for a decision; one was not approved;
- a posting of the next list that ended before today (its objection answered), and a council meeting
  dated today with attendance taken and the list on its agenda: ready to open voting.

Idempotent: nothing is added when this year's round of these units already has nominations."""

import datetime as dt

from django.utils import timezone

from units.models import Person, Unit, User

from . import services
from .demo import walk
from .enums import NominationState as S
from .models import Nomination, Objection, PublicNotice
from .selectors import council_on, issuing_body_on, kinds_valid_on
from .workdays import _exceptions, is_working_day, posting_end

UNITS = {"PDS-VHXH": "pds_canbo1", "PDS-KT": "pds_canbo2"}
SUMMARY = (
    "Hoàn thành xuất sắc nhiệm vụ được giao; tích cực tham gia phong trào thi đua của phường; "
    "chủ động đổi mới cách làm trong tiếp nhận, giải quyết hồ sơ của người dân."
)
# (unit, person index, award code, target state) for the simple states of the round.
PLAN = [
    ("PDS-VHXH", 0, "lao-dong-tien-tien", S.DRAFT),
    ("PDS-VHXH", 1, "lao-dong-tien-tien", S.SUBMITTED),
    ("PDS-VHXH", 2, "lao-dong-tien-tien", S.RETURNED),
    ("PDS-VHXH", 3, "lao-dong-tien-tien", S.RESUBMITTED),
    ("PDS-VHXH", 9, "giay-khen-chu-tich", S.WITHDRAWN),
    ("PDS-KT", 7, "lao-dong-tien-tien", S.VERIFIED),
]
# The earlier meeting: (unit, index, code, vote) - "yes" is approved, "no" is not approved.
EARLIER = [
    ("PDS-KT", 0, "lao-dong-tien-tien", "yes"),
    ("PDS-KT", 1, "lao-dong-tien-tien", "yes"),
    ("PDS-KT", 2, "giay-khen-chu-tich", "no"),
    ("PDS-VHXH", 7, "lao-dong-tien-tien", "yes"),
    ("PDS-VHXH", 8, "chien-si-thi-dua-thanh-pho", "yes"),
]
# Today's meeting.
TODAY = [
    ("PDS-VHXH", 5, "lao-dong-tien-tien"),
    ("PDS-VHXH", 6, "lao-dong-tien-tien"),
    ("PDS-KT", 3, "lao-dong-tien-tien"),
    ("PDS-KT", 4, "giay-khen-chu-tich"),
]


def _working(day):
    return is_working_day(day, _exceptions(day, day))


def _working_day_before(day):
    day -= dt.timedelta(days=1)
    while not _working(day):
        day -= dt.timedelta(days=1)
    return day


def posting_start_ending_before(day, working_days):
    """The latest start of a ``working_days`` posting whose last day is before ``day``."""
    start = day - dt.timedelta(days=1)
    while posting_end(start, working_days) >= day or not _working(start):
        start -= dt.timedelta(days=1)
    return start


def _people(code):
    unit = Unit.objects.get(short_code=code)
    # The same order as the registrations of the campaigns demo, so these people registered.
    return list(Person.objects.filter(unit=unit, active=True).order_by("full_name", "id")[:10])


def _nominate(people, code, index, kind, officer, year):
    person = people[code][index]
    nomination, _ = Nomination.objects.get_or_create(
        nominee_person=person,
        award_kind=kind,
        year=year,
        defaults={
            "unit": person.unit,
            "nominee_name": person.full_name,
            "achievement_summary": SUMMARY,
            "excellent_completion": True,
            "is_direct_worker": person.is_direct_worker,
            "created_by": officer,
        },
    )
    services.nomination_check(nomination=nomination)
    return nomination


def _verified(nominations, officers, reviewer, leader, start):
    for n in nominations:
        if n.state == S.DRAFT:
            walk(n, S.VERIFIED, officer=officers[n.unit.short_code], reviewer=reviewer, leader=leader, start=start)
    return nominations


def _present_all(meeting, by, absent=0):
    members = list(meeting.attendance.order_by("member__display_order", "id"))
    keep = members[: len(members) - absent] if absent else members
    services.meeting_attendance_set(meeting=meeting, present_member_ids=[a.member_id for a in keep], by=by)
    return [a.member.user for a in keep if a.member.user_id]


def _post(nominations, *, before, reviewer, title):
    """A posting that ran in the past (the posting service only starts one today or later)."""
    days = max(n.award_kind.posting_days for n in nominations)
    start = posting_start_ending_before(before, days)
    notice = PublicNotice.objects.create(
        title=title, start_date=start, working_days=days, end_date=posting_end(start, days), created_by=reviewer
    )
    notice.nominations.set(nominations)
    PublicNotice.objects.filter(pk=notice.pk).update(created_at=timezone.make_aware(dt.datetime.combine(start, dt.time(8))))
    return notice


def seed_ward_round(today):
    """Build this year's round of the body valid today; returns the number of nominations made."""
    year = today.year
    body = issuing_body_on(today)
    council = council_on(today)
    reviewer = User.objects.filter(username="pds_thamdinh").first()
    leader = User.objects.filter(username="pds_chutich").first()
    officers = {code: User.objects.filter(username=name).first() for code, name in UNITS.items()}
    if body is None or council is None or reviewer is None or leader is None or not all(officers.values()):
        return 0
    if body.level not in ("commune", "special_zone") or body.valid_from > today:
        return 0  # the ward's round only exists from the day the ward does
    if Nomination.objects.filter(unit__short_code__in=UNITS, year=year).exists():
        return 0
    kinds = {k.code: k for k in kinds_valid_on(today)}
    people = {code: _people(code) for code in UNITS}
    if any(len(p) < 10 for p in people.values()) or "lao-dong-tien-tien" not in kinds:
        return 0
    ward_start = body.valid_from
    made = 0

    # Nominations in the simple states, submitted over the last two weeks.
    for code, index, award, target in PLAN:
        if award not in kinds:
            continue
        n = _nominate(people, code, index, kinds[award], officers[code], year)
        walk(n, target, officer=officers[code], reviewer=reviewer, leader=leader, start=max(today - dt.timedelta(days=12), ward_start))
        made += 1

    # The earlier meeting of the round, three weeks ago, with its decision and upward proposal. It needs
    # the ward to have existed for the whole story (about seven weeks).
    earlier_day = _working_day_before(today - dt.timedelta(days=21))
    if earlier_day - dt.timedelta(days=28) >= ward_start:
        items = [(code, index, award, vote) for code, index, award, vote in EARLIER if award in kinds]
        noms = [_nominate(people, c, i, kinds[a], officers[c], year) for c, i, a, _v in items]
        _verified(noms, officers, reviewer, leader, earlier_day - dt.timedelta(days=28))
        _post(noms, before=earlier_day, reviewer=reviewer, title=f"Danh sách đề nghị khen thưởng năm {year} (đợt 1)")
        meeting = services.meeting_create(
            council=council,
            date=earlier_day,
            by=reviewer,
            location="Phòng họp số 1, trụ sở UBND phường",
            secretary_name=reviewer.display_name,
        )
        voters = _present_all(meeting, reviewer)
        services.meeting_agenda_add(meeting=meeting, nominations=noms, by=reviewer)
        services.meeting_open_voting(meeting=meeting, by=reviewer, today=earlier_day)
        by_nomination = {n.pk: vote for n, (_c, _i, _a, vote) in zip(noms, items, strict=True)}
        for user in voters:
            choices = {item.pk: by_nomination[item.nomination_id] for item in meeting.items.all()}
            services.ballot_cast(meeting=meeting, by=user, choices=choices)
        services.meeting_close(meeting=meeting, by=reviewer, conclusion="Hội đồng thống nhất đề nghị khen thưởng các trường hợp đạt tỷ lệ.")
        approved = {n.pk: n for n in Nomination.objects.filter(pk__in=[n.pk for n in noms], state=S.APPROVED).select_related("unit")}
        # The ward decides its own titles, except one left waiting; the city title goes upward.
        decision_day = earlier_day + dt.timedelta(days=7)
        mine = [n for n in approved.values() if n.award_kind.conferring_level == "ward"]
        waiting = [n for n in mine if n.unit.short_code == "PDS-VHXH"]
        to_decide = [n for n in mine if n not in waiting]
        if to_decide:
            decision = services.decision_draft(nominations=to_decide, date=decision_day, by=reviewer)
            services.decision_approve(decision=decision, by=leader)
            services.decision_issue(decision=decision, by=leader)
        upward = [n for n in approved.values() if n.award_kind.conferring_level != "ward"]
        if upward:
            services.proposal_create(
                nominations=upward,
                number=f"{len(upward):02d}/TTr-UBND",
                date=decision_day,
                subject=f"Về việc đề nghị tặng danh hiệu thi đua cấp thành phố năm {year}",
                by=reviewer,
            )
        made += len(noms)

    # Today's meeting: the list was posted and its posting ended yesterday at the latest.
    noms = [_nominate(people, c, i, kinds[a], officers[c], year) for c, i, a in TODAY if a in kinds]
    posting_start = posting_start_ending_before(today, max(n.award_kind.posting_days for n in noms))
    _verified(noms, officers, reviewer, leader, max(posting_start - dt.timedelta(days=7), ward_start))
    notice = _post(noms, before=today, reviewer=reviewer, title=f"Danh sách đề nghị khen thưởng năm {year} (đợt 2)")
    objection = Objection.objects.create(
        notice=notice,
        nomination=noms[0],
        name="Nguyễn Văn Bình",
        contact="0912 345 678",
        content="Đề nghị làm rõ số hồ sơ đã số hóa nêu trong thành tích.",
        ip_address="192.0.2.10",
    )
    Objection.objects.filter(pk=objection.pk).update(created_at=timezone.make_aware(dt.datetime.combine(notice.start_date, dt.time(10))))
    services.objection_answer(objection=objection, answer="Đã kiểm tra: 2.150 hồ sơ, có xác nhận của thủ trưởng đơn vị.", by=reviewer)
    meeting = services.meeting_create(
        council=council, date=today, by=reviewer, location="Phòng họp số 1, trụ sở UBND phường", secretary_name=reviewer.display_name
    )
    _present_all(meeting, reviewer, absent=1)
    services.meeting_agenda_add(meeting=meeting, nominations=noms, by=reviewer)
    made += len(noms)
    return made
