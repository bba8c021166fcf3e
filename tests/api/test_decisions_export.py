"""Decisions read with their annex; their number and date registered by the document-management
system; the national export checked against an independent SQL query."""

import datetime as dt

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from awards import services
from awards.enums import DecisionState, NominationState, RecordSource
from awards.models import AwardRecord, DecisionCounter
from dosonthidua.api.enums import ApiPermission as P
from tests.factories import PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved_decision(issuers, make_nomination, unit, reviewer, leader):
    def make(names, *, approve=True):
        nominations = [
            make_nomination(
                person=PersonFactory(unit=unit, full_name=name, position="Công chức", birth_year=1980), state=NominationState.APPROVED
            )
            for name in names
        ]
        decision = services.decision_draft(nominations=nominations, date=timezone.localdate(), by=reviewer)
        if approve:
            services.decision_approve(decision=decision, by=leader)
        return decision

    return make


def test_decision_with_annex_and_documents(api, whole_token, approved_decision):
    decision = approved_decision(["Nguyễn Văn An", "Đặng Thị Ánh"])
    _, key = whole_token
    body = api(key).get(reverse("api:decision-detail", args=[decision.pk])).json()
    assert body["state"] == DecisionState.APPROVED and body["number"] == ""
    assert [(i["recipient_name"], i["amount"]) for i in body["annex"]] == [("Nguyễn Văn An", 700_000), ("Đặng Thị Ánh", 700_000)]
    assert body["total_amount"] == 1_400_000
    assert body["documents"]["pdf"] == reverse("awards:decision-pdf", args=[decision.pk])


def test_unit_tokens_do_not_read_decisions(api, unit_token, approved_decision):
    decision = approved_decision(["Nguyễn Văn An"])
    _, key = unit_token
    assert api(key).get(reverse("api:decision-detail", args=[decision.pk])).status_code == 403


def test_registering_the_number_issues_the_decision(api, make_token, approved_decision):
    token, key = make_token(permissions=[P.DECISIONS_READ, P.DECISIONS_REGISTER], name="Hệ thống quản lý văn bản")
    decision = approved_decision(["Nguyễn Văn An"])
    today = timezone.localdate()
    response = api(key).post(
        reverse("api:decision-register", args=[decision.pk]), {"number": "17/QĐ-UBND", "date": today.isoformat()}, format="json"
    )
    assert response.status_code == 200, response.json()
    decision.refresh_from_db()
    assert (decision.state, decision.number, decision.sequence, decision.date, decision.issued_by) == (
        DecisionState.ISSUED,
        "17/QĐ-UBND",
        17,
        today,
        token.account,
    )
    record = AwardRecord.objects.get(recipient_name="Nguyễn Văn An")
    assert (record.decision_number, record.decision_date, record.source, record.nomination.state) == (
        "17/QĐ-UBND",
        today,
        RecordSource.DECIDED,
        NominationState.DECIDED,
    )
    # The portal's own numbering continues after the registered number.
    assert DecisionCounter.objects.get(issuing_body=decision.issuing_body, year=today.year).last == 17


def test_registration_refusals(api, make_token, approved_decision, leader):
    _, key = make_token(permissions=[P.DECISIONS_READ, P.DECISIONS_REGISTER])
    client = api(key)
    today = timezone.localdate()
    draft = approved_decision(["Nguyễn Văn An"], approve=False)
    url = reverse("api:decision-register", args=[draft.pk])
    refused = client.post(url, {"number": "03/QĐ-UBND", "date": today.isoformat()}, format="json")
    assert refused.status_code == 409 and "duyệt" in refused.json()["detail"]
    services.decision_approve(decision=draft, by=leader)
    assert client.post(url, {"number": "QĐ-UBND", "date": today.isoformat()}, format="json").json()["detail"] == (
        "Số quyết định phải bắt đầu bằng số thứ tự và dấu “/”, ví dụ 05/QĐ-UBND."
    )
    tomorrow = (today + dt.timedelta(days=1)).isoformat()
    assert (
        client.post(url, {"number": "03/QĐ-UBND", "date": tomorrow}, format="json").json()["detail"]
        == "Ngày ban hành không được sau ngày hôm nay."
    )
    assert client.post(url, {"number": "03/QĐ-UBND", "date": "ngay 5"}, format="json").status_code == 400
    assert client.post(url, {"number": "03/QĐ-UBND", "date": today.isoformat()}, format="json").status_code == 200
    other = approved_decision(["Đặng Thị Ánh"])
    taken = client.post(
        reverse("api:decision-register", args=[other.pk]), {"number": "3/QĐ-UBND", "date": today.isoformat()}, format="json"
    )
    assert taken.status_code == 409 and "đã được dùng" in taken.json()["detail"]
    other.refresh_from_db()
    assert other.state == DecisionState.APPROVED
    # Without the register permission a reader cannot issue.
    _, reader = make_token(permissions=[P.DECISIONS_READ])
    assert (
        api(reader)
        .post(reverse("api:decision-register", args=[other.pk]), {"number": "9/QĐ-UBND", "date": today.isoformat()}, format="json")
        .status_code
        == 403
    )


INDEPENDENT_SQL = """
SELECT r.id,
       CASE WHEN r.person_id IS NOT NULL THEN 'person' ELSE 'collective' END,
       r.recipient_name, p.birth_year, COALESCE(p.gender, ''), COALESCE(NULLIF(di.position, ''), p.position, ''),
       r.unit_name, k.code, k.conferring_level, COALESCE(n.basis, ''), r.decision_number, r.decision_date, r.issuer_name,
       COALESCE(di.amount,
                ROUND(k.reward_multiplier * (SELECT b.amount FROM awards_basesalary b WHERE b.valid_from <= r.decision_date
                                             ORDER BY b.valid_from DESC LIMIT 1), -4)::bigint)
FROM awards_awardrecord r
JOIN awards_awardkind k ON k.id = r.award_kind_id
LEFT JOIN units_person p ON p.id = r.person_id
LEFT JOIN awards_nomination n ON n.id = r.nomination_id
LEFT JOIN awards_decisionitem di ON di.nomination_id = n.id
WHERE r.decision_date BETWEEN %s AND %s
ORDER BY r.id
"""


def test_national_export_matches_an_independent_query(api, whole_token, approved_decision, leader, make_record, unit, this_year):
    decision = approved_decision(["Nguyễn Văn An", "Đặng Thị Ánh"])
    services.decision_issue(decision=decision, by=leader)
    ward = UnitFactory(name="UBND phường Hải Sơn", short_code="P-HS", parent=unit.parent)
    make_record(code="tap-the-lao-dong-tien-tien", year=this_year - 1, unit=ward)  # imported, decided 20/12 last year
    make_record(code="lao-dong-tien-tien", year=this_year - 3, person=PersonFactory(unit=unit))  # outside the period
    start, end = dt.date(this_year - 1, 1, 1), dt.date(this_year, 12, 31)
    _, key = whole_token
    body = api(key).get(reverse("api:national-export"), {"start": start.isoformat(), "end": end.isoformat()}).json()
    with connection.cursor() as cursor:
        cursor.execute(INDEPENDENT_SQL, [start, end])
        expected = [
            {
                "record_id": row[0],
                "subject_type": row[1],
                "full_name": row[2],
                "birth_year": row[3],
                "gender": row[4],
                "position": row[5],
                "unit": row[6],
                "award_kind_code": row[7],
                "level": row[8],
                "basis": row[9],
                "decision_number": row[10],
                "decision_date": row[11].isoformat(),
                "issuer": row[12],
                "reward": row[13],
            }
            for row in cursor.fetchall()
        ]
    assert len(expected) == 3 and body["count"] == 3
    got = sorted(({k: item[k] for k in expected[0]} for item in body["items"]), key=lambda r: r["record_id"])
    assert got == expected
    assert {r["subject_type"] for r in got} == {"person", "collective"}
    assert body["format"] == "dosonthidua.national-awards" and body["version"] == 1
    person_row = next(r for r in body["items"] if r["full_name"] == "Nguyễn Văn An")
    assert (person_row["birth_year"], person_row["position"], person_row["reward"], person_row["basis_label"]) == (
        1980,
        "Công chức",
        700_000,
        "Công trạng và thành tích",
    )


def test_national_package_carries_the_flat_export_rows_and_the_decisions(
    api, whole_token, approved_decision, leader, make_record, unit, this_year
):
    """The interchange package of the same period: the same rows (by record id), each decided in the
    portal citing its decision PDF, every file checked by its SHA-256 (awards.interchange.package)."""
    from awards.interchange import package

    decision = approved_decision(["Nguyễn Văn An", "Đặng Thị Ánh"])
    services.decision_issue(decision=decision, by=leader)
    decision.refresh_from_db()
    ward = UnitFactory(name="UBND phường Hải Sơn", short_code="P-HS", parent=unit.parent)
    make_record(code="tap-the-lao-dong-tien-tien", year=this_year - 1, unit=ward)
    params = {"start": dt.date(this_year - 1, 1, 1).isoformat(), "end": dt.date(this_year, 12, 31).isoformat()}
    _, key = whole_token
    flat = api(key).get(reverse("api:national-export"), params).json()["items"]
    response = api(key).get(reverse("api:national-package"), params)
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    read = package.read(b"".join(response.streaming_content) if response.streaming else response.content)
    m = read.manifest
    assert (m["kind"], m["version"], m["period"]) == ("awards", "1.0", params)
    assert m["sender"]["name"] == "Ủy ban nhân dân phường Đồ Sơn"
    by_id = {a["record_id"]: a for a in m["awards"]}
    assert sorted(by_id) == sorted(r["record_id"] for r in flat) and len(by_id) == 3
    for row in flat:
        got = by_id[row["record_id"]]
        assert (got["full_name"], got["award"]["code"], got["decision_number"], got["reward"]) == (
            row["full_name"],
            row["award_kind_code"],
            row["decision_number"],
            row["reward"],
        )
    paths = [f["path"] for f in m["files"]]
    assert paths == [f"quyet-dinh/{decision.date:%Y-%m-%d}-{decision.pk}.pdf"]
    assert {tuple(a["files"]) for a in m["awards"] if a["decision_number"] == decision.number} == {(paths[0],)}
    assert [a["files"] for a in m["awards"] if a["subject_type"] == "collective"] == [[]]


def test_national_export_needs_its_permission_and_valid_dates(api, make_token, whole_token):
    _, other = make_token(permissions=[P.DECISIONS_READ])
    assert api(other).get(reverse("api:national-export")).status_code == 403
    assert api(other).get(reverse("api:national-package")).status_code == 403
    _, key = whole_token
    response = api(key).get(reverse("api:national-export"), {"start": "2025-02-30"})
    assert response.status_code == 400 and response.json()["errors"]["start"] == ["Ngày phải có dạng YYYY-MM-DD."]
    assert api(key).get(reverse("api:national-export"), {"start": "2025-05-01", "end": "2025-01-01"}).status_code == 400
    assert api(key).get(reverse("api:national-package"), {"start": "2025-05-01", "end": "2025-01-01"}).status_code == 400


def test_dashboard_figures_for_whole_portal_tokens(api, whole_token, unit_token, approved_decision, leader, this_year):
    services.decision_issue(decision=approved_decision(["Nguyễn Văn An"]), by=leader)
    _, key = whole_token
    body = api(key).get(reverse("api:dashboard"), {"year": this_year}).json()
    assert body["year"] == this_year and body["awards"]["total"] == 1 and body["awards"]["persons"] == 1
    assert body["awards_by_kind"][0]["key"] == "giay-khen-chu-tich" and body["awards_by_kind"][0]["total"] == 1
    assert api(unit_token[1]).get(reverse("api:dashboard")).status_code == 403
