"""Propaganda of exemplars (issue 14): the propaganda office (Phòng Văn hóa và Thông tin, role
propaganda) writes an accepted exemplar's public article and takes the page down; the public pages
follow; nobody else but the advisory office may, and an exemplar not yet accepted has no public page."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from campaigns import services
from units.enums import Role

from ..factories import UserFactory
from .factories import ExemplarFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def propagandist(district):
    return UserFactory(username="vanhoa_t", unit=district, roles=[Role.PROPAGANDA])


@pytest.fixture
def exemplar(unit):
    return ExemplarFactory(unit=unit, state="accepted", title="Mô hình “Chợ không túi ni lông”", description="Mô tả của đơn vị.")


def test_propaganda_office_writes_the_article_and_the_public_page_shows_it(exemplar, propagandist, client):
    client.force_login(propagandist)
    response = client.post(
        reverse("campaigns:exemplar-publication", args=[exemplar.pk]), {"public_text": "Bài viết của Phòng Văn hóa và Thông tin."}
    )
    assert response.status_code == 302
    exemplar.refresh_from_db()
    assert (exemplar.public_text, exemplar.public_withdrawn, exemplar.public_edited_by) == (
        "Bài viết của Phòng Văn hóa và Thông tin.",
        False,
        propagandist,
    )
    client.logout()
    page = client.get(reverse("campaigns:public-exemplar-detail", args=[exemplar.pk])).content.decode()
    assert "Bài viết của Phòng Văn hóa và Thông tin." in page and "Mô tả của đơn vị." not in page


def test_a_page_taken_down_leaves_the_public_list_and_detail(exemplar, propagandist, client):
    services.exemplar_publication_save(exemplar=exemplar, public_text="", withdrawn=True, by=propagandist)
    assert client.get(reverse("campaigns:public-exemplar-detail", args=[exemplar.pk])).status_code == 404
    assert "Chợ không túi ni lông" not in client.get(reverse("campaigns:public-exemplar-list")).content.decode()
    client.force_login(propagandist)
    listing = client.get(reverse("campaigns:publication-list")).content.decode()
    assert "Chợ không túi ni lông" in listing and "Tạm ẩn" in listing


def test_only_the_propaganda_and_advisory_offices_publish_and_only_accepted_exemplars(
    exemplar, unit, propagandist, reviewer, officer, leader
):
    for user in (officer, leader, UserFactory(roles=[Role.COUNCIL_MEMBER])):
        with pytest.raises(PermissionDenied):
            services.exemplar_publication_save(exemplar=exemplar, public_text="x", withdrawn=False, by=user)
    services.exemplar_publication_save(exemplar=exemplar, public_text="Bài của cơ quan tham mưu", withdrawn=False, by=reviewer)
    draft = ExemplarFactory(unit=unit, state="submitted")
    with pytest.raises(PermissionDenied):
        services.exemplar_publication_save(exemplar=draft, public_text="x", withdrawn=False, by=propagandist)


def test_the_propaganda_menu_entry_shows_for_the_propaganda_office_only(propagandist, officer, client):
    client.force_login(propagandist)
    assert reverse("campaigns:publication-list") in client.get("/").content.decode()
    client.force_login(officer)
    assert reverse("campaigns:publication-list") not in client.get("/").content.decode()


def test_article_longer_than_the_limit_is_refused_with_a_message(exemplar, propagandist, client):
    client.force_login(propagandist)
    response = client.post(reverse("campaigns:exemplar-publication", args=[exemplar.pk]), {"public_text": "a" * 20001})
    assert "Bài giới thiệu dài quá 20000 ký tự (hiện có 20001)." in response.content.decode()
