"""The unit tree loads one level at a time, counts people from a cached figure, and costs the same
number of queries whatever the number of units and people."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dosonthidua.identity import identity_on
from units import services
from units.models import Person, Unit
from units.selectors import TREE_PAGE

pytestmark = pytest.mark.django_db


def _children(parent, n, start=0, label="Trường thử"):
    return Unit.objects.bulk_create(
        Unit(name=f"{label} {i:03d}", short_code=f"TT{parent.pk}-{i}", kind="public_service", parent=parent, display_order=i)
        for i in range(start, start + n)
    )


def _queries(client, url, **params):
    identity_on()  # remembered per process (dosonthidua.identity): not this page's cost
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def test_tree_queries_do_not_grow_and_children_load_on_demand(client_for, reviewer, district, settings):
    import uuid

    client = client_for(reviewer)
    first = _children(district, 3)
    Person.objects.bulk_create(Person(full_name=f"Cán bộ {i}", gender="female", unit=first[0]) for i in range(7))
    small, html = _queries(client, reverse("units:unit-tree"))
    assert "Trường thử 000" in html and "7 cán bộ" in html
    grandchildren = _children(first[1], 2, label="Tổ chuyên môn")
    _children(district, 3 * TREE_PAGE, start=3)
    Person.objects.bulk_create(Person(full_name=f"Cán bộ {i}", gender="male", unit=first[2]) for i in range(500))
    settings.CACHES = {"default": {**settings.CACHES["default"], "KEY_PREFIX": f"test-{uuid.uuid4().hex}"}}  # cold again
    large, html = _queries(client, reverse("units:unit-tree"))
    assert large == small <= 15
    assert "500 cán bộ" in html
    # The root's first TREE_PAGE children are open; the rest and deeper levels come on demand.
    assert f"Trường thử {TREE_PAGE - 1:03d}" in html and f"Trường thử {TREE_PAGE:03d}" not in html
    assert "2 đơn vị trực thuộc" in html and grandchildren[0].name not in html
    more_url = reverse("units:unit-tree-children", args=[district.pk])
    assert f'hx-get="{more_url}?offset={TREE_PAGE}"' in html
    _, more = _queries(client, more_url, offset=TREE_PAGE)
    assert f"Trường thử {TREE_PAGE:03d}" in more and f"Trường thử {2 * TREE_PAGE - 1:03d}" in more
    _, deeper = _queries(client, reverse("units:unit-tree-children", args=[first[1].pk]))
    assert grandchildren[0].name in deeper and grandchildren[1].name in deeper


def test_people_counts_follow_the_person_service(client_for, reviewer, unit, django_capture_on_commit_callbacks):
    client = client_for(reviewer)
    assert f"{unit.name}</a>" in client.get(reverse("units:unit-tree")).content.decode()
    assert "1 cán bộ" not in client.get(reverse("units:unit-tree")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.person_save(person=Person(full_name="Trần Thị Mới", gender="female", unit=unit), by=reviewer)
    assert "1 cán bộ" in client.get(reverse("units:unit-tree")).content.decode()


def test_officer_tree_starts_at_own_unit(client_for, officer, unit, sub_unit, other_unit):
    html = client_for(officer).get(reverse("units:unit-tree")).content.decode()
    assert unit.name in html and sub_unit.name in html and other_unit.name not in html
