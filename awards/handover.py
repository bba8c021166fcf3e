"""Carrying open work across a reorganisation: when an issuing body's validity ends, its open
nominations, registrations, postings and council meetings are handed to its successor (the body valid
the day after) in one reviewed step.

``handover_plan`` says, item by item, what would move and what changes, or why it cannot move;
``handover_apply`` does it in one transaction and records a Handover with one HandoverItem per item,
plus the item's own history row (a NominationTransition, a StateChange). A nomination is re-pointed to
the catalogue entry with the same award code valid on the new date and its checks are run again; a
code with no entry on that date cannot move (it can be proposed upward instead)."""

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .enums import HandoverKind, MeetingState
from .enums import NominationState as S
from .models import AwardKind, CouncilMeeting, Handover, HandoverItem, Nomination, NominationTransition, PublicNotice

OPEN_NOMINATION_STATES = [S.DRAFT, S.SUBMITTED, S.RETURNED, S.RESUBMITTED, S.VERIFIED, S.WITH_COUNCIL, S.APPROVED]
OPEN_REGISTRATION_STATES = ["draft", "submitted", "returned"]


class HandoverError(Exception):
    pass


@dataclass
class PlanItem:
    kind: str
    obj: object
    label: str
    moved: bool
    detail: str
    apply: object = field(default=None, repr=False)  # callable(handover, by) doing the move

    @property
    def kind_label(self):
        return HandoverKind(self.kind).label


@dataclass
class Plan:
    from_body: object
    to_body: object
    effective_date: dt.date
    items: list

    @property
    def movable(self):
        return [i for i in self.items if i.moved]

    @property
    def blocked(self):
        return [i for i in self.items if not i.moved]


def successor_of(body):
    """The body valid the day after ``body`` ends (None while it is still valid)."""
    from .selectors import issuing_body_on

    if body.valid_to is None:
        return None
    return issuing_body_on(body.valid_to + dt.timedelta(days=1))


def _kind_on(code, date):
    return (
        AwardKind.objects.filter(code=code, active=True, valid_from__lte=date)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=date))
        .order_by("-valid_from")
        .first()
    )


class _Territory:
    """Where the receiving body's work lies: its unit's subtree (IssuingBody.unit), and for each unit
    of the former body the units it was merged into (Unit.successors, transitively). A unit inside
    the subtree, or merged into a unit inside it, is the receiving body's; a unit merged elsewhere
    (a ward merged into the neighbouring ward) or in force under another top unit is not: its work
    goes to that body, not here. A unit that ended with the former body and has no successor (a
    district department) leaves its work to the body that succeeds the former one. Without a unit
    configured for the receiving body everything is its own."""

    def __init__(self, to_body, units):
        from django.db import connection

        from units.models import Unit
        from units.selectors import unit_subtree_ids

        self.body = to_body
        self.inside = set(unit_subtree_ids(to_body.unit_id)) if to_body.unit_id else None
        self.heirs, self.names = {}, {}
        ids = sorted({u.pk for u in units})
        if self.inside is None or not ids:
            return
        with connection.cursor() as cursor:
            cursor.execute(
                """
                WITH RECURSIVE heirs(start, id) AS (
                    SELECT from_unit_id, to_unit_id FROM units_unit_successors WHERE from_unit_id = ANY(%s)
                    UNION
                    SELECT h.start, s.to_unit_id FROM units_unit_successors s JOIN heirs h ON s.from_unit_id = h.id
                )
                SELECT start, id FROM heirs
                """,
                [ids],
            )
            for start, heir in cursor.fetchall():
                self.heirs.setdefault(start, set()).add(heir)
        self.names = dict(Unit.objects.filter(pk__in={h for found in self.heirs.values() for h in found}).values_list("pk", "name"))

    def refusal(self, unit, ended_by):
        """None when ``unit``'s work is the receiving body's, else why it is not (a sentence)."""
        if self.inside is None or unit.pk in self.inside:
            return None
        heirs = self.heirs.get(unit.pk, set())
        if heirs & self.inside:
            return None
        area = self.body.area_name or self.body.full_name
        if heirs:
            names = ", ".join(sorted(self.names.get(h, "") for h in heirs))
            return f"{unit} đã sáp nhập vào {names}, không thuộc địa bàn {area}: chuyển hồ sơ cho {names} (gói liên thông)."
        if unit.valid_to is not None and unit.valid_to <= ended_by:
            return None  # the former body's own unit, ended with it: its work passes to the successor
        return f"{unit} không thuộc địa bàn {area}: chuyển hồ sơ cho cơ quan quản lý đơn vị."


def _nomination_items(body, date, to_body):
    stale = list(
        Nomination.objects.filter(state__in=OPEN_NOMINATION_STATES, award_kind__valid_to__lte=body.valid_to)
        .select_related("award_kind", "unit")
        .order_by("unit__name", "nominee_name", "id")
    )
    territory = _Territory(to_body, [n.unit for n in stale])
    for n in stale:
        label = f"{n.nominee_name} – {n.award_kind.name} {n.period_label} ({n.get_state_display()}, {n.unit})"
        elsewhere = territory.refusal(n.unit, body.valid_to)
        if elsewhere:
            yield PlanItem(HandoverKind.NOMINATION, n, label, False, f"Không chuyển được: {elsewhere}")
            continue
        new = _kind_on(n.award_kind.code, date)
        if new is None:
            yield PlanItem(
                HandoverKind.NOMINATION,
                n,
                label,
                False,
                f"Danh mục từ ngày {date:%d/%m/%Y} không còn “{n.award_kind.name}” (mã {n.award_kind.code}): "
                "không chuyển được; có thể đề nghị cấp trên xét.",
            )
            continue
        level = dict(new._meta.get_field("conferring_level").choices).get(new.conferring_level, new.conferring_level)
        detail = f"Danh mục: {n.award_kind} → {new} ({level.lower()}); kiểm tra lại điều kiện."

        def move(handover, by, n=n, new=new):
            from . import services

            old = n.award_kind
            Nomination.objects.filter(pk=n.pk).update(award_kind=new, updated_at=timezone.now())
            n.award_kind = new
            services.nomination_check(nomination=n)
            NominationTransition.objects.create(
                nomination=n,
                from_state=n.state,
                to_state=n.state,
                by=by,
                comment=f"Chuyển giao từ {handover.from_body} sang {handover.to_body}: danh mục {old} → {new}.",
            )

        yield PlanItem(HandoverKind.NOMINATION, n, label, True, detail, move)


def _registration_items(body, date, to_body):
    from campaigns.models import Registration, StateChange

    open_rows = list(
        Registration.objects.filter(
            state__in=OPEN_REGISTRATION_STATES,
            unit__valid_to__isnull=False,
            unit__valid_to__lte=body.valid_to,
            campaign__end_date__gte=date,
        )
        .select_related("unit", "campaign")
        .order_by("campaign__name", "unit__name")
    )
    territory = _Territory(to_body, [r.unit for r in open_rows])
    for r in open_rows:
        label = f"{r.unit} – {r.campaign} ({r.get_state_display()})"
        successors = list(r.unit.successors.all())
        elsewhere = territory.refusal(r.unit, body.valid_to) if successors else None
        if elsewhere:
            yield PlanItem(HandoverKind.REGISTRATION, r, label, False, f"Không chuyển được: {elsewhere}")
            continue
        if len(successors) != 1:
            reason = "đơn vị không có đơn vị kế thừa" if not successors else "đơn vị có nhiều đơn vị kế thừa, cần chọn thủ công"
            yield PlanItem(HandoverKind.REGISTRATION, r, label, False, f"Không chuyển được: {reason}.")
            continue
        heir = successors[0]
        if Registration.objects.filter(campaign=r.campaign, unit=heir).exists():
            yield PlanItem(HandoverKind.REGISTRATION, r, label, False, f"Không chuyển được: {heir} đã có đăng ký trong phong trào này.")
            continue

        def move(handover, by, r=r, heir=heir):
            old = r.unit
            Registration.objects.filter(pk=r.pk).update(unit=heir)
            StateChange.objects.create(
                registration=r,
                from_state=r.state,
                to_state=r.state,
                by=by,
                comment=f"Chuyển giao từ {handover.from_body} sang {handover.to_body}: đơn vị {old} → {heir}.",
            )

        yield PlanItem(HandoverKind.REGISTRATION, r, label, True, f"Đơn vị: {r.unit} → {heir}.", move)


def _notice_items(body, date, nomination_plan):
    moving = {i.obj.pk for i in nomination_plan if i.moved}
    blocked = {i.obj.pk for i in nomination_plan if not i.moved}
    notices = PublicNotice.objects.filter(nominations__pk__in=moving | blocked).distinct().order_by("start_date", "id")
    for notice in notices:
        ids = set(notice.nominations.values_list("pk", flat=True))
        label = f"{notice.title} ({notice.start_date:%d/%m/%Y} – {notice.end_date:%d/%m/%Y})"
        if ids & blocked:
            yield PlanItem(
                HandoverKind.NOTICE, notice, label, False, f"{len(ids & blocked)} đề nghị trong danh sách không chuyển được (xem trên)."
            )
        else:
            yield PlanItem(HandoverKind.NOTICE, notice, label, True, "Danh sách và kết quả công khai giữ nguyên, các đề nghị chuyển theo.")


def _meeting_items(body, date, to_body):
    from .models import Attendance, Council
    from .selectors import council_members_on

    open_meetings = CouncilMeeting.objects.filter(council__issuing_body=body, state__in=[MeetingState.PREPARING, MeetingState.VOTING])
    council = (
        Council.objects.filter(issuing_body=to_body, valid_from__lte=date).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=date)).first()
    )
    for meeting in open_meetings.select_related("council").order_by("date", "id"):
        label = f"{meeting.council} – {meeting.date:%d/%m/%Y} ({meeting.get_state_display()})"
        if meeting.state == MeetingState.VOTING:
            yield PlanItem(
                HandoverKind.MEETING, meeting, label, False, "Phiên họp đang bỏ phiếu: kết thúc phiên họp trước khi chuyển giao."
            )
            continue
        new_date = max(meeting.date, date)
        if council is None or not council_members_on(council, new_date).exists():
            yield PlanItem(HandoverKind.MEETING, meeting, label, False, "Cơ quan nhận chưa có Hội đồng có thành viên vào ngày họp.")
            continue
        detail = f"Hội đồng: {meeting.council} → {council}; danh sách dự họp lập lại" + (
            f"; ngày họp {meeting.date:%d/%m/%Y} → {new_date:%d/%m/%Y}." if new_date != meeting.date else "."
        )

        def move(handover, by, meeting=meeting, council=council, new_date=new_date):
            CouncilMeeting.objects.filter(pk=meeting.pk).update(council=council, date=new_date)
            meeting.attendance.all().delete()
            Attendance.objects.bulk_create([Attendance(meeting=meeting, member=m) for m in council_members_on(council, new_date)])

        yield PlanItem(HandoverKind.MEETING, meeting, label, True, detail, move)


def handover_plan(from_body, to_body=None, effective_date=None):
    """What moves from ``from_body`` to its successor, and what cannot (with the reason)."""
    if from_body.valid_to is None:
        raise HandoverError(f"{from_body} còn hiệu lực: chỉ chuyển giao khi cơ quan đã hết hiệu lực.")
    to_body = to_body or successor_of(from_body)
    if to_body is None:
        raise HandoverError(
            f"Chưa có cơ quan nào có hiệu lực từ ngày {from_body.valid_to + dt.timedelta(days=1):%d/%m/%Y} để nhận chuyển giao."
        )
    date = effective_date or max(to_body.valid_from, from_body.valid_to + dt.timedelta(days=1))
    nominations = list(_nomination_items(from_body, date, to_body))
    items = nominations + list(_registration_items(from_body, date, to_body)) + list(_notice_items(from_body, date, nominations))
    items += list(_meeting_items(from_body, date, to_body))
    return Plan(from_body, to_body, date, items)


def handover_apply(*, from_body, by, to_body=None, effective_date=None):
    """Move everything movable in one transaction; returns the Handover with its items."""
    if not (by.is_superuser or by.has_perm("awards.add_handover")):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("Bạn không có quyền chuyển giao công việc.")
    with transaction.atomic():
        plan = handover_plan(from_body, to_body, effective_date)
        handover = Handover.objects.create(from_body=plan.from_body, to_body=plan.to_body, effective_date=plan.effective_date, by=by)
        for item in plan.items:
            if item.moved:
                item.apply(handover, by)
            HandoverItem.objects.create(
                handover=handover, kind=item.kind, object_id=item.obj.pk, label=item.label[:500], moved=item.moved, detail=item.detail
            )
        # The moved nominations change lists (the body's queue, the catalogue entry): counts anew.
        from dosonthidua.cache import NOMINATION_COUNTS, changed

        transaction.on_commit(lambda: changed(NOMINATION_COUNTS))
    return handover
