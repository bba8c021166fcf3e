"""Read-side queries of the awards app. Every list and object a view shows comes through a
*_visible_to(user) selector, so another unit's nomination answers 404."""

import datetime as dt

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from dosonthidua.text import fold
from units.enums import Role
from units.selectors import unit_subtree_ids, user_scope_unit_ids

from .enums import DecisionState, NominationState
from .models import AwardKind, AwardRecord, ConferringRoute, Nomination, NominationAttachment, NominationTransition, Submission

# States in which a nomination still counts (for duplicates, quotas and pending prerequisites).
LIVE_STATES_EXCLUDED = (NominationState.WITHDRAWN, NominationState.NOT_APPROVED)
WAITING_FOR_REVIEW = (NominationState.SUBMITTED, NominationState.RESUBMITTED)


def nominations_visible_to(user):
    qs = Nomination.objects.select_related("award_kind", "unit", "nominee_person", "nominee_unit", "campaign", "submission")
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    scope = user_scope_unit_ids(user)
    if scope is None:
        return qs
    return qs.filter(unit_id__in=scope)


def nomination_list(*, user, q="", campaign=None, year=None, unit=None, award_code="", state="", direct_worker="", states=None, work=""):
    qs = nominations_visible_to(user)
    if work == "current":
        qs = qs.exclude(former_body_condition())
    elif work == "left":
        qs = qs.filter(former_body_condition())
    if q:
        qs = qs.filter(search_name__contains=fold(q))
    if campaign:
        qs = qs.filter(campaign=campaign)
    if year:
        qs = qs.filter(year=year)
    if unit:
        qs = qs.filter(unit_id__in=unit_subtree_ids(unit.pk))
    if award_code:
        qs = qs.filter(award_kind__code=award_code)
    if direct_worker in ("1", "0"):
        qs = qs.filter(is_direct_worker=direct_worker == "1")
    elif direct_worker == "unknown":
        qs = qs.filter(is_direct_worker__isnull=True)
    base = qs
    if state:
        qs = qs.filter(state=state)
    elif states:
        qs = qs.filter(state__in=states)
    return qs.order_by("-updated_at", "-id"), base


def state_counts(queryset):
    """[(state, label, count)] for every state, from one aggregate query, cached per filtered set
    (its SQL) until the next nomination is created or changes state (NOMINATION_COUNTS), so the
    state tabs of a 500,000-row list do not scan it on every request."""
    import hashlib

    from django.conf import settings
    from django.core.cache import cache

    from dosonthidua.cache import NOMINATION_COUNTS, generation

    grouped = queryset.order_by().values_list("state").annotate(n=Count("id"))
    key = f"awards:state-counts:{generation(NOMINATION_COUNTS)}:{hashlib.sha1(str(grouped.query).encode()).hexdigest()}"  # noqa: S324 - a cache key
    rows = cache.get(key)
    if rows is None:
        rows = dict(grouped)
        cache.set(key, rows, settings.DASHBOARD_CACHE_SECONDS)
    return [(value, label, rows.get(value, 0)) for value, label in NominationState.choices]


def nomination_detail(*, user, pk):
    from django.shortcuts import get_object_or_404

    return get_object_or_404(nominations_visible_to(user).select_related("created_by", "reviewed_by"), pk=pk)


def nomination_page(*, user, pk):
    """The nomination of its detail page, with what the page reads joined or prefetched once: the
    occasion, its decision line and decision (its reference date, the procedure card), its upward
    proposal line, and its attachments (the list, and the fingerprint a posted list is checked against)."""
    from django.shortcuts import get_object_or_404

    qs = (
        nominations_visible_to(user)
        .select_related("created_by", "reviewed_by", "occasion", "decision_item__decision", "upward_item__proposal")
        .prefetch_related(Prefetch("attachments", queryset=NominationAttachment.objects.select_related("uploaded_by")))
    )
    return get_object_or_404(qs, pk=pk)


def _one_to_one(instance, name):
    """The object on the other side of a reverse one-to-one relation (already selected with
    select_related, or read now), or None."""
    try:
        return getattr(instance, name)
    except instance.__class__.__dict__[name].RelatedObjectDoesNotExist:
        return None


def nomination_transitions(nomination):
    return NominationTransition.objects.filter(nomination=nomination).select_related("by").order_by("at", "id")


def submissions_visible_to(user):
    qs = Submission.objects.select_related("unit", "created_by")
    scope = user_scope_unit_ids(user)
    if scope is None:
        return qs
    return qs.filter(unit_id__in=scope)


def submission_list(*, user):
    return submissions_visible_to(user).annotate(nomination_count=Count("nominations")).order_by("-date", "-id")


def kinds_valid_on(date=None):
    date = date or timezone.localdate()
    return AwardKind.objects.filter(active=True, valid_from__lte=date).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=date))


def catalogue(*, date=None, show_all=False):
    qs = AwardKind.objects.prefetch_related("prerequisites") if show_all else kinds_valid_on(date).prefetch_related("prerequisites")
    return qs.order_by("display_order", "valid_from")


def procedure_tracks():
    """Every ProcedureTrack row (a handful): read once by pages that check many nominations."""
    from .models import ProcedureTrack

    return list(ProcedureTrack.objects.all())


def track_for(nomination, tracks=None):
    """The ProcedureTrack of a nomination's basis (its award code's own row first) valid on its
    reference date, or None for the full procedure. ``tracks``: the rows already read
    (procedure_tracks()), so a list of nominations costs no query per row."""
    on = nomination.reference_date
    code = nomination.award_kind.code if nomination.award_kind_id else ""
    rows = procedure_tracks() if tracks is None else tracks
    valid = [
        t
        for t in rows
        if t.basis == nomination.basis and t.award_code in (code, "") and t.valid_from <= on and (t.valid_to is None or t.valid_to >= on)
    ]
    valid.sort(key=lambda t: (t.award_code != "", t.valid_from), reverse=True)
    return valid[0] if valid else None


def dossier_requirements(codes):
    """{award code: [DossierRequirement, ...]} for the codes given (one query)."""
    from .models import DossierRequirement

    found = {}
    for requirement in DossierRequirement.objects.filter(award_code__in=codes):
        found.setdefault(requirement.award_code, []).append(requirement)
    return found


def route_for(conferring_level, date=None):
    date = date or timezone.localdate()
    return (
        ConferringRoute.objects.filter(conferring_level=conferring_level, valid_from__lte=date)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=date))
        .first()
    )


def unit_lineage_ids(unit_id):
    """``unit_id`` and every unit it succeeded, transitively (Unit.successors): a merged ward's
    awards count for its successor, so streaks survive the 2025 reorganisation."""
    if unit_id is None:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            """
            WITH RECURSIVE lineage(id) AS (
                SELECT %s::bigint
                UNION
                SELECT s.from_unit_id FROM units_unit_successors s JOIN lineage l ON s.to_unit_id = l.id
            )
            SELECT id FROM lineage
            """,
            [unit_id],
        )
        return [row[0] for row in cursor.fetchall()]


def records_of(*, person=None, unit=None):
    """Award history of a person, or of a unit including the units it succeeded."""
    qs = AwardRecord.objects.select_related("award_kind")
    if person is not None:
        return qs.filter(person=person).order_by("-year", "award_name")
    return qs.filter(unit_id__in=unit_lineage_ids(unit.pk)).order_by("-year", "award_name")


def record_years(*, code, person=None, unit_ids=None):
    qs = AwardRecord.objects.filter(award_code=code)
    qs = qs.filter(person=person) if person is not None else qs.filter(unit_id__in=unit_ids)
    return set(qs.values_list("year", flat=True))


def pending_years(*, code, nomination):
    """Years in which the same nominee has a live nomination for ``code`` (not the one checked)."""
    qs = Nomination.objects.filter(award_kind__code=code).exclude(state__in=LIVE_STATES_EXCLUDED).exclude(pk=nomination.pk)
    if nomination.nominee_person_id:
        qs = qs.filter(nominee_person_id=nomination.nominee_person_id)
    else:
        qs = qs.filter(nominee_unit_id=nomination.nominee_unit_id)
    return set(qs.values_list("year", flat=True))


def former_body_condition(date=None):
    """Q: nominations a body no longer in force left open and did not hand over to the body valid on
    ``date``: open, under a catalogue entry that ended before that body began (awards.handover
    re-points each moved one to the successor's entry). They are the former body's unfinished work,
    shown with that mark (handover_marks), not part of today's queue. No query of its own (the
    body's first day is a subquery); nothing is left when no body is valid on the date."""
    from django.db.models import Subquery, Value
    from django.db.models.functions import Coalesce

    from .handover import OPEN_NOMINATION_STATES
    from .models import IssuingBody

    begun = _valid_on(IssuingBody.objects.all(), date or timezone.localdate()).order_by("-valid_from").values("valid_from")[:1]
    return Q(state__in=OPEN_NOMINATION_STATES, award_kind__valid_to__lt=Coalesce(Subquery(begun), Value(dt.date.min)))


def handover_marks(nominations, today=None):
    """{nomination id: mark} for the nominations among ``nominations`` (a page, with award_kind) that
    came from a former body: ``{"moved", "handover", "detail", "body"}``, ``moved`` for one a
    handover moved here, else one left open with the former body ``body`` (``handover`` None when
    no handover has been made). No query when none predates the body valid today (made or sent before it began, or of a
    catalogue entry that ended before), else one (two when one was left without a handover: the
    former body's name)."""
    from dosonthidua.identity import identity_on

    from .enums import HandoverKind
    from .handover import OPEN_NOMINATION_STATES
    from .models import HandoverItem

    begun = identity_on(today).valid_from

    def predates(n):
        first = min(d for d in (n.created_at, n.submitted_at) if d is not None)
        return timezone.localdate(first) < begun or (n.award_kind.valid_to is not None and n.award_kind.valid_to < begun)

    older = [n for n in nominations if begun is not None and predates(n)]
    if not older:
        return {}
    items = HandoverItem.objects.filter(kind=HandoverKind.NOMINATION, object_id__in=[n.pk for n in older])
    found = {i.object_id: i for i in items.select_related("handover__from_body", "handover__to_body").order_by("handover__at", "id")}
    marks = {}
    for n in older:
        item = found.get(n.pk)
        left = n.state in OPEN_NOMINATION_STATES and n.award_kind.valid_to is not None and n.award_kind.valid_to < begun
        if (item is not None and item.moved) or left:
            marks[n.pk] = {
                "moved": bool(item and item.moved),
                "handover": item.handover if item else None,
                "detail": item.detail if item else "",
                "body": item.handover.from_body.full_name if item else "",
            }
    missing = {n.award_kind.valid_to for n in older if n.pk in marks and not marks[n.pk]["body"]}
    if missing:
        from .models import IssuingBody

        bodies = list(IssuingBody.objects.filter(valid_to__in=missing).order_by("valid_from"))
        for n in older:
            mark = marks.get(n.pk)
            if mark is not None and not mark["body"]:
                body = next((b for b in bodies if b.valid_to == n.award_kind.valid_to), None)
                mark["body"] = body.full_name if body else f"cơ quan hết hiệu lực ngày {n.award_kind.valid_to:%d/%m/%Y}"
    return marks


def overdue_condition(today=None):
    """A Q for nominations waiting longer than their kind's service level (AwardKind.processing_days,
    counted in working days over the holiday calendar): one small query for the cutoff of each
    level, then a range on submitted_at per level, so counting or listing them stays in SQL. Work
    a former body left without handing it over is not overdue here (former_body_condition)."""
    from .workdays import overdue_cutoffs

    today = today or timezone.localdate()
    condition = Q(pk__in=[])
    for days, cutoff in overdue_cutoffs(today).items():
        if cutoff is not None:
            condition |= Q(award_kind__processing_days=days, submitted_at__lt=_start_of(cutoff + dt.timedelta(days=1)))
    # What a former body left and did not hand over is not this body's queue (former_body_condition).
    return Q(state__in=WAITING_FOR_REVIEW, submitted_at__isnull=False) & condition & ~former_body_condition(today)


def _start_of(day):
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def overdue_ids(nominations, today=None):
    """The overdue ones among ``nominations`` (a page already loaded with award_kind): one query.
    What a former body left without handing it over is not overdue here (former_body_condition)."""
    from dosonthidua.identity import identity_on

    from .workdays import overdue_cutoffs

    begun = identity_on(today).valid_from or dt.date.min
    waiting = [
        n
        for n in nominations
        if n.state in WAITING_FOR_REVIEW and n.submitted_at is not None and not (n.award_kind.valid_to and n.award_kind.valid_to < begun)
    ]
    if not waiting:
        return set()
    cutoffs = overdue_cutoffs(today or timezone.localdate())
    return {
        n.pk
        for n in waiting
        if cutoffs.get(n.award_kind.processing_days) is not None
        and timezone.localdate(n.submitted_at) <= cutoffs[n.award_kind.processing_days]
    }


def is_overdue(nomination, today=None):
    if nomination.state not in WAITING_FOR_REVIEW or nomination.submitted_at is None:
        return False
    return nomination.pk in overdue_ids([nomination], today)


def overdue_nominations(user, today=None):
    """Overdue nominations in the user's scope, most overdue first."""
    return nominations_visible_to(user).filter(overdue_condition(today)).order_by("submitted_at", "id")


def unit_officers(unit_id):
    from units.models import User

    return User.objects.filter(unit_id=unit_id, roles__contains=[Role.UNIT_OFFICER], is_active=True)


def leaders():
    from units.models import User

    return User.objects.filter(roles__contains=[Role.LEADER], is_active=True)


def signers_on(date):
    from .models import Signer

    body = issuing_body_on(date)
    return _valid_on(Signer.objects.filter(issuing_body=body), date) if body else Signer.objects.none()


def reviewers():
    from units.models import User

    return User.objects.filter(roles__contains=[Role.REVIEWER], is_active=True)


# --- Issue 5: posting, council, decisions, proposals ---------------------------------------------


def _valid_on(qs, date):
    return qs.filter(valid_from__lte=date).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=date))


def issuing_body_on(date):
    from .models import IssuingBody

    return _valid_on(IssuingBody.objects.all(), date).order_by("-valid_from").first()


def identity_on(date):
    """The deployment's identity (dosonthidua.identity.Identity) from the issuing body valid on the date."""
    from dosonthidua.identity import NEUTRAL_OFFICE, Identity

    body = issuing_body_on(date)
    if body is None:
        return None
    return Identity(
        full_name=body.full_name,
        area_name=body.area_name,
        level=body.level,
        level_label=body.get_level_display(),
        office=body.advisory_office or NEUTRAL_OFFICE,
        office_head_title=body.advisory_office_head_title,
        office_verified=body.advisory_office_verified,
        place=body.place,
        body_id=body.pk,
        valid_from=body.valid_from,
        unit_id=body.unit_id,
    )


def signer_on(issuing_body, date):
    return _valid_on(issuing_body.signers.all(), date).order_by("-valid_from", "id").first() if issuing_body else None


def legal_documents_on(date, body=None):
    """The laws, decrees and local rules cited in decisions on ``date`` (for ``body``: the general
    ones and its own), in citation order."""
    from .models import LegalDocument

    qs = _valid_on(LegalDocument.objects.filter(cited_in_decisions=True), date)
    qs = qs.filter(Q(issuing_body__isnull=True) | Q(issuing_body=body)) if body is not None else qs.filter(issuing_body__isnull=True)
    return qs.order_by("display_order", "valid_from", "id")


def council_on(date):
    from .models import Council

    return _valid_on(Council.objects.select_related("issuing_body"), date).order_by("-valid_from").first()


def council_members_on(council, date):
    return _valid_on(council.members.select_related("user"), date).order_by("display_order", "id")


def base_salary_on(date):
    from .models import BaseSalary

    return BaseSalary.objects.filter(valid_from__lte=date).order_by("-valid_from").first()


def reward_amount(multiplier, base_salary):
    """Reward money: multiplier × base salary, rounded (half up) to tens of thousands of đồng."""
    from decimal import ROUND_HALF_UP, Decimal

    raw = Decimal(multiplier) * Decimal(base_salary)
    return int((raw / 10000).quantize(Decimal("1"), rounding=ROUND_HALF_UP) * 10000)


def notices_open(today=None):
    from .models import PublicNotice

    today = today or timezone.localdate()
    return PublicNotice.objects.filter(start_date__lte=today, end_date__gte=today).order_by("end_date", "id")


def notice_nominations(notice):
    return notice.nominations.select_related("award_kind", "unit").order_by("award_kind__display_order", "nominee_name")


def notices_list():
    from .models import PublicNotice

    return PublicNotice.objects.annotate(
        nomination_count=Count("nominations", distinct=True),
        objection_count=Count("objections", distinct=True),
        unanswered_count=Count("objections", filter=Q(objections__answered_at__isnull=True), distinct=True),
    ).order_by("-start_date", "-id")


def nomination_fingerprint(nomination):
    """A digest of what the public saw and the council votes on: nominee, award, period, basis,
    achievement summary, the unit's statements and the attached files. Any edit changes it."""
    import hashlib
    import json

    # .all() so a prefetched list (the meeting page) is read without a query per nomination.
    attachments = sorted(a.pk for a in nomination.attachments.all()) if nomination.pk else []
    content = [
        nomination.award_kind.code,
        nomination.nominee_person_id,
        nomination.nominee_unit_id,
        nomination.nominee_name,
        nomination.period_kind,
        nomination.year,
        nomination.basis,
        nomination.achievement_summary,
        nomination.excellent_completion,
        attachments,
    ]
    return hashlib.sha256(json.dumps(content, ensure_ascii=False, default=str).encode()).hexdigest()


def notice_is_stale(notice, nomination):
    """True when ``nomination`` changed after ``notice`` posted it: its fingerprint differs, or (lists
    posted before fingerprints were kept) it was returned for changes after the posting."""
    posted = (notice.fingerprints or {}).get(str(nomination.pk))
    if posted:
        return posted != nomination_fingerprint(nomination)
    return NominationTransition.objects.filter(nomination=nomination, to_state=NominationState.RETURNED, at__gt=notice.created_at).exists()


def _prefetched(objects, relation):
    return all(relation in getattr(o, "_prefetched_objects_cache", {}) for o in objects)


def posting_blockers(nomination, today=None, tracks=None, notices=None):
    """Why the council may not vote on ``nomination`` yet: never posted, changed since it was posted,
    posting still running, or objections (on it or on its list in general) still unanswered. Empty
    list: ready. ``notices``: the lists posting it, when the caller has already read them."""
    from .models import Objection

    today = today or timezone.localdate()
    notices = list(nomination.notices.all()) if notices is None else list(notices)
    if not notices:
        track = track_for(nomination, tracks)
        if track is not None and not track.needs_posting:
            return []  # the simplified procedure of its basis skips the public posting
        return ["Chưa công khai danh sách đề nghị."]
    current = [n for n in notices if not notice_is_stale(n, nomination)]
    if not current:
        last = max(notices, key=lambda n: n.created_at)
        return [
            f"Hồ sơ đã thay đổi sau khi công khai (danh sách “{last.title}” ngày {last.start_date:%d/%m/%Y}); "
            "hãy công khai lại trước khi Hội đồng bỏ phiếu."
        ]
    notices = current
    problems = []
    if all(n.end_date >= today for n in notices):
        end = max(n.end_date for n in notices)
        problems.append(f"Đang công khai đến hết ngày {end:%d/%m/%Y}.")
    if _prefetched(notices, "objections"):
        count = sum(1 for n in notices for o in n.objections.all() if o.answered_at is None and o.nomination_id in (None, nomination.pk))
    else:
        unanswered = Objection.objects.filter(notice__in=notices, answered_at__isnull=True).filter(
            Q(nomination=nomination) | Q(nomination__isnull=True)
        )
        count = unanswered.count()
    if count:
        problems.append(f"Còn {count} ý kiến góp ý chưa được trả lời.")
    return problems


def nominations_for_agenda():
    return (
        Nomination.objects.filter(state=NominationState.VERIFIED)
        .select_related("award_kind", "unit")
        .order_by("award_kind__display_order", "nominee_name")
    )


def nominations_for_posting():
    return (
        Nomination.objects.filter(state__in=(NominationState.VERIFIED, NominationState.WITH_COUNCIL))
        .select_related("award_kind", "unit")
        .order_by("award_kind__display_order", "nominee_name")
    )


def _approved_routed(action, date):
    levels = _valid_on(ConferringRoute.objects.filter(action=action), date).values("conferring_level")  # a subquery
    return (
        Nomination.objects.filter(state=NominationState.APPROVED, award_kind__conferring_level__in=levels)
        .select_related("award_kind", "unit", "nominee_person")
        .order_by("award_kind__display_order", "nominee_name")
    )


def for_decision_condition(date=None):
    """Q: approved, of a kind this government confers itself on ``date``, not yet in a decision."""
    from .models import DecisionItem

    levels = _valid_on(ConferringRoute.objects.filter(action="confer"), date or timezone.localdate()).values("conferring_level")
    return Q(state=NominationState.APPROVED, award_kind__conferring_level__in=levels) & ~Exists(
        DecisionItem.objects.filter(nomination_id=OuterRef("pk"))
    )


def nominations_for_decision(date=None):
    """Approved nominations of kinds this government confers itself on ``date`` and not yet in a decision."""
    return _approved_routed("confer", date or timezone.localdate()).filter(decision_item__isnull=True)


def nominations_for_upward(date=None):
    return _approved_routed("propose", date or timezone.localdate()).filter(upward_item__isnull=True)


def meetings_list():
    from .models import CouncilMeeting

    return CouncilMeeting.objects.select_related("council").annotate(item_count=Count("items")).order_by("-date", "-id")


def meeting_detail(pk):
    from django.shortcuts import get_object_or_404

    from .models import CouncilMeeting

    return get_object_or_404(CouncilMeeting.objects.select_related("council", "council__issuing_body"), pk=pk)


def meeting_items(meeting):
    """The agenda with what posting_blockers reads for each item (notices with their objections, the
    attachments the fingerprint covers), fetched once for the whole agenda."""
    return meeting.items.select_related(
        "nomination", "nomination__award_kind", "nomination__unit", "nomination__decision_item__decision"
    ).prefetch_related("nomination__notices__objections", "nomination__attachments")


def meeting_attendance(meeting):
    return meeting.attendance.select_related("member", "member__user").order_by("member__display_order", "member_id")


def member_of_meeting(meeting, user):
    return meeting.attendance.select_related("member").filter(member__user=user).first()


def meetings_awaiting_vote(user):
    from .enums import MeetingState
    from .models import CouncilMeeting

    return (
        CouncilMeeting.objects.filter(state=MeetingState.VOTING, attendance__member__user=user, attendance__present=True)
        .exclude(items__casts__member__user=user)
        .distinct()
    )


def decisions_list():
    from .models import Decision

    return Decision.objects.select_related("issuing_body", "created_by").annotate(item_count=Count("items")).order_by("-date", "-id")


def decision_detail(pk):
    from django.shortcuts import get_object_or_404

    from .models import Decision

    return get_object_or_404(Decision.objects.select_related("issuing_body", "signer", "created_by", "approved_by", "issued_by"), pk=pk)


def decisions_published(*, q="", year=None):
    """Issued decisions the issuing body chose to publish, newest first (the public page)."""
    from .models import Decision

    qs = Decision.objects.filter(state=DecisionState.ISSUED, published_at__isnull=False).select_related("issuing_body", "signer")
    if q:
        qs = qs.filter(Q(number__icontains=q.strip()) | Q(subject__icontains=q.strip()))
    if year:
        qs = qs.filter(year=year)
    return qs.annotate(item_count=Count("items")).order_by("-date", "-sequence", "-id")


def published_decision_items(decision):
    """The annex as the public sees it: who, position and unit, which award; no reward amounts,
    birth years or anything else the annex does not print."""
    return decision.items.order_by("order", "id").values("recipient_name", "position", "unit_name", "award_name", "is_collective")


def decisions_visible_to(user):
    """Decisions a user may open: all for staff who read everything; for a unit's officer the issued
    ones naming a person of the unit's subtree or a collective in it."""
    from units.rules import reads_everything
    from units.selectors import unit_subtree_ids

    from .enums import DecisionState
    from .models import Decision

    qs = Decision.objects.select_related("issuing_body", "signer", "created_by", "approved_by", "issued_by")
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    if reads_everything(user):
        return qs
    if not user.has_perm("awards.open_unit_decisions") or user.unit_id is None:
        return qs.none()
    scope = unit_subtree_ids(user.unit_id)
    named = Q(items__nomination__unit_id__in=scope) | Q(items__nomination__nominee_unit_id__in=scope)
    ids = Decision.objects.filter(named, state=DecisionState.ISSUED).values("pk")
    return qs.filter(pk__in=ids)


def decision_items_visible_to(user, decision):
    """The awardees of ``decision`` the user may see: all for staff; an officer's own unit subtree."""
    from units.rules import reads_everything
    from units.selectors import unit_subtree_ids

    items = decision_items(decision)
    if reads_everything(user):
        return items
    scope = unit_subtree_ids(user.unit_id)
    return items.filter(Q(nomination__unit_id__in=scope) | Q(nomination__nominee_unit_id__in=scope))


def decision_items(decision):
    return decision.items.select_related("nomination", "nomination__award_kind").order_by("order", "id")


def proposals_list():
    from .models import UpwardProposal

    return UpwardProposal.objects.select_related("issuing_body").annotate(item_count=Count("items")).order_by("-date", "-id")


def packages_answered_by(decision):
    """The incoming proposal packages (awards.interchange) whose nominations an issued decision
    decides: one decision package goes back to each sender."""
    from .models import InterchangePackage

    if decision.state != DecisionState.ISSUED:
        return InterchangePackage.objects.none()
    return InterchangePackage.objects.filter(kind="proposal", items__nomination__decision_item__decision=decision).distinct().order_by("id")


def proposal_items(proposal):
    """The tờ trình's lines with what its documents and its interchange package read per nominee
    (person with unit, collective, attachments), in a fixed number of queries."""
    return (
        proposal.items.select_related(
            "nomination",
            "nomination__award_kind",
            "nomination__unit",
            "nomination__nominee_person__unit",
            "nomination__nominee_unit",
        )
        .prefetch_related("nomination__attachments")
        .order_by("id")
    )


def nomination_procedure(nomination, *, staff=False, tracks=None):
    """Where a nomination stands in posting, council, decision and upward proposal (detail page). Its
    decision and upward lines are read through the nomination (joined by nomination_page)."""
    notices = list(nomination.notices.order_by("start_date"))
    in_council_stage = nomination.state in (NominationState.VERIFIED, NominationState.WITH_COUNCIL)
    return {
        "staff": staff,
        "notices": notices,
        "blockers": posting_blockers(nomination, tracks=tracks, notices=notices) if in_council_stage and notices else [],
        "items": list(nomination.agenda_items.select_related("meeting").order_by("meeting__date")),
        "decision_item": _one_to_one(nomination, "decision_item"),
        "upward_item": _one_to_one(nomination, "upward_item"),
    }
