"""The reward fund (quỹ thi đua, khen thưởng) of each issuing body and year: selectors that read the
ledger and its balance, services that write it, and the fund report's context.

The arithmetic, in one place: available = planned + income lines; balance = available − expense
lines. The planned amount is the legal rate (FundRate, dated data) × the base the reviewer enters,
rounded down to the đồng (the decree sets a ceiling, "tối đa"). Award money of a decision is booked
as an expense line when the decision is issued (decision_issue calls fund_book_decision); a draft or
an approved decision that is discarded was never booked. The portal has no path that cancels an
issued decision (decision_discard refuses it), so a booked line is never reversed by the portal."""

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, Sum

from dosonthidua.documents import document_date_line, vn_date, vn_number

from .enums import DocumentKind, FundEntryKind
from .models import Decision, FundEntry, FundRate, FundYear, IssuingBody


class FundError(Exception):
    """A fund operation refused; the message is for the user (Vietnamese)."""


# --- Selectors -----------------------------------------------------------------------------------


def fund_rate_for(body, year):
    """The rate valid on 1 January of ``year`` for the body's level (a row for that level wins over
    one for every level). The fund is planned with the year's budget, so the rate in force when the
    year opens is the one that applies; a decree replaced mid-year applies from the next plan."""
    day = dt.date(year, 1, 1)
    rates = (
        FundRate.objects.filter(valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .filter(Q(level="") | Q(level=body.level))
    )
    return sorted(rates, key=lambda r: (r.level == "", -r.valid_from.toordinal()))[0] if rates else None


@dataclass(frozen=True)
class FundTotals:
    planned: int
    income: int
    expense: int

    @property
    def available(self):
        return self.planned + self.income

    @property
    def balance(self):
        return self.available - self.expense


def fund_totals(*, year, body=None, until=None):
    """Planned, income and expense of ``year`` for ``body`` (every body when None), counting lines
    dated on or before ``until`` when given. Two queries."""
    years = FundYear.objects.filter(year=year)
    entries = FundEntry.objects.filter(fund_year__year=year)
    if body is not None:
        years, entries = years.filter(issuing_body=body), entries.filter(fund_year__issuing_body=body)
    if until is not None:
        entries = entries.filter(date__lte=until)
    planned = years.aggregate(s=Sum("planned_amount"))["s"] or 0
    sums = entries.aggregate(
        income=Sum("amount", filter=Q(kind=FundEntryKind.INCOME)), expense=Sum("amount", filter=Q(kind=FundEntryKind.EXPENSE))
    )
    return FundTotals(planned=planned, income=sums["income"] or 0, expense=sums["expense"] or 0)


def fund_year_get(body, year):
    return FundYear.objects.filter(issuing_body=body, year=year).select_related("rate").first()


def fund_entries(body, year):
    """The ledger of a body's year in date order, with each line's decision (one query)."""
    return FundEntry.objects.filter(fund_year__issuing_body=body, fund_year__year=year).select_related("decision", "created_by")


def fund_overview():
    """(body, year) pairs that have a fund year or an issued decision, newest year first, each with
    its totals: the fund list page. Four queries whatever the number of rows."""
    planned = {(b, y): p for b, y, p in FundYear.objects.values_list("issuing_body_id", "year", "planned_amount")}
    pairs = set(planned) | set(Decision.objects.filter(state="issued").values_list("issuing_body_id", "year").distinct())
    sums = {}
    grouped = FundEntry.objects.values_list("fund_year__issuing_body_id", "fund_year__year", "kind").annotate(s=Sum("amount")).order_by()
    for body_id, year, kind, total in grouped:
        sums[(body_id, year, kind)] = total
    bodies = IssuingBody.objects.in_bulk({b for b, _ in pairs})
    return [
        {
            "body": bodies[body_id],
            "year": year,
            "totals": FundTotals(
                planned=planned.get((body_id, year), 0),
                income=sums.get((body_id, year, FundEntryKind.INCOME), 0),
                expense=sums.get((body_id, year, FundEntryKind.EXPENSE), 0),
            ),
        }
        for body_id, year in sorted(pairs, key=lambda p: (-p[1], p[0]))
    ]


@dataclass(frozen=True)
class FundForecast:
    """What a decision spends and what the fund holds before and after it."""

    year: int
    spend: int
    balance_before: int
    balance_after: int
    booked: bool  # the decision is issued and its line written
    planned: bool  # the body's fund for the year has been planned

    @property
    def exceeds(self):
        return not self.booked and self.spend > 0 and self.balance_after < 0

    @property
    def warning(self):
        if not self.exceeds:
            return ""
        text = (
            f"Tổng tiền thưởng của quyết định ({vn_number(self.spend)} đồng) vượt số dư Quỹ thi đua, khen thưởng "
            f"năm {self.year} ({vn_number(self.balance_before)} đồng): sau khi ban hành, quỹ thiếu {vn_number(-self.balance_after)} đồng."
        )
        if not self.planned:
            text += f" Quỹ năm {self.year} chưa được lập kế hoạch."
        return text


def fund_forecast(decision):
    """The money ``decision`` spends and the balance of its body's fund for the decision's year
    before and after it (for an issued decision: the line already booked, balance as it stands).
    Other drafts not yet issued are not counted: only issued decisions spend the fund."""
    year = decision.date.year
    totals = fund_totals(year=year, body=decision.issuing_body)
    booked = FundEntry.objects.filter(decision=decision).exists()
    planned = FundYear.objects.filter(issuing_body=decision.issuing_body, year=year, planned_amount__gt=0).exists()
    if booked:
        before = totals.balance + decision.total_amount
        return FundForecast(year, decision.total_amount, before, totals.balance, True, planned)
    return FundForecast(year, decision.total_amount, totals.balance, totals.balance - decision.total_amount, False, planned)


def fund_summary_line(*, year, until=None, body=None):
    """'Quỹ thi đua, khen thưởng: đã chi X / Y đồng, còn Z đồng' for the periodic summary."""
    totals = fund_totals(year=year, body=body, until=until)
    return (
        f"Quỹ thi đua, khen thưởng năm {year}: đã chi {vn_number(totals.expense)} / {vn_number(totals.available)} đồng, "
        f"còn {vn_number(totals.balance)} đồng."
    )


# --- Services ------------------------------------------------------------------------------------


def _require(user, perm):
    if not user.has_perm(perm):
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này.")


def fund_plan_set(*, body, year, base_amount, by):
    """The reviewer enters the base the fund is planned from; the planned amount is the rate valid
    on 1 January × the base, rounded down to the đồng. Rows: FundYear (created or updated)."""
    _require(by, "awards.manage_fund")
    rate = fund_rate_for(body, year)
    if rate is None:
        raise FundError(f"Chưa có tỷ lệ trích quỹ áp dụng cho năm {year}: quản trị hệ thống cần nhập tỷ lệ theo nghị định.")
    planned = int((Decimal(base_amount) * rate.rate_percent / 100).quantize(Decimal("1"), rounding=ROUND_DOWN))
    with transaction.atomic():
        fund_year, _ = FundYear.objects.select_for_update().get_or_create(issuing_body=body, year=year)
        fund_year.base_amount, fund_year.rate, fund_year.rate_percent = base_amount, rate, rate.rate_percent
        fund_year.planned_amount, fund_year.updated_by = planned, by
        fund_year.save()
    return fund_year


def _clean_entry(*, year, date, amount, description):
    errors = {}
    if amount is None or amount <= 0:
        errors["amount"] = "Số tiền phải lớn hơn 0 đồng."
    if date is None or date.year != year:
        errors["date"] = f"Ngày phải thuộc năm {year} (từ 01/01/{year} đến 31/12/{year})."
    if not (description or "").strip():
        errors["description"] = "Hãy ghi nội dung thu, chi."
    return errors


def fund_entry_add(*, body, year, date, kind, amount, description, by):
    """The reviewer writes an income line or an expense line other than award money (which decisions
    book themselves). Refuses (FundError, Vietnamese) an amount not above 0, a date outside the year
    or an empty description. Rows: FundYear (created if missing), FundEntry."""
    _require(by, "awards.manage_fund")
    errors = _clean_entry(year=year, date=date, amount=amount, description=description)
    if errors:
        raise FundError(" ".join(errors.values()))
    if kind not in FundEntryKind.values:
        raise FundError("Loại dòng phải là thu hoặc chi.")
    with transaction.atomic():
        fund_year, _ = FundYear.objects.get_or_create(issuing_body=body, year=year)
        return FundEntry.objects.create(
            fund_year=fund_year, date=date, kind=kind, amount=amount, description=description.strip(), created_by=by
        )


def fund_book_decision(*, decision, by):
    """Book the award money of an issued decision as one expense line of its body's fund for the
    decision's year (called by decision_issue inside its transaction). Idempotent: the line is
    one-to-one with the decision, so a second call returns the line already written. A decision
    with no money (titles without a reward) books nothing. Rows: FundYear (if missing), FundEntry."""
    if decision.state != "issued" or decision.total_amount <= 0:
        return None
    existing = FundEntry.objects.filter(decision=decision).first()
    if existing is not None:
        return existing
    fund_year, _ = FundYear.objects.get_or_create(issuing_body_id=decision.issuing_body_id, year=decision.date.year)
    return FundEntry.objects.create(
        fund_year=fund_year,
        date=decision.date,
        kind=FundEntryKind.EXPENSE,
        amount=decision.total_amount,
        description=f"Tiền thưởng theo Quyết định số {decision.number} {vn_date(decision.date)}",
        decision=decision,
        created_by=by,
    )


# --- The fund report (PDF and XLSX) --------------------------------------------------------------

REPORT_HEADERS = ["STT", "Ngày", "Nội dung", "Quyết định", "Thu (đồng)", "Chi (đồng)"]


def fund_report_rows(body, year):
    """The ledger as rows of REPORT_HEADERS (amounts as integers)."""
    rows = []
    for index, e in enumerate(fund_entries(body, year), start=1):
        income = e.amount if e.kind == FundEntryKind.INCOME else None
        expense = e.amount if e.kind == FundEntryKind.EXPENSE else None
        rows.append([index, e.date, e.description, e.decision.number if e.decision_id else "", income, expense])
    return rows


def fund_report_context(body, year, *, today):
    """The fund report of a body's year in the official layout (Nghị định 30/2020): header of the
    body, 'BÁO CÁO' with its subject, the plan, the ledger, the totals and the chairman's block."""
    from . import documents, signing
    from .selectors import signer_on

    fund_year = fund_year_get(body, year)
    totals = fund_totals(year=year, body=body)
    signer = signer_on(body, today) or signer_on(body, dt.date(year, 12, 31))
    if fund_year is not None and fund_year.planned_amount:
        plan = (
            f"Quỹ theo kế hoạch năm {year}: {vn_number(fund_year.planned_amount)} đồng "
            f"({vn_number(fund_year.rate_percent, 2)}% của {vn_number(fund_year.base_amount)} đồng"
            + (f"; {fund_year.rate.get_base_display().lower()}; {fund_year.rate.legal_basis}" if fund_year.rate else "")
            + ")."
        )
    else:
        plan = f"Quỹ năm {year} chưa được lập kế hoạch."
    rows = [
        {
            "index": r[0],
            "date": r[1].strftime("%d/%m/%Y"),
            "description": r[2],
            "decision": r[3],
            "income": vn_number(r[4]) if r[4] else "",
            "expense": vn_number(r[5]) if r[5] else "",
        }
        for r in fund_report_rows(body, year)
    ]
    return {
        **documents._issuer(body),
        "number": "",
        "date_line": document_date_line(today, body.place),
        "doc_type": "Báo cáo",
        "subject": f"Tình hình thu, chi Quỹ thi đua, khen thưởng năm {year}",
        "paragraphs": [
            plan,
            f"Tổng nguồn quỹ (kế hoạch và các khoản thu): {vn_number(totals.available)} đồng; "
            f"đã chi: {vn_number(totals.expense)} đồng; số dư: {vn_number(totals.balance)} đồng.",
        ],
        "rows": rows,
        "total_income": vn_number(totals.income),
        "total_expense": vn_number(totals.expense),
        "signer_titles": signing.signature_lines(kind=DocumentKind.DECISION, signer=signer, body=body) if signer else [],
        "signer_name": signer.name if signer else "",
        "recipients": ["Lưu: VT."],
    }
