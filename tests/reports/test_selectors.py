"""Each figure against a count made independently from the rows the test created."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from awards.enums import NominationState
from awards.models import BaseSalary
from reports import selectors
from units.enums import Gender

from .factories import AwardRecordFactory, NominationFactory


def money_of(record):
    base = BaseSalary.objects.filter(valid_from__lte=record.decision_date).order_by("-valid_from").first().amount
    return (record.award_kind.reward_multiplier * base / 10000).quantize(Decimal(1), rounding=ROUND_HALF_UP) * 10000


def test_award_totals_equal_independent_counts(world):
    records = world["records"]
    persons = [r for r in records if r.person_id]
    totals = selectors.award_totals(selectors.Scope(year=2025))
    assert totals["total"] == len(records) == 9
    assert totals["persons"] == len(persons) == 7
    assert totals["collectives"] == 2
    assert totals["direct_workers"] == sum(1 for r in persons if r.person.is_direct_worker)
    assert totals["leadership"] == sum(1 for r in persons if not r.person.is_direct_worker)
    assert totals["women"] == sum(1 for r in persons if r.person.gender == Gender.FEMALE)
    assert totals["money"] == sum(money_of(r) for r in records)
    assert totals["unpriced"] == 0
    # 0.3 × 2,340,000 = 702,000 (rounded to tens of thousands: 700,000).
    assert money_of(records[0]) == 700000


def test_reward_uses_base_salary_valid_on_the_decision_date(kinds, person):
    old = AwardRecordFactory(person=person, award_kind=kinds["cstd"], year=2024, decision_date=dt.date(2024, 6, 30))
    totals = selectors.award_totals(selectors.Scope(year=2024))
    assert totals["money"] == 1800000 == money_of(old)


def test_award_without_decision_date_is_counted_as_unpriced(kinds, person):
    AwardRecordFactory(person=person, award_kind=kinds["ldtt"], year=2023, decision_date=None)
    totals = selectors.award_totals(selectors.Scope(year=2023))
    assert (totals["total"], totals["money"], totals["unpriced"]) == (1, 0, 1)


def test_awards_by_unit_and_kind(world):
    unit, other, third = world["units"]
    by_unit = selectors.awards_by_unit(selectors.Scope(year=2025))
    assert by_unit[unit.pk]["total"] == 5
    assert by_unit[other.pk]["total"] == 4
    assert third.pk not in by_unit
    by_kind = {r["award_code"]: r["total"] for r in selectors.awards_by_kind(selectors.Scope(year=2025))}
    assert by_kind == {"bc-ldtt": 2 + 2, "bc-cstd": 2 + 1, "bc-tt": 2}


def test_date_range_scope_filters_decision_dates(world):
    scope = selectors.Scope(start=dt.date(2025, 11, 11), end=dt.date(2025, 11, 30))
    assert selectors.award_totals(scope)["total"] == 2  # only the two collective awards of 12/11


def test_nominations_by_state(world):
    states = {s["state"]: s["total"] for s in selectors.nominations_by_state(selectors.Scope(year=2025))}
    assert states[NominationState.DECIDED] == 7
    assert states[NominationState.VERIFIED] == 2
    assert sum(states.values()) == 9 and "draft" not in states


def test_overdue_matches_working_day_count(kinds, unit):
    today = dt.date(2025, 11, 24)  # Monday
    kind = kinds["ldtt"]
    kind.processing_days = 5
    kind.save()

    def submitted(day):
        return NominationFactory(
            unit=unit, award_kind=kind, state=NominationState.SUBMITTED, submitted_at=dt.datetime.combine(day, dt.time(9), dt.UTC)
        )

    late = submitted(dt.date(2025, 11, 14))  # Friday: 6 working days before today
    submitted(dt.date(2025, 11, 17))  # Monday: 5 working days, still within
    NominationFactory(unit=unit, award_kind=kind, state=NominationState.VERIFIED, submitted_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    overdue = list(selectors.overdue_nominations(selectors.Scope(), today=today))
    assert overdue == [late]


def test_campaign_progress_counts_registered_and_missing(world):
    campaign = world["campaign"]
    rows = selectors.campaign_progress(selectors.Scope(campaign=campaign), today=dt.date(2025, 5, 1))
    [row] = rows
    from units.models import Unit

    active = Unit.objects.filter(active=True).count()
    assert row["participants"] == active
    assert row["registered"] == 2
    assert row["unregistered"] == active - 2
    # Quarterly periods: only the first is due by 01/05/2025 (due 10/04/2025).
    assert row["reports_expected"] == active
    assert row["reports_received"] == 2
    assert row["reports_missing"] == active - 2


def test_target_progress_sums_sent_reports(world):
    [row] = selectors.target_progress(selectors.Scope(campaign=world["campaign"]))
    assert row["achieved"] == Decimal("24")
    assert row["share"] == Decimal("24.0")


def test_unit_rows(world):
    unit, other, third = world["units"]
    rows = {r["unit"].pk: r for r in selectors.unit_rows(selectors.Scope(year=2025), today=dt.date(2025, 12, 1))}
    assert (rows[unit.pk]["registered"], rows[unit.pk]["reports"], rows[unit.pk]["nominations"], rows[unit.pk]["awards"]) == (1, 1, 5, 5)
    assert (rows[third.pk]["registered"], rows[third.pk]["awards"]) == (0, 0)


def test_a_nomination_counts_in_the_period_of_its_local_date(kinds, unit):
    # Sent at 23:30 on 31/12/2025 in Hà Nội (16:30 UTC) belongs to 2025; at 00:30 on 01/01/2026
    # (17:30 UTC on 31/12) to 2026; without a sending date, to the year it names.
    kind = kinds["ldtt"]
    hanoi = dt.timezone(dt.timedelta(hours=7))
    late = NominationFactory(
        unit=unit, award_kind=kind, state=NominationState.SUBMITTED, year=2026, submitted_at=dt.datetime(2025, 12, 31, 23, 30, tzinfo=hanoi)
    )
    early = NominationFactory(
        unit=unit, award_kind=kind, state=NominationState.SUBMITTED, year=2025, submitted_at=dt.datetime(2026, 1, 1, 0, 30, tzinfo=hanoi)
    )
    undated = NominationFactory(unit=unit, award_kind=kind, state=NominationState.VERIFIED, year=2025, submitted_at=None)

    def sent_in(**period):
        return set(selectors.nominations(selectors.Scope(**period)).values_list("pk", flat=True))

    assert sent_in(year=2025) == {late.pk, undated.pk}
    assert sent_in(year=2026) == {early.pk}
    assert sent_in(start=dt.date(2025, 12, 31), end=dt.date(2025, 12, 31)) == {late.pk, undated.pk}
    assert sent_in(start=dt.date(2026, 1, 1), end=dt.date(2026, 1, 1)) == {early.pk}
    assert sent_in(start=dt.date(2025, 12, 1), end=dt.date(2026, 1, 31)) == {late.pk, early.pk, undated.pk}
