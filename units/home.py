"""Home-page panels of the units app."""

from django.db.models import Count, F, Func, Max, Q, Subquery

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
        .aggregate(
            total=Count("id"),
            direct=Count("id", filter=Q(is_direct_worker=True)),
            direct_unknown=Count("id", filter=Q(is_direct_worker__isnull=True)),
            women=Count("id", filter=Q(gender="female")),
            gender_unknown=Count("id", filter=Q(gender="")),
        )
    )
    return {"people_stats": stats}


def overview_panel(user):
    """District-wide figures for the roles that read everything (reviewer, leader, council, admin)."""
    from .rules import reads_everything

    if not reads_everything(user):
        return None
    from django.conf import settings
    from django.core.cache import cache

    cached = cache.get("units:overview:v3")
    if cached is None:
        cached = _overview_figures()
        cache.set("units:overview:v3", cached, settings.DASHBOARD_CACHE_SECONDS)
    return cached


def _overview_figures():
    """Units in force today and the active people recorded in them (a department that ended on
    30/06/2025 is not counted in 2026)."""
    from django.utils import timezone

    from .models import Person, Unit, in_force_q

    today = timezone.localdate()
    units_active = Unit.objects.filter(active=True).in_force_on(today).order_by().values(n=Func(F("id"), function="COUNT"))
    people = Person.objects.filter(in_force_q(today, prefix="unit__"), active=True).aggregate(
        total=Count("id"),
        direct=Count("id", filter=Q(is_direct_worker=True)),
        direct_unknown=Count("id", filter=Q(is_direct_worker__isnull=True)),
        women=Count("id", filter=Q(gender="female")),
        gender_unknown=Count("id", filter=Q(gender="")),
        units_active=Max(Subquery(units_active)),  # one query for both figures
    )
    total = people["total"] or 0
    return {
        "units_active": people.pop("units_active") or 0,
        "people": people,
        "direct_share": round(100 * people["direct"] / total) if total else 0,
        "women_share": round(100 * people["women"] / total) if total else 0,
    }
