"""PAdES signing of an issued decision (pyHanko) and its validation: a throw-away CA and signer
certificate (cryptography), sign the decision PDF, validate it, alter one byte, see validation fail."""

import re
import subprocess

import pytest
from django.utils import timezone

from awards import services
from awards.enums import NominationState
from awards.pades import SigningError, certificate_info, sign_pdf, stamp_font_path, validate_signed_pdf

from ..pki import PASSPHRASE, asn1, local_tsa, make_ca, make_signer

pytestmark = pytest.mark.django_db


@pytest.fixture
def ca():
    return make_ca()


@pytest.fixture
def decision_pdf(make_nomination, unit, issuers, reviewer, leader):
    from awards.documents import decision_context
    from dosonthidua.pdf import render_pdf
    from tests.factories import PersonFactory

    nominations = [
        make_nomination(
            person=PersonFactory(unit=unit, full_name=name, position="Công chức"), code="giay-khen-chu-tich", state=NominationState.APPROVED
        )
        for name in ("Nguyễn Văn An", "Đặng Thị Ánh")
    ]
    decision = services.decision_draft(nominations=nominations, date=timezone.localdate(), by=reviewer)
    services.decision_approve(decision=decision, by=leader)
    services.decision_issue(decision=decision, by=leader)
    context = decision_context(decision)
    return render_pdf("awards/documents/decision.html", context), context["signer_name"]


def pdftext(data, tmp_path):
    path = tmp_path / "signed.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_sign_validate_then_one_altered_byte_fails(ca, decision_pdf, tmp_path):
    ca_key, ca_cert = ca
    pdf, signer_name = decision_pdf
    p12 = make_signer(ca_key, ca_cert, "Nguyễn Văn Chủ tịch")
    signed = sign_pdf(
        pdf,
        pkcs12=p12,
        passphrase=PASSPHRASE,
        signer_name=signer_name,
        body_name="Ủy ban nhân dân phường Đồ Sơn",
        reason="Ban hành quyết định",
    )
    assert signed.startswith(pdf)  # an incremental revision: the issued bytes are kept as they were

    trusted = asn1(ca_cert)
    [check] = validate_signed_pdf(signed, trust_roots=[trusted])
    assert check.valid and check.trusted
    assert "Nguyễn Văn Chủ tịch" in check.signer
    assert abs((check.signed_at - timezone.now()).total_seconds()) < 120
    assert "nguyên vẹn" in check.message

    # The visible stamp names the signer and the time, on the decision's last page.
    text = " ".join(pdftext(signed, tmp_path).split())
    assert f"Ký số bởi: {signer_name}" in text and "Thời gian ký:" in text

    [untrusted] = validate_signed_pdf(signed)
    assert untrusted.valid and not untrusted.trusted and "chưa được xác minh" in untrusted.message

    altered = bytearray(signed)
    position = len(pdf) // 2
    altered[position] = (altered[position] + 1) % 256
    [broken] = validate_signed_pdf(bytes(altered), trust_roots=[trusted])
    assert not broken.valid
    assert "KHÔNG hợp lệ" in broken.message or "không" in broken.message.lower()


def test_unsigned_pdf_has_no_signature(decision_pdf):
    assert validate_signed_pdf(decision_pdf[0]) == []


def test_wrong_passphrase_and_expired_certificate_refused(ca, decision_pdf):
    ca_key, ca_cert = ca
    pdf, signer_name = decision_pdf
    p12 = make_signer(ca_key, ca_cert, "Người ký")
    with pytest.raises(SigningError, match="Sai mật khẩu"):
        sign_pdf(pdf, pkcs12=p12, passphrase="sai", signer_name=signer_name)
    expired = make_signer(ca_key, ca_cert, "Người ký cũ", days=-1, start=-10)
    with pytest.raises(SigningError, match="đã hết hiệu lực"):
        sign_pdf(pdf, pkcs12=expired, passphrase=PASSPHRASE, signer_name=signer_name)
    future = make_signer(ca_key, ca_cert, "Người ký mới", days=30, start=2)
    with pytest.raises(SigningError, match="chưa có hiệu lực"):
        sign_pdf(pdf, pkcs12=future, passphrase=PASSPHRASE, signer_name=signer_name)
    with pytest.raises(SigningError, match="không phải chứng thư số PKCS#12"):
        sign_pdf(pdf, pkcs12=pdf, passphrase=PASSPHRASE, signer_name=signer_name)


def test_certificate_info_for_the_administrator(ca):
    ca_key, ca_cert = ca
    info = certificate_info(make_signer(ca_key, ca_cert, "Trần Thị Ký"), PASSPHRASE)
    assert "Trần Thị Ký" in info.subject and "CA thử nghiệm" in info.issuer
    assert info.valid_from < timezone.now() < info.valid_to


def _stamp_rect_and_words(signed, tmp_path):
    """The signature widget's page and rectangle (pypdf), and the words poppler draws on that page
    with their boxes (pdftotext -bbox, top-left origin converted to PDF user space)."""
    from io import BytesIO

    from pypdf import PdfReader

    reader = PdfReader(BytesIO(signed))
    for index, page in enumerate(reader.pages):
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/FT") == "/Sig" or (annot.get("/Parent") and annot["/Parent"].get_object().get("/FT") == "/Sig"):
                rect = [float(v) for v in annot["/Rect"]]
                height = float(page.mediabox.height)
                path = tmp_path / "signed.pdf"
                path.write_bytes(signed)
                html = subprocess.run(
                    ["pdftotext", "-bbox", "-f", str(index + 1), "-l", str(index + 1), str(path), "-"],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
                words = [
                    (w, float(x1), height - float(y2), float(x2), height - float(y1))
                    for x1, y1, x2, y2, w in re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', html)
                ]
                return index, rect, words
    raise AssertionError("no signature widget")


def test_stamp_sits_in_the_signature_block_and_its_text_stays_inside(ca, decision_pdf, tmp_path):
    """The stamp goes on the page that prints the signer's name (the decision's first page, not its
    annex), between the title and the name; every word poppler renders of it lies inside its box
    (a 2048-unit font made pyHanko's text run twice as wide as the box)."""
    ca_key, ca_cert = ca
    pdf, signer_name = decision_pdf
    p12 = make_signer(ca_key, ca_cert, "Nguyễn Văn Chủ tịch")
    body = "Ủy ban nhân dân phường Đồ Sơn"
    signed = sign_pdf(pdf, pkcs12=p12, passphrase=PASSPHRASE, signer_name=signer_name, body_name=body)
    index, (x1, y1, x2, y2), words = _stamp_rect_and_words(signed, tmp_path)
    assert index == 0
    stamp_words = [w for w in words if y1 <= (w[2] + w[4]) / 2 <= y2 and x1 <= (w[1] + w[3]) / 2 <= x2]
    text = " ".join(w[0] for w in stamp_words)
    assert f"Ký số bởi: {signer_name}" in text and f"Cơ quan: {body}" in text and "Thời gian ký:" in text
    for word, wx1, wy1, wx2, wy2 in stamp_words:
        assert x1 <= wx1 and wx2 <= x2 and y1 <= wy1 and wy2 <= y2, f"{word!r} leaves the stamp"
    # The printed name is just below the stamp, the title line ("CHỦ TỊCH") above it.
    name_word = [w for w in words if w[0] == signer_name.split()[-1] and not (y1 <= w[2] <= y2)]
    assert name_word and name_word[-1][4] <= y1 + 2
    title = [w for w in words if w[0] == "TỊCH" and w[2] > y2]
    assert title, "the signer's title is above the stamp"


def test_stamp_font_is_rescaled_to_a_thousand_units():
    from fontTools import ttLib

    assert ttLib.TTFont(stamp_font_path(), lazy=True)["head"].unitsPerEm == 1000


def test_timestamp_from_a_local_tsa_over_http(ca, decision_pdf):
    ca_key, ca_cert = ca
    pdf, signer_name = decision_pdf
    p12 = make_signer(ca_key, ca_cert, "Người ký")
    with local_tsa(ca_key, ca_cert) as (server, url):
        signed = sign_pdf(pdf, pkcs12=p12, passphrase=PASSPHRASE, signer_name=signer_name, tsa_url=url)
    assert server.requests >= 1  # pyHanko may ask once more to size the signature
    [check] = validate_signed_pdf(signed, trust_roots=[asn1(ca_cert)])
    assert check.valid and check.trusted
    assert check.timestamp is not None and abs((check.timestamp - timezone.now()).total_seconds()) < 120


def test_unreachable_tsa_refuses_to_sign(ca, decision_pdf):
    ca_key, ca_cert = ca
    pdf, signer_name = decision_pdf
    with local_tsa(ca_key, ca_cert) as (_server, url):
        pass  # closed again: nothing listens on that port any more
    with pytest.raises(SigningError, match="dấu thời gian"):
        sign_pdf(pdf, pkcs12=make_signer(ca_key, ca_cert, "Người ký"), passphrase=PASSPHRASE, signer_name=signer_name, tsa_url=url)
