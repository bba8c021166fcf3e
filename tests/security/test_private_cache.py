"""`Cache-Control: private, no-store` on every signed-in page and download, so a shared proxy or the
browser's disk cache never keeps another person's page or file."""

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_signed_in_pages_and_downloads_are_not_stored(client_for, world, officer, reviewer):
    client = client_for(officer)
    urls = [
        reverse("home"),
        reverse("profile"),
        f"/khen-thuong/de-nghi/{world.nomination.pk}/",
        f"/khen-thuong/de-nghi/{world.nomination.pk}/tai-lieu/{world.attachment.pk}/",
        reverse("campaigns:report-attachment", args=[world.report_file.pk]),
        reverse("campaigns:exemplar-photo", args=[world.photo.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "private, no-store", url
    assert client_for(reviewer).get(reverse("home"))["Cache-Control"] == "private, no-store"


@pytest.mark.django_db
def test_signed_in_redirect_and_404_are_not_stored_either(client_for, officer):
    client = client_for(officer)
    assert client.get("/khong-co-trang-nay/")["Cache-Control"] == "private, no-store"


@pytest.mark.django_db
def test_public_pages_stay_cacheable(client_for, world):
    response = client_for(None).get(reverse("campaigns:public-exemplar-photo", args=[world.photo.pk]))
    assert "no-store" not in response.get("Cache-Control", "")
