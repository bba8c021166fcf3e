"""Demo data of the awards app, relative to today's date.

- The district era (to 30/06/2025): past decided awards (so streak checks show something), an
  initiative, the district's 2024 round (nominations of canbo1 at P-BANGLA and canbo2 at GDDT in every
  state, a council meeting on 16/12/2024 and a decision of the district on 26/12/2024, an upward
  proposal), and work the district left open when it was abolished, handed over to Phường Đồ Sơn on
  01/07/2025 (what concerns the wards merged into Phường Nam Đồ Sơn stays, listed with the reason).
- The current round of Phường Đồ Sơn (this year): nominations of pds_canbo1 and pds_canbo2 in every
  state; an earlier council meeting of the round, voted, with its decision and upward proposal; and a
  posting that ended before today with a council meeting ready to vote today.

Idempotent: rows are found by natural keys. Runs after campaigns' demo (order 30)."""

import datetime as dt

import time_machine
from django.db import transaction
from django.utils import timezone

from units.models import Person, Unit, User

from . import services
from .enums import NominationState as S
from .enums import PeriodKind, RecordSource
from .models import AwardKind, AwardRecord, Initiative, Nomination, NominationTransition, Submission
from .selectors import kinds_valid_on

DEMO_YEAR = 2024  # the district's last full round
PATHS = {
    S.DRAFT: [],
    S.SUBMITTED: [S.SUBMITTED],
    S.RETURNED: [S.SUBMITTED, S.RETURNED],
    S.RESUBMITTED: [S.SUBMITTED, S.RETURNED, S.RESUBMITTED],
    S.VERIFIED: [S.SUBMITTED, S.VERIFIED],
    S.WITH_COUNCIL: [S.SUBMITTED, S.VERIFIED, S.WITH_COUNCIL],
    S.APPROVED: [S.SUBMITTED, S.VERIFIED, S.WITH_COUNCIL, S.APPROVED],
    S.NOT_APPROVED: [S.SUBMITTED, S.VERIFIED, S.WITH_COUNCIL, S.NOT_APPROVED],
    S.DECIDED: [S.SUBMITTED, S.VERIFIED, S.WITH_COUNCIL, S.APPROVED, S.DECIDED],
    S.PROPOSED_UPWARD: [S.SUBMITTED, S.VERIFIED, S.WITH_COUNCIL, S.APPROVED, S.PROPOSED_UPWARD],
    S.WITHDRAWN: [S.WITHDRAWN],
}
COMMENTS = {
    S.RETURNED: "Đề nghị bổ sung báo cáo thành tích có xác nhận của thủ trưởng đơn vị.",
    S.VERIFIED: "Hồ sơ đầy đủ, đủ điều kiện trình Hội đồng.",
    S.NOT_APPROVED: "Không đạt tỷ lệ phiếu đồng ý theo quy định.",
    S.WITHDRAWN: "Đơn vị rút đề nghị do trùng thành tích đã khen.",
}
# (unit code, person index, award code, target state)
PLAN = [
    ("P-BANGLA", 0, "giay-khen-chu-tich", S.DRAFT),
    ("P-BANGLA", 1, "giay-khen-chu-tich", S.SUBMITTED),
    ("P-BANGLA", 2, "giay-khen-chu-tich", S.RETURNED),
    ("P-BANGLA", 3, "giay-khen-chu-tich", S.RESUBMITTED),
    ("P-BANGLA", 4, "giay-khen-chu-tich", S.VERIFIED),
    ("P-BANGLA", 5, "lao-dong-tien-tien", S.DRAFT),
    ("P-BANGLA", 0, "chien-si-thi-dua-thanh-pho", S.DRAFT),
    ("GDDT", 0, "lao-dong-tien-tien", S.WITH_COUNCIL),
    ("GDDT", 1, "lao-dong-tien-tien", S.APPROVED),
    ("GDDT", 2, "lao-dong-tien-tien", S.NOT_APPROVED),
    ("GDDT", 3, "lao-dong-tien-tien", S.DECIDED),
    ("GDDT", 4, "chien-si-thi-dua-thanh-pho", S.PROPOSED_UPWARD),
    ("GDDT", 5, "giay-khen-chu-tich", S.WITHDRAWN),
    ("GDDT", 1, "chien-si-thi-dua-co-so", S.SUBMITTED),
]


def _at(day, hour=9):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def walk(nomination, target, *, officer, reviewer, leader, start):
    """Write the history of a demo nomination up to ``target`` as it happened: one transition a
    working day apart from ``start`` (never after today), by whoever makes each move."""
    state, day, today = S.DRAFT, start, timezone.localdate()
    fields = {"created_at": _at(min(start, today), 8)}
    for step in PATHS[target]:
        by = officer if step in (S.SUBMITTED, S.RESUBMITTED, S.WITHDRAWN) else (leader if step == S.DECIDED and leader else reviewer)
        row = NominationTransition.objects.create(
            nomination=nomination, from_state=state, to_state=step, by=by, comment=COMMENTS.get(step, "")
        )
        NominationTransition.objects.filter(pk=row.pk).update(at=_at(min(day, today)))
        if step in (S.SUBMITTED, S.RESUBMITTED):
            fields["submitted_at"] = _at(min(day, today))
        state, day = step, day + dt.timedelta(days=3 if day.weekday() == 4 else 1)
    fields.update(state=state, state_changed_at=_at(min(day, today)))
    if S.VERIFIED in PATHS[target]:
        fields.update(review_recommendation="agree", review_note=COMMENTS[S.VERIFIED], reviewed_by=reviewer)
    elif target in (S.RETURNED, S.RESUBMITTED):
        fields.update(review_note=COMMENTS[S.RETURNED], reviewed_by=reviewer)
    Nomination.objects.filter(pk=nomination.pk).update(**fields)
    nomination.refresh_from_db()


def issuer_name_on(date):
    from .selectors import issuing_body_on

    body = issuing_body_on(date)
    return body.full_name if body else ""


def _people(code):
    unit = Unit.objects.filter(short_code=code).first()
    return unit, list(Person.objects.filter(unit=unit, active=True).order_by("id")[:8]) if unit else []


def _record(person, code, year, number):
    kind = AwardKind.objects.filter(code=code).order_by("-valid_from").first()
    AwardRecord.objects.get_or_create(
        person=person,
        award_code=code,
        period_kind="calendar",
        year=year,
        defaults={
            "award_kind": kind,
            "award_name": kind.name,
            "recipient_name": person.full_name,
            "unit_name": person.unit.name,
            "decision_number": number,
            "decision_date": dt.date(year, 12, 20),
            "issuer_name": issuer_name_on(dt.date(year, 12, 20)),
            "source": RecordSource.IMPORTED,
        },
    )


@transaction.atomic
def seed(stdout=None):
    officer1 = User.objects.filter(username="canbo1").first()
    officer2 = User.objects.filter(username="canbo2").first()
    reviewer = User.objects.filter(username="noivu").first()
    leader = User.objects.filter(username="lanhdao").first()
    if not (officer1 and officer2 and reviewer):
        if stdout:
            stdout.write("awards: demo users missing, skipped")
        return
    ward, ward_people = _people("P-BANGLA")
    dept, dept_people = _people("GDDT")
    # Past decided awards: a full three-year streak, and one broken by a year.
    for person in (ward_people[0], dept_people[4]):
        for year, number in ((DEMO_YEAR - 2, "18/QĐ-UBND"), (DEMO_YEAR - 1, "21/QĐ-UBND"), (DEMO_YEAR, "25/QĐ-UBND")):
            _record(person, "lao-dong-tien-tien", year, number)
            _record(person, "chien-si-thi-dua-co-so", year, number)
    for year in (DEMO_YEAR - 3, DEMO_YEAR - 1):
        _record(ward_people[1], "chien-si-thi-dua-co-so", year, "12/QĐ-UBND")
    for person in dept_people[:4]:
        _record(person, "lao-dong-tien-tien", DEMO_YEAR - 1, "21/QĐ-UBND")
    for person in (ward_people[0], dept_people[4]):
        initiative, _ = Initiative.objects.get_or_create(
            title=f"Số hóa quy trình tiếp nhận hồ sơ – {person.full_name}",
            defaults={"unit": person.unit, "year": DEMO_YEAR, "scope": 3, "recognition_decision": "105/QĐ-HĐSK ngày 10/11/2024"},
        )
        initiative.authors.add(person)

    kinds = {k.code: k for k in kinds_valid_on(dt.date(DEMO_YEAR, 12, 1))}
    created = 0
    officers = {"P-BANGLA": officer1, "GDDT": officer2}
    for unit_code, index, code, target in PLAN:
        people = ward_people if unit_code == "P-BANGLA" else dept_people
        if index >= len(people) or code not in kinds:
            continue
        person, officer = people[index], officers[unit_code]
        if Nomination.objects.filter(nominee_person=person, award_kind__code=code, year=DEMO_YEAR).exists():
            continue
        nomination = Nomination.objects.create(
            unit=person.unit,
            nominee_person=person,
            nominee_name=person.full_name,
            award_kind=kinds[code],
            year=DEMO_YEAR,
            achievement_summary=(
                "Hoàn thành xuất sắc nhiệm vụ được giao; tích cực tham gia phong trào thi đua đặc biệt chào mừng "
                "đại hội Đảng bộ các cấp; chủ trì số hóa hồ sơ thủ tục hành chính."
            ),
            excellent_completion=index % 2 == 0,
            is_direct_worker=person.is_direct_worker,
            created_by=officer,
        )
        services.nomination_check(nomination=nomination)
        walk(nomination, target, officer=officer, reviewer=reviewer, leader=leader, start=dt.date(DEMO_YEAR, 11, 15))
        fields = {}
        if S.APPROVED in PATHS[target]:
            fields["council_result"] = "approved"
        elif target == S.NOT_APPROVED:
            fields.update(council_result="not_approved", council_note=COMMENTS[S.NOT_APPROVED])
        Nomination.objects.filter(pk=nomination.pk).update(**fields)
        if target == S.DECIDED:
            AwardRecord.objects.get_or_create(
                person=person,
                award_code=code,
                period_kind="calendar",
                year=DEMO_YEAR,
                defaults={
                    "award_kind": kinds[code],
                    "award_name": kinds[code].name,
                    "recipient_name": person.full_name,
                    "unit_name": person.unit.name,
                    "decision_number": "30/QĐ-UBND",
                    "decision_date": dt.date(DEMO_YEAR, 12, 26),
                    "issuer_name": issuer_name_on(dt.date(DEMO_YEAR, 12, 26)),
                    "source": RecordSource.DECIDED,
                    "nomination": nomination,
                },
            )
        created += 1
    if ward is not None and not Submission.objects.filter(unit=ward, number="15/TTr-UBND").exists():
        submission = Submission.objects.create(
            unit=ward,
            number="15/TTr-UBND",
            date=dt.date(DEMO_YEAR, 12, 10),
            subject=f"Về việc đề nghị tặng Giấy khen của Chủ tịch UBND quận năm {DEMO_YEAR}",
            signer_title="CHỦ TỊCH",
            signer_name="Nguyễn Văn Hùng",
            created_by=officer1,
            submitted_at=timezone.make_aware(dt.datetime(DEMO_YEAR, 12, 10, 9)),
        )
        Nomination.objects.filter(unit=ward, award_kind__code="giay-khen-chu-tich", year=DEMO_YEAR).exclude(state=S.DRAFT).update(
            submission=submission
        )
    _seed_procedure(reviewer=reviewer, leader=leader, officer=officer2, people=dept_people, ward_people=ward_people, kinds=kinds)
    _hand_over_the_district()
    from .demo_round import seed_ward_round

    round_made = seed_ward_round(timezone.localdate())
    if stdout:
        stdout.write(
            f"awards: {created} district-era nominations, {round_made} of this year's ward round, {AwardRecord.objects.count()} award records"
        )


COUNCIL_ROSTER = [
    ("hoidong1", "Chủ tịch Hội đồng", "Chủ tịch UBND"),
    ("hoidong2", "Phó Chủ tịch thường trực", "Trưởng phòng Nội vụ"),
    ("hoidong3", "Ủy viên", "Chủ tịch Hội Liên hiệp Phụ nữ"),
    ("hoidong4", "Ủy viên", "Trưởng phòng Tài chính – Kế hoạch"),
    ("hoidong5", "Ủy viên", "Chủ tịch Ủy ban MTTQ Việt Nam"),
]
MEETING_DATE = dt.date(DEMO_YEAR, 12, 16)
DECISION_DATE = dt.date(DEMO_YEAR, 12, 26)
# The district's council roster; the ward's council (from 01/07/2025) has its own members.
WARD_COUNCIL_ROSTER = [
    ("pds_hoidong1", "Chủ tịch Hội đồng", "Chủ tịch UBND phường"),
    ("pds_hoidong2", "Phó Chủ tịch thường trực", "Chánh Văn phòng HĐND và UBND phường"),
    ("pds_hoidong3", "Ủy viên", "Chủ tịch Ủy ban MTTQ Việt Nam phường"),
    ("pds_hoidong4", "Ủy viên", "Trưởng phòng Kinh tế, Hạ tầng và Đô thị"),
    ("pds_hoidong5", "Ủy viên", "Trưởng phòng Văn hóa – Xã hội"),
]


def _seed_procedure(*, reviewer, leader, officer, people, ward_people, kinds):
    """Issue 5 demo: the council roster, a list posted now (with an answered and an open objection),
    a closed council meeting voted online through the services, and an issued decision."""
    from django.apps import apps

    from .catalogue import seed_calendar
    from .models import Council, CouncilMeeting, CouncilMember, Decision, PublicNotice
    from .selectors import council_on

    # Public holidays from the district's last round to next year (editable in the admin afterwards).
    seed_calendar(apps, years=range(DEMO_YEAR, timezone.localdate().year + 2))
    if leader is None or "giay-khen-chu-tich" not in kinds:
        return
    for council in Council.objects.all():
        roster = COUNCIL_ROSTER if council.valid_to and council.valid_to < dt.date(2025, 7, 1) else WARD_COUNCIL_ROSTER
        for order, (username, role, position) in enumerate(roster):
            user = User.objects.filter(username=username).first()
            if user is not None:
                CouncilMember.objects.get_or_create(
                    council=council,
                    user=user,
                    defaults={
                        "full_name": user.display_name,
                        "council_role": role,
                        "position": position,
                        "display_order": order,
                        "valid_from": council.valid_from,
                        "valid_to": council.valid_to,
                    },
                )
    _seed_upward(reviewer)
    _seed_upper_decisions(reviewer)
    if CouncilMeeting.objects.filter(date=MEETING_DATE).exists():
        return
    council = council_on(MEETING_DATE)
    if council is None:
        return
    # Three Giấy khen nominations of GDDT taken through the whole procedure with the services.
    nominations = []
    taken = set(
        Nomination.objects.filter(award_kind__code="giay-khen-chu-tich", year=DEMO_YEAR).values_list("nominee_person_id", flat=True)
    )
    for person in [p for p in people + ward_people if p.pk not in taken][:3]:
        nomination, _ = Nomination.objects.get_or_create(
            nominee_person=person,
            award_kind=kinds["giay-khen-chu-tich"],
            year=DEMO_YEAR,
            defaults={
                "unit": person.unit,
                "nominee_name": person.full_name,
                "achievement_summary": "Hoàn thành xuất sắc nhiệm vụ năm học; có đóng góp trong phong trào thi đua đặc biệt.",
                "created_by": officer,
                "state": S.VERIFIED,
                "review_recommendation": "agree",
                "reviewed_by": reviewer,
            },
        )
        nominations.append(nomination)
    nominations = [n for n in nominations if n.state == S.VERIFIED]
    if len(nominations) < 3:
        return
    notice = PublicNotice.objects.create(
        title=f"Danh sách đề nghị tặng Giấy khen năm {DEMO_YEAR} (đợt 1)",
        start_date=dt.date(DEMO_YEAR, 12, 1),
        working_days=5,
        end_date=dt.date(DEMO_YEAR, 12, 5),
        created_by=reviewer,
    )
    notice.nominations.set(nominations)
    # The district's council acts on its meeting day and its leader on the decision's, as the district
    # then (its catalogue and competence; a former body's work is not the ward's to go on with).
    with time_machine.travel(timezone.make_aware(dt.datetime.combine(MEETING_DATE, dt.time(9))), tick=True):
        meeting = services.meeting_create(
            council=council, date=MEETING_DATE, by=reviewer, location="Phòng họp tầng 2, trụ sở UBND", secretary_name="Đỗ Thị Thu Hà"
        )
        members = list(meeting.attendance.select_related("member__user"))
        absent = members[-1].member_id if len(members) > 3 else None
        services.meeting_attendance_set(
            meeting=meeting, present_member_ids=[a.member_id for a in members if a.member_id != absent], by=reviewer
        )
        services.meeting_agenda_add(meeting=meeting, nominations=nominations, by=reviewer)
        services.meeting_open_voting(meeting=meeting, by=reviewer)
        items = list(meeting.items.order_by("id"))
        for index, attendance in enumerate(a for a in members if a.member_id != absent):
            if attendance.member.user is None:
                continue
            # The last nominee gets one vote only: the minutes show a "not approved" with its arithmetic.
            choices = {item.pk: ("no" if item == items[-1] and index > 0 else "yes") for item in items}
            services.ballot_cast(meeting=meeting, by=attendance.member.user, choices=choices)
        services.meeting_close(
            meeting=meeting,
            by=reviewer,
            conclusion="Hội đồng thống nhất đề nghị Chủ tịch UBND tặng Giấy khen cho các trường hợp đạt tỷ lệ.",
        )
    with time_machine.travel(timezone.make_aware(dt.datetime.combine(DECISION_DATE, dt.time(9))), tick=True):
        approved = list(Nomination.objects.filter(pk__in=[n.pk for n in nominations], state=S.APPROVED))
        if approved and not Decision.objects.filter(date=DECISION_DATE).exists():
            decision = services.decision_draft(nominations=approved, date=DECISION_DATE, by=reviewer)
            services.decision_approve(decision=decision, by=leader)
            services.decision_issue(decision=decision, by=leader)


def _seed_upward(reviewer):
    """The demo nomination already proposed upward gets its cover submission to the city."""
    from .models import UpwardItem, UpwardProposal
    from .selectors import issuing_body_on, signer_on

    pending = Nomination.objects.filter(state=S.PROPOSED_UPWARD, upward_item__isnull=True)
    date = dt.date(DEMO_YEAR, 12, 20)
    body = issuing_body_on(date)
    if not pending.exists() or body is None or UpwardProposal.objects.filter(number="18/TTr-UBND").exists():
        return
    proposal = UpwardProposal.objects.create(
        issuing_body=body,
        signer=signer_on(body, date),
        number="18/TTr-UBND",
        date=date,
        subject=f"Về việc đề nghị tặng danh hiệu Chiến sĩ thi đua thành phố năm {DEMO_YEAR}",
        state="sent",
        created_by=reviewer,
    )
    for nomination in pending:
        UpwardItem.objects.create(proposal=proposal, nomination=nomination)


# The upper levels' decisions of the statistical year 2025 for the district's schools, as their
# published lists are entered (source "imported": no nomination of ours): state honours of the 50th
# anniversary of 30/4 and of 20/11, so forms 0602 and 0603 have figures. Demo numbers.
UPPER_DECISIONS = [
    ("Trường THCS Ngọc Xuyên", 0, "huan-chuong-lao-dong-hang-ba", "786/QĐ-CTN", dt.date(2025, 4, 25), "Chủ tịch nước"),
    ("Trường THCS Ngọc Xuyên", None, "bang-khen-thu-tuong-tap-the", "1245/QĐ-TTg", dt.date(2025, 6, 10), "Thủ tướng Chính phủ"),
    ("Trường Tiểu học Vạn Hương", 1, "bang-khen-thu-tuong", "1245/QĐ-TTg", dt.date(2025, 6, 10), "Thủ tướng Chính phủ"),
    ("Trường Tiểu học Vạn Hương", 2, "nha-giao-uu-tu", "2102/QĐ-CTN", dt.date(2025, 11, 14), "Chủ tịch nước"),
]
CITY_RESULT = ("1025/QĐ-UBND", dt.date(2025, 3, 14))


def _seed_upper_decisions(reviewer):
    """The city's answer to the district's proposal of 20/12/2024 (recorded by the advisory office on
    the decision's day, as the district then) and the state's decisions of 2025 entered from their
    lists. Done once."""
    from .enums import UpwardResult
    from .models import UpwardItem

    pending = UpwardItem.objects.filter(proposal__number="18/TTr-UBND", result=UpwardResult.PENDING).select_related("nomination")
    number, day = CITY_RESULT
    with time_machine.travel(timezone.make_aware(dt.datetime.combine(day, dt.time(15))), tick=True):
        for item in pending:
            services.proposal_record_result(
                item=item, result=UpwardResult.CONFERRED, decision_number=number, decision_date=day, by=reviewer
            )
    rows = []
    for unit_name, index, code, number, day, issuer in UPPER_DECISIONS:
        unit = Unit.objects.filter(name=unit_name).first()
        kind = AwardKind.objects.filter(code=code, valid_from__lte=day).order_by("-valid_from").first()
        person = Person.objects.filter(unit=unit).order_by("id")[index : index + 1].first() if unit and index is not None else None
        if unit is None or kind is None or (index is not None and person is None):
            continue
        rows.append(
            {
                "person": person,
                "unit": None if person else unit,
                "award_kind": kind,
                "award_code": code,
                "award_name": kind.name,
                "period_kind": PeriodKind.CALENDAR_YEAR,
                "year": day.year,
                "recipient_name": person.full_name if person else unit.name,
                "unit_name": unit.name,
                "decision_number": number,
                "decision_date": day,
                "issuer_name": issuer,
            }
        )
    services.records_import(rows=rows, by=reviewer)


def _hand_over_the_district():
    """On 01/07/2025 the district's open work passed to Phường Đồ Sơn, the body the portal serves from
    that day (awards.handover), reviewed and confirmed by the administrator that morning: the open
    dossiers of the district's departments (which ended with it) and of the wards merged into Phường
    Đồ Sơn moved to the ward's catalogue and queue; those of the wards merged into Phường Nam Đồ Sơn
    did not (listed with the reason: they go to that ward). Each body names its unit, so the
    handover knows which dossiers are the ward's. Done once; dated that morning."""
    from campaigns.models import StateChange

    from .enums import HandoverKind
    from .handover import HandoverError, handover_apply, successor_of
    from .models import Handover
    from .selectors import issuing_body_on

    district = issuing_body_on(dt.date(2025, 6, 30))
    ward = successor_of(district) if district else None
    admin = User.objects.filter(username="admin", is_superuser=True).first()
    if district is None or ward is None or admin is None or timezone.localdate() < ward.valid_from:
        return
    for body, code in ((district, "UBND"), (ward, "P-DOSON")):
        if body.unit_id is None:
            body.unit = Unit.objects.filter(short_code=code).first()
            body.save(update_fields=["unit"])
    if Handover.objects.filter(from_body=district).exists():
        return
    try:
        handover = handover_apply(from_body=district, by=admin, to_body=ward)
    except HandoverError:
        return
    morning = _at(handover.effective_date, 8)
    Handover.objects.filter(pk=handover.pk).update(at=morning)
    moved = handover.items.filter(moved=True)
    comment = f"Chuyển giao từ {district} sang {ward}"
    nominations = moved.filter(kind=HandoverKind.NOMINATION).values("object_id")
    NominationTransition.objects.filter(nomination_id__in=nominations, comment__startswith=comment).update(at=morning)
    Nomination.objects.filter(pk__in=nominations).update(updated_at=morning)
    registrations = moved.filter(kind=HandoverKind.REGISTRATION).values("object_id")
    StateChange.objects.filter(registration_id__in=registrations, comment__startswith=comment).update(at=morning)
