"""Documents of the council and decision work: contexts for the PDF templates (WeasyPrint, official
layout of Nghị định 30/2020) and the editable DOCX files (python-docx) for the signing office."""

import io
from itertools import groupby

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from dosonthidua.documents import document_date_line, vn_date, vn_number

from . import selectors

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
SCALES = ["", "nghìn", "triệu", "tỷ", "nghìn tỷ", "triệu tỷ"]


def _three_digits(n, full):
    """Words of 0..999; ``full``: a group after a higher one reads its zero hundreds ('không trăm')."""
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    words = [DIGITS[hundreds], "trăm"] if hundreds or full else []
    if tens == 0:
        if units:
            words += (["linh"] if words else []) + [DIGITS[units]]
    elif tens == 1:
        words += ["mười"] + ([("lăm" if units == 5 else DIGITS[units])] if units else [])
    else:
        words += [DIGITS[tens], "mươi"] + ([{1: "mốt", 4: "tư", 5: "lăm"}.get(units, DIGITS[units])] if units else [])
    return words


def amount_in_words(amount):
    """1400000 -> 'Một triệu bốn trăm nghìn đồng' (the 'Bằng chữ' of a decision's total)."""
    if amount == 0:
        return "Không đồng"
    groups = []
    while amount:
        groups.append(amount % 1000)
        amount //= 1000
    words = []
    top = len(groups) - 1
    for index in range(top, -1, -1):
        if groups[index]:
            words += _three_digits(groups[index], full=index < top)
            if SCALES[index]:
                words.append(SCALES[index])
    text = " ".join(words)
    return f"{text[0].upper()}{text[1:]} đồng"


def _issuer(body):
    return {
        "issuer_line1": body.name_line1,
        "issuer_line2": body.name_line2,
        "issuer_parent": body.name_line1,
        "issuer_name": body.name_line2,
        "issuer_parent_bold": True,  # a People's Committee's name takes two bold lines
    }


def decision_context(decision):
    items = list(selectors.decision_items(decision))
    for item in items:
        item.amount_text = vn_number(item.amount)
    groups = [(name, list(rows)) for name, rows in groupby(items, key=lambda i: i.award_name)]
    body = decision.issuing_body
    number = decision.number or f"      /QĐ-{body.symbol}"
    context = {
        **_issuer(body),
        "decision": decision,
        "number": number,
        "date_line": document_date_line(decision.date, body.place)
        if decision.number
        else f"{body.place}, ngày      tháng      năm {decision.date.year}",
        "doc_type": "Quyết định",
        "subject": decision.subject,
        "authority": body.leader_title,
        "grounds": decision.ground_lines,
        "signer_titles": decision.signer.titles,
        "signer_name": decision.signer.name,
        "recipients": decision.recipient_lines,
        "groups": groups,
        "items": items,
        "total": vn_number(decision.total_amount),
        "base_salary": vn_number(decision.base_salary),
        "annex_title": "Cá nhân, tập thể được tặng " + ", ".join(name for name, _ in groups),
        "annex_ref": f"(Kèm theo Quyết định số {number} {vn_date(decision.date)} của {body.leader_title})",
        "is_draft": not decision.number,
    }
    context["articles"] = decision_articles(context)
    return context


def certificates_context(decision):
    """One page per awardee: 'GIẤY KHEN' for a commendation, 'GIẤY CHỨNG NHẬN' for an emulation title."""
    body = decision.issuing_body
    items = list(selectors.decision_items(decision))
    for item in items:
        item.heading = "GIẤY CHỨNG NHẬN" if item.nomination.award_kind.is_title else "GIẤY KHEN"
    return {
        "decision": decision,
        "body": body,
        "items": items,
        "authority": body.leader_title.upper(),
        "date_line": document_date_line(decision.date, body.place),
        "signer_titles": decision.signer.titles,
        "signer_name": decision.signer.name,
    }


def meeting_context(meeting, *, full=False):
    from .services import meeting_quorum

    body = meeting.council.issuing_body
    attendance = list(selectors.meeting_attendance(meeting))
    items = list(selectors.meeting_items(meeting))
    return {
        **(_issuer(body) if body else {}),
        "meeting": meeting,
        "number": "",
        "date_line": document_date_line(meeting.date, body.place if body else None),
        "doc_type": "Biên bản",
        "subject": f"Họp {meeting.council.name}",
        "present": [a for a in attendance if a.present],
        "absent": [a for a in attendance if not a.present],
        "quorum": meeting_quorum(meeting),
        "groups": [(name, list(rows)) for name, rows in groupby(items, key=lambda i: i.nomination.award_kind.name)],
        "items": items,
        "vn_meeting_date": vn_date(meeting.date),
        "full": full,
        "chair": next((a.member for a in attendance if a.member.display_order == min(x.member.display_order for x in attendance)), None)
        if attendance
        else None,
    }


def ballots_context(meeting):
    body = meeting.council.issuing_body
    items = list(selectors.meeting_items(meeting))
    copies = max(meeting.attendance.count(), 1)
    return {
        "meeting": meeting,
        "body": body,
        "items": items,
        "copies": range(copies),
        "vn_meeting_date": vn_date(meeting.date),
    }


def proposal_context(proposal):
    body = proposal.issuing_body
    items = list(selectors.proposal_items(proposal))
    return {
        **_issuer(body),
        "proposal": proposal,
        "number": proposal.number,
        "date_line": document_date_line(proposal.date, body.place),
        "doc_type": "Tờ trình",
        "subject": proposal.subject,
        "signer_titles": proposal.signer.titles,
        "signer_name": proposal.signer.name,
        "recipients": ["Như trên;", "Lưu: VT, NV."],
        "items": items,
    }


# --- DOCX ----------------------------------------------------------------------------------------


def _new_document(landscape=False):
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)
    return document


def _para(container, text, *, bold=False, italic=False, align=None, size=None, space_after=3):
    paragraph = container.add_paragraph()
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    if size:
        run.font.size = Pt(size)
    if align:
        paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(space_after)
    return paragraph


def _header(document, context):
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].text = ""
    _para(left, context["issuer_line1"], bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=13, space_after=0)
    _para(left, context["issuer_line2"], bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=13, space_after=0)
    _para(left, "Số: " + context["number"], align=WD_ALIGN_PARAGRAPH.CENTER, size=13)
    _para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=12, space_after=0)
    _para(right, "Độc lập - Tự do - Hạnh phúc", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=13)
    _para(right, context["date_line"], italic=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=13)
    _para(document, context["doc_type"].upper(), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    _para(document, context["subject"], bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)


def _footer(document, context):
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    _para(left, "Nơi nhận:", bold=True, italic=True, size=12, space_after=0)
    for line in context["recipients"]:
        _para(left, f"- {line}", size=11, space_after=0)
    for line in context["signer_titles"]:
        _para(right, line, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    _para(right, "\n\n\n", align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(right, context["signer_name"], bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)


def _list_table(document, headers, rows, total_row=None):
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = str(text)
    if total_row:
        cells = table.add_row().cells
        for cell, text in zip(cells, total_row, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(str(text)).bold = True
    return table


def _to_bytes(document):
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def decision_docx(decision):
    context = decision_context(decision)
    document = _new_document()
    _header(document, context)
    _para(document, context["authority"].upper(), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for line in context["grounds"]:
        _para(document, line, italic=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    _para(document, "QUYẾT ĐỊNH:", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for article in decision_articles(context):
        _para(document, article, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    _footer(document, context)
    document.add_page_break()
    _para(document, "DANH SÁCH", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    _para(
        document,
        context["annex_title"].upper(),
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        space_after=0,
    )
    _para(document, context["annex_ref"], italic=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    rows = []
    for index, item in enumerate(context["items"], start=1):
        rows.append([index, item.recipient_name, item.position or item.unit_name, item.award_name, vn_number(item.amount)])
    _list_table(
        document,
        ["STT", "Họ và tên", "Chức vụ, đơn vị", "Danh hiệu, hình thức", "Tiền thưởng (đồng)"],
        rows,
        ["", "Tổng cộng", f"{len(rows)} người/tập thể", "", context["total"]],
    )
    return _to_bytes(document)


def decision_articles(context):
    decision = context["decision"]
    return [
        f"Điều 1. {decision.award_phrase}, vì {decision.achievement_phrase}.",
        (
            f"Điều 2. Kèm theo Giấy khen, danh hiệu là tiền thưởng theo quy định (mức lương cơ sở {context['base_salary']} đồng), "
            f"tổng số tiền thưởng là {context['total']} đồng (bằng chữ: {amount_in_words(decision.total_amount)}), "
            "chi từ Quỹ thi đua, khen thưởng."
        ),
        f"Điều 3. Quyết định này có hiệu lực kể từ ngày ký. {decision.executors} chịu trách nhiệm thi hành Quyết định này./.",
    ]


def proposal_docx(proposal):
    context = proposal_context(proposal)
    document = _new_document()
    _header(document, context)
    _para(document, f"Kính gửi: {proposal.addressee}", align=WD_ALIGN_PARAGRAPH.CENTER)
    for line in proposal_paragraphs(context):
        _para(document, line, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    rows = [
        [i, it.nomination.nominee_name, it.nomination.unit.name, it.nomination.award_kind.name, it.nomination.achievement_summary]
        for i, it in enumerate(context["items"], start=1)
    ]
    _list_table(document, ["STT", "Họ và tên / tập thể", "Đơn vị", "Hình thức đề nghị", "Tóm tắt thành tích"], rows)
    _footer(document, context)
    return _to_bytes(document)


def proposal_paragraphs(context):
    proposal = context["proposal"]
    return [
        "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 và các văn bản hướng dẫn thi hành;",
        "Căn cứ kết quả họp Hội đồng Thi đua – Khen thưởng và đề nghị của Trưởng phòng Nội vụ,",
        f"{proposal.issuing_body.full_name} kính đề nghị xem xét, khen thưởng cho {len(context['items'])} cá nhân, tập thể có tên "
        "trong danh sách dưới đây (kèm theo hồ sơ của từng trường hợp).",
    ]


def proposal_dossier_zip(proposal):
    """The cover submission (PDF and DOCX) with every nominee's attached dossier files, one folder per
    nominee, as a ZIP for the upper level."""
    import zipfile

    from dosonthidua.pdf import render_pdf

    context = proposal_context(proposal)
    context["paragraphs"] = proposal_paragraphs(context)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("to-trinh.pdf", render_pdf("awards/documents/proposal.html", context))
        archive.writestr("to-trinh.docx", proposal_docx(proposal))
        for index, item in enumerate(context["items"], start=1):
            folder = f"{index:02d} {item.nomination.nominee_name}".replace("/", "-")
            for attachment in item.nomination.attachments.all():
                with attachment.file.open("rb") as handle:
                    archive.writestr(f"{folder}/{attachment.original_name}", handle.read())
    return buffer.getvalue()
