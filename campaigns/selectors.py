"""Read-side queries of the campaigns app. Every object a view fetches comes through a
*_visible_to(user) selector, so another unit's registration or report answers 404."""

import datetime as dt

from django.apps import apps
from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from dosonthidua.identity import identity_on
from dosonthidua.text import fold
from units.models import Unit
from units.selectors import in_subtrees_q, user_scope_unit_ids

from .enums import MatrixStatus, ParticipantScope, WorkflowState
from .models import Campaign, Exemplar, ProgressReport, ProgressValue, Registration, RegistrationEntry

COUNTED_STATES = (WorkflowState.SUBMITTED, WorkflowState.ACCEPTED)


def search_filter(field, q):
    """Accent-insensitive match of every word of ``q`` against a folded search column."""
    condition = Q()
    for word in fold(q).replace(",", " ").split():
        condition &= Q(**{f"{field}__contains": word})
    return condition


# --- The award catalogue, read by lazy reference -------------------------------------------------
# campaigns sits below awards (awards imports campaigns, never the reverse), so registrations reach the
# catalogue through the app registry. The subject values are AwardSubject's (awards/enums.py); a test
# holds the two in step.
SUBJECT_PERSON = "person"
SUBJECT_COLLECTIVE = "collective"


def award_kinds_valid_on(subject, *, on):
    """Active award kinds for ``subject`` in the version valid on date ``on`` (the catalogue is
    versioned by decree: one row per code and validity range)."""
    AwardKind = apps.get_model("awards", "AwardKind")
    return (
        AwardKind.objects.filter(active=True, subject=subject, valid_from__lte=on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .order_by("display_order", "name")
    )


def award_kind_by_code(code, *, on):
    """The catalogue row of ``code`` in force on ``on``, or None."""
    AwardKind = apps.get_model("awards", "AwardKind")
    rows = AwardKind.objects.filter(code=code, valid_from__lte=on).order_by("-valid_from")
    return rows.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on)).first()


# --- Contract used by the awards app (eligibility checks) -----------------------------------------


def _year_overlap(year, prefix=""):
    return Q(**{f"{prefix}campaign__start_date__lte": dt.date(year, 12, 31), f"{prefix}campaign__end_date__gte": dt.date(year, 1, 1)})


def is_registered(*, year: int, award_kind_code: str, person=None, unit=None) -> bool:
    """True if `person` (or `unit`, for collective titles) is on a registration (đăng ký thi đua) in
    state submitted or accepted, of a campaign whose period overlaps calendar `year`, aiming at the
    award kind with that code."""
    if (person is None) == (unit is None):
        raise ValueError("Give exactly one of person or unit.")
    if person is not None:
        return (
            RegistrationEntry.objects.filter(person=person, award_kind__code=award_kind_code, registration__state__in=COUNTED_STATES)
            .filter(_year_overlap(year, "registration__"))
            .exists()
        )
    return (
        Registration.objects.filter(unit=unit, collective_award__code=award_kind_code, state__in=COUNTED_STATES)
        .filter(_year_overlap(year))
        .exists()
    )


def registrations_for(*, year: int, person=None, unit=None) -> QuerySet:
    """The counted (submitted or accepted) registration rows of `year`, for display.

    person=...: RegistrationEntry rows (``entry.award_kind``, ``entry.registration.campaign``).
    unit=...: Registration rows of that unit with a collective title (``registration.collective_award``,
    ``registration.campaign``)."""
    if (person is None) == (unit is None):
        raise ValueError("Give exactly one of person or unit.")
    if person is not None:
        return (
            RegistrationEntry.objects.filter(person=person, registration__state__in=COUNTED_STATES)
            .filter(_year_overlap(year, "registration__"))
            .select_related("award_kind", "registration__campaign", "registration__unit")
            .order_by("registration__campaign__start_date", "id")
        )
    return (
        Registration.objects.filter(unit=unit, state__in=COUNTED_STATES, collective_award__isnull=False)
        .filter(_year_overlap(year))
        .select_related("collective_award", "campaign", "unit")
        .order_by("campaign__start_date", "id")
    )


# --- Campaigns ------------------------------------------------------------------------------------


def campaigns_visible_to(user):
    """Campaigns that concern the user's unit (all of them for global readers)."""
    qs = Campaign.objects.all()
    scope = user_scope_unit_ids(user)
    if scope is None:
        return qs
    unit = getattr(user, "unit", None)
    if unit is None:
        return qs.none()
    return qs.filter(
        Q(participant_scope=ParticipantScope.ALL)
        | Q(participant_scope=ParticipantScope.BY_KIND, participant_unit_kinds__contains=[unit.kind])
        | Q(participant_scope=ParticipantScope.CHOSEN, participant_units=unit)
    ).distinct()


def campaign_list(*, user, q="", kind="", status="", year=None):
    qs = campaigns_visible_to(user)
    if q:
        qs = qs.filter(search_filter("search_name", q))
    if kind:
        qs = qs.filter(kind=kind)
    if year:
        qs = qs.filter(start_date__lte=dt.date(year, 12, 31), end_date__gte=dt.date(year, 1, 1))
    today = timezone.localdate()
    if status == "upcoming":
        qs = qs.filter(start_date__gt=today)
    elif status == "ended":
        qs = qs.filter(end_date__lt=today)
    elif status == "running":
        qs = qs.filter(start_date__lte=today, end_date__gte=today)
    return qs.order_by("-start_date", "name")


def territory_roots(start, end):
    """The units whose subtrees are the territory of the bodies the portal is at the period's two
    ends (each body's own unit, dosonthidua.identity): a ward's campaign of 2026 is for the ward's
    units, not its neighbour's; the district's campaign that ran on after 01/07/2025 for the
    district's and then the ward's. Empty when no body names its unit (no limit)."""
    return {identity_on(day).unit_id for day in (start, end)} - {None}


def participating_units(campaign, *, start=None, end=None):
    """The units a campaign is for: active, in force at some day of the campaign (or of its
    reporting period ``start`` – ``end``: a ward office that began on 01/07/2025 takes part in a
    campaign running to 31/12/2025 and reports for its third quarter, not its first; a department
    that ended on 30/06/2025 takes no part in this year's), and of its scope."""
    start, end = start or campaign.start_date, end or campaign.end_date
    units = Unit.objects.filter(active=True).in_force_during(start, end)
    roots = territory_roots(start, end)
    if roots:
        units = units.filter(in_subtrees_q(roots))
    if campaign.participant_scope == ParticipantScope.BY_KIND:
        units = units.filter(kind__in=campaign.participant_unit_kinds)
    elif campaign.participant_scope == ParticipantScope.CHOSEN:
        units = units.filter(pk__in=campaign.participant_units.values("pk"))
    return units.order_by("display_order", "name")


# --- Registrations --------------------------------------------------------------------------------


def registrations_visible_to(user):
    qs = Registration.objects.select_related("campaign", "unit", "collective_award")
    scope = user_scope_unit_ids(user)
    if scope is None:
        return qs
    return qs.filter(unit_id__in=scope)


def registration_list(*, user, q="", campaign=None, state=""):
    qs = registrations_visible_to(user).annotate(entry_count=Count("entries"))
    if q:
        qs = qs.filter(search_filter("unit__search_name", q) | search_filter("campaign__search_name", q))
    if campaign:
        qs = qs.filter(campaign=campaign)
    if state:
        qs = qs.filter(state=state)
    return qs.order_by("-updated_at", "-id")


def matrix_status(registration, campaign, today):
    if registration is None or registration.state == WorkflowState.DRAFT:
        if campaign.registration_is_late(today):
            return MatrixStatus.LATE
        return MatrixStatus.NOT_STARTED if registration is None else MatrixStatus.DRAFT
    return MatrixStatus(registration.state)


def registration_matrix(*, campaign, q=""):
    """Rows [{'unit', 'registration', 'status'}] for every participating unit, and counts per status.
    Two queries."""
    today = timezone.localdate()
    # The participants, and a unit out of force that registered all the same (never hidden).
    registered = Registration.objects.filter(campaign=campaign).values("unit_id")
    units = Unit.objects.filter(Q(pk__in=participating_units(campaign).values("pk")) | Q(pk__in=registered))
    units = units.order_by("display_order", "name")
    if q:
        units = units.filter(search_filter("search_name", q))
    units = list(units)
    regs = {r.unit_id: r for r in Registration.objects.filter(campaign=campaign, unit__in=units)}
    rows, counts = [], dict.fromkeys(MatrixStatus.values, 0)
    for unit in units:
        reg = regs.get(unit.pk)
        status = matrix_status(reg, campaign, today)
        counts[status] += 1
        rows.append({"unit": unit, "registration": reg, "status": status, "status_label": MatrixStatus(status).label})
    summary = [{"status": s, "label": MatrixStatus(s).label, "count": counts[s]} for s in MatrixStatus.values]
    return rows, summary


def units_without_submission(campaign):
    """Participating units with no registration or one still in draft (the reminder's recipients)."""
    done = Registration.objects.filter(campaign=campaign).exclude(state=WorkflowState.DRAFT).values("unit_id")
    return participating_units(campaign).exclude(pk__in=done)


# --- Progress reports -----------------------------------------------------------------------------


def reports_visible_to(user):
    qs = ProgressReport.objects.select_related("campaign", "unit")
    scope = user_scope_unit_ids(user)
    if scope is None:
        return qs
    return qs.filter(unit_id__in=scope)


def report_list(*, user, q="", campaign=None, state=""):
    qs = reports_visible_to(user).annotate(attachment_count=Count("attachments"))
    if q:
        qs = qs.filter(search_filter("unit__search_name", q) | search_filter("campaign__search_name", q))
    if campaign:
        qs = qs.filter(campaign=campaign)
    if state:
        qs = qs.filter(state=state)
    return qs.order_by("-period_start", "unit__display_order", "unit__name", "-id")


def report_overview(*, campaign, period_start):
    """Who has and has not reported for one period; and each target's achieved values summed over
    the units' submitted or accepted reports of that period."""
    reports = {r.unit_id: r for r in ProgressReport.objects.filter(campaign=campaign, period_start=period_start).select_related("unit")}
    period_end = next((end for start, end, _due in campaign.reporting_periods() if start == period_start), None)
    units = participating_units(campaign, start=period_start, end=period_end)
    rows = [{"unit": u, "report": reports.get(u.pk)} for u in units]
    totals = {
        row["target_id"]: row["total"]
        for row in ProgressValue.objects.filter(
            report__campaign=campaign, report__period_start=period_start, report__state__in=COUNTED_STATES
        )
        .values("target_id")
        .annotate(total=Sum("value"))
    }
    targets = [{"target": t, "total": totals.get(t.pk, 0)} for t in campaign.targets.all()]
    return rows, targets


# --- Exemplars ------------------------------------------------------------------------------------


def exemplars_visible_to(user):
    qs = Exemplar.objects.select_related("campaign", "unit", "person")
    scope = user_scope_unit_ids(user)
    if scope is None:
        return qs
    return qs.filter(unit_id__in=scope)


def exemplar_list(*, user, q="", kind="", state="", campaign=None):
    qs = exemplars_visible_to(user)
    if q:
        qs = qs.filter(search_filter("search_text", q))
    if kind:
        qs = qs.filter(kind=kind)
    if state:
        qs = qs.filter(state=state)
    if campaign:
        qs = qs.filter(campaign=campaign)
    return qs.order_by("-created_at", "-id")


def published_exemplars(*, q="", kind="", campaign=None):
    """Approved exemplars: the public page, no sign-in."""
    qs = (
        Exemplar.objects.filter(state=WorkflowState.ACCEPTED, public_withdrawn=False)
        .select_related("campaign", "unit")
        .annotate(photo_count=Count("photos"))
    )
    if q:
        qs = qs.filter(search_filter("search_text", q))
    if kind:
        qs = qs.filter(kind=kind)
    if campaign:
        qs = qs.filter(campaign=campaign)
    return qs.order_by("-decided_at", "-id")


def exemplars_for_publication(*, q="", kind=""):
    """Accepted exemplars, shown or taken down: what the propaganda office publishes and edits."""
    qs = Exemplar.objects.filter(state=WorkflowState.ACCEPTED).select_related("campaign", "unit", "public_edited_by")
    if q:
        qs = qs.filter(search_filter("search_text", q))
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("-decided_at", "-id")


def review_queue_counts():
    """(registrations, progress reports, exemplars) waiting for the advisory office, in one query of three
    indexed counts (the reviewer's home page stays within its query budget)."""
    from django.db import connection

    from .enums import WorkflowState
    from .models import Exemplar, ProgressReport, Registration

    tables = [m._meta.db_table for m in (Registration, ProgressReport, Exemplar)]
    sql = "SELECT " + ", ".join(f"(SELECT count(*) FROM {t} WHERE state = %s)" for t in tables)  # noqa: S608 - table names from models
    with connection.cursor() as cursor:
        cursor.execute(sql, [WorkflowState.SUBMITTED] * len(tables))
        return tuple(cursor.fetchone())
