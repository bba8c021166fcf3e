"""Demo signing certificates: a throw-away CA ("CA thử nghiệm (demo)", not trusted by anyone) and one
PKCS#12 certificate per head signer of the demo's issuing bodies, uploaded for that signer's demo
leader account, so "Ký số" can be walked in the demo. The passphrase is the demo password
(DEMO_PASSWORD, default demo12345). The key helpers also serve the signing tests (tests/pki.py)."""

import datetime as dt
import os

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from units.models import User

from .enums import SignerCapacity
from .models import Signer, SigningCertificate

DEMO_LEADER_ACCOUNTS = {"Ủy ban nhân dân quận Đồ Sơn": "lanhdao", "Ủy ban nhân dân phường Đồ Sơn": "pds_chutich"}


def _name(common_name):
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"), x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def make_ca(common_name="CA thử nghiệm", *, days=365):
    """A self-signed EC root CA valid from yesterday for ``days`` days: (key, certificate)."""
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name))
        .issuer_name(_name(common_name))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(True, False, False, False, False, True, True, False, False), critical=True)
        .sign(key, hashes.SHA256())
    )
    return key, cert


def make_certificate(ca_key, ca_cert, common_name, *, days=30, start=-1, key=None, eku=None):
    """A certificate for ``common_name`` issued by the CA, valid from ``start`` to ``days`` days from
    now: (key, certificate). Signing key usage, or ``eku`` (extended key usages) when given."""
    key = key or ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now + dt.timedelta(days=start))
        .not_valid_after(now + dt.timedelta(days=days))
    )
    if eku:
        builder = builder.add_extension(x509.KeyUsage(True, False, False, False, False, False, False, False, False), critical=True)
        builder = builder.add_extension(x509.ExtendedKeyUsage(eku), critical=True)
    else:
        builder = builder.add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
    return key, builder.sign(ca_key, hashes.SHA256())


def make_signer(ca_key, ca_cert, common_name, *, passphrase, days=30, start=-1):
    """A PKCS#12 archive (key, certificate, CA) for ``common_name`` under ``passphrase``."""
    key, cert = make_certificate(ca_key, ca_cert, common_name, days=days, start=start)
    return pkcs12.serialize_key_and_certificates(
        common_name.encode(), key, cert, [ca_cert], serialization.BestAvailableEncryption(passphrase.encode())
    )


def demo_passphrase():
    return os.environ.get("DEMO_PASSWORD") or "demo12345"


def seed(stdout=None):
    """Give each demo head signer without a certificate in use a demo certificate for its leader
    account (idempotent). Rows: SigningCertificate, AuditEvent (awards.signatures.certificate_upload)."""
    from .signatures import certificate_upload

    admin = User.objects.filter(username="admin").first()
    signers = Signer.objects.filter(capacity=SignerCapacity.HEAD, issuing_body__full_name__in=DEMO_LEADER_ACCOUNTS).select_related(
        "issuing_body"
    )
    missing = [s for s in signers if not SigningCertificate.objects.filter(signer=s, is_active=True).exists()]
    if not missing or admin is None:
        return
    ca_key, ca_cert = make_ca("CA thử nghiệm (demo, không có giá trị pháp lý)")
    passphrase = demo_passphrase()
    given = 0
    for signer in missing:
        user = User.objects.filter(username=DEMO_LEADER_ACCOUNTS[signer.issuing_body.full_name]).first()
        if user is None:
            continue
        archive = make_signer(ca_key, ca_cert, f"{signer.name} – {signer.issuing_body.full_name}", passphrase=passphrase, days=365)
        certificate_upload(signer=signer, user=user, archive=archive, passphrase=passphrase, by=admin)
        given += 1
    if stdout is not None and given:
        stdout.write(f"signing: {given} demo certificates (passphrase = the demo password)")
