"""Home-page panels: what to do next in the campaigns."""

from django.db.models import Q
from django.utils import timezone

from units.rules import is_manager, is_unit_officer

from .enums import WorkflowState
from .models import ProgressReport, Registration


def officer_panel(user):
    """Running campaigns of the officer's unit: registration status and deadline, the current
    reporting period and whether it is reported."""
    if not is_unit_officer(user) or user.unit_id is None:
        return None
    from .selectors import campaigns_visible_to

    today = timezone.localdate()
    # Running campaigns, and ended ones whose registration the advisory office returned for correction.
    returned = Registration.objects.filter(unit_id=user.unit_id, state=WorkflowState.RETURNED).values("campaign_id")
    campaigns = list(
        campaigns_visible_to(user).filter(Q(end_date__gte=today, start_date__lte=today) | Q(pk__in=returned)).order_by("end_date")[:5]
    )
    regs = {r.campaign_id: r for r in Registration.objects.filter(unit_id=user.unit_id, campaign__in=campaigns)}
    reports = {(r.campaign_id, r.period_start): r for r in ProgressReport.objects.filter(unit_id=user.unit_id, campaign__in=campaigns)}
    items = []
    for campaign in campaigns:
        period = campaign.period_for(today)
        items.append(
            {
                "campaign": campaign,
                "registration": regs.get(campaign.pk),
                "period": period,
                "report": reports.get((campaign.pk, period[0])) if period else None,
            }
        )
    returned_reports = ProgressReport.objects.filter(unit_id=user.unit_id, state=WorkflowState.RETURNED).count()
    return {"campaign_items": items, "returned_reports": returned_reports}


def reviewer_panel(user):
    if not is_manager(user):
        return None
    from .selectors import review_queue_counts

    registrations, reports, exemplars = review_queue_counts()
    return {"waiting_registrations": registrations, "waiting_reports": reports, "waiting_exemplars": exemplars}
