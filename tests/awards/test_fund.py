"""The reward fund (quỹ thi đua, khen thưởng, issue 13): the ledger through a decision's issue and
discard, the plan from the dated rate, the reviewer's lines and their Vietnamese validation, the
over-balance warning on the decision page and at approval, the fund report (PDF text, XLSX cells)
and the line in the periodic summary."""

import datetime as dt
import io
import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from awards import fund, services
from awards.enums import DecisionState, FundEntryKind, NominationState
from awards.models import FundEntry, FundRate, FundYear
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rate(db):
    """One rate for every level, replacing the seeded rows, so the figures here do not depend on them."""
    FundRate.objects.all().delete()
    return FundRate.objects.create(
        valid_from=dt.date(2024, 1, 1), rate_percent=Decimal("2.00"), legal_basis="Nghị định thử", admin_note="Cần đối chiếu."
    )


@pytest.fixture
def make_draft(make_nomination, unit, issuers, reviewer):
    def make(*names):
        nominations = [make_nomination(person=PersonFactory(unit=unit, full_name=name), state=NominationState.APPROVED) for name in names]
        return services.decision_draft(nominations=nominations, date=timezone.localdate(), by=reviewer)

    return make


def _body_year(decision):
    return decision.issuing_body, decision.date.year


def test_issue_books_one_expense_line_and_discard_books_nothing(make_draft, rate, reviewer, leader):
    kept, discarded, approved_then_discarded = (
        make_draft("Nguyễn Văn An", "Đặng Thị Ánh"),
        make_draft("Lê Văn Bình"),
        make_draft("Trần Thị Cúc"),
    )
    body, year = _body_year(kept)
    fund.fund_plan_set(body=body, year=year, base_amount=100_000_000, by=reviewer)
    fund.fund_entry_add(
        body=body, year=year, date=dt.date(year, 1, 15), kind=FundEntryKind.INCOME, amount=500_000, description="Đóng góp", by=reviewer
    )
    services.decision_discard(decision=discarded, by=reviewer)
    services.decision_approve(decision=approved_then_discarded, by=leader)
    services.decision_discard(decision=approved_then_discarded, by=leader)
    assert FundEntry.objects.filter(kind=FundEntryKind.EXPENSE).count() == 0

    services.decision_approve(decision=kept, by=leader)
    services.decision_issue(decision=kept, by=leader)
    line = FundEntry.objects.get(kind=FundEntryKind.EXPENSE)
    assert kept.total_amount > 0
    assert (line.decision_id, line.amount, line.date, line.fund_year.issuing_body_id, line.fund_year.year) == (
        kept.pk,
        kept.total_amount,
        kept.date,
        body.pk,
        year,
    )
    assert line.description == f"Tiền thưởng theo Quyết định số {kept.number} {fund.vn_date(kept.date)}"
    # A second booking of the same decision returns the line already written.
    assert fund.fund_book_decision(decision=kept, by=leader).pk == line.pk
    assert FundEntry.objects.filter(kind=FundEntryKind.EXPENSE).count() == 1

    totals = fund.fund_totals(year=year, body=body)
    assert (totals.planned, totals.income, totals.expense) == (2_000_000, 500_000, kept.total_amount)
    assert totals.available == 2_500_000
    assert totals.balance == 2_500_000 - kept.total_amount


def test_plan_takes_the_rate_of_1_january_for_the_level_and_rounds_down(issuers, reviewer, rate):
    body = issuers.last()
    year = 2026
    FundRate.objects.create(valid_from=dt.date(2026, 1, 2), rate_percent=Decimal("9.00"), legal_basis="Sau 01/01")
    specific = FundRate.objects.create(
        valid_from=dt.date(2025, 7, 1), level=body.level, rate_percent=Decimal("1.50"), legal_basis="Theo cấp"
    )
    fund_year = fund.fund_plan_set(body=body, year=year, base_amount=1_234_567, by=reviewer)
    # 1.5% of 1,234,567 = 18,518.505: the decree sets a ceiling, so the plan is rounded down.
    assert (fund_year.rate_id, fund_year.rate_percent, fund_year.planned_amount) == (specific.pk, Decimal("1.50"), 18_518)
    with pytest.raises(fund.FundError, match="Chưa có tỷ lệ trích quỹ áp dụng cho năm 2023"):
        fund.fund_plan_set(body=body, year=2023, base_amount=1, by=reviewer)


def test_entry_refused_with_vietnamese_messages_and_nothing_lost(issuers, reviewer, client_for):
    body = issuers.last()
    year = timezone.localdate().year
    with pytest.raises(fund.FundError) as refused:
        fund.fund_entry_add(body=body, year=year, date=dt.date(year - 1, 12, 31), kind="expense", amount=0, description=" ", by=reviewer)
    assert str(refused.value) == (
        f"Số tiền phải lớn hơn 0 đồng. Ngày phải thuộc năm {year} (từ 01/01/{year} đến 31/12/{year}). Hãy ghi nội dung thu, chi."
    )
    client = client_for(reviewer)
    url = reverse("awards:fund-entry-add", args=[body.pk, year])
    response = client.post(url, {"date": f"{year + 1}-01-02", "kind": "expense", "amount": "0", "description": "In giấy khen"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Số tiền phải lớn hơn 0 đồng." in page and f"Ngày phải thuộc năm {year}" in page
    assert 'value="In giấy khen"' in page  # what was typed is still there
    response = client.post(url, {"date": f"{year}-03-04", "kind": "expense", "amount": "1.500.000", "description": ""})
    assert response.status_code == 400 and "Hãy ghi nội dung thu, chi." in response.content.decode()
    assert FundEntry.objects.count() == 0
    response = client.post(url, {"date": f"{year}-03-04", "kind": "expense", "amount": "1.500.000", "description": "In giấy khen"})
    assert response.status_code == 302
    assert list(FundEntry.objects.values_list("amount", "description", "kind")) == [(1_500_000, "In giấy khen", "expense")]


def test_decision_page_warns_the_leader_when_the_money_exceeds_the_balance(make_draft, rate, reviewer, leader, client_for):
    draft = make_draft("Nguyễn Văn An")
    body, year = _body_year(draft)
    client = client_for(leader)
    page = client.get(reverse("awards:decision-detail", args=[draft.pk])).content.decode()
    assert 'id="decision-fund-warning"' in page and 'id="approve-decision"' in page
    total = fund.vn_number(draft.total_amount)
    assert f"Tổng tiền thưởng của quyết định ({total} đồng) vượt số dư Quỹ thi đua, khen thưởng năm {year} (0 đồng)" in page
    assert f"Quỹ năm {year} chưa được lập kế hoạch." in page
    response = client.post(reverse("awards:decision-approve", args=[draft.pk]), follow=True)
    draft.refresh_from_db()
    # Approved all the same (the law does not forbid it), with the warning shown and recorded.
    assert draft.state == DecisionState.APPROVED
    assert draft.fund_warning.startswith(f"Tổng tiền thưởng của quyết định ({total} đồng) vượt số dư")
    assert draft.fund_warning in [str(m) for m in response.context["messages"]]


def test_decision_page_shows_the_balance_after_when_the_money_fits(make_draft, rate, reviewer, leader, client_for, officer):
    draft = make_draft("Nguyễn Văn An")
    body, year = _body_year(draft)
    fund.fund_plan_set(body=body, year=year, base_amount=500_000_000, by=reviewer)  # 10,000,000 đ
    after = fund.vn_number(10_000_000 - draft.total_amount)
    for url in (reverse("awards:decision-detail", args=[draft.pk]), reverse("awards:decision-edit", args=[draft.pk])):
        page = client_for(reviewer).get(url).content.decode()
        assert 'id="decision-fund-warning"' not in page
        assert f"Quyết định sẽ chi <strong>{fund.vn_number(draft.total_amount)} đồng</strong>" in page
        assert "số dư hiện nay 10.000.000 đồng, sau khi ban hành còn <strong>" + after + " đồng</strong>" in page
    approved = services.decision_approve(decision=draft, by=leader)
    assert approved.fund_warning == "" and draft.fund_warning == ""
    services.decision_issue(decision=draft, by=leader)
    page = client_for(leader).get(reverse("awards:decision-detail", args=[draft.pk])).content.decode()
    assert f"Đã ghi chi <strong>{fund.vn_number(draft.total_amount)} đồng</strong>" in page and after in page
    # The unit's officer opens the decision naming the unit but not the fund.
    page = client_for(officer).get(reverse("awards:decision-detail", args=[draft.pk])).content.decode()
    assert "decision-fund" not in page


@pytest.fixture
def issued(make_draft, rate, reviewer, leader):
    decision = make_draft("Nguyễn Văn An", "Đặng Thị Ánh")
    body, year = _body_year(decision)
    fund.fund_plan_set(body=body, year=year, base_amount=100_000_000, by=reviewer)
    fund.fund_entry_add(
        body=body, year=year, date=dt.date(year, 2, 3), kind="expense", amount=1_250_000, description="In giấy khen", by=reviewer
    )
    services.decision_approve(decision=decision, by=leader)
    services.decision_issue(decision=decision, by=leader)
    return decision


def test_fund_report_pdf_text(issued, client_for, leader, tmp_path):
    body, year = _body_year(issued)
    response = client_for(leader).get(reverse("awards:fund-pdf", args=[body.pk, year]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    path = tmp_path / "quy.pdf"
    path.write_bytes(response.content)
    text = " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout.split())
    spent = 1_250_000 + issued.total_amount
    assert "BÁO CÁO" in text and f"Tình hình thu, chi Quỹ thi đua, khen thưởng năm {year}" in text
    assert f"Quỹ theo kế hoạch năm {year}: 2.000.000 đồng (2,00% của 100.000.000 đồng" in text
    assert f"đã chi: {fund.vn_number(spent)} đồng; số dư: {fund.vn_number(2_000_000 - spent)} đồng." in text
    assert "In giấy khen" in text and "1.250.000" in text and issued.number in text
    assert "Tổng cộng" in text and "Lưu: VT." in text


def test_fund_report_xlsx_cells(issued, client_for, reviewer):
    body, year = _body_year(issued)
    response = client_for(reviewer).get(reverse("awards:fund-xlsx", args=[body.pk, year]))
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True).active.iter_rows(values_only=True))
    assert rows[0] == ("STT", "Ngày", "Nội dung", "Quyết định", "Thu (đồng)", "Chi (đồng)")
    assert rows[1] == (1, dt.datetime(year, 2, 3), "In giấy khen", None, None, 1_250_000)
    assert rows[2][2:] == (
        f"Tiền thưởng theo Quyết định số {issued.number} {fund.vn_date(issued.date)}",
        issued.number,
        None,
        issued.total_amount,
    )
    spent = 1_250_000 + issued.total_amount
    assert rows[3][2:5] == ("Quỹ theo kế hoạch", None, 2_000_000)
    assert rows[4][2:] == ("Tổng thu, chi", None, 0, spent)
    assert rows[5][2:5] == ("Số dư", None, 2_000_000 - spent)


def test_fund_list_and_page_show_the_totals(issued, client_for, administrator):
    body, year = _body_year(issued)
    balance = fund.vn_number(2_000_000 - 1_250_000 - issued.total_amount)
    listing = client_for(administrator).get(reverse("awards:fund-list")).content.decode()
    assert reverse("awards:fund-detail", args=[body.pk, year]) in listing and balance in listing
    page = client_for(administrator).get(reverse("awards:fund-detail", args=[body.pk, year])).content.decode()
    assert f'id="fund-balance">{balance} đồng' in page
    assert 'id="fund-entry-form"' not in page  # the administrator reads; the reviewer enters lines


@pytest.mark.parametrize("count", [1, 3])
def test_fund_list_queries_do_not_grow_with_rows(count, issuers, reviewer, client_for, django_assert_num_queries, rate):
    body = issuers.last()
    for year in range(2026 - count + 1, 2027):
        fund.fund_plan_set(body=body, year=year, base_amount=1_000_000, by=reviewer)
        fund.fund_entry_add(body=body, year=year, date=dt.date(year, 5, 5), kind="income", amount=10, description="Thu", by=reviewer)
    client = client_for(reviewer)
    client.get(reverse("awards:fund-list"))  # warm the session and the user's roles
    with django_assert_num_queries(7):
        response = client.get(reverse("awards:fund-list"))
    assert response.content.decode().count('href="/khen-thuong/quy-thi-dua/') == count


def test_periodic_summary_has_the_fund_line(issued):
    from reports import generators
    from reports.periods import parse_period

    body, year = _body_year(issued)
    spent = 1_250_000 + issued.total_amount
    line = f"Quỹ thi đua, khen thưởng năm {year}: đã chi {fund.vn_number(spent)} / 2.000.000 đồng, còn {fund.vn_number(2_000_000 - spent)} đồng."
    document = generators.summary(period=parse_period(str(year)))
    assert line in document.sections[2].paragraphs
    assert FundYear.objects.get().issuing_body == body


def test_reviewer_plans_the_fund_on_its_page(issuers, reviewer, client_for, rate):
    body, year = issuers.last(), timezone.localdate().year
    url = reverse("awards:fund-plan", args=[body.pk, year])
    refused = client_for(reviewer).post(url, {"base_amount": "0"})
    assert refused.status_code == 400 and "Số làm căn cứ phải lớn hơn 0 đồng." in refused.content.decode()
    assert client_for(reviewer).post(url, {"base_amount": "250.000.000"}).status_code == 302
    assert FundYear.objects.values_list("base_amount", "planned_amount").get() == (250_000_000, 5_000_000)
