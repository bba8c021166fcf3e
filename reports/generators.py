"""Report generators: what data, for which period or campaign. Each returns a ``ReportDocument``
(sections of paragraphs, tables and charts) that the formatters in ``formatters.py`` turn into the
PDF (official layout) and the XLSX with the same figures."""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from awards.enums import NominationBasis
from dosonthidua.documents import vn_date, vn_number
from dosonthidua.identity import identity_on
from units.importers import yes_no

from . import selectors
from .enums import ReportKind
from .periods import Period


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list]
    total: list | None = None
    numeric_from: int = 1  # columns from this index on are figures (right-aligned)
    wide: int = 0  # the column that takes the room (names)
    widths: list[int] | None = None  # column widths in percent: a fixed layout, fast for long lists


@dataclass
class Chart:
    title: str
    labels: list[str]
    values: list


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)


@dataclass
class ReportDocument:
    kind: str
    doc_type: str
    subject: str
    intro: list[str]
    sections: list[Section]
    landscape: bool = False
    empty: bool = False  # nothing happened in the period: the files say so (formatters.EMPTY_REPORT_TEXT)


def _noop(_percent):
    return None


def _money(value):
    return int(value or 0)


def _sum_columns(rows, start):
    width = len(rows[0]) if rows else 0
    return [sum((r[i] or 0) for r in rows) for i in range(start, width)]


# --- Shared sections -----------------------------------------------------------------------------


def campaign_section(scope, heading, today=None):
    rows = selectors.campaign_progress(scope, today=today)
    table_rows = [
        [
            r["campaign"].name,
            r["participants"],
            r["registered"],
            r["unregistered"],
            r["reports_expected"],
            r["reports_received"],
            r["reports_missing"],
        ]
        for r in rows
    ]
    section = Section(heading)
    if not table_rows:
        section.paragraphs.append("Trong kỳ không có phong trào thi đua nào diễn ra.")
        return section, rows
    section.tables.append(
        Table(
            "Đăng ký thi đua và báo cáo tiến độ",
            ["Phong trào thi đua", "Đơn vị tham gia", "Đã đăng ký", "Chưa đăng ký", "Báo cáo đến hạn", "Đã nộp", "Còn thiếu"],
            table_rows,
            total=["Cộng", *_sum_columns(table_rows, 1)],
        )
    )
    targets = selectors.target_progress(scope)
    if targets:
        section.tables.append(
            Table(
                "Tiến độ thực hiện chỉ tiêu",
                ["Chỉ tiêu", "Đơn vị tính", "Chỉ tiêu chung", "Đơn vị đăng ký", "Đã đạt", "Tỷ lệ (%)"],
                [[t["target"].name, t["target"].unit_of_measure, t["goal"], t["committed"], t["achieved"], t["share"]] for t in targets],
                numeric_from=2,
            )
        )
    return section, rows


def nomination_section(scope, heading, today=None):
    states = selectors.nominations_by_state(scope)
    kinds = selectors.nominations_by_kind(scope)
    overdue = selectors.overdue_nominations(scope, today=today).count()
    total = sum(s["total"] for s in states)
    section = Section(heading)
    section.paragraphs.append(
        f"Tổng số đề nghị khen thưởng đã gửi: {vn_number(total)}; số đề nghị quá thời hạn thẩm định: {vn_number(overdue)}."
    )
    state_rows = [[s["label"], s["total"]] for s in states]
    section.tables.append(Table("Đề nghị khen thưởng theo trạng thái", ["Trạng thái", "Số đề nghị"], state_rows, total=["Cộng", total]))
    if kinds:
        kind_rows = [[k["award_kind__name"], k["total"], k["waiting"], k["approved"], k["rejected"]] for k in kinds]
        section.tables.append(
            Table(
                "Đề nghị khen thưởng theo danh hiệu, hình thức",
                ["Danh hiệu, hình thức", "Tổng số", "Đang xử lý", "Được đồng ý", "Không đồng ý / trả lại"],
                kind_rows,
                total=["Cộng", *_sum_columns(kind_rows, 1)],
            )
        )
    section.charts.append(Chart("Đề nghị theo trạng thái", [r[0] for r in state_rows], [r[1] for r in state_rows]))
    return section, {"states": states, "kinds": kinds, "overdue": overdue, "total": total}


def award_section(scope, heading, *, by_unit=True):
    totals = selectors.award_totals(scope)
    kinds = selectors.awards_by_kind(scope)
    basis = selectors.awards_by_basis(scope)
    section = Section(heading)
    section.paragraphs.append(
        f"Tổng số khen thưởng đã quyết định: {vn_number(totals['total'])} "
        f"({vn_number(totals['persons'])} cá nhân, {vn_number(totals['collectives'])} tập thể). "
        f"Trong số cá nhân: lãnh đạo, quản lý {vn_number(totals['leadership'])}; người lao động trực tiếp "
        f"{vn_number(totals['direct_workers'])} ({vn_number(totals['direct_share'], 1)}%); chưa rõ có phải lao động trực tiếp "
        f"{vn_number(totals['direct_unknown'])}; nam {vn_number(totals['men'])}; nữ {vn_number(totals['women'])} "
        f"({vn_number(totals['women_share'], 1)}%); chưa rõ giới tính {vn_number(totals['gender_unknown'])}. "
        f"Tổng tiền thưởng: {vn_number(totals['money'])} đồng."
    )
    if totals["unpriced"]:
        section.paragraphs.append(
            f"Có {vn_number(totals['unpriced'])} khen thưởng chưa tính được tiền thưởng (thiếu ngày quyết định, "
            "hệ số tiền thưởng hoặc mức lương cơ sở áp dụng)."
        )
    kind_rows = [
        [
            k["award_name"],
            k["total"],
            k["persons"],
            k["collectives"],
            k["leadership"],
            k["direct_workers"],
            k["direct_unknown"],
            k["women"],
            k["gender_unknown"],
            _money(k["money"]),
        ]
        for k in kinds
    ]
    section.tables.append(
        Table(
            "Khen thưởng theo danh hiệu, hình thức",
            [
                "Danh hiệu, hình thức",
                "Tổng số",
                "Cá nhân",
                "Tập thể",
                "Lãnh đạo, quản lý",
                "Lao động trực tiếp",
                "Chưa rõ LĐ trực tiếp",
                "Nữ",
                "Chưa rõ giới tính",
                "Tiền thưởng (đồng)",
            ],
            kind_rows,
            total=["Cộng", *_sum_columns(kind_rows, 1)],
        )
    )
    basis_rows = [[b["label"], b["total"]] for b in basis]
    if basis_rows:
        section.tables.append(
            Table("Khen thưởng theo loại hình", ["Loại hình khen thưởng", "Số lượng"], basis_rows, total=["Cộng", totals["total"]])
        )
    data = {"totals": totals, "kinds": kinds, "basis": basis}
    if by_unit:
        units = selectors.awards_by_unit(scope)
        names = selectors.unit_names(units.keys())
        unit_rows = sorted(
            (
                [names.get(uid, "Không rõ đơn vị"), r["total"], r["direct_workers"], r["women"], _money(r["money"])]
                for uid, r in units.items()
            ),
            key=lambda r: (-r[1], r[0]),
        )
        if unit_rows:
            section.tables.append(
                Table(
                    "Khen thưởng theo đơn vị",
                    ["Đơn vị", "Số khen thưởng", "Lao động trực tiếp", "Nữ", "Tiền thưởng (đồng)"],
                    unit_rows,
                    total=["Cộng", *_sum_columns(unit_rows, 1)],
                )
            )
            top = unit_rows[:12]
            section.charts.append(Chart("Số khen thưởng theo đơn vị", [r[0] for r in top], [r[1] for r in top]))
        data["units"] = units
    return section, data


# --- Generators ----------------------------------------------------------------------------------


def summary(*, period: Period, progress: Callable = _noop, today=None, **_):
    """The periodic summary (báo cáo tổng hợp) of a period: campaigns, nominations, awards."""
    scope = selectors.Scope(start=period.start, end=period.end)
    progress(10)
    campaigns, campaign_rows = campaign_section(scope, "I. CÔNG TÁC THI ĐUA", today=today)
    progress(40)
    noms, nomination_data = nomination_section(scope, "II. TIẾP NHẬN, THẨM ĐỊNH ĐỀ NGHỊ KHEN THƯỞNG", today=today)
    progress(60)
    awards, award_data = award_section(scope, "III. KẾT QUẢ KHEN THƯỞNG")
    awards.paragraphs.append(selectors.fund_line(period.end))
    progress(80)
    intro = [
        f"{identity_on(period.end).office} tổng hợp kết quả công tác thi đua, khen thưởng {period.label} "
        f"(từ {vn_date(period.start)} đến {vn_date(period.end)}) và báo cáo Chủ tịch Ủy ban nhân dân như sau:"
    ]
    return ReportDocument(
        ReportKind.SUMMARY,
        "BÁO CÁO",
        f"Tổng hợp kết quả công tác thi đua, khen thưởng {period.label}",
        intro,
        [campaigns, noms, awards],
        empty=not campaign_rows and not nomination_data["total"] and not award_data["totals"]["total"],
    )


def _campaign_review(*, campaign, final, progress, today):
    today = today or timezone.localdate()
    as_of = min(today, campaign.end_date) if not final else campaign.end_date
    scope = selectors.Scope(campaign=campaign, end=as_of)
    progress(10)
    word = "tổng kết" if final else "sơ kết"
    intro = [
        f"Thực hiện phong trào thi đua “{campaign.name}” (từ {vn_date(campaign.start_date)} đến {vn_date(campaign.end_date)}"
        + (f", phát động theo văn bản số {campaign.document_number}" if campaign.document_number else "")
        + f"), {identity_on(as_of).office} báo cáo {word} kết quả thực hiện đến {vn_date(as_of)} như sau:"
    ]
    # The date range bounds progress reports due; awards and nominations follow the campaign link.
    camp_scope = selectors.Scope(campaign=campaign, start=None, end=as_of)
    campaigns, campaign_rows = campaign_section(camp_scope, "I. KẾT QUẢ TỔ CHỨC PHONG TRÀO", today=today)
    exemplars = selectors.exemplar_count(scope)
    campaigns.paragraphs.append(f"Số mô hình hay, điển hình tiên tiến được công nhận: {vn_number(exemplars)}.")
    progress(40)
    noms, nomination_data = nomination_section(selectors.Scope(campaign=campaign), "II. ĐỀ NGHỊ KHEN THƯỞNG", today=today)
    progress(60)
    awards, award_data = award_section(selectors.Scope(campaign=campaign), "III. KẾT QUẢ KHEN THƯỞNG")
    progress(80)
    sections = [campaigns, noms, awards]
    sections.append(
        Section(
            "IV. PHƯƠNG HƯỚNG" if not final else "IV. ĐÁNH GIÁ CHUNG",
            [
                "Các đơn vị chưa đăng ký thi đua, chưa nộp báo cáo tiến độ khẩn trương hoàn thành; tiếp tục phát hiện, "
                "bồi dưỡng và nhân rộng các điển hình tiên tiến."
                if not final
                else "Phong trào đã được các đơn vị hưởng ứng; kết quả khen thưởng nêu tại mục III."
            ],
        )
    )
    return ReportDocument(
        ReportKind.CAMPAIGN_FINAL if final else ReportKind.CAMPAIGN_INTERIM,
        "BÁO CÁO",
        f"{'Tổng kết' if final else 'Sơ kết'} phong trào thi đua “{campaign.name}”",
        intro,
        sections,
        empty=not campaign_rows and not nomination_data["total"] and not award_data["totals"]["total"],
    )


def campaign_interim(*, campaign, progress: Callable = _noop, today=None, **_):
    return _campaign_review(campaign=campaign, final=False, progress=progress, today=today)


def campaign_final(*, campaign, progress: Callable = _noop, today=None, **_):
    return _campaign_review(campaign=campaign, final=True, progress=progress, today=today)


def registrations(*, campaign, progress: Callable = _noop, **_):
    progress(20)
    rows = selectors.registration_rows(campaign)
    table_rows = []
    for i, r in enumerate(rows, start=1):
        reg = r["registration"]
        table_rows.append(
            [
                i,
                r["unit"].name,
                reg.get_state_display() if reg else "Chưa đăng ký",
                reg.collective_award.name if reg and reg.collective_award else "",
                reg.persons if reg else 0,
                "Có" if reg and reg.is_late else "",
            ]
        )
    progress(60)
    sent = sum(1 for r in rows if r["registration"] and r["registration"].state in selectors.COUNTED)
    by_kind = selectors.registered_persons_by_kind(campaign)
    section = Section(
        "DANH SÁCH ĐƠN VỊ",
        [f"Số đơn vị tham gia: {vn_number(len(rows))}; đã gửi đăng ký: {vn_number(sent)}; chưa đăng ký: {vn_number(len(rows) - sent)}."],
        [
            Table(
                "Đăng ký thi đua theo đơn vị",
                ["STT", "Đơn vị", "Tình trạng", "Danh hiệu tập thể đăng ký", "Số cá nhân đăng ký", "Gửi sau hạn"],
                table_rows,
                total=["", "Cộng", "", "", sum(r[4] for r in table_rows), ""],
                numeric_from=4,
                wide=1,
            )
        ],
    )
    if by_kind:
        section.tables.append(
            Table("Cá nhân đăng ký theo danh hiệu", ["Danh hiệu", "Số cá nhân"], [[k["award_kind__name"], k["total"]] for k in by_kind])
        )
    return ReportDocument(
        ReportKind.REGISTRATIONS,
        "BÁO CÁO",
        f"Tổng hợp đăng ký thi đua phong trào “{campaign.name}”",
        [
            f"{identity_on().office} tổng hợp tình hình đăng ký thi đua của các đơn vị như sau (số liệu đến {vn_date(timezone.localdate())}):"
        ],
        [section],
        empty=not rows,
    )


def awards(*, period: Period, progress: Callable = _noop, **_):
    scope = selectors.Scope(start=period.start, end=period.end)
    progress(20)
    rows = selectors.awards_by_unit_kind(scope)
    names = selectors.unit_names({r["recipient_unit"] for r in rows})
    table_rows = sorted(
        ([names.get(r["recipient_unit"], "Không rõ đơn vị"), r["award_name"], r["total"], _money(r["money"])] for r in rows),
        key=lambda r: (r[0], r[1]),
    )
    progress(50)
    by_unit = Section(
        "I. KHEN THƯỞNG THEO ĐƠN VỊ VÀ HÌNH THỨC",
        tables=[
            Table(
                "Theo đơn vị và danh hiệu, hình thức",
                ["Đơn vị", "Danh hiệu, hình thức", "Số lượng", "Tiền thưởng (đồng)"],
                table_rows,
                total=["Cộng", "", *_sum_columns(table_rows, 2)],
                numeric_from=2,
            )
        ],
    )
    summary_section, _ = award_section(scope, "II. TỔNG HỢP", by_unit=False)
    progress(80)
    return ReportDocument(
        ReportKind.AWARDS,
        "BÁO CÁO",
        f"Kết quả khen thưởng {period.label} theo đơn vị và hình thức",
        [f"Các quyết định khen thưởng từ {vn_date(period.start)} đến {vn_date(period.end)}:"],
        [by_unit, summary_section],
        empty=not table_rows,
    )


def proposed(*, period: Period | None = None, progress: Callable = _noop, **_):
    scope = selectors.Scope(year=period.end.year) if period else selectors.Scope()
    progress(20)
    # Plain values read with a server-side cursor: at city scale (12,501 rows) model instances with
    # four joined objects each would dwarf the strings the document keeps.
    basis_labels = dict(NominationBasis.choices)
    values = selectors.proposed_awardees(scope).values_list(
        "award_kind__name", "nominee_name", "nominee_person_id", "nominee_person__position", "unit__name", "basis", "is_direct_worker"
    )
    groups: dict[str, list] = {}
    count = 0
    for kind_name, name, person_id, position, unit_name, basis, direct in values.iterator(chunk_size=2000):
        rows = groups.setdefault(kind_name, [])
        rows.append(
            [
                len(rows) + 1,
                name,
                (position or "") if person_id else "",
                unit_name,
                basis_labels.get(basis, basis),
                yes_no(direct) if person_id else "",
            ]
        )
        count += 1
    progress(60)
    tables = [
        Table(
            kind_name,
            ["STT", "Họ và tên / tập thể", "Chức vụ", "Đơn vị", "Loại hình", "Lao động trực tiếp"],
            rows,
            numeric_from=99,
            wide=1,
            widths=[5, 24, 14, 27, 20, 10],
        )
        for kind_name, rows in groups.items()
    ]
    section = Section(
        "DANH SÁCH",
        [f"Tổng số: {vn_number(count)} đề nghị ({len(groups)} danh hiệu, hình thức)."],
        tables,
    )
    year = f" năm {period.end.year}" if period else ""
    return ReportDocument(
        ReportKind.PROPOSED,
        "DANH SÁCH",
        f"Đề nghị khen thưởng{year} trình Hội đồng Thi đua – Khen thưởng",
        [f"Danh sách các cá nhân, tập thể đã được {identity_on(period.end if period else None).office} thẩm định, trình Hội đồng xét:"],
        [section],
        landscape=True,
        empty=not count,
    )


GENERATORS = {
    ReportKind.SUMMARY: summary,
    ReportKind.CAMPAIGN_INTERIM: campaign_interim,
    ReportKind.CAMPAIGN_FINAL: campaign_final,
    ReportKind.REGISTRATIONS: registrations,
    ReportKind.AWARDS: awards,
    ReportKind.PROPOSED: proposed,
}


def generate(kind, *, period=None, campaign=None, progress=_noop, today=None):
    return GENERATORS[kind](period=period, campaign=campaign, progress=progress, today=today)


def as_number(value):
    return int(value) if isinstance(value, Decimal) and value == value.to_integral() else value
