import io

import pytest
from django.core.management import call_command

from awards.models import AwardRecord, Nomination, NominationTransition
from units.models import Person, Unit

pytestmark = pytest.mark.django_db


def test_seed_bench_generates_exact_counts_and_reset_removes_them():
    call_command("seed_bench", units=30, people=300, nominations=900, years=6, decided=100, stdout=io.StringIO())
    bench_units = Unit.objects.filter(short_code__startswith="BENCH-")
    assert bench_units.count() == 30
    assert Person.objects.filter(unit__in=bench_units).count() == 300
    nominations = Nomination.objects.filter(unit__in=bench_units)
    assert nominations.count() == 900
    assert set(nominations.values_list("year", flat=True)) == {2020, 2021, 2022, 2023, 2024, 2025}
    # The current year holds every state of the workflow in its share (bench.seed.CURRENT_SHARES).
    from collections import Counter

    from awards.enums import NominationState
    from bench.seed import CURRENT_SHARES

    current = Counter(nominations.filter(year=2025).values_list("state", flat=True))
    assert set(current) == set(NominationState.values)
    total = sum(current.values())
    for state, share in CURRENT_SHARES:
        assert abs(100 * current[state] / total - share) < max(share, 6), (state, current[state], total)
    # Two history rows for every nomination past submission, one for those only submitted.
    expected = nominations.exclude(state="draft").count() + nominations.exclude(state__in=["draft", "submitted"]).count()
    assert NominationTransition.objects.filter(nomination__in=nominations).count() == expected
    assert AwardRecord.objects.filter(person__unit__in=bench_units).count() == 100
    from campaigns.models import Campaign, Exemplar, Registration, RegistrationEntry

    campaign = Campaign.objects.get(name__endswith="(dữ liệu đo)")
    registrations = Registration.objects.filter(campaign=campaign)
    assert registrations.count() == sum(1 for pk in bench_units.values_list("id", flat=True) if pk % 10)
    assert set(registrations.values_list("state", flat=True)) == {"draft", "submitted", "returned", "accepted"}
    assert (
        RegistrationEntry.objects.filter(registration__campaign=campaign).count()
        == Person.objects.filter(
            unit__in=registrations.values("unit"),
            id__in=[p for p in Person.objects.filter(unit__in=bench_units).values_list("id", flat=True) if p % 3 == 0],
        ).count()
    )
    assert Exemplar.objects.filter(campaign=campaign, state="accepted").count() == 300
    # Names are Vietnamese, accent-searchable through the generated column.
    assert Person.objects.filter(unit__in=bench_units, search_name__startswith="nguyen").exists()

    call_command("seed_bench", reset=True, nominations=0, people=0, units=0, stdout=io.StringIO())
    assert not Unit.objects.filter(short_code__startswith="BENCH-").exists()
    assert Nomination.objects.count() == 0
    assert not Campaign.objects.filter(name__endswith="(dữ liệu đo)").exists()
