"""Home-page panels of the awards app."""

from django.db.models import Count, Q

from units.rules import is_reviewer, is_unit_officer

from .enums import NominationState
from .models import Nomination


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
    from .selectors import WAITING_FOR_REVIEW, nominations_for_decision, nominations_visible_to, overdue_nominations

    return {
        "waiting": nominations_visible_to(user).filter(state__in=WAITING_FOR_REVIEW).count(),
        "overdue": len(overdue_nominations(user)),
        "unposted": Nomination.objects.filter(state=NominationState.VERIFIED, notices__isnull=True).count(),
        "to_decide": nominations_for_decision().count(),
    }


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
