"""Read-side queries of the awards app. Every list and object a view shows comes through a
*_visible_to(user) selector, so another unit's nomination answers 404."""

import datetime as dt

from django.db import connection
from django.db.models import Count, Q
from django.utils import timezone

from dosonthidua.text import fold
from units.enums import Role
from units.selectors import unit_subtree_ids, user_scope_unit_ids

from .enums import NominationState
from .models import AwardKind, AwardRecord, ConferringRoute, Nomination, NominationTransition, Submission

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


def nomination_list(*, user, q="", campaign=None, year=None, unit=None, award_code="", state="", direct_worker="", states=None):
    qs = nominations_visible_to(user)
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
    base = qs
    if state:
        qs = qs.filter(state=state)
    elif states:
        qs = qs.filter(state__in=states)
    return qs.order_by("-updated_at", "-id"), base


def state_counts(queryset):
    """[(state, label, count)] for every state, from one aggregate query."""
    rows = dict(queryset.order_by().values_list("state").annotate(n=Count("id")))
    return [(value, label, rows.get(value, 0)) for value, label in NominationState.choices]


def nomination_detail(*, user, pk):
    from django.shortcuts import get_object_or_404

    return get_object_or_404(nominations_visible_to(user).select_related("created_by", "reviewed_by"), pk=pk)


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


def working_days_between(start, end):
    """Working days (Monday–Friday) after ``start`` up to and including ``end``."""
    if end <= start:
        return 0
    days = 0
    current = start
    while current < end:
        current += dt.timedelta(days=1)
        if current.weekday() < 5:
            days += 1
    return days


def is_overdue(nomination, today=None):
    if nomination.state not in WAITING_FOR_REVIEW or nomination.submitted_at is None:
        return False
    today = today or timezone.localdate()
    return working_days_between(timezone.localdate(nomination.submitted_at), today) > nomination.award_kind.processing_days


def overdue_nominations(user):
    return [n for n in nominations_visible_to(user).filter(state__in=WAITING_FOR_REVIEW) if is_overdue(n)]


def unit_officers(unit_id):
    from units.models import User

    return User.objects.filter(unit_id=unit_id, roles__contains=[Role.UNIT_OFFICER], is_active=True)


def reviewers():
    from units.models import User

    return User.objects.filter(roles__contains=[Role.REVIEWER], is_active=True)
