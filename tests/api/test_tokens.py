"""Tokens: created, scoped and revoked by the administrator; last use, audit rows, rate limit."""

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from dosonthidua.api.enums import ApiPermission as P
from dosonthidua.api.models import ApiToken
from dosonthidua.api.services import hash_key, token_revoke
from tests.factories import PersonFactory
from units.enums import Role
from units.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_admin_creates_a_token_shown_once_and_stores_only_its_hash(client, administrator, unit):
    administrator.is_staff = administrator.is_superuser = True
    administrator.save()
    client.force_login(administrator)
    response = client.post(
        reverse("admin:api_apitoken_add"),
        {"name": "Cổng dịch vụ công", "unit": unit.pk, "permissions": [P.UNITS_READ, P.PEOPLE_READ], "rate_per_minute": 60},
        follow=True,
    )
    text = response.content.decode()
    key = re.search(r"dst_[0-9a-f]{8}_[A-Za-z0-9_-]{20,}", text).group(0)
    token = ApiToken.objects.get()
    assert token.key_hash == hash_key(key) and key not in str(token.__dict__)
    assert token.permissions == [P.PEOPLE_READ, P.UNITS_READ] and token.unit == unit and token.created_by == administrator
    assert token.account.roles == [Role.UNIT_OFFICER] and token.account.unit == unit
    assert not token.account.is_active and not token.account.has_usable_password()
    me = client.get(reverse("api:me"), HTTP_AUTHORIZATION=f"Bearer {key}").json()
    assert me == {
        "account": token.account.username,
        "token": token.prefix,
        "unit": unit.pk,
        "permissions": token.permissions,
        "rate_per_minute": 60,
    }
    # The change page never shows the key again.
    page = client.get(reverse("admin:api_apitoken_change", args=[token.pk])).content.decode()
    assert key not in page and token.prefix in page


def test_admin_refuses_permissions_that_do_not_fit_the_scope(client, administrator, unit):
    administrator.is_staff = administrator.is_superuser = True
    administrator.save()
    client.force_login(administrator)
    response = client.post(reverse("admin:api_apitoken_add"), {"name": "Sai", "permissions": [P.NOMINATIONS_WRITE], "rate_per_minute": 60})
    assert "cần chọn phạm vi đơn vị" in response.content.decode()
    response = client.post(
        reverse("admin:api_apitoken_add"), {"name": "Sai", "unit": unit.pk, "permissions": [P.EXPORT_NATIONAL], "rate_per_minute": 60}
    )
    assert "chỉ cấp cho khóa toàn cổng" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_scope_rules_in_the_service(make_token, unit):
    with pytest.raises(ValidationError, match="phạm vi đơn vị"):
        make_token(permissions=[P.NOMINATIONS_WRITE])
    with pytest.raises(ValidationError, match="toàn cổng"):
        make_token(unit=unit, permissions=[P.DECISIONS_REGISTER])
    token, _ = make_token(permissions=[P.DECISIONS_REGISTER, P.DECISIONS_READ])
    assert token.account.roles == [Role.REVIEWER, Role.LEADER] and token.account.unit is None


def test_revoked_and_expired_tokens_answer_401_with_a_problem(api, unit_token, make_token, unit, administrator, client):
    token, key = unit_token
    assert api(key).get(reverse("api:unit-list")).status_code == 200
    administrator.is_staff = administrator.is_superuser = True
    administrator.save()
    client.force_login(administrator)
    client.post(reverse("admin:api_apitoken_changelist"), {"action": "revoke", "_selected_action": [token.pk]})
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_by == administrator
    response = api(key).get(reverse("api:unit-list"))
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert response.json()["detail"] == "Khóa API không hợp lệ, đã hết hạn hoặc đã bị thu hồi."
    _, old = make_token(unit=unit, expires_at=timezone.now() - dt.timedelta(minutes=1))
    assert api(old).get(reverse("api:unit-list")).status_code == 401
    assert api("dst_00000000_guessed").get(reverse("api:unit-list")).status_code == 401
    assert api().get(reverse("api:unit-list")).status_code == 401


def test_a_token_without_the_permission_gets_403(api, make_token, unit):
    _, key = make_token(unit=unit, permissions=[P.UNITS_READ])
    response = api(key).get(reverse("api:person-list"))
    assert response.status_code == 403
    assert response.json()["detail"] == "Khóa API không có quyền “Đọc cán bộ (họ tên, đơn vị, chức vụ)”."


def test_unit_scope_hides_other_units_objects_as_404(api, unit_token, unit, sub_unit, other_unit, person, other_person):
    _, key = unit_token
    client = api(key)
    ids = {u["id"] for u in client.get(reverse("api:unit-list")).json()["results"]}
    assert ids == {unit.pk, sub_unit.pk}
    assert client.get(reverse("api:unit-detail", args=[other_unit.pk])).status_code == 404
    assert client.get(reverse("api:person-detail", args=[other_person.pk])).status_code == 404
    assert client.get(reverse("api:person-detail", args=[person.pk])).json()["full_name"] == "Nguyễn Văn An"
    people = client.get(reverse("api:person-list")).json()["results"]
    assert [p["id"] for p in people] == [person.pk]


def test_personal_fields_only_with_their_permission(api, make_token, unit, person):
    _, basic = make_token(unit=unit, permissions=[P.PEOPLE_READ])
    _, personal = make_token(unit=unit, permissions=[P.PEOPLE_READ, P.PEOPLE_PERSONAL])
    row = api(basic).get(reverse("api:person-detail", args=[person.pk])).json()
    assert set(row) == {"id", "full_name", "unit", "position", "active"}
    row = api(personal).get(reverse("api:person-detail", args=[person.pk])).json()
    assert {"gender", "birth_year", "is_direct_worker"} <= set(row) and row["gender"] == person.gender


def test_last_use_is_recorded(api, unit_token):
    token, key = unit_token
    assert token.last_used_at is None
    api(key).get(reverse("api:me"), REMOTE_ADDR="10.0.0.7")
    token.refresh_from_db()
    assert token.last_used_ip == "10.0.0.7" and (timezone.now() - token.last_used_at).total_seconds() < 5


def test_every_call_is_in_the_audit_log(api, unit_token, other_person):
    token, key = unit_token
    client = api(key)
    client.get(reverse("api:unit-list"))
    client.get(reverse("api:person-detail", args=[other_person.pk]))
    api("dst_deadbeef_wrong").get(reverse("api:unit-list"))
    rows = list(AuditEvent.objects.filter(action="api_call").order_by("id").values_list("username", "path", "status", "detail"))
    assert rows == [
        (token.account.username, reverse("api:unit-list"), 200, f"khóa {token.prefix} (Cổng dịch vụ công của phường)"),
        (
            token.account.username,
            reverse("api:person-detail", args=[other_person.pk]),
            404,
            f"khóa {token.prefix} (Cổng dịch vụ công của phường)",
        ),
        ("", reverse("api:unit-list"), 401, "không xác thực được"),
    ]


def test_rate_limit_per_token_answers_429_with_retry_after(api, make_token, unit):
    _, slow = make_token(unit=unit, rate_per_minute=2)
    _, other = make_token(unit=unit, rate_per_minute=2)
    client = api(slow)
    assert [client.get(reverse("api:me")).status_code for _ in range(2)] == [200, 200]
    response = client.get(reverse("api:me"))
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response.json()["title"] == "Quá nhiều yêu cầu" and "giới hạn" in response.json()["detail"]
    # The limit is per token: another system is not slowed down.
    assert api(other).get(reverse("api:me")).status_code == 200


def test_session_reads_and_writes_need_csrf(officer, unit, person):
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    client.force_login(officer)
    assert client.get(reverse("api:person-detail", args=[person.pk])).status_code == 200
    response = client.post(reverse("api:nomination-list"), {}, format="json")
    assert response.status_code == 403 and "CSRF" in response.json()["detail"]


def test_revocation_is_immediate(api, unit_token, administrator):
    token, key = unit_token
    client = api(key)
    assert client.get(reverse("api:me")).status_code == 200
    token_revoke(token=token, by=administrator)
    assert client.get(reverse("api:me")).status_code == 401


def test_detail_etag_and_not_modified(api, unit_token, person):
    _, key = unit_token
    client = api(key)
    first = client.get(reverse("api:person-detail", args=[person.pk]))
    etag = first["ETag"]
    assert re.fullmatch(r'"[0-9a-f]{32}"', etag)
    again = client.get(reverse("api:person-detail", args=[person.pk]), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again["ETag"] == etag
    type(person).objects.filter(pk=person.pk).update(position="Phó Chủ tịch")
    changed = client.get(reverse("api:person-detail", args=[person.pk]), HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_sub_unit_people_are_in_scope(api, unit_token, sub_unit):
    _, key = unit_token
    child = PersonFactory(unit=sub_unit, full_name="Lê Văn Cường")
    assert api(key).get(reverse("api:person-detail", args=[child.pk])).status_code == 200


@pytest.fixture
def approved_decision_for_audit(make_nomination, unit, reviewer, leader):
    from awards import services
    from awards.enums import NominationState

    nomination = make_nomination(person=PersonFactory(unit=unit, full_name="Lê Văn Tâm", birth_year=1981), state=NominationState.APPROVED)
    decision = services.decision_draft(nominations=[nomination], date=timezone.localdate(), by=reviewer)
    services.decision_approve(decision=decision, by=leader)
    return decision


def test_a_session_call_by_an_official_is_audited_once(approved_decision_for_audit, leader):
    """The API's own audit row is the only one: the portal's middleware (which records officials'
    POSTs and downloads) does not add a second row for the same request."""
    from rest_framework.test import APIClient

    decision = approved_decision_for_audit
    client = APIClient()
    client.force_login(leader)
    before = AuditEvent.objects.count()
    response = client.post(
        reverse("api:decision-register", args=[decision.pk]),
        {"number": "21/QĐ-UBND", "date": timezone.localdate().isoformat()},
        format="json",
    )
    assert response.status_code == 200, response.content
    rows = list(AuditEvent.objects.order_by("id").values_list("action", "path", "status")[before:])
    assert rows == [("api_call", reverse("api:decision-register", args=[decision.pk]), response.status_code)]


def test_a_path_no_route_matches_answers_a_problem_not_the_html_page(api, unit_token, client):
    # /api/v1/decisions/<not a number>/register/ never reaches a view of the API (schemathesis's
    # stateful run sent one): the client still reads problem details, and the portal's own pages
    # keep their HTML 404.
    _, key = unit_token
    for path in ("/api/v1/decisions/-2.5e-225/register/", "/api/v1/khong-co/"):
        response = api(key).post(path) if "register" in path else api(key).get(path)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"
        body = response.json()
        assert body["status"] == 404 and body["title"] == "Không tìm thấy" and body["instance"] == path
    page = client.get("/khong-co-trang-nay/")
    assert page.status_code == 404 and page["Content-Type"].startswith("text/html")


def test_the_schema_documents_the_conditional_answers(api, unit_token):
    schema = api(unit_token[1]).get("/api/v1/schema/?format=json").json()
    detail = schema["paths"]["/api/v1/people/{id}/"]["get"]
    assert "304" in detail["responses"]
    assert any(p["name"] == "If-None-Match" and p["in"] == "header" for p in detail["parameters"])
    patch = schema["paths"]["/api/v1/nominations/{id}/"]["patch"]
    assert "412" in patch["responses"]
    assert "412" not in schema["paths"]["/api/v1/nominations/"]["post"]["responses"]
