"""PAdES signing of an issued decision (pyHanko) and its validation: a throw-away CA and signer
certificate (cryptography), sign the decision PDF, validate it, alter one byte, see validation fail."""

import datetime as dt
import subprocess

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.utils import timezone

from awards import services
from awards.enums import NominationState
from awards.pades import SigningError, certificate_info, sign_pdf, validate_signed_pdf

pytestmark = pytest.mark.django_db

PASSPHRASE = "mat-khau-chung-thu"


def _name(common_name):
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"), x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def make_ca():
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name("CA thử nghiệm"))
        .issuer_name(_name("CA thử nghiệm"))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(True, False, False, False, False, True, True, False, False), critical=True)
        .sign(key, hashes.SHA256())
    )
    return key, cert


def make_signer(ca_key, ca_cert, common_name, *, days=30, start=-1):
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now + dt.timedelta(days=start))
        .not_valid_after(now + dt.timedelta(days=days))
        .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    return pkcs12.serialize_key_and_certificates(
        common_name.encode(), key, cert, [ca_cert], serialization.BestAvailableEncryption(PASSPHRASE.encode())
    )


@pytest.fixture
def ca():
    return make_ca()


@pytest.fixture
def decision_pdf(make_nomination, unit, issuers, reviewer, leader):
    from awards.documents import decision_context
    from dosonthidua.pdf import render_pdf
    from tests.factories import PersonFactory

    nominations = [
        make_nomination(person=PersonFactory(unit=unit, full_name=name, position="Công chức"), code="giay-khen-chu-tich", state=NominationState.APPROVED)
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
    signed = sign_pdf(pdf, pkcs12=p12, passphrase=PASSPHRASE, signer_name=signer_name, signer_title="CHỦ TỊCH", reason="Ban hành quyết định")
    assert signed.startswith(pdf)  # an incremental revision: the issued bytes are kept as they were

    trusted = x509_to_asn1(ca_cert)
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
    with pytest.raises(SigningError, match="sai mật khẩu"):
        sign_pdf(pdf, pkcs12=p12, passphrase="sai", signer_name=signer_name)
    expired = make_signer(ca_key, ca_cert, "Người ký cũ", days=-1, start=-10)
    with pytest.raises(SigningError, match="không còn hiệu lực"):
        sign_pdf(pdf, pkcs12=expired, passphrase=PASSPHRASE, signer_name=signer_name)


def test_certificate_info_for_the_administrator(ca):
    ca_key, ca_cert = ca
    info = certificate_info(make_signer(ca_key, ca_cert, "Trần Thị Ký"), PASSPHRASE)
    assert "Trần Thị Ký" in info.subject and "CA thử nghiệm" in info.issuer
    assert info.valid_from < timezone.now() < info.valid_to


def x509_to_asn1(cert):
    from asn1crypto import x509 as asn1_x509

    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
