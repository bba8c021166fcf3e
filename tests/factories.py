"""Shared factories (units app); each app's tests add their own next to them."""

import factory

from units.enums import Gender, Role, UnitKind
from units.models import Person, Unit, User


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"Đơn vị thử {n}")
    short_code = factory.Sequence(lambda n: f"DV{n}")
    kind = UnitKind.DEPARTMENT


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thử {n}")
    gender = Gender.MALE
    birth_year = 1985
    position = "Chuyên viên"
    unit = factory.SubFactory(UnitFactory)
    is_direct_worker = True


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Người dùng {n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.vn")
    unit = factory.SubFactory(UnitFactory)
    roles = factory.LazyFunction(list)
    password = factory.PostGenerationMethodCall("set_password", "matkhau-thu-123")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def officer_of(unit, **kwargs):
    return UserFactory(unit=unit, roles=[Role.UNIT_OFFICER], **kwargs)
