import datetime as dt
from decimal import Decimal

import factory

from awards.enums import AwardCategory, AwardSubject, ConferringLevel, NominationState
from awards.models import AwardKind, AwardRecord, Nomination
from campaigns.enums import CampaignKind
from campaigns.models import Campaign, CampaignTarget, ProgressReport, ProgressValue, Registration

from ..factories import PersonFactory, UnitFactory, UserFactory


class AwardKindFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AwardKind
        django_get_or_create = ("code", "valid_from")

    code = factory.Sequence(lambda n: f"bc-thu-{n}")
    name = factory.Sequence(lambda n: f"Danh hiệu thử {n}")
    category = AwardCategory.TITLE
    subject = AwardSubject.PERSON
    conferring_level = ConferringLevel.DISTRICT
    reward_multiplier = Decimal("0.30")
    valid_from = dt.date(2024, 1, 1)


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    name = factory.Sequence(lambda n: f"Phong trào thi đua thử {n}")
    kind = CampaignKind.THEMATIC
    start_date = dt.date(2025, 1, 1)
    end_date = dt.date(2025, 12, 31)
    registration_deadline = dt.date(2025, 3, 31)


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    campaign = factory.SubFactory(CampaignFactory)
    unit = factory.SubFactory(UnitFactory)


class ProgressReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressReport

    campaign = factory.SubFactory(CampaignFactory)
    unit = factory.SubFactory(UnitFactory)
    period_start = dt.date(2025, 1, 1)
    period_end = dt.date(2025, 3, 31)
    due_date = dt.date(2025, 4, 10)
    narrative = "Kết quả trong kỳ."


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CampaignTarget

    campaign = factory.SubFactory(CampaignFactory)
    name = factory.Sequence(lambda n: f"Chỉ tiêu thử {n}")
    unit_of_measure = "hộ"


class ProgressValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressValue

    report = factory.SubFactory(ProgressReportFactory)
    target = factory.SubFactory(TargetFactory)
    value = Decimal("10")


class NominationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Nomination

    unit = factory.SubFactory(UnitFactory)
    nominee_person = factory.SubFactory(PersonFactory, unit=factory.SelfAttribute("..unit"))
    nominee_name = factory.LazyAttribute(lambda o: o.nominee_person.full_name if o.nominee_person else "Tập thể")
    award_kind = factory.SubFactory(AwardKindFactory)
    year = 2025
    achievement_summary = "Hoàn thành xuất sắc nhiệm vụ."
    state = NominationState.SUBMITTED
    created_by = factory.SubFactory(UserFactory)


class AwardRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AwardRecord

    person = factory.SubFactory(PersonFactory)
    award_kind = factory.SubFactory(AwardKindFactory)
    award_code = factory.LazyAttribute(lambda o: o.award_kind.code if o.award_kind else "khac")
    award_name = factory.LazyAttribute(lambda o: o.award_kind.name if o.award_kind else "Khác")
    year = 2025
    recipient_name = factory.LazyAttribute(lambda o: o.person.full_name if o.person else o.unit.name)
    unit_name = factory.LazyAttribute(lambda o: (o.person.unit if o.person else o.unit).name)
    decision_number = factory.Sequence(lambda n: f"{n + 1:02d}/QĐ-UBND")
    decision_date = dt.date(2025, 11, 10)
    issuer_name = "UBND quận Đồ Sơn"
