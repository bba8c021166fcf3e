# ruff: noqa: F811 - fixtures imported from other modules are taken as arguments under the same names
"""The admin's delete confirmations (dosonthidua.admin.DeletionSummaryMixin): they count per kind
what a deletion takes or is blocked by, at a cost that does not follow the rows, and say to switch
an object off when its records protect it."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dosonthidua.admin import DeletionSummaryMixin
from units.models import Notification, User

from ..awards.conftest import catalogue, kind, make_nomination, media_root, this_year  # noqa: F401
from ..factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

OURS = {"units", "awards", "campaigns", "reports", "api"}


@pytest.fixture
def admin_client(client, administrator):
    administrator.is_staff = administrator.is_superuser = True
    administrator.save()
    client.force_login(administrator)
    return client


def test_every_admin_of_our_models_summarises_deletions():
    registry = admin.site._registry.items()
    plain = [
        model._meta.label
        for model, model_admin in registry
        if model._meta.app_label in OURS and not isinstance(model_admin, DeletionSummaryMixin)
    ]
    assert not plain, f"admins without DeletionSummaryMixin (their delete page names every related row): {plain}"


def _page(client, user):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("admin:units_user_delete", args=[user.pk]))
    assert response.status_code == 200
    return response.content.decode(), len(ctx.captured_queries)


def test_an_account_that_made_nominations_is_counted_protected_and_deactivated_instead(admin_client, officer, make_nomination):
    for _ in range(2):
        make_nomination(person=PersonFactory(unit=officer.unit), by=officer)
    html, few = _page(admin_client, officer)
    assert "Không xóa được tài khoản" in html and "Đề nghị khen thưởng: 2" in html
    assert "bỏ chọn “Kích hoạt”" in html
    assert "Giấy khen" not in html  # counted, not named one by one (each name read its award kind)
    for _ in range(10):
        make_nomination(person=PersonFactory(unit=officer.unit), by=officer)
    html, many = _page(admin_client, officer)
    assert "Đề nghị khen thưởng: 12" in html
    assert many <= few  # the first visit also fills per-process caches (content types)
    officer.is_active = False
    officer.save()
    html, _ = _page(admin_client, officer)
    assert "Tài khoản này đã thôi dùng" in html
    response = admin_client.post(reverse("admin:units_user_delete", args=[officer.pk]), {"post": "yes"})
    assert response.status_code == 200 and User.objects.filter(pk=officer.pk).exists()


def test_what_a_deletion_takes_is_counted_under_the_account_and_goes_with_it(admin_client, district):
    user = UserFactory(unit=district, full_name="Người thử xóa")
    Notification.objects.bulk_create([Notification(user=user, subject=f"Thông báo {i}", url="/") for i in range(3)])
    html, _ = _page(admin_client, user)
    assert f'Tài khoản: <a href="{reverse("admin:units_user_change", args=[user.pk])}">Người thử xóa</a>' in html
    assert "<li>Thông báo: 3</li>" in html
    assert "Thông báo 0" not in html
    response = admin_client.post(reverse("admin:units_user_delete", args=[user.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=user.pk).exists() and not Notification.objects.filter(user_id=user.pk).exists()


def test_the_delete_selected_action_names_the_selection_and_counts_the_rest(admin_client, district):
    users = [UserFactory(unit=district) for _ in range(2)]
    for user in users:
        Notification.objects.create(user=user, subject="Thông báo", url="/")
    response = admin_client.post(
        reverse("admin:units_user_changelist"), {"action": "delete_selected", "_selected_action": [u.pk for u in users]}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert all(str(u) in html for u in users)
    assert "Cùng các dữ liệu liên quan:" in html and "<li>Thông báo: 2</li>" in html
