import datetime as dt

import pytest

from awards.enums import AwardSubject

from .factories import AwardKindFactory, CampaignFactory, CampaignTargetFactory


@pytest.fixture
def ldtt(db):
    return AwardKindFactory()


@pytest.fixture
def collective(db):
    return AwardKindFactory(code="tap-the-lao-dong-tien-tien", name="Tập thể lao động tiên tiến", subject=AwardSubject.COLLECTIVE)


@pytest.fixture
def campaign(db):
    return CampaignFactory(name="Đợt thi đua đặc biệt đến hết năm 2025", start_date=dt.date(2024, 11, 20), end_date=dt.date(2025, 12, 31))


@pytest.fixture
def target(campaign):
    return CampaignTargetFactory(campaign=campaign, name="Nhà tạm được xóa", unit_of_measure="căn", target_value=10)
