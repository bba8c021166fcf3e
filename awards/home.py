"""Home-page panels of the awards app."""

from django.db.models import Count, Exists, OuterRef, Q

from units.rules import is_reviewer, is_unit_officer

from .enums import NominationState

# How many of the most overdue nominations the reviewer's home lists by name.
OVERDUE_SHOWN = 5


def officer_panel(user):
    if not is_unit_officer(user) or user.unit_id is None:
        return None
    from .selectors import nominations_visible_to

    stats = nominations_visible_to(user).aggregate(
        drafts=Count("id", filter=Q(state=NominationState.DRAFT)), returned=Count("id", filter=Q(state=NominationState.RETURNED))
    )
    return stats


def reviewer_panel(user):
    if not is_reviewer(user):
        return None
    from .models import PublicNotice
    from .selectors import (
        WAITING_FOR_REVIEW,
        for_decision_condition,
        former_body_condition,
        handover_marks,
        nominations_visible_to,
        overdue_condition,
    )

    overdue = overdue_condition()
    # The queue is the body's own work and what was handed over to it; what a former body left
    # without handing it over is counted apart (former_body_condition).
    left = former_body_condition()
    unposted = (
        Q(state=NominationState.VERIFIED) & ~left & ~Exists(PublicNotice.nominations.through.objects.filter(nomination_id=OuterRef("pk")))
    )
    # Only the rows these figures can count (an index on state), not the whole table.
    counted = [*WAITING_FOR_REVIEW, NominationState.VERIFIED, NominationState.APPROVED]
    figures = (
        nominations_visible_to(user)
        .filter(state__in=counted)
        .aggregate(
            waiting=Count("id", filter=Q(state__in=WAITING_FOR_REVIEW) & ~left),
            left_waiting=Count("id", filter=Q(state__in=WAITING_FOR_REVIEW) & left),
            overdue=Count("id", filter=overdue),
            unposted=Count("id", filter=unposted),
            to_decide=Count("id", filter=for_decision_condition()),
        )
    )
    # The list names the nominee and the award kind only. With the five other relations the
    # nomination pages join, PostgreSQL spent 14-21 ms planning this query (benchmark data, a busy
    # machine) and 0.4 ms running it; with the award kind alone it plans in 0.2 ms.
    most_overdue = (
        nominations_visible_to(user).select_related(None).select_related("award_kind").filter(overdue).order_by("submitted_at", "id")
    )[:OVERDUE_SHOWN]
    most_overdue = list(most_overdue)
    marks = handover_marks(most_overdue)
    for n in most_overdue:
        n.origin = marks.get(n.pk)
    return {**figures, "most_overdue": most_overdue}


def council_panel(user):
    from units.rules import is_council_member

    if not is_council_member(user):
        return None
    from .selectors import meetings_awaiting_vote

    return {"meetings": list(meetings_awaiting_vote(user)[:5])}


def leader_panel(user):
    from units.rules import is_leader

    if not is_leader(user):
        return None
    from .enums import DecisionState
    from .models import Decision

    return {
        "to_approve": Decision.objects.filter(state=DecisionState.DRAFT).count(),
        "to_issue": Decision.objects.filter(state=DecisionState.APPROVED).count(),
    }
