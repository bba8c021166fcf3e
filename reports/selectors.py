"""Read-only aggregate queries behind the dashboard and every report. Everything is counted and
summed in PostgreSQL (Count/Sum with filter=Q, subqueries); Python only arranges the few
aggregated rows. The number of queries does not grow with the number of units or rows."""

import contextvars
import datetime as dt
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import BigIntegerField, Case, Count, DecimalField, F, IntegerField, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce, Round
from django.utils import timezone

from awards.enums import NominationBasis, NominationState
from awards.fund import fund_summary_line
from awards.models import AwardRecord, BaseSalary, Nomination
from awards.selectors import issuing_body_on, overdue_condition
from campaigns.enums import ParticipantScope, WorkflowState
from campaigns.models import Campaign, CampaignTarget, Exemplar, ProgressReport, Registration, RegistrationEntry
from campaigns.selectors import participating_units
from units.enums import Gender
from units.models import Unit

from .models import ReportRun
from .periods import parse_period

# A registration or progress report counts once the unit has sent it (campaigns app's rule).
COUNTED = (WorkflowState.SUBMITTED, WorkflowState.ACCEPTED)
# Nominations waiting for Phòng Nội vụ: the service level (AwardKind.processing_days) runs on these.
WAITING_FOR_REVIEW = (NominationState.SUBMITTED, NominationState.RESUBMITTED)
# Cached figures (dashboard, home panel) live under this prefix; issuing a decision clears it.
FIGURES_KEY_PREFIX = "reports:figures:v2:"
# Nominations ready for the council's list of proposed awardees.
PROPOSED_STATES = (NominationState.VERIFIED, NominationState.WITH_COUNCIL)
MONEY = DecimalField(max_digits=18, decimal_places=0)


@dataclass(frozen=True)
class Scope:
    """What a dashboard or report covers: a period and/or a campaign. The period is a date range
    (``start``–``end``) or a calendar year (``year``: 01/01–31/12, the period "2025" of a report),
    and it means one thing everywhere (docs/decisions.md, "One period definition"): an award counts
    in the period of its decision date, a nomination in the period it was sent to the reviewer;
    a row without that date (an imported past award) counts on 31/12 of its year."""

    year: int | None = None
    campaign: Campaign | None = None
    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def bounds(self):
        """(first day, last day) of the period, or None when the scope has no period."""
        if self.start and self.end:
            return self.start, self.end
        if self.year:
            period = parse_period(str(self.year))
            return period.start, period.end
        return None

    def dated(self, date_field):
        """Q: rows whose ``date_field`` (a date lookup) falls in the period, or, when it is empty,
        whose year ends (31/12) in it."""
        start, end = self.bounds
        undated_years = [y for y in range(start.year, end.year + 1) if start <= dt.date(y, 12, 31) <= end]
        field = date_field.removesuffix("__date")
        if field == date_field:
            in_period = Q(**{f"{field}__range": (start, end)})
        else:
            # A timestamp's local date in [start, end] is the timestamp in [start 00:00, end + 1 day
            # 00:00) of the current time zone: a range an index on the column serves, where the
            # date of the timestamp (AT TIME ZONE ...)::date made every request scan the table.
            tz = timezone.get_current_timezone()
            in_period = Q(**{f"{field}__gte": dt.datetime.combine(start, dt.time.min, tzinfo=tz)})
            if end < dt.date.max:
                in_period &= Q(**{f"{field}__lt": dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)})
        return in_period | Q(**{f"{field}__isnull": True, "year__in": undated_years})

    @property
    def querystring(self):
        parts = []
        if self.year:
            parts.append(f"year={self.year}")
        if self.campaign:
            parts.append(f"campaign={self.campaign.pk}")
        if self.start and self.end:
            parts.append(f"start={self.start.isoformat()}&end={self.end.isoformat()}")
        return "&".join(parts)


# --- Awards decided (awards.AwardRecord) ---------------------------------------------------------


_SALARY_ROWS = contextvars.ContextVar("salary_rows", default=None)
_MEMO = contextvars.ContextVar("report_memo", default=None)


@contextmanager
def shared_lookups():
    """Within this block the few reference rows every money figure needs (BaseSalary) are read
    once, not once per aggregate, and the grouped reads several figures derive from (nominations
    by state and kind with the overdue count, awards by unit, the active units) are made once: the
    dashboard computes a dozen figures in one go."""
    token = _SALARY_ROWS.set(list(BaseSalary.objects.order_by("-valid_from").values_list("valid_from", "amount")))
    memo = _MEMO.set({})
    try:
        yield
    finally:
        _SALARY_ROWS.reset(token)
        _MEMO.reset(memo)


def _memoized(key, compute):
    """compute(), once per ``key`` inside a shared_lookups() block (every time outside one)."""
    memo = _MEMO.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def _base_salary_on_decision_date():
    """The base salary (mức lương cơ sở) valid on each row's decision date, as a CASE over the few
    BaseSalary rows (one small query) rather than a correlated subquery per award."""
    rows = _SALARY_ROWS.get()
    if rows is None:
        rows = BaseSalary.objects.order_by("-valid_from").values_list("valid_from", "amount")
    whens = [When(decision_date__gte=valid_from, then=Value(amount)) for valid_from, amount in rows]
    if not whens:
        return Value(None, output_field=BigIntegerField())
    return Case(*whens, default=None, output_field=BigIntegerField())


def awards_in(scope):
    """Awards decided in the scope (year, campaign, decision dates), without annotations: what every
    count of awards starts from."""
    qs = AwardRecord.objects.all()
    if scope.campaign is not None:
        qs = qs.filter(nomination__campaign=scope.campaign)
    if scope.bounds:
        qs = qs.filter(scope.dated("decision_date"))
    return qs


def award_records(scope, *, unit_id=None, award_code=""):
    """Awards decided in the scope, annotated with the recipient's unit and the reward money:
    multiplier × base salary on the decision date, rounded to tens of thousands of đồng
    (Nghị định 98/2023 art. 70, 152/2025). Rows whose money cannot be derived have reward NULL."""
    qs = (
        awards_in(scope)
        .annotate(
            recipient_unit=Coalesce("person__unit_id", "unit_id"),
            base_salary=_base_salary_on_decision_date(),
        )
        .annotate(reward=Round(F("award_kind__reward_multiplier") * F("base_salary"), precision=-4, output_field=MONEY))
    )
    if unit_id:
        qs = qs.filter(recipient_unit=unit_id)
    if award_code:
        qs = qs.filter(award_code=award_code)
    return qs


def _award_counts():
    """The counts of every award table. A person's gender and direct-worker flag may be blank
    (unknown: a published list did not say); unknown is its own count ("Chưa rõ"), never folded
    into "Không" (leadership) or a gender, so the parts add up to the persons."""
    return {
        "total": Count("id"),
        "persons": Count("id", filter=Q(person__isnull=False)),
        "collectives": Count("id", filter=Q(unit__isnull=False)),
        "direct_workers": Count("id", filter=Q(person__is_direct_worker=True)),
        "leadership": Count("id", filter=Q(person__isnull=False, person__is_direct_worker=False)),
        "direct_unknown": Count("id", filter=Q(person__isnull=False, person__is_direct_worker__isnull=True)),
        "women": Count("id", filter=Q(person__gender=Gender.FEMALE)),
        "men": Count("id", filter=Q(person__gender=Gender.MALE)),
        "gender_unknown": Count("id", filter=Q(person__isnull=False, person__gender="")),
        "money": Coalesce(Sum("reward"), Value(0), output_field=MONEY),
        "unpriced": Count("id", filter=Q(reward__isnull=True)),
    }


def award_totals(scope):
    if _MEMO.get() is not None:
        # Every count is a sum over the units' groups (awards_by_unit, read once in the block).
        groups = awards_by_unit(scope).values()
        totals = {name: sum(group[name] for group in groups) for name in _award_counts()}
    else:
        totals = award_records(scope).aggregate(**_award_counts())
    persons = totals["persons"]
    totals["direct_share"] = _percent(totals["direct_workers"], persons)
    totals["women_share"] = _percent(totals["women"], persons)
    return totals


def awards_by_kind(scope):
    rows = award_records(scope).order_by().values("award_code", "award_name").annotate(**_award_counts()).order_by("-total", "award_name")
    return list(rows)


def awards_by_basis(scope):
    """Counts by basis (loại hình khen thưởng, statistical form 0603). Imported records carry no
    nomination: they are counted under 'not recorded'."""
    labels = dict(NominationBasis.choices)
    rows = award_records(scope).order_by().values("nomination__basis").annotate(total=Count("id")).order_by("-total")
    return [
        {"basis": r["nomination__basis"] or "", "label": labels.get(r["nomination__basis"], "Không ghi loại hình"), "total": r["total"]}
        for r in rows
    ]


def awards_by_unit_kind(scope):
    """[(unit_id, award_code, award_name, count, money)] aggregated in the database."""
    return list(
        award_records(scope)
        .order_by()
        .values("recipient_unit", "award_code", "award_name")
        .annotate(total=Count("id"), money=Coalesce(Sum("reward"), Value(0), output_field=MONEY))
    )


def awards_by_unit(scope):
    return _memoized(
        ("awards_by_unit", scope),
        lambda: {r["recipient_unit"]: r for r in award_records(scope).order_by().values("recipient_unit").annotate(**_award_counts())},
    )


# --- Nominations ---------------------------------------------------------------------------------


def nominations(scope, *, state="", award_code="", unit_id=None):
    qs = Nomination.objects.all()
    if scope.campaign is not None:
        qs = qs.filter(campaign=scope.campaign)
    if scope.bounds:
        qs = qs.filter(scope.dated("submitted_at__date"))
    if state:
        qs = qs.filter(state=state)
    if award_code:
        qs = qs.filter(award_kind__code=award_code)
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    return qs


_WAITING = {*WAITING_FOR_REVIEW, NominationState.VERIFIED, NominationState.WITH_COUNCIL}
_APPROVED = {NominationState.APPROVED, NominationState.DECIDED, NominationState.PROPOSED_UPWARD}
_REJECTED = {NominationState.NOT_APPROVED, NominationState.RETURNED}


def _nomination_groups(scope):
    """[(state, award code, award name, count, overdue)] of the scope's proposals (drafts are the
    units' own work, not yet proposals, and are left out): what the counts by state and by kind sum.
    Inside a shared_lookups() block (the dashboard) the same scan also counts the overdue ones
    (overdue_count); outside it ``overdue`` is None and costs nothing."""

    def grouped():
        counts = {"n": Count("id")}
        if _MEMO.get() is not None:
            counts["overdue"] = Count("id", filter=overdue_condition(timezone.localdate()))
        groups = (
            nominations(scope).exclude(state=NominationState.DRAFT).order_by().values_list("state", "award_kind__code", "award_kind__name")
        )
        rows = list(groups.annotate(**counts))
        return rows if "overdue" in counts else [(*row, None) for row in rows]

    return _memoized(("nomination_groups", scope), grouped)


def nominations_by_state(scope):
    """Counts per state; drafts are the units' own work, not yet proposals, and are left out."""
    counts = {}
    for state, _code, _name, n, _overdue in _nomination_groups(scope):
        counts[state] = counts.get(state, 0) + n
    return [
        {"state": value, "label": label, "total": counts.get(value, 0)}
        for value, label in NominationState.choices
        if value != NominationState.DRAFT
    ]


def nominations_by_kind(scope):
    kinds = {}
    for state, code, name, n, _overdue in _nomination_groups(scope):
        row = kinds.setdefault(
            code, {"award_kind__code": code, "award_kind__name": name, "total": 0, "waiting": 0, "approved": 0, "rejected": 0}
        )
        row["total"] += n
        row["waiting"] += n if state in _WAITING else 0
        row["approved"] += n if state in _APPROVED else 0
        row["rejected"] += n if state in _REJECTED else 0
    return sorted(kinds.values(), key=lambda row: (-row["total"], row["award_kind__name"]))


def nominations_by_unit(scope):
    return {
        r["unit_id"]: r
        for r in nominations(scope)
        .exclude(state=NominationState.DRAFT)
        .order_by()
        .values("unit_id")
        .annotate(total=Count("id"), decided=Count("id", filter=Q(state=NominationState.DECIDED)))
    }


def overdue_nominations(scope, *, today=None):
    """Nominations waiting for review longer than their kind's service level, in working days over
    the holiday calendar (the awards app's condition: a count or a page in SQL at any queue size)."""
    return nominations(scope).filter(overdue_condition(today or timezone.localdate()))


def overdue_count(scope):
    """How many of overdue_nominations(scope) there are today: inside a shared_lookups() block, read
    with the counts by state and kind (one scan of the scope's nominations for both), else counted."""
    if _MEMO.get() is None:
        return overdue_nominations(scope).count()
    return sum(overdue for *_, overdue in _nomination_groups(scope))


def proposed_awardees(scope):
    """The list the council considers: nominations verified by Phòng Nội vụ or already with the council."""
    return (
        nominations(scope)
        .filter(state__in=PROPOSED_STATES)
        .select_related("award_kind", "unit", "nominee_person", "nominee_unit")
        .order_by("award_kind__display_order", "award_kind__name", "unit__display_order", "nominee_name")
    )


# --- Campaigns: registrations, progress reports, targets -----------------------------------------


def campaigns_in_scope(scope):
    if scope.campaign is not None:
        return Campaign.objects.filter(pk=scope.campaign.pk)
    qs = Campaign.objects.all()
    if scope.start and scope.end:
        qs = qs.filter(start_date__lte=scope.end, end_date__gte=scope.start)
    elif scope.year:
        qs = qs.filter(start_date__lte=dt.date(scope.year, 12, 31), end_date__gte=dt.date(scope.year, 1, 1))
    return qs


def _subquery_count(model, *, outer, **filters):
    """COUNT(*) of ``model`` rows with ``outer`` = the outer row's pk and ``filters``, as a subquery."""
    sub = model.objects.filter(**{outer: OuterRef("pk")}, **filters).order_by().values(outer).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(sub, output_field=IntegerField()), 0)


def campaign_progress(scope, *, today=None):
    """Per campaign: participating units, registrations sent and missing, progress reports due so
    far, received and missing. Two queries whatever the number of campaigns or units."""
    today = today or timezone.localdate()
    as_of = min(today, scope.end) if scope.end else today
    if _MEMO.get() is not None:  # the dashboard lists the active units anyway (unit_rows)
        spans = list(Counter((unit.kind, unit.valid_from, unit.valid_to) for unit in _active_units()).items())
    else:
        grouped = Unit.objects.filter(active=True).order_by().values_list("kind", "valid_from", "valid_to").annotate(n=Count("id"))
        spans = [((kind, start, end), n) for kind, start, end, n in grouped]

    def in_force(kinds, start, end):
        """Active units of ``kinds`` (None: all) in force at some day of ``start`` – ``end``."""
        return sum(
            n
            for (kind, since, until), n in spans
            if (kinds is None or kind in kinds) and (since is None or since <= end) and (until is None or until >= start)
        )

    chosen_in_force = (Q(participant_units__valid_from__isnull=True) | Q(participant_units__valid_from__lte=F("end_date"))) & (
        Q(participant_units__valid_to__isnull=True) | Q(participant_units__valid_to__gte=F("start_date"))
    )
    campaigns = campaigns_in_scope(scope).annotate(
        chosen_units=Count("participant_units", filter=Q(participant_units__active=True) & chosen_in_force, distinct=True),
        registered=_subquery_count(Registration, outer="campaign", state__in=COUNTED),
        reports_received=_subquery_count(ProgressReport, outer="campaign", state__in=COUNTED, due_date__lte=as_of),
        reports_late=_subquery_count(ProgressReport, outer="campaign", state__in=COUNTED, is_late=True),
    )
    rows = []
    for c in campaigns.order_by("-start_date", "name"):
        # Participants: units in force at some day of the campaign; a report is expected for a
        # period from the units in force during it (a ward office begun on 01/07/2025 reports for
        # the third quarter, not the first).
        due_periods = [p for p in c.reporting_periods() if p[2] <= as_of]
        if c.participant_scope == ParticipantScope.CHOSEN:
            participants = c.chosen_units
            expected = participants * len(due_periods)
        else:
            kinds = None if c.participant_scope == ParticipantScope.ALL else set(c.participant_unit_kinds)
            participants = in_force(kinds, c.start_date, c.end_date)
            expected = sum(in_force(kinds, start, end) for start, end, _due in due_periods)
        rows.append(
            {
                "campaign": c,
                "participants": participants,
                "registered": c.registered,
                "unregistered": max(participants - c.registered, 0),
                "registration_share": _percent(c.registered, participants),
                "reports_expected": expected,
                "reports_received": c.reports_received,
                "reports_missing": max(expected - c.reports_received, 0),
                "reports_late": c.reports_late,
            }
        )
    return rows


def registrations_by_unit(scope):
    return {
        r["unit_id"]: r
        for r in Registration.objects.filter(campaign__in=campaigns_in_scope(scope))
        .order_by()
        .values("unit_id")
        .annotate(sent=Count("id", filter=Q(state__in=COUNTED)), draft=Count("id", filter=~Q(state__in=COUNTED)))
    }


def reports_by_unit(scope, *, today=None):
    as_of = min(today or timezone.localdate(), scope.end) if scope.end else (today or timezone.localdate())
    return {
        r["unit_id"]: r
        for r in ProgressReport.objects.filter(campaign__in=campaigns_in_scope(scope), due_date__lte=as_of)
        .order_by()
        .values("unit_id")
        .annotate(sent=Count("id", filter=Q(state__in=COUNTED)), late=Count("id", filter=Q(state__in=COUNTED, is_late=True)))
    }


def target_progress(scope):
    """Each target with its overall value, the sum the units committed to and the sum achieved in
    their sent progress reports (all periods)."""
    from campaigns.models import ProgressValue, RegistrationTarget

    committed = RegistrationTarget.objects.filter(target=OuterRef("pk"), registration__state__in=COUNTED).order_by().values("target")
    achieved = ProgressValue.objects.filter(target=OuterRef("pk"), report__state__in=COUNTED).order_by().values("target")
    value_field = DecimalField(max_digits=16, decimal_places=2)
    rows = (
        CampaignTarget.objects.filter(campaign__in=campaigns_in_scope(scope))
        .select_related("campaign")
        .annotate(
            committed=Coalesce(Subquery(committed.annotate(s=Sum("value")).values("s"), output_field=value_field), Value(Decimal(0))),
            achieved=Coalesce(Subquery(achieved.annotate(s=Sum("value")).values("s"), output_field=value_field), Value(Decimal(0))),
        )
        .order_by("campaign__start_date", "campaign_id", "display_order", "id")
    )
    result = []
    for t in rows:
        goal = t.target_value or t.committed
        result.append({"target": t, "goal": goal, "committed": t.committed, "achieved": t.achieved, "share": _percent(t.achieved, goal)})
    return result


def exemplar_count(scope):
    return Exemplar.objects.filter(campaign__in=campaigns_in_scope(scope), state=WorkflowState.ACCEPTED).count()


def registration_rows(campaign):
    """Every participating unit with its registration (state, collective title, number of persons
    registered): the 'registrations of a campaign' report. The units in force at some day of the
    campaign (campaigns.selectors.participating_units), and any other that registered all the same.
    Two queries."""
    registered = Registration.objects.filter(campaign=campaign).values("unit_id")
    units = Unit.objects.filter(Q(pk__in=participating_units(campaign).values("pk")) | Q(pk__in=registered))
    regs = {
        r.unit_id: r
        for r in Registration.objects.filter(campaign=campaign).select_related("collective_award").annotate(persons=Count("entries"))
    }
    return [{"unit": u, "registration": regs.get(u.pk)} for u in units.order_by("display_order", "name")]


def registered_persons_by_kind(campaign):
    return list(
        RegistrationEntry.objects.filter(registration__campaign=campaign, registration__state__in=COUNTED)
        .order_by()
        .values("award_kind__name")
        .annotate(total=Count("id"))
        .order_by("-total")
    )


# --- Units and the archive -----------------------------------------------------------------------


_REGISTRATIONS, _REPORTS, _NOMINATIONS = 1, 2, 3


def _unit_counts(scope, *, today=None):
    """{(unit id, what): count} of registrations sent, progress reports sent (due so far) and
    proposals (drafts left out) per unit: the three grouped counts of registrations_by_unit,
    reports_by_unit and nominations_by_unit in one query (UNION ALL)."""
    as_of = min(today or timezone.localdate(), scope.end) if scope.end else (today or timezone.localdate())

    def grouped(qs, what, count):
        return qs.order_by().values("unit_id").annotate(what=Value(what), n=count).values_list("unit_id", "what", "n")

    campaigns = campaigns_in_scope(scope)
    registrations = grouped(Registration.objects.filter(campaign__in=campaigns), _REGISTRATIONS, Count("id", filter=Q(state__in=COUNTED)))
    reports = grouped(
        ProgressReport.objects.filter(campaign__in=campaigns, due_date__lte=as_of), _REPORTS, Count("id", filter=Q(state__in=COUNTED))
    )
    proposals = grouped(nominations(scope).exclude(state=NominationState.DRAFT), _NOMINATIONS, Count("id"))
    return {(unit_id, what): n for unit_id, what, n in registrations.union(reports, proposals, all=True)}


def _active_units():
    return _memoized(
        ("active_units",),
        lambda: list(
            Unit.objects.filter(active=True)
            .order_by("display_order", "name")
            .only("pk", "name", "short_code", "kind", "valid_from", "valid_to")
        ),
    )


def _scope_dates(scope):
    """(first, last day) the scope covers: its period, else its campaign's, else None."""
    if scope.bounds:
        return scope.bounds
    if scope.campaign is not None:
        return scope.campaign.start_date, scope.campaign.end_date
    return None


def unit_rows(scope, *, today=None):
    """The per-unit table of the dashboard: every active unit in force at some day of the scope's
    period (of its campaign; every active unit when it has neither) with its registrations, progress
    reports, nominations and awards in the scope; a unit out of force with figures in the scope
    keeps its row, so the table still adds up. Three queries in all."""
    counts = _unit_counts(scope, today=today)
    awards = awards_by_unit(scope)
    dates = _scope_dates(scope)
    rows = []
    for unit in _active_units():
        a = awards.get(unit.pk, {})
        figures = a.get("total") or any(counts.get((unit.pk, what)) for what in (_REGISTRATIONS, _REPORTS, _NOMINATIONS))
        if dates and not figures and not unit.in_force_during(*dates):
            continue
        rows.append(
            {
                "unit": unit,
                "registered": counts.get((unit.pk, _REGISTRATIONS), 0),
                "reports": counts.get((unit.pk, _REPORTS), 0),
                "nominations": counts.get((unit.pk, _NOMINATIONS), 0),
                "awards": a.get("total", 0),
                "direct_workers": a.get("direct_workers", 0),
                "women": a.get("women", 0),
                "money": a.get("money", 0),
            }
        )
    return rows


def unit_names(ids):
    return dict(Unit.objects.filter(pk__in=[i for i in ids if i]).values_list("pk", "name"))


def report_archive():
    return ReportRun.objects.select_related("campaign", "requested_by").order_by("-created_at", "-id")


def _percent(part, whole):
    if not whole:
        return 0
    return round(Decimal(part) * 100 / Decimal(whole), 1)


# --- The reward fund (awards.fund) ---------------------------------------------------------------


def fund_line(end):
    """The summary's line on the reward fund of the issuing body valid on ``end``, for the calendar
    year of ``end`` (the fund is planned by calendar year) up to that date."""
    return fund_summary_line(year=end.year, until=end, body=issuing_body_on(end))
