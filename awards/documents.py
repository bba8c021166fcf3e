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
from dosonthidua.identity import identity_on

from . import selectors, signing
from .enums import DocumentKind, LegalDocumentKind

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


def annex_sections(items):
    """The annex in sections by award wording ('Công nhận danh hiệu Lao động tiên tiến'), each with
    its persons, then its collectives apart; rows keep the decision's order (DecisionItem.order)."""
    sections = {}
    for item in items:
        kind = item.nomination.award_kind
        key = (kind.decision_verb, kind.wording_object)
        section = sections.setdefault(
            key, {"title": f"{kind.decision_verb.capitalize()} {kind.wording_object}", "persons": [], "collectives": []}
        )
        section["collectives" if item.is_collective else "persons"].append(item)
    result = []
    for section in sections.values():
        parts = []
        if section["persons"]:
            parts.append(("Cá nhân", section["persons"]))
        if section["collectives"]:
            parts.append(("Tập thể", section["collectives"]))
        result.append({"title": section["title"], "parts": parts, "count": len(section["persons"]) + len(section["collectives"])})
    return result


def position_text(item):
    """The 'Chức vụ, đơn vị' column: a person's position and unit; nothing for a collective, whose
    name is already in the name column."""
    if item.is_collective:
        return ""
    return f"{item.position}, {item.unit_name}" if item.position else item.unit_name


def decision_context(decision, *, item_order=None):
    """The decision's PDF/DOCX context; ``item_order`` (item id -> position) previews a new annex order."""
    from .drafting import article3_text

    items = list(selectors.decision_items(decision))
    if item_order:
        items.sort(key=lambda item: (item_order.get(item.pk, len(item_order) + item.order), item.pk))
    for item in items:
        item.amount_text = vn_number(item.amount)
        item.position_text = position_text(item)
    body = decision.issuing_body
    number = decision.number or f"      /QĐ-{body.symbol}"
    authority = signing.authority_line(body)
    context = {
        **_issuer(body),
        "decision": decision,
        "number": number,
        "date_line": document_date_line(decision.date, body.place)
        if decision.number
        else f"{body.place}, ngày      tháng      năm {decision.date.year}",
        "doc_type": "Quyết định",
        "subject": decision.subject,
        "authority": authority,
        "grounds": decision.ground_lines,
        "signer_titles": signing.signature_lines(kind=DocumentKind.DECISION, signer=decision.signer, body=body),
        "signer_name": decision.signer.name,
        "recipients": decision.recipient_lines,
        "sections": annex_sections(items),
        "items": items,
        "total": vn_number(decision.total_amount),
        "base_salary": vn_number(decision.base_salary),
        "annex_title": _annex_title(items),
        "annex_ref": f"(Kèm theo Quyết định số {number} {vn_date(decision.date)} của {body.leader_title})",
        "is_draft": not decision.number,
    }
    articles = [
        ("Điều 1.", decision.award_phrase),
        ("Điều 2.", decision.reward_text or _default_article2(decision)),
        ("Điều 3.", article3_text(decision.executors)),
    ]
    context["article_pairs"] = articles
    context["articles"] = [f"{label} {text}" for label, text in articles]
    return context


def _annex_title(items):
    """'cá nhân, tập thể được công nhận danh hiệu Lao động tiên tiến và tặng Giấy khen'."""
    from .drafting import SUBJECT_NOUNS, award_wording

    if not items:
        return ""
    nominations = [item.nomination for item in items]
    subjects = {n.award_kind.subject for n in nominations}
    nouns = ", ".join(noun for subject, noun in SUBJECT_NOUNS.items() if subject in subjects)
    return f"{nouns} được {award_wording(nominations)}"


def _default_article2(decision):
    from .drafting import article2_text

    return article2_text(
        base_salary=decision.base_salary,
        total=decision.total_amount,
        total_words=amount_in_words(decision.total_amount),
        fund_owner=decision.issuing_body.full_name,
    )


def certificates_context(decision, *, items=None):
    """One page per awardee: 'GIẤY KHEN' ... 'TẶNG' for a commendation, 'GIẤY CHỨNG NHẬN' ... 'CÔNG
    NHẬN' for an emulation title; the award line is the kind's official wording."""
    from .drafting import period_text

    body = decision.issuing_body
    items = list(selectors.decision_items(decision) if items is None else items)
    for item in items:
        kind = item.nomination.award_kind
        item.heading = "GIẤY CHỨNG NHẬN" if kind.is_title else "GIẤY KHEN"
        item.verb = kind.decision_verb.upper()
        item.position_text = position_text(item)
        period = period_text([item.nomination])
        # A title names itself ("Đạt danh hiệu Lao động tiên tiến năm 2025"); a Giấy khen states why.
        item.award_line = f"Đạt {kind.wording_object} {period}" if kind.is_title else ""
        item.reason = "" if kind.is_title else f"{decision.achievement_phrase[:1].upper()}{decision.achievement_phrase[1:]}"
    return {
        "decision": decision,
        "body": body,
        "items": items,
        "authority": signing.authority_line(body),
        "date_line": document_date_line(decision.date, body.place),
        "decision_ref": f"Quyết định số {decision.number} {vn_date(decision.date)}",
        "signer_titles": signing.signature_lines(kind=DocumentKind.CERTIFICATE, signer=decision.signer, body=body),
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
        # The office that checked the dossiers is the council's body's advisory office on the meeting date.
        "office": body.office_label if body else identity_on(meeting.date).office,
        "present": [a for a in attendance if a.present],
        "absent": [a for a in attendance if not a.present],
        "quorum": meeting_quorum(meeting),
        "groups": [(name, list(rows)) for name, rows in groupby(items, key=lambda i: i.nomination.award_kind.name)],
        "items": items,
        "vn_meeting_date": vn_date(meeting.date),
        "removals": list(meeting.removals.select_related("nomination")),
        "start_text": _time_text(meeting.start_time),
        "end_text": _time_text(meeting.end_time),
        "full": full,
        "chair": next((a.member for a in attendance if a.member.display_order == min(x.member.display_order for x in attendance)), None)
        if attendance
        else None,
    }


def _time_text(value):
    """'08 giờ 00' (minutes: the real start and end of the meeting); '' when not entered."""
    return f"{value.hour:02d} giờ {value.minute:02d}" if value else ""


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


def _defaults(body, kind):
    from .models import DocumentDefaults

    return DocumentDefaults.objects.filter(issuing_body=body, kind=kind).first()


def proposal_context(proposal):
    body = proposal.issuing_body
    items = list(selectors.proposal_items(proposal))
    defaults = _defaults(body, DocumentKind.UPWARD_PROPOSAL)
    recipients = [line.strip() for line in defaults.recipients.splitlines() if line.strip()] if defaults else []
    return {
        **_issuer(body),
        "proposal": proposal,
        "number": proposal.number,
        "date_line": document_date_line(proposal.date, body.place),
        "doc_type": "Tờ trình",
        "subject": proposal.subject,
        "signer_titles": signing.signature_lines(kind=DocumentKind.UPWARD_PROPOSAL, signer=proposal.signer, body=body),
        "signer_name": proposal.signer.name,
        "recipients": recipients or ["Như trên;", "Lưu: VT, NV."],
        "items": items,
        "grounds": [
            *(doc.citation for doc in selectors.legal_documents_on(proposal.date, body)),
            "Căn cứ kết quả họp Hội đồng Thi đua – Khen thưởng,",
        ],
    }


def submission_context(submission):
    """A unit's tờ trình to the issuing body valid on its date, addressed to that body's chairman
    ('Kính gửi: Chủ tịch Ủy ban nhân dân quận Đồ Sơn'). A ward's People's Committee signs as a
    collective body ('TM. ỦY BAN NHÂN DÂN'); a department or school is headed by one person."""
    from units.enums import UnitKind

    unit = submission.unit
    nominations = list(submission.nominations.select_related("award_kind", "unit").order_by("award_kind__display_order", "nominee_name"))
    body = selectors.issuing_body_on(submission.date)
    collective = UnitKind.COMMITTEE.label if unit.kind in (UnitKind.WARD, UnitKind.COMMITTEE) else ""
    context = {
        "issuer_parent": unit.parent.name if unit.parent else "",
        "issuer_name": unit.name,
        "number": submission.number,
        "date_line": document_date_line(submission.date),
        "doc_type": "Tờ trình",
        "subject": submission.subject,
        "addressee": body.leader_title if body else "Chủ tịch Ủy ban nhân dân",
        "signer_titles": signing.block_lines(
            kind=DocumentKind.SUBMISSION,
            capacity=submission.signer_capacity,
            head_title=submission.head_title,
            position_title=submission.signer_title,
            collective_name=collective,
        ),
        "signer_name": submission.signer_name,
        "recipients": ["Như trên;", "Lưu: VT."],
        "s": submission,
        "nominations": nominations,
        "date_text": vn_date(submission.date),
        "grounds": [
            *(
                doc.citation
                for doc in selectors.legal_documents_on(submission.date)
                if doc.kind != LegalDocumentKind.LAW or "Thi đua" in doc.title
            ),
            f"Căn cứ kết quả họp Hội đồng Thi đua – Khen thưởng của {unit.name};",
        ],
    }
    context["paragraphs"] = submission_paragraphs(context)
    return context


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


def _para(container, text, *, bold=False, italic=False, align=None, size=None, space_after=3, keep_with_next=False):
    paragraph = container.add_paragraph()
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    if size:
        run.font.size = Pt(size)
    if align is not None:
        paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(space_after)
    paragraph.paragraph_format.keep_with_next = keep_with_next
    return paragraph


def _labelled(container, label, text, *, keep_with_next=False):
    """'Điều 1.' in bold followed by the article's text, justified and indented like the PDF."""
    paragraph = container.add_paragraph()
    paragraph.add_run(label).bold = True
    paragraph.add_run(f" {text}")
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.first_line_indent = Mm(10)
    paragraph.paragraph_format.space_after = Pt(3)
    paragraph.paragraph_format.keep_with_next = keep_with_next
    return paragraph


def _header(document, context):
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].text = ""
    if context.get("issuer_parent"):
        _para(left, context["issuer_parent"].upper(), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=13, space_after=0)
    _para(left, context["issuer_name"].upper(), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=13, space_after=0)
    if context.get("number"):
        _para(left, "Số: " + context["number"], align=WD_ALIGN_PARAGRAPH.CENTER, size=13)
    _para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=12, space_after=0)
    _para(right, "Độc lập - Tự do - Hạnh phúc", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=13)
    _para(right, context["date_line"], italic=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=13)
    _para(document, context["doc_type"].upper(), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    _para(document, context["subject"], bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)


def _footer(document, context):
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].text = ""
    right.paragraphs[0].text = ""
    if context["recipients"]:
        _para(left, "Nơi nhận:", bold=True, italic=True, size=12, space_after=0)
    for line in context["recipients"]:
        _para(left, f"- {line}", size=11, space_after=0)
    for line in context["signer_titles"]:
        _para(right, line, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    _para(right, "\n\n\n", align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(right, context["signer_name"], bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    # Word keeps a table row on one page when it may not break across pages.
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = table.rows[0]._tr.get_or_add_trPr()
    cant_split = OxmlElement("w:cantSplit")
    cant_split.set(qn("w:val"), "true")
    properties.append(cant_split)


def _list_table(document, headers, rows, total_row=None, bold_rows=()):
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for index, row in enumerate(rows):
        cells = table.add_row().cells
        if len(row) == 1:  # a heading row across the table
            merged = cells[0].merge(cells[-1])
            merged.text = ""
            merged.paragraphs[0].add_run(str(row[0])).bold = index in bold_rows or True
            continue
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


def annex_rows(context):
    """The annex rows as the PDF prints them: section headings, part headings, numbered rows."""
    rows = []
    for number, section in enumerate(context["sections"], start=1):
        rows.append([f"{number}. {section['title']} ({section['count']})"])
        for part, items in section["parts"]:
            if len(section["parts"]) > 1:
                rows.append([part])
            for index, item in enumerate(items, start=1):
                rows.append([index, item.recipient_name, item.position_text, item.amount_text])
    return rows


def decision_docx(decision):
    """The decision as an editable DOCX, in the same order and words as its PDF."""
    context = decision_context(decision)
    document = _new_document()
    if context["is_draft"]:
        _para(document, "DỰ THẢO – CHƯA BAN HÀNH", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _header(document, context)
    _para(document, context["authority"], bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for line in context["grounds"]:
        paragraph = _para(document, line, italic=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        paragraph.paragraph_format.first_line_indent = Mm(10)
    _para(document, "QUYẾT ĐỊNH:", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    pairs = context["article_pairs"]
    for index, (label, text) in enumerate(pairs):
        # The last article is kept with the signature block that follows it.
        _labelled(document, label, text, keep_with_next=index == len(pairs) - 1)
    _footer(document, context)
    document.add_page_break()
    _para(document, "DANH SÁCH", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    _para(document, context["annex_title"].upper(), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    _para(document, context["annex_ref"], italic=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _list_table(
        document,
        ["STT", "Họ và tên", "Chức vụ, đơn vị", "Tiền thưởng (đồng)"],
        annex_rows(context),
        ["", f"Tổng cộng: {len(context['items'])} cá nhân, tập thể", "", context["total"]],
    )
    return _to_bytes(document)


def proposal_rows(context):
    return [
        [i, it.nomination.nominee_name, it.nomination.unit.name, it.nomination.award_kind.name, it.nomination.achievement_summary]
        for i, it in enumerate(context["items"], start=1)
    ]


def proposal_docx(proposal):
    """The upward tờ trình as an editable DOCX, in the same order and words as its PDF."""
    context = proposal_context(proposal)
    document = _new_document()
    _header(document, context)
    _para(document, f"Kính gửi: {proposal.addressee}", align=WD_ALIGN_PARAGRAPH.CENTER)
    for line in proposal_paragraphs(context):
        _para(document, line, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    _list_table(document, ["STT", "Họ và tên / tập thể", "Đơn vị", "Hình thức đề nghị", "Tóm tắt thành tích"], proposal_rows(context))
    _para(document, "Kính đề nghị xem xét, quyết định./.", align=WD_ALIGN_PARAGRAPH.JUSTIFY, keep_with_next=True)
    _footer(document, context)
    return _to_bytes(document)


def submission_docx(submission):
    """A unit's tờ trình as an editable DOCX, in the same order and words as its PDF."""
    context = submission_context(submission)
    document = _new_document()
    _header(document, context)
    _para(document, f"Kính gửi: {context['addressee']}", align=WD_ALIGN_PARAGRAPH.CENTER)
    for line in submission_paragraphs(context)[:-2]:
        _para(document, line, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    _list_table(document, ["STT", "Họ và tên / Tập thể", "Danh hiệu, hình thức", "Kỳ", "Tóm tắt thành tích"], submission_rows(context))
    for line in submission_paragraphs(context)[-2:]:
        _para(document, line, align=WD_ALIGN_PARAGRAPH.JUSTIFY, keep_with_next=True)
    _footer(document, context)
    return _to_bytes(document)


def submission_rows(context):
    return [
        [i, n.nominee_name, n.award_kind.name, n.period_label, n.achievement_summary[:300]]
        for i, n in enumerate(context["nominations"], start=1)
    ]


def submission_paragraphs(context):
    """The paragraphs of a unit's tờ trình: before the list all but the last two, after it the last two."""
    return [
        *context["grounds"],
        f"{context['issuer_name']} trân trọng đề nghị xét khen thưởng cho {len(context['nominations'])} trường hợp có thành tích, "
        "cụ thể như sau:",
        "Hồ sơ kèm theo: biên bản họp Hội đồng Thi đua – Khen thưởng đơn vị; báo cáo thành tích của từng trường hợp.",
        f"Kính đề nghị {context['addressee']} xem xét, quyết định./.",
    ]


def proposal_paragraphs(context):
    proposal = context["proposal"]
    return [
        *context["grounds"],
        f"{proposal.issuing_body.full_name} kính đề nghị xem xét, khen thưởng cho {len(context['items'])} cá nhân, tập thể có tên "
        "trong danh sách dưới đây (kèm theo hồ sơ của từng trường hợp).",
    ]


def proposal_dossier_zip(proposal):
    """The cover submission (PDF and DOCX) with every nominee's attached dossier files, one folder per
    nominee, as a ZIP for the upper level."""
    import zipfile

    from dosonthidua.pdf import render_pdf

    from .models import NominationAttachment

    context = proposal_context(proposal)
    context["paragraphs"] = proposal_paragraphs(context)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("to-trinh.pdf", render_pdf("awards/documents/proposal.html", context))
        archive.writestr("to-trinh.docx", proposal_docx(proposal))
        # Every nominee's files in one query, not one per nominee.
        files = {}
        for attachment in NominationAttachment.objects.filter(nomination__in=[item.nomination_id for item in context["items"]]):
            files.setdefault(attachment.nomination_id, []).append(attachment)
        for index, item in enumerate(context["items"], start=1):
            folder = f"{index:02d} {item.nomination.nominee_name}".replace("/", "-")
            for attachment in files.get(item.nomination_id, []):
                with attachment.file.open("rb") as handle:
                    archive.writestr(f"{folder}/{attachment.original_name}", handle.read())
    return buffer.getvalue()
