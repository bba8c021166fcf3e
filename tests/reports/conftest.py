import datetime as dt
from decimal import Decimal

import pytest

from awards.enums import AwardSubject, NominationState
from awards.models import BaseSalary
from campaigns.enums import WorkflowState
from units.enums import Gender, UnitKind

from ..factories import PersonFactory, UnitFactory
from .factories import (
    AwardKindFactory,
    AwardRecordFactory,
    CampaignFactory,
    NominationFactory,
    ProgressReportFactory,
    ProgressValueFactory,
    RegistrationFactory,
    TargetFactory,
)


@pytest.fixture
def kinds(db):
    # The awards migration seeds these; a transactional (browser) test may have flushed them.
    BaseSalary.objects.get_or_create(valid_from=dt.date(2023, 7, 1), defaults={"amount": 1800000})
    BaseSalary.objects.get_or_create(valid_from=dt.date(2024, 7, 1), defaults={"amount": 2340000})
    return {
        "ldtt": AwardKindFactory(code="bc-ldtt", name="Lao động tiên tiến (thử)", reward_multiplier=Decimal("0.30")),
        "cstd": AwardKindFactory(code="bc-cstd", name="Chiến sĩ thi đua cơ sở (thử)", reward_multiplier=Decimal("1.00")),
        "tt": AwardKindFactory(
            code="bc-tt", name="Tập thể lao động tiên tiến (thử)", subject=AwardSubject.COLLECTIVE, reward_multiplier=Decimal("0.80")
        ),
    }


def make_unit_data(unit, kinds, campaign, *, n):
    """Data for one unit: a registration, a progress report, nominations and awards."""
    RegistrationFactory(campaign=campaign, unit=unit, state=WorkflowState.ACCEPTED)
    report = ProgressReportFactory(campaign=campaign, unit=unit, state=WorkflowState.SUBMITTED)
    target = campaign.targets.first()
    if target:
        ProgressValueFactory(report=report, target=target, value=Decimal("12"))
    people = [
        PersonFactory(
            unit=unit,
            full_name=f"Lê Thị Hoa {unit.short_code} {i}",
            gender=Gender.FEMALE if i % 2 == 0 else Gender.MALE,
            is_direct_worker=i % 3 != 0,
        )
        for i in range(n)
    ]
    records = []
    for i, person in enumerate(people):
        kind = kinds["ldtt"] if i % 2 == 0 else kinds["cstd"]
        records.append(AwardRecordFactory(person=person, award_kind=kind, decision_date=dt.date(2025, 11, 10)))
        NominationFactory(
            unit=unit,
            nominee_person=person,
            award_kind=kind,
            state=NominationState.DECIDED,
            campaign=campaign,
            submitted_at=dt.datetime(2025, 10, 1, 8, tzinfo=dt.UTC),
        )
    records.append(
        AwardRecordFactory(
            person=None,
            unit=unit,
            award_kind=kinds["tt"],
            recipient_name=unit.name,
            unit_name=unit.name,
            decision_date=dt.date(2025, 11, 12),
        )
    )
    NominationFactory(
        unit=unit,
        award_kind=kinds["cstd"],
        state=NominationState.VERIFIED,
        campaign=campaign,
        submitted_at=dt.datetime(2025, 11, 3, 8, tzinfo=dt.UTC),
    )
    return records


@pytest.fixture
def campaign(db):
    c = CampaignFactory(name="Đợt thi đua đặc biệt chào mừng Đại hội")
    TargetFactory(campaign=c, name="Nhà tạm được xóa", unit_of_measure="căn", target_value=Decimal("100"))
    return c


@pytest.fixture
def world(unit, other_unit, district, kinds, campaign):
    """Two units with data, a third without (it has not registered)."""
    third = UnitFactory(name="UBND phường Hải Sơn", short_code="P-HS", kind=UnitKind.WARD, parent=district)
    records = make_unit_data(unit, kinds, campaign, n=4) + make_unit_data(other_unit, kinds, campaign, n=3)
    return {"units": [unit, other_unit, third], "records": records, "campaign": campaign}
