"""The stage review report (báo cáo tổng kết phong trào thi đua giai đoạn, e.g. 2021–2025): the figures
of the whole stage computed from the records, the sections a reviewer writes (reports.StageReview),
the document in the official layout (Nghị định 30/2020) as PDF (through the report formatter's
template) and DOCX.

What counts where (the portal's one period definition, reports.selectors.Scope):
- a campaign (movement) counts in the stage when it runs during it, and in the year it started (a
  campaign started before the stage in the stage's first year); its registrations sent (submitted or
  accepted) and its accepted exemplars count with it;
- an award counts in the year of its decision date (an imported award without one in its year)."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, IntegerField, Q
from django.db.models.functions import Coalesce, ExtractYear

from awards.enums import ConferringLevel
from awards.selectors import issuing_body_on
from campaigns.enums import CampaignKind, ExemplarKind
from campaigns.models import Exemplar, Movement, Registration
from dosonthidua.documents import document_date_line, vn_number

from . import selectors
from .generators import ReportDocument, Section, Table
from .periods import parse_period
from .selectors import COUNTED, Scope

NOT_STATED = "Không rõ"


@dataclass
class StageFigures:
    period: object  # reports.periods.Period
    years: list
    campaigns: dict  # total, regular, thematic, movements
    registrations: dict  # units, persons
    awards: dict  # total, persons, collectives, direct_workers, leadership, direct_unknown, women, direct_share
    by_kind: list  # [(award name, total, persons, collectives)]
    by_level: list  # [(label, total)]
    by_subject: list  # [(label, total)]
    exemplars: dict  # total and per ExemplarKind label
    by_year: list  # [dict per year]


def _share(part, whole):
    return selectors._percent(part, whole)


def stage_figures(period_code):
    """Every figure of the stage (``period_code`` like '2021-2025'), in six grouped queries."""
    period = parse_period(period_code)
    scope = Scope(start=period.start, end=period.end)
    years = period.years
    first = years[0]

    def year_of(start_year):
        return max(start_year or first, first)

    campaigns = selectors.campaigns_in_scope(scope)
    campaign_rows = list(campaigns.order_by().values_list("kind", "start_date__year").annotate(n=Count("id")))
    movements = Movement.objects.filter(campaigns__in=campaigns).distinct().count()
    # Registrations sent and the persons they register, per start year of their campaign, in one query.
    registration_rows = list(
        Registration.objects.filter(campaign__in=campaigns, state__in=COUNTED)
        .order_by()
        .values_list("campaign__start_date__year")
        .annotate(n=Count("id", distinct=True), persons=Count("entries"))
    )
    registrations = [(year, n) for year, n, _ in registration_rows]
    entries = [(year, persons) for year, _, persons in registration_rows]
    exemplar_rows = list(
        Exemplar.objects.filter(campaign__in=campaigns, state="accepted")
        .order_by()
        .values_list("kind", "campaign__start_date__year")
        .annotate(n=Count("id"))
    )
    records = selectors.awards_in(scope).annotate(
        y=Coalesce(ExtractYear("decision_date"), "year", output_field=IntegerField()),
    )
    award_year_rows = list(
        records.order_by()
        .values("y")
        .annotate(
            total=Count("id"),
            persons=Count("id", filter=Q(person__isnull=False)),
            collectives=Count("id", filter=Q(unit__isnull=False)),
            direct_workers=Count("id", filter=Q(person__is_direct_worker=True)),
            leadership=Count("id", filter=Q(person__isnull=False, person__is_direct_worker=False)),
            direct_unknown=Count("id", filter=Q(person__isnull=False, person__is_direct_worker__isnull=True)),
            women=Count("id", filter=Q(person__gender="female")),
        )
    )
    # By kind and by level from one grouped read (award name × the kind's conferring level).
    kind_level_rows = list(
        records.order_by()
        .values_list("award_name", "award_kind__conferring_level")
        .annotate(
            total=Count("id"), persons=Count("id", filter=Q(person__isnull=False)), collectives=Count("id", filter=Q(unit__isnull=False))
        )
    )
    kinds = {}
    level_rows = defaultdict(int)
    for name, level, total, persons, collectives in kind_level_rows:
        row = kinds.setdefault(name, [name, 0, 0, 0])
        row[1], row[2], row[3] = row[1] + total, row[2] + persons, row[3] + collectives
        level_rows[level] += total
    by_kind = [tuple(row) for row in sorted(kinds.values(), key=lambda r: (-r[1], r[0]))]
    by_level = [(label, level_rows.get(value, 0)) for value, label in ConferringLevel.choices]
    if level_rows.get(None):
        by_level.append((NOT_STATED, level_rows[None]))

    keys = ("total", "persons", "collectives", "direct_workers", "leadership", "direct_unknown", "women")
    awards = {k: sum(r[k] for r in award_year_rows) for k in keys}
    awards["direct_share"] = _share(awards["direct_workers"], awards["persons"])
    awards["women_share"] = _share(awards["women"], awards["persons"])
    by_subject = [("Cá nhân", awards["persons"]), ("Tập thể", awards["collectives"])]

    per_year = defaultdict(lambda: defaultdict(int))
    for kind, start_year, n in campaign_rows:
        per_year[year_of(start_year)]["campaigns"] += n
        per_year[year_of(start_year)][kind] += n
    for start_year, n in registrations:
        per_year[year_of(start_year)]["registrations"] += n
    for start_year, n in entries:
        per_year[year_of(start_year)]["persons_registered"] += n
    exemplars = defaultdict(int)
    for kind, start_year, n in exemplar_rows:
        per_year[year_of(start_year)]["exemplars"] += n
        exemplars[kind] += n
    for row in award_year_rows:
        for k in keys:
            per_year[row["y"]][f"awards_{k}"] += row[k]
    by_year = []
    for year in years:
        row = per_year[year]
        by_year.append(
            {
                "year": year,
                "campaigns": row["campaigns"],
                "registrations": row["registrations"],
                "persons_registered": row["persons_registered"],
                "exemplars": row["exemplars"],
                "awards": row["awards_total"],
                "persons": row["awards_persons"],
                "collectives": row["awards_collectives"],
                "direct_workers": row["awards_direct_workers"],
                "direct_share": _share(row["awards_direct_workers"], row["awards_persons"]),
            }
        )
    return StageFigures(
        period=period,
        years=years,
        campaigns={
            "total": sum(n for _, _, n in campaign_rows),
            "regular": sum(n for kind, _, n in campaign_rows if kind == CampaignKind.REGULAR),
            "thematic": sum(n for kind, _, n in campaign_rows if kind == CampaignKind.THEMATIC),
            "movements": movements,
        },
        registrations={"units": sum(n for _, n in registrations), "persons": sum(n for _, n in entries)},
        awards=awards,
        by_kind=by_kind,
        by_level=by_level,
        by_subject=by_subject,
        exemplars={
            "total": sum(exemplars.values()),
            "by_kind": [(label, exemplars.get(value, 0)) for value, label in ExemplarKind.choices],
        },
        by_year=by_year,
    )


def next_stage_label(period):
    """'2026–2030' after '2021–2025' (a stage of the same length)."""
    length = period.end.year - period.start.year + 1
    return f"{period.end.year + 1}–{period.end.year + length}"


def _paragraphs(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()] or ["(Chưa viết nội dung.)"]


def figure_tables(f):
    n = vn_number
    year_rows = [
        [
            str(r["year"]),
            r["campaigns"],
            r["registrations"],
            r["persons_registered"],
            r["exemplars"],
            r["awards"],
            r["persons"],
            r["collectives"],
            r["direct_workers"],
            r["direct_share"],
        ]
        for r in f.by_year
    ]
    total = [
        "Cả giai đoạn",
        f.campaigns["total"],
        f.registrations["units"],
        f.registrations["persons"],
        f.exemplars["total"],
        f.awards["total"],
        f.awards["persons"],
        f.awards["collectives"],
        f.awards["direct_workers"],
        f.awards["direct_share"],
    ]
    summary = (
        f"Trong {f.period.label}, đã tổ chức {n(f.campaigns['total'])} phong trào, đợt thi đua ({n(f.campaigns['regular'])} thường xuyên, "
        f"{n(f.campaigns['thematic'])} theo đợt, chuyên đề), gắn với {n(f.campaigns['movements'])} phong trào thi đua của Trung ương, "
        f"thành phố và địa phương; {n(f.registrations['units'])} lượt tập thể và {n(f.registrations['persons'])} lượt cá nhân đăng ký thi đua; "
        f"{n(f.exemplars['total'])} mô hình hay, nhân tố mới, điển hình tiên tiến được ghi nhận. Đã khen thưởng {n(f.awards['total'])} lượt "
        f"({n(f.awards['collectives'])} tập thể, {n(f.awards['persons'])} cá nhân), trong đó người lao động trực tiếp "
        f"{n(f.awards['direct_workers'])} lượt, chiếm {n(f.awards['direct_share'], 1)}% số cá nhân được khen thưởng."
    )
    tables = [
        Table(
            "Bảng 1. So sánh kết quả qua các năm",
            [
                "Năm",
                "Phong trào",
                "Lượt tập thể đăng ký",
                "Lượt cá nhân đăng ký",
                "Điển hình",
                "Khen thưởng",
                "Cá nhân",
                "Tập thể",
                "Lao động trực tiếp",
                "Tỷ lệ LĐTT (%)",
            ],
            year_rows,
            total=total,
        ),
        Table(
            "Bảng 2. Khen thưởng theo danh hiệu, hình thức",
            ["Danh hiệu, hình thức", "Tổng số", "Cá nhân", "Tập thể"],
            [list(row) for row in f.by_kind],
            total=["Cộng", f.awards["total"], f.awards["persons"], f.awards["collectives"]],
        ),
        Table(
            "Bảng 3. Khen thưởng theo cấp quyết định",
            ["Cấp quyết định", "Số lượt"],
            [list(r) for r in f.by_level],
            total=["Cộng", f.awards["total"]],
        ),
        Table(
            "Bảng 4. Khen thưởng theo đối tượng",
            ["Đối tượng", "Số lượt"],
            [
                *[list(r) for r in f.by_subject],
                ["Trong đó: người lao động trực tiếp", f.awards["direct_workers"]],
                ["Trong đó: lãnh đạo, quản lý", f.awards["leadership"]],
                ["Trong đó: chưa rõ", f.awards["direct_unknown"]],
            ],
        ),
        Table(
            "Bảng 5. Mô hình hay, nhân tố mới, điển hình tiên tiến",
            ["Loại", "Số lượng"],
            [list(r) for r in f.exemplars["by_kind"]],
            total=["Cộng", f.exemplars["total"]],
        ),
    ]
    return summary, tables


def review_document(review, figures=None):
    """The review as a ReportDocument: the figures' section, then the reviewer's sections."""
    figures = figures or stage_figures(review.period)
    summary, tables = figure_tables(figures)
    stage = figures.period.label
    sections = [
        Section("I. KẾT QUẢ THỰC HIỆN PHONG TRÀO THI ĐUA, CÔNG TÁC KHEN THƯỞNG", [summary], tables),
        Section("1. Kết quả đạt được", _paragraphs(review.results)),
        Section("II. HẠN CHẾ VÀ NGUYÊN NHÂN", _paragraphs(review.limitations)),
        Section("III. BÀI HỌC KINH NGHIỆM", _paragraphs(review.lessons)),
        Section(f"IV. PHƯƠNG HƯỚNG, NHIỆM VỤ VÀ CHỈ TIÊU GIAI ĐOẠN {next_stage_label(figures.period)}", _paragraphs(review.direction)),
    ]
    return ReportDocument(
        kind="stage_review",
        doc_type="Báo cáo",
        subject=review.title or f"Tổng kết phong trào thi đua, công tác khen thưởng {stage}",
        intro=[line.strip() for line in review.introduction.splitlines() if line.strip()],
        sections=sections,
    )


def letterhead(review):
    """Issuer lines, number, signature block of the review: the values typed, else those of the body
    issuing on the review's date (a People's Committee: 'ỦY BAN NHÂN DÂN' / 'QUẬN ĐỒ SƠN')."""
    body = issuing_body_on(review.date)
    parent = review.issuer_parent or (body.name_line1 if body else "")
    name = review.issuer_name or (body.name_line2 if body else "")
    symbol = body.symbol if body else "UBND"
    default_signer = [f"TM. {body.name_line1}", body.head_title] if body else []
    return {
        "issuer_parent": parent.upper(),
        "issuer_name": name.upper(),
        "issuer_parent_bold": True,
        "number": review.number or f"       /BC-{symbol}",
        "date_line": document_date_line(review.date),
        "signer_titles": [line.upper() for line in (review.signer_lines or default_signer)],
        "signer_name": review.signer_name,
        "recipients": review.recipient_lines,
    }


def review_context(review, document=None):
    from .formatters import document_context

    context = document_context(document or review_document(review), date=review.date)
    context.update(letterhead(review))
    return context


def review_pdf(review):
    from dosonthidua.pdf import render_pdf

    return render_pdf("reports/pdf/report.html", review_context(review))


def review_docx(review):
    """The review as an editable Word file with the text and tables of the PDF (A4, official margins)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from awards.documents import _footer, _header, _list_table, _new_document, _para, _to_bytes

    from .formatters import _cell_text

    review_doc = review_document(review)
    context = review_context(review, review_doc)
    document = _new_document()
    _header(document, context)
    justify = WD_ALIGN_PARAGRAPH.JUSTIFY
    for paragraph in context["intro"]:
        _para(document, paragraph, align=justify)
    for section in review_doc.sections:
        _para(document, section.heading, bold=True, keep_with_next=True)
        for paragraph in section.paragraphs:
            _para(document, paragraph, align=justify)
        for table in section.tables:
            _para(document, table.title, bold=True, italic=True, keep_with_next=True)
            rows = [[_cell_text(v) for v in row] for row in table.rows] or [["Không có số liệu."]]
            total = [_cell_text(v) for v in table.total] if table.total else None
            _list_table(document, table.headers, rows, total_row=total)
    _footer(document, context)
    return _to_bytes(document)
