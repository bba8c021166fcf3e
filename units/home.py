"""Home-page panels of the units app."""

from django.db.models import Count, Q

from .rules import is_unit_officer


def profile_panel(user):
    return {"user_unit": user.unit, "role_labels": user.role_labels}


def officer_panel(user):
    if not is_unit_officer(user) or user.unit_id is None:
        return None
    from .selectors import people_visible_to

    stats = (
        people_visible_to(user)
        .filter(active=True)
        .aggregate(total=Count("id"), direct=Count("id", filter=Q(is_direct_worker=True)), women=Count("id", filter=Q(gender="female")))
    )
    return {"people_stats": stats}
