"""A person's dated service periods (units.ServicePeriod): the checks (dates in order, no overlap in
one group, a unit or an organisation), the history rows, and the person page that edits them within
the officer's scope."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from units import services
from units.enums import PositionGroup
from units.models import ServicePeriod

pytestmark = pytest.mark.django_db


def _period(person, start, end=None, group=PositionGroup.DEPARTMENT_HEAD, **extra):
    return ServicePeriod(person=person, position="Trưởng phòng", group=group, unit=person.unit, start_date=start, end_date=end, **extra)


def test_the_end_may_not_come_before_the_start(person, officer):
    with pytest.raises(ValidationError) as error:
        services.service_period_save(period=_period(person, dt.date(2020, 5, 2), dt.date(2020, 5, 1)), by=officer)
    assert error.value.message_dict["end_date"] == ["Ngày kết thúc không được trước ngày bắt đầu."]
    one_day = services.service_period_save(period=_period(person, dt.date(2020, 5, 1), dt.date(2020, 5, 1)), by=officer)
    assert one_day.pk


def test_periods_of_one_group_may_not_overlap_but_may_follow_each_other(person, officer):
    services.service_period_save(period=_period(person, dt.date(2015, 1, 1), dt.date(2019, 12, 31)), by=officer)
    with pytest.raises(ValidationError) as error:
        services.service_period_save(period=_period(person, dt.date(2019, 12, 31)), by=officer)
    assert "Trùng thời gian với giai đoạn “Trưởng phòng” (01/01/2015 – 31/12/2019)" in " ".join(error.value.messages)
    services.service_period_save(period=_period(person, dt.date(2020, 1, 1)), by=officer)  # the next day: fine
    # An open period overlaps everything after its start.
    with pytest.raises(ValidationError):
        services.service_period_save(period=_period(person, dt.date(2030, 1, 1), dt.date(2030, 2, 1)), by=officer)
    # A post held concurrently in another group may overlap.
    services.service_period_save(period=_period(person, dt.date(2016, 1, 1), group=PositionGroup.DEPUTY_DIRECTOR), by=officer)
    assert person.service_periods.count() == 3


def test_a_unit_or_an_organisation_is_required(person, officer):
    period = _period(person, dt.date(2010, 1, 1))
    period.unit = None
    with pytest.raises(ValidationError) as error:
        services.service_period_save(period=period, by=officer)
    assert error.value.message_dict["organisation"] == ["Hãy chọn đơn vị hoặc ghi tên cơ quan."]
    period.organisation = "Sở Nội vụ thành phố Hải Phòng"
    assert services.service_period_save(period=period, by=officer).place == "Sở Nội vụ thành phố Hải Phòng"


def test_changes_keep_a_history_with_who_made_them(person, officer):
    period = services.service_period_save(period=_period(person, dt.date(2010, 1, 1)), by=officer)
    period.end_date = dt.date(2012, 1, 1)
    services.service_period_save(period=period, by=officer)
    pk = period.pk
    services.service_period_delete(period=period, by=officer)
    history = ServicePeriod.history.filter(id=pk).order_by("history_date")
    assert [(h.history_type, h.history_user) for h in history] == [("+", officer), ("~", officer), ("-", officer)]


def test_the_officer_adds_corrects_and_deletes_periods_in_scope(client_for, officer, person, unit):
    url = reverse("units:person-service", args=[person.pk])
    client = client_for(officer)
    assert "Chưa ghi giai đoạn giữ chức vụ nào." in client.get(url).content.decode()
    data = {"position": "Trưởng phòng Nội vụ", "group": PositionGroup.DEPARTMENT_HEAD, "unit": unit.pk, "start_date": "2015-03-01"}
    assert client.post(url, data).status_code == 302
    period = person.service_periods.get()
    assert period.end_date is None and period.unit == unit
    # An end before the start is refused with its message, nothing saved.
    page = client.post(url, {**data, "period": period.pk, "end_date": "2014-01-01"}).content.decode()
    assert "Ngày kết thúc không được trước ngày bắt đầu." in page
    assert client.post(url, {**data, "period": period.pk, "end_date": "2020-02-29"}).status_code == 302
    period.refresh_from_db()
    assert period.end_date == dt.date(2020, 2, 29)
    assert "Trưởng phòng Nội vụ" in client.get(reverse("units:person-detail", args=[person.pk])).content.decode()
    assert client.post(url, {"delete": period.pk}).status_code == 302
    assert not person.service_periods.exists()


def test_outsiders_neither_see_nor_change_the_periods(client_for, other_officer, leader, person, other_person, unit):
    period = ServicePeriod.objects.create(
        person=person, position="Trưởng phòng", group=PositionGroup.DEPARTMENT_HEAD, unit=unit, start_date=dt.date(2015, 1, 1)
    )
    url = reverse("units:person-service", args=[person.pk])
    assert client_for(other_officer).get(url).status_code == 404
    assert client_for(other_officer).post(url, {"delete": period.pk}).status_code == 404
    assert client_for(leader).get(url).status_code == 403
    # A period of another person cannot be reached through this person's page.
    other_url = reverse("units:person-service", args=[other_person.pk])
    assert client_for(other_officer).post(other_url, {"delete": period.pk}).status_code == 404
    assert ServicePeriod.objects.filter(pk=period.pk).exists()


def test_the_periods_page_reads_a_fixed_number_of_queries(client_for, officer, person, unit):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client, url = client_for(officer), reverse("units:person-service", args=[person.pk])
    counts = []
    for year in (2000, 2001, 2002, 2003, 2004):
        ServicePeriod.objects.create(
            person=person,
            position=f"Chức vụ {year}",
            group=PositionGroup.STAFF,
            unit=unit,
            start_date=dt.date(year, 1, 1),
            end_date=dt.date(year, 12, 31),
        )
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[-1] <= 15


def test_the_demo_gives_leaders_service_periods_that_make_candidates(reviewer):
    from awards.candidates import candidates_for
    from units import demo

    demo.seed()
    periods = ServicePeriod.objects.count()
    demo.seed()  # idempotent
    assert ServicePeriod.objects.count() == periods > 0
    found = [c for c in candidates_for(user=reviewer, year=2025) if c.rule is not None]
    assert {c.kind.code for c in found} == {"huan-chuong-lao-dong-hang-ba", "ky-niem-chuong"}
    assert all(c.nominee.service_periods.exists() for c in found)


def test_the_writes_a_cache_of_people_and_periods_depends_on_give_a_new_version(unit):
    """units.TableVersion is kept by triggers, whatever writes (a save, a QuerySet.update, a bulk
    insert, a delete): every write statement of service periods, and of people a deletion or a
    change of a name or of active, gets a version never seen before, even inside one transaction;
    other edits of people keep theirs."""
    import datetime as dt

    from tests.factories import PersonFactory
    from units.models import Person, ServicePeriod, TableVersion

    def version(table):
        # No row yet after a transactional test's flush (the migration's rows go with it): the
        # first write makes one.
        return TableVersion.objects.filter(name=table).values_list("version", flat=True).first()

    seen = {version("units_serviceperiod"), version("units_person")}
    person = PersonFactory(unit=unit)
    other = PersonFactory(unit=unit)
    people = Person.objects.filter(pk=person.pk)
    writes = [
        ("units_person", lambda: people.update(full_name="Tên Mới")),
        ("units_person", lambda: people.update(active=False)),
        ("units_person", lambda: Person.objects.filter(pk=other.pk).delete()),
        (
            "units_serviceperiod",
            lambda: ServicePeriod.objects.create(
                person=person, position="Trưởng phòng", group="department_head", start_date=dt.date(2020, 1, 1)
            ),
        ),
        ("units_serviceperiod", lambda: ServicePeriod.objects.filter(person=person).update(end_date=dt.date(2024, 12, 31))),
        (
            "units_serviceperiod",
            lambda: ServicePeriod.objects.bulk_create(
                [ServicePeriod(person=person, position="Phó", group="deputy_head", start_date=dt.date(2015, 1, 1))]
            ),
        ),
        ("units_serviceperiod", lambda: ServicePeriod.objects.filter(person=person).delete()),
    ]
    for table, write in writes:
        before = version(table)
        write()
        assert version(table) is not None and (before is None or version(table) > before) and version(table) not in seen, table
        seen.add(version(table))
    kept = version("units_person")
    people.update(position="Chuyên viên chính", active=False)  # active unchanged: not a change
    PersonFactory(unit=unit)  # a new person has no period yet
    person.refresh_from_db()
    person.save()  # every column written, none changed
    assert version("units_person") == kept
