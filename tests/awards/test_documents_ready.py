"""Documents ready to sign (issue 10): each PDF is read back per page with pdftotext, each DOCX from
its XML, and checked against real decisions: authority line and signature block by kind of document
and signer, subject and Article 1 in official wording with counts, grounds from the legal documents
valid on the decision date, signature with the last article, annex order, download names."""

import datetime as dt
import io
import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document

from awards import services
from awards.documents import (
    certificates_context,
    decision_context,
    decision_docx,
    proposal_context,
    proposal_docx,
    proposal_paragraphs,
    submission_context,
    submission_docx,
)
from awards.enums import DocumentKind, NominationState, SignerCapacity
from awards.models import AwardKind, DecisionItem, LegalDocument, Signer
from awards.signing import block_lines
from dosonthidua.downloads import ascii_fallback, content_disposition
from dosonthidua.pdf import render_pdf
from tests.factories import PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db


def pdf_pages(data, tmp_path, name="f.pdf"):
    """The text of each page (pdftotext, reading order), whitespace collapsed."""
    path = tmp_path / name
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(page.split()) for page in text.split("\f") if page.strip()]


def docx_text(data):
    """Paragraphs of the body and of every table cell, in document order, whitespace collapsed."""
    document = Document(io.BytesIO(data))
    body = document.element.body
    texts = []
    for paragraph in body.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"):
        text = "".join(t.text or "" for t in paragraph.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"))
        if text.strip():
            texts.append(" ".join(text.split()))
    return " ".join(texts)


def in_order(text, parts):
    """Every part occurs in ``text``, each after the previous one (whitespace and hyphens ignored: a
    PDF line may wrap inside a part, and pdftotext drops a hyphen at the end of a line)."""
    text = "".join(text.split()).replace("-", "")
    position = 0
    for part in ("".join(p.split()).replace("-", "") for p in parts):
        found = text.find(part, position)
        assert found >= 0, f"{part!r} missing after position {position}"
        position = found + len(part)


@pytest.fixture
def approved(make_nomination, unit):
    def make(names, code="giay-khen-chu-tich", year=None):
        return [
            make_nomination(
                person=PersonFactory(unit=unit, full_name=name, position="Công chức"),
                code=code,
                state=NominationState.APPROVED,
                **({"year": year} if year else {}),
            )
            for name in names
        ]

    return make


@pytest.fixture
def approved_collectives(make_nomination, unit):
    def make(names, code="giay-khen-chu-tich-tap-the"):
        return [make_nomination(unit=UnitFactory(name=name, parent=unit), code=code, state=NominationState.APPROVED) for name in names]

    return make


def _issue(decision, leader):
    services.decision_approve(decision=decision, by=leader)
    return services.decision_issue(decision=decision, by=leader)


# --- Signature authority ------------------------------------------------------------------------


def test_signature_rule_by_kind_and_capacity():
    head = {"head_title": "Chủ tịch", "position_title": "Chủ tịch", "collective_name": "Ủy ban nhân dân"}
    assert block_lines(kind=DocumentKind.DECISION, capacity=SignerCapacity.HEAD, **head) == ["CHỦ TỊCH"]
    assert block_lines(kind=DocumentKind.SUBMISSION, capacity=SignerCapacity.HEAD, **head) == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    vice = {**head, "position_title": "Phó Chủ tịch"}
    assert block_lines(kind=DocumentKind.CERTIFICATE, capacity=SignerCapacity.DEPUTY, **vice) == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert block_lines(kind=DocumentKind.UPWARD_PROPOSAL, capacity=SignerCapacity.DEPUTY, **vice) == [
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
    ]
    assert block_lines(kind=DocumentKind.DECISION, capacity=SignerCapacity.ACTING, **vice) == ["Q. CHỦ TỊCH"]
    office = {**head, "position_title": "Chánh Văn phòng"}
    assert block_lines(kind=DocumentKind.DECISION, capacity=SignerCapacity.BY_ORDER, **office) == ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"]
    assert block_lines(kind=DocumentKind.UPWARD_PROPOSAL, capacity=SignerCapacity.BY_AUTHORISATION, **office) == [
        "TUQ. CHỦ TỊCH",
        "CHÁNH VĂN PHÒNG",
    ]
    department = {"head_title": "Trưởng phòng", "position_title": "Trưởng phòng", "collective_name": ""}
    assert block_lines(kind=DocumentKind.SUBMISSION, capacity=SignerCapacity.HEAD, **department) == ["TRƯỞNG PHÒNG"]


def test_decision_and_certificate_are_signed_in_the_chairmans_own_power(approved, issuers, reviewer, leader, tmp_path):
    decision = _issue(services.decision_draft(nominations=approved(["Nguyễn Văn An"]), date=timezone.localdate(), by=reviewer), leader)
    first = pdf_pages(render_pdf("awards/documents/decision.html", decision_context(decision)), tmp_path)[0]
    assert "QUYẾT ĐỊNH Về việc tặng Giấy khen năm" in first
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG ĐỒ SƠN" in first
    assert "TM. ỦY BAN NHÂN DÂN" not in first
    in_order(first, ["Nơi nhận:", "CHỦ TỊCH", "Trần Khắc Kiên"])
    certificate = pdf_pages(render_pdf("awards/documents/certificates.html", certificates_context(decision)), tmp_path, "c.pdf")[0]
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG ĐỒ SƠN" in certificate and "TM." not in certificate
    in_order(certificate, ["GIẤY KHEN", "TẶNG", "Nguyễn Văn An", "Đã có thành tích xuất sắc", "CHỦ TỊCH", "Trần Khắc Kiên"])
    docx = docx_text(decision_docx(decision))
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG ĐỒ SƠN" in docx and "TM. ỦY BAN NHÂN DÂN" not in docx


def test_vice_chairman_signs_for_the_chairman(approved, issuers, reviewer, tmp_path):
    vice = Signer.objects.get(name="Nguyễn Văn Dũng", issuing_body__name_line2="PHƯỜNG ĐỒ SƠN")
    decision = services.decision_draft(nominations=approved(["Nguyễn Văn An"]), date=timezone.localdate(), by=reviewer, signer=vice)
    first = pdf_pages(render_pdf("awards/documents/decision.html", decision_context(decision)), tmp_path)[0]
    in_order(first, ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn Dũng"])
    assert "TM." not in first
    in_order(docx_text(decision_docx(decision)), ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn Dũng"])


def test_upward_proposal_is_signed_for_the_committee(approved, issuers, reviewer, tmp_path):
    proposal = services.proposal_create(
        nominations=approved(["Nguyễn Văn An"], code="chien-si-thi-dua-thanh-pho"),
        number="12/TTr-UBND",
        date=timezone.localdate(),
        subject="Về việc đề nghị tặng danh hiệu Chiến sĩ thi đua thành phố",
        by=reviewer,
    )
    context = proposal_context(proposal)
    context["paragraphs"] = proposal_paragraphs(context)
    pages = pdf_pages(render_pdf("awards/documents/proposal.html", context), tmp_path)
    expected = [
        "TỜ TRÌNH",
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "Nguyễn Văn An",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
    ]
    in_order(" ".join(pages), expected)
    in_order(docx_text(proposal_docx(proposal)), expected)


def test_ward_submission_is_addressed_to_the_named_chairman_and_signed_for_the_committee(
    make_nomination, person, officer, issuers, tmp_path
):
    nomination = make_nomination(person=person)
    submission = services.submission_create(
        unit=officer.unit,
        number="07/TTr-UBND",
        date=dt.date(2025, 12, 10),
        subject="Về việc đề nghị khen thưởng",
        signer_title="Phó Chủ tịch",
        head_title="Chủ tịch",
        signer_capacity=SignerCapacity.DEPUTY,
        signer_name="Lê Văn Hải",
        nominations=[nomination],
        minutes=None,
        by=officer,
    )
    context = submission_context(submission)
    text = " ".join(pdf_pages(render_pdf("awards/documents/submission.html", context), tmp_path))
    expected = [
        "TỜ TRÌNH",
        "Kính gửi: Chủ tịch Ủy ban nhân dân phường Đồ Sơn",
        "Nguyễn Văn An",
        "Kính đề nghị Chủ tịch Ủy ban nhân dân phường Đồ Sơn xem xét, quyết định./.",
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Lê Văn Hải",
    ]
    in_order(text, expected)
    in_order(docx_text(submission_docx(submission)), expected)


# --- Subject and Article 1 ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persons", "collectives", "subject", "article"),
    [
        (
            [("giay-khen-chu-tich", 12)],
            [],
            "Về việc tặng Giấy khen năm {year}",
            "Điều 1. Tặng Giấy khen cho 12 cá nhân đã có thành tích",
        ),
        (
            [("lao-dong-tien-tien", 3)],
            [],
            "Về việc công nhận danh hiệu Lao động tiên tiến năm {year}",
            "Điều 1. Công nhận danh hiệu Lao động tiên tiến năm {year} cho 03 cá nhân đã có thành tích",
        ),
        (
            [("lao-dong-tien-tien", 12), ("giay-khen-chu-tich", 2)],
            [("giay-khen-chu-tich-tap-the", 3)],
            "Về việc công nhận danh hiệu Lao động tiên tiến và tặng Giấy khen năm {year}",
            "Điều 1. Công nhận danh hiệu Lao động tiên tiến năm {year} cho 12 cá nhân; tặng Giấy khen cho 02 cá nhân và 03 tập thể",
        ),
        (
            [],
            [("tap-the-lao-dong-tien-tien", 2), ("giay-khen-chu-tich-tap-the", 1)],
            "Về việc công nhận danh hiệu Tập thể lao động tiên tiến và tặng Giấy khen năm {year}",
            "cho 02 tập thể; tặng Giấy khen cho 01 tập thể",
        ),
    ],
)
def test_subject_and_article_1_name_the_awards_and_count_them(
    approved, approved_collectives, issuers, reviewer, this_year, tmp_path, persons, collectives, subject, article
):
    nominations = []
    for code, count in persons:
        nominations += approved([f"Người {code} {i}" for i in range(count)], code=code)
    for code, count in collectives:
        nominations += approved_collectives([f"Tổ {code} {i}" for i in range(count)], code=code)
    decision = services.decision_draft(nominations=nominations, date=timezone.localdate(), by=reviewer)
    assert decision.subject == subject.format(year=this_year)
    pages = pdf_pages(render_pdf("awards/documents/decision.html", decision_context(decision)), tmp_path)
    body = " ".join(pages)
    assert subject.format(year=this_year) in body
    assert article.format(year=this_year) in body
    assert "(có danh sách kèm theo)" in body
    assert "Giấy khen của Chủ tịch UBND" not in body  # never the catalogue label
    docx = docx_text(decision_docx(decision))
    assert subject.format(year=this_year) in docx and article.format(year=this_year) in docx


def test_title_certificate_recognises_and_names_the_title(approved, issuers, reviewer, leader, this_year, tmp_path):
    decision = _issue(
        services.decision_draft(nominations=approved(["Nguyễn Văn An"], code="lao-dong-tien-tien"), date=timezone.localdate(), by=reviewer),
        leader,
    )
    page = pdf_pages(render_pdf("awards/documents/certificates.html", certificates_context(decision)), tmp_path)[0]
    in_order(page, ["GIẤY CHỨNG NHẬN", "CÔNG NHẬN", "Nguyễn Văn An", f"Đạt danh hiệu Lao động tiên tiến năm {this_year}"])
    assert "TẶNG" not in page


def test_certificate_wording_comes_from_the_kind_data(approved, issuers, reviewer, leader, tmp_path):
    nominations = approved(["Nguyễn Văn An"], code="lao-dong-tien-tien")
    AwardKind.objects.filter(pk=nominations[0].award_kind_id).update(decision_object="danh hiệu “Lao động tiên tiến”")
    nominations[0].refresh_from_db()
    decision = _issue(services.decision_draft(nominations=nominations, date=timezone.localdate(), by=reviewer), leader)
    page = pdf_pages(render_pdf("awards/documents/certificates.html", certificates_context(decision)), tmp_path)[0]
    assert "Đạt danh hiệu “Lao động tiên tiến”" in page
    assert decision.subject.startswith("Về việc công nhận danh hiệu “Lao động tiên tiến”")


# --- Grounds from dated legal documents --------------------------------------------------------


def _district_nomination(make_nomination, unit, name, code="giay-khen-chu-tich"):
    """A nomination of a kind version valid before the reorganisation (conferred by the district)."""
    old = AwardKind.objects.get(code=code, valid_from=dt.date(2024, 1, 1))
    return make_nomination(person=PersonFactory(unit=unit, full_name=name), code=old, state=NominationState.APPROVED, year=2025)


def test_grounds_cite_the_decree_valid_on_the_decision_date(make_nomination, unit, approved, issuers, reviewer, tmp_path):
    before = services.decision_draft(
        nominations=[_district_nomination(make_nomination, unit, "Nguyễn Văn An")],
        date=dt.date(2025, 6, 30),
        by=reviewer,
        proposal_number="15/TTr-NV",
        proposal_date=dt.date(2025, 6, 20),
    )
    after = services.decision_draft(
        nominations=approved(["Đặng Thị Ánh"], year=2025),
        date=dt.date(2025, 7, 1),
        by=reviewer,
        proposal_number="03/TTr-VP",
        proposal_date=dt.date(2025, 7, 1),
    )
    old = " ".join(pdf_pages(render_pdf("awards/documents/decision.html", decision_context(before)), tmp_path, "a.pdf"))
    new = " ".join(pdf_pages(render_pdf("awards/documents/decision.html", decision_context(after)), tmp_path, "b.pdf"))
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN QUẬN ĐỒ SƠN" in old
    in_order(
        old,
        [
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
            "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
            "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ",
            "Xét đề nghị của Trưởng phòng Nội vụ tại Tờ trình số 15/TTr-NV ngày 20 tháng 6 năm 2025.",
        ],
    )
    assert "152/2025" not in old
    in_order(
        new,
        [
            "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
            "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ",
            "Xét đề nghị của Chánh Văn phòng HĐND và UBND tại Tờ trình số 03/TTr-VP ngày 01 tháng 7 năm 2025.",
        ],
    )
    assert "98/2023" not in new
    assert "Căn cứ Nghị định số 152/2025/NĐ-CP" in docx_text(decision_docx(after))


def test_grounds_before_march_2025_cite_the_2015_law_as_amended(make_nomination, unit, issuers, reviewer):
    decision = services.decision_draft(
        nominations=[_district_nomination(make_nomination, unit, "Nguyễn Văn An")], date=dt.date(2025, 1, 10), by=reviewer
    )
    assert decision.ground_lines[0] == (
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều của Luật Tổ chức "
        "Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;"
    )
    assert decision.ground_lines[-1] == "Xét đề nghị của Trưởng phòng Nội vụ."


def test_changing_the_legal_data_changes_the_grounds(approved, issuers, reviewer):
    LegalDocument.objects.filter(number="152/2025/NĐ-CP").update(number="999/2025/NĐ-CP", issued_on=dt.date(2025, 6, 20))
    LegalDocument.objects.create(
        kind="local_rule",
        number="12/2025/QĐ-UBND",
        issued_on=dt.date(2025, 8, 5),
        issuer="Ủy ban nhân dân thành phố Hải Phòng",
        title="Quyết định",
        scope="ban hành Quy chế thi đua, khen thưởng thành phố Hải Phòng",
        valid_from=dt.date(2025, 8, 20),
        display_order=40,
    )
    decision = services.decision_draft(nominations=approved(["Nguyễn Văn An"]), date=timezone.localdate(), by=reviewer)
    assert "Căn cứ Nghị định số 999/2025/NĐ-CP ngày 20 tháng 6 năm 2025 của Chính phủ" in decision.grounds
    assert "152/2025" not in decision.grounds
    assert (
        "Căn cứ Quyết định số 12/2025/QĐ-UBND ngày 05 tháng 8 năm 2025 của Ủy ban nhân dân thành phố Hải Phòng ban hành "
        "Quy chế thi đua, khen thưởng thành phố Hải Phòng;" in decision.ground_lines
    )


# --- Layout: the signature stays with the last article -------------------------------------------


def test_signature_is_on_the_page_of_the_last_article_for_annexes_of_1_to_60_rows(approved, issuers, reviewer, tmp_path):
    decision = services.decision_draft(
        nominations=approved([f"Cán bộ Thử {i:02d}" for i in range(60)]), date=timezone.localdate(), by=reviewer
    )
    base_grounds = decision.grounds
    for rows in range(60, 0, -1):
        DecisionItem.objects.filter(decision=decision, order__gt=rows).delete()
        # Vary the body's length too, so the last article falls at many places of its page.
        decision.grounds = base_grounds + "".join(
            f"\nCăn cứ văn bản thử số {i} về công tác thi đua, khen thưởng;" for i in range(rows % 16)
        )
        decision.save(update_fields=["grounds"])
        pages = pdf_pages(render_pdf("awards/documents/decision.html", decision_context(decision)), tmp_path)
        last_article = [i for i, page in enumerate(pages) if "Điều 3." in page]
        signature = [i for i, page in enumerate(pages) if "Trần Khắc Kiên" in page]
        assert len(last_article) == 1 and last_article == signature, (rows, last_article, signature)
        assert "Nơi nhận:" in pages[signature[0]]
        assert sum(page.count("Cán bộ Thử") for page in pages) == rows


def test_annex_orders_by_given_name_ignoring_honorifics_with_collectives_apart(approved, approved_collectives, issuers, reviewer, tmp_path):
    names = ["Trung tá Vũ Đức Mạnh", "Bà Đặng Thị Ánh", "Nguyễn Văn An", "Ông Lê Văn Bình", "Cô Phạm Thị Ân", "Thầy Trần Văn Đức"]
    nominations = approved(names) + approved_collectives(["Tổ dân phố 5", "Tổ dân phố 2"])
    decision = services.decision_draft(nominations=nominations, date=timezone.localdate(), by=reviewer)
    text = " ".join(pdf_pages(render_pdf("awards/documents/decision.html", decision_context(decision)), tmp_path))
    annex = text[text.index("DANH SÁCH") :]
    expected = [
        "Cá nhân",
        "Nguyễn Văn An",
        "Bà Đặng Thị Ánh",
        "Cô Phạm Thị Ân",
        "Ông Lê Văn Bình",
        "Thầy Trần Văn Đức",
        "Trung tá Vũ Đức Mạnh",
        "Tập thể",
        "Tổ dân phố 2",
        "Tổ dân phố 5",
    ]
    in_order(annex, expected)
    # A collective's name is not repeated in the position column.
    assert annex.count("Tổ dân phố 2") == 1
    in_order(docx_text(decision_docx(decision)).split("DANH SÁCH", 1)[1], expected)


def test_decision_pdf_and_docx_have_the_same_content_in_the_same_order(approved, approved_collectives, issuers, reviewer, leader, tmp_path):
    decision = _issue(
        services.decision_draft(
            nominations=approved(["Nguyễn Văn An", "Đặng Thị Ánh"], code="lao-dong-tien-tien") + approved_collectives(["Tổ dân phố 3"]),
            date=timezone.localdate(),
            by=reviewer,
            proposal_number="15/TTr-VP",
            proposal_date=timezone.localdate(),
        ),
        leader,
    )
    context = decision_context(decision)
    expected = [
        "ỦY BAN NHÂN DÂN",
        "PHƯỜNG ĐỒ SƠN",
        "Số: 01/QĐ-UBND",
        "QUYẾT ĐỊNH",
        decision.subject,
        "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG ĐỒ SƠN",
        *decision.ground_lines,
        "QUYẾT ĐỊNH:",
        *(" ".join(a.split()) for a in context["articles"]),
        "Nơi nhận:",
    ]
    # The closing block has two columns (Nơi nhận | signature): their reading order may differ.
    closing = [*(f"- {r}" for r in decision.recipient_lines), "CHỦ TỊCH", "Trần Khắc Kiên"]
    annex = ["DANH SÁCH", "Nguyễn Văn An", "Đặng Thị Ánh", "Tổ dân phố 3", "Tổng cộng"]
    pdf = " ".join(pdf_pages(render_pdf("awards/documents/decision.html", context), tmp_path))
    docx = docx_text(decision_docx(decision))
    for text in (pdf, docx):
        in_order(text, expected)
        body, annex_text = text.split("DANH SÁCH", 1)
        for part in closing:
            in_order(body.split("Nơi nhận:", 1)[1], [part])
        in_order("DANH SÁCH" + annex_text, annex)


# --- Downloads keep their names -----------------------------------------------------------------


def test_content_disposition_has_an_ascii_fallback_and_the_utf8_name():
    assert ascii_fallback("Quyết-định-01-QĐ-UBND.pdf") == "Quyet-dinh-01-QD-UBND.pdf"
    assert content_disposition("Quyết-định-01-QĐ-UBND.pdf") == (
        "attachment; filename=\"Quyet-dinh-01-QD-UBND.pdf\"; filename*=UTF-8''Quy%E1%BA%BFt-%C4%91%E1%BB%8Bnh-01-Q%C4%90-UBND.pdf"
    )
    assert content_disposition("bao-cao.xlsx", inline=True) == 'inline; filename="bao-cao.xlsx"'


def test_decision_downloads_keep_their_vietnamese_names(client_for, approved, issuers, reviewer, leader):
    decision = _issue(services.decision_draft(nominations=approved(["Nguyễn Văn An"]), date=timezone.localdate(), by=reviewer), leader)
    client = client_for(reviewer)
    for url, name in (
        (reverse("awards:decision-pdf", args=[decision.pk]), "Quyet-dinh-01-QD-UBND.pdf"),
        (reverse("awards:decision-docx", args=[decision.pk]), "Quyet-dinh-01-QD-UBND.docx"),
        (reverse("awards:decision-certificates", args=[decision.pk]), "Giay-khen-01-QD-UBND.pdf"),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert f'filename="{name}"' in response["Content-Disposition"]
        assert "filename*=UTF-8''" in response["Content-Disposition"]
