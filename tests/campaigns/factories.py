import datetime as dt

import factory

from awards.enums import AwardCategory, AwardSubject, ConferringLevel
from awards.models import AwardKind
from campaigns.enums import CampaignKind
from campaigns.models import Campaign, CampaignTarget, Exemplar, ProgressReport, Registration, RegistrationEntry

from ..factories import PersonFactory, UnitFactory


class AwardKindFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AwardKind
        django_get_or_create = ("code", "valid_from")

    code = "lao-dong-tien-tien"
    name = "Lao động tiên tiến"
    category = AwardCategory.TITLE
    subject = AwardSubject.PERSON
    conferring_level = ConferringLevel.DISTRICT
    # The version in force at the end of the test campaign (the awards migrations may seed it).
    valid_from = dt.date(2025, 7, 1)


def collective_award():
    return AwardKindFactory(code="tap-the-lao-dong-tien-tien", name="Tập thể lao động tiên tiến", subject=AwardSubject.COLLECTIVE)


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    name = factory.Sequence(lambda n: f"Đợt thi đua đặc biệt {n}")
    kind = CampaignKind.THEMATIC
    start_date = dt.date(2024, 11, 15)
    end_date = dt.date(2025, 12, 31)
    registration_deadline = dt.date(2099, 3, 31)


class CampaignTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CampaignTarget

    campaign = factory.SubFactory(CampaignFactory)
    name = factory.Sequence(lambda n: f"Chỉ tiêu {n}")
    unit_of_measure = "hộ"


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    campaign = factory.SubFactory(CampaignFactory)
    unit = factory.SubFactory(UnitFactory)


class RegistrationEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegistrationEntry

    registration = factory.SubFactory(RegistrationFactory)
    person = factory.SubFactory(PersonFactory)
    award_kind = factory.SubFactory(AwardKindFactory)


class ProgressReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressReport

    campaign = factory.SubFactory(CampaignFactory)
    unit = factory.SubFactory(UnitFactory)
    period_start = dt.date(2024, 11, 15)
    period_end = dt.date(2025, 2, 14)
    due_date = dt.date(2025, 2, 24)
    narrative = "Kết quả thực hiện trong kỳ."


class ExemplarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Exemplar

    campaign = factory.SubFactory(CampaignFactory)
    unit = factory.SubFactory(UnitFactory)
    kind = "good_model"
    title = factory.Sequence(lambda n: f"Mô hình hay số {n}")
    summary = "Tóm tắt mô hình."
    description = "Mô tả cách làm."
