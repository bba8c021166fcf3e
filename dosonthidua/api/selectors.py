"""Read-side queries of the API that the apps do not already have, scoped like theirs."""

from django.db.models import Q
from django.db.models.functions import Coalesce

from awards.models import AwardRecord
from reports import selectors as report_selectors
from units.selectors import user_scope_unit_ids


def award_records_visible_to(user):
    """Awards (AwardRecord) of people and collectives in the user's units, with the recipient's
    current unit as ``recipient_unit`` (the person's unit, or the collective itself)."""
    qs = AwardRecord.objects.select_related("award_kind").annotate(recipient_unit=Coalesce("person__unit_id", "unit_id"))
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    scope = user_scope_unit_ids(user)
    if scope is None:
        return qs
    return qs.filter(Q(person__unit_id__in=scope) | Q(unit_id__in=scope))


def national_export_rows(*, start, end):
    """Awards decided between ``start`` and ``end`` (decision dates, inclusive), one row per person
    or collective, with the reward the reports compute (multiplier × base salary on the decision
    date, rounded to 10,000 đ) and, for awards decided in the portal, the annex's own amount and
    position. Fixed number of queries."""
    scope = report_selectors.Scope(start=start, end=end)
    return (
        report_selectors.award_records(scope)
        .filter(decision_date__isnull=False)
        .select_related("person", "unit", "award_kind", "nomination", "nomination__decision_item")
        .order_by("decision_date", "decision_number", "recipient_name", "id")
    )
