"""Documents of emulation blocs: the covenant (PDF and DOCX), a member's scorecard and the bloc's
ranking table (PDF through WeasyPrint in the official layout, XLSX rows for the spreadsheet helper).
Contexts are built here; templates under campaigns/documents/ render them."""

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from dosonthidua.documents import document_date_line, vn_date
from dosonthidua.pdf import render_pdf

from .enums import ScoreLineKind
from .scoring import ranking_rows, summarise

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SECTION_LABELS = {
    ScoreLineKind.BONUS: "Điểm thưởng",
    ScoreLineKind.PENALTY: "Điểm trừ",
    ScoreLineKind.CONDITION: "Điều kiện bắt buộc",
}


def _issuer(bloc_year, date):
    return {
        "issuer_parent": bloc_year.bloc.organiser,
        "issuer_parent_bold": False,
        "issuer_name": bloc_year.bloc.name,
        "date_line": document_date_line(date),
        "recipients": [],
        "signer_titles": [],
        "signer_name": "",
    }


def _sections(card):
    from .bloc_selectors import scorecard_detail

    return [
        {"kind": kind, "group": group, "label": SECTION_LABELS.get(kind, ""), "lines": lines}
        for kind, group, lines in scorecard_detail(card)
    ]


def max_total(table):
    """The most a member can score on the table without bonus (the criteria's maximum points)."""
    return sum(c.max_points for c in table.criteria.all() if c.kind == ScoreLineKind.CRITERION)


def scorecard_context(card, *, date=None):
    from django.utils import timezone

    bloc_year, table = card.bloc_year, card.bloc_year.score_table
    lines = list(card.lines.select_related("criterion"))
    groups = list(table.groups.all())
    leader = bloc_year.members.filter(role="leader").select_related("unit").first()
    return {
        **_issuer(bloc_year, date or timezone.localdate()),
        "doc_type": "Phiếu chấm điểm thi đua",
        "subject": f"{card.unit.name} – {bloc_year.bloc.name} năm {bloc_year.year}",
        "card": card,
        "table": table,
        "sections": _sections(card),
        "summary": summarise(lines, groups, checked=True),
        "self_summary": summarise(lines, groups, checked=False),
        "max_total": max_total(table),
        "member_count": bloc_year.scorecards.count(),
        "signer_titles": ["TM. ĐƠN VỊ TRƯỞNG KHỐI"] if leader else [],
        "signer_name": leader.unit.name if leader else "",
    }


def scorecard_pdf(card):
    return render_pdf("campaigns/documents/scorecard.html", scorecard_context(card))


def ranking_table(bloc_year, groups=None):
    """The ranking's rows ({card, summary, rank}, best first) for the page and the documents."""
    return [{"card": card, "summary": summary, "rank": place} for card, summary, place in ranking_rows(bloc_year, groups)]


def ranking_context(bloc_year):
    from django.utils import timezone

    table = bloc_year.score_table
    groups = list(table.groups.all())
    rows = ranking_table(bloc_year, groups)
    leader = bloc_year.members.filter(role="leader").select_related("unit").first()
    return {
        **_issuer(bloc_year, bloc_year.meeting_date or timezone.localdate()),
        "doc_type": "Bảng tổng hợp kết quả chấm điểm, xếp hạng thi đua",
        "subject": f"{bloc_year.bloc.name} năm {bloc_year.year}",
        "bloc_year": bloc_year,
        "table": table,
        "groups": groups,
        "rows": rows,
        "colspan": len(groups) + 7,
        "signer_titles": ["TM. ĐƠN VỊ TRƯỞNG KHỐI"] if leader else [],
        "signer_name": leader.unit.name if leader else "",
    }


def ranking_pdf(bloc_year):
    return render_pdf("campaigns/documents/ranking.html", ranking_context(bloc_year))


def ranking_headers(context):
    return [
        "Xếp hạng",
        "Đơn vị",
        *(g.name for g in context["groups"]),
        "Điểm thưởng",
        "Điểm trừ",
        "Tổng điểm",
        "Điều kiện bắt buộc",
        "Đề nghị",
    ]


def ranking_xlsx_rows(context):
    for row in context["rows"]:
        s = row["summary"]
        yield [
            row["rank"],
            row["card"].unit.name,
            *s.groups,
            s.bonus,
            s.penalty,
            s.total,
            "Đạt" if s.conditions_met else "Không đạt",
            row["card"].get_suggestion_display(),
        ]


def covenant_context(covenant):
    bloc_year = covenant.bloc_year
    members = list(bloc_year.members.select_related("unit"))
    table = getattr(bloc_year, "score_table", None)
    return {
        **_issuer(bloc_year, covenant.signed_on),
        "doc_type": "Giao ước thi đua",
        "subject": f"Năm {bloc_year.year}",
        "covenant": covenant,
        "bloc_year": bloc_year,
        "targets": list(covenant.targets.all()),
        "members": members,
        "member_pairs": [members[i : i + 2] for i in range(0, len(members), 2)],
        "signed_text": vn_date(covenant.signed_on),
        "table_name": table.name if table else "bảng chấm điểm của khối",
    }


def covenant_pdf(covenant):
    return render_pdf("campaigns/documents/covenant.html", covenant_context(covenant))


def _para(container, text, *, bold=False, italic=False, align=None, size=None, space_after=3):
    paragraph = container.add_paragraph()
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    if size:
        run.font.size = Pt(size)
    if align is not None:
        paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(space_after)
    return paragraph


def covenant_docx(covenant):
    """The covenant as an editable Word file with the same text as the PDF (A4, the official margins
    and font of Nghị định 30/2020), for the members to sign."""
    context = covenant_context(covenant)
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    document.styles["Normal"].font.name = "Times New Roman"
    document.styles["Normal"].font.size = Pt(14)
    center = WD_ALIGN_PARAGRAPH.CENTER
    header = document.add_table(rows=1, cols=2)
    left, right = header.rows[0].cells
    left.paragraphs[0].text = right.paragraphs[0].text = ""
    _para(left, context["issuer_parent"].upper(), align=center, size=13, space_after=0)
    _para(left, context["issuer_name"].upper(), bold=True, align=center, size=13)
    _para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, align=center, size=12, space_after=0)
    _para(right, "Độc lập - Tự do - Hạnh phúc", bold=True, align=center, size=13)
    _para(right, context["date_line"], italic=True, align=center, size=13)
    _para(document, context["doc_type"].upper(), bold=True, align=center, space_after=0)
    _para(document, context["subject"], bold=True, align=center)
    justify = WD_ALIGN_PARAGRAPH.JUSTIFY
    if covenant.preamble:
        _para(document, covenant.preamble, align=justify)
    place = f", tại {covenant.place}" if covenant.place else ""
    _para(
        document,
        f"Hôm nay, {context['signed_text']}{place}, các đơn vị thành viên {context['bloc_year'].bloc.name} cùng ký giao ước thi đua "
        f"năm {context['bloc_year'].year} với các nội dung sau:",
        align=justify,
    )
    for number, target in enumerate(context["targets"], start=1):
        _para(document, f"{number}. {target.text}", align=justify)
    _para(
        document,
        f"Các đơn vị thống nhất tự chấm điểm theo {context['table_name']}; đơn vị trưởng khối kiểm tra, tổng hợp, tổ chức họp khối "
        "bình xét, xếp hạng và đề nghị khen thưởng theo quy định.",
        align=justify,
    )
    signatures = document.add_table(rows=0, cols=2)
    signatures.alignment = WD_TABLE_ALIGNMENT.CENTER
    for pair in context["member_pairs"]:
        cells = signatures.add_row().cells
        for cell, member in zip(cells, pair, strict=False):
            cell.paragraphs[0].text = ""
            _para(cell, member.unit.name.upper(), bold=True, align=center, space_after=0)
            _para(cell, f"({member.get_role_display()})", align=center, space_after=60)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
