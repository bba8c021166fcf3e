"""Digitally signed decisions and upward proposals: the signers' certificates (uploaded by an
administrator), signing a document as PAdES with the certificate of the signer it names, and who may
do it. The PDF work itself is awards.pades (pyHanko)."""

import hashlib

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from units.audit import audit_record
from units.rules import is_administrator

from . import pades
from .enums import DecisionState
from .models import Decision, SignedDocument, SigningCertificate, UpwardProposal
from .pades import SigningError

__all__ = ["SigningError", "active_certificate", "can_sign", "certificate_upload", "document_sign"]


def active_certificate(signer):
    """The certificate in use for ``signer`` (a Signer), or None."""
    return SigningCertificate.objects.filter(signer=signer, is_active=True).select_related("user").first()


def can_sign(user, document):
    """Whether ``user`` may press "Ký số" on ``document`` (a Decision or an UpwardProposal): the
    account the named signer's active certificate belongs to, or an administrator acting for that
    signer. Nobody while the signer has no certificate, and a decision only once it is issued."""
    if not getattr(user, "is_authenticated", False):
        return False
    if isinstance(document, Decision) and document.state != DecisionState.ISSUED:
        return False
    certificate = active_certificate(document.signer_id)
    if certificate is None:
        return False
    return certificate.user_id == user.pk or is_administrator(user)


def certificate_upload(*, signer, user, archive, passphrase, by, request=None):
    """Store ``archive`` (PKCS#12 bytes) as the certificate in use for ``signer``, usable by ``user``.
    The passphrase opens it to read subject, issuer, serial and validity, and is not kept. Raises
    SigningError (Vietnamese) for a file that is not PKCS#12, a wrong passphrase, or a certificate
    not valid now. Rows: SigningCertificate (the signer's previous one set not in use), AuditEvent."""
    info = pades.certificate_info(archive, passphrase)
    pades.check_validity_period(info.valid_from, info.valid_to, timezone.now())
    with transaction.atomic():
        SigningCertificate.objects.select_for_update().filter(signer=signer, is_active=True).update(is_active=False)
        certificate = SigningCertificate.objects.create(
            signer=signer,
            user=user,
            archive=bytes(archive),
            subject=info.subject[:500],
            issuer=info.issuer[:500],
            serial=info.serial[:80],
            valid_from=info.valid_from,
            valid_to=info.valid_to,
            uploaded_by=by,
        )
    audit_record(
        action="cert_uploaded",
        request=request,
        user=by,
        detail=f"Chứng thư số {certificate.serial} cho {signer.name} (tài khoản {user.username}), hiệu lực đến {info.valid_to:%d/%m/%Y}",
    )
    return certificate


def _reason(document):
    if isinstance(document, Decision):
        return f"Ban hành Quyết định số {document.number}"
    return f"Trình Tờ trình số {document.number}"


def document_sign(*, document, pdf, passphrase, by, request=None):
    """Sign ``document`` (an issued Decision or an UpwardProposal) whose PDF is ``pdf``, with the
    active certificate of the signer it names, a visible stamp and, when PDF_SIGNATURE_TSA_URL is
    set, an RFC 3161 timestamp. Raises SigningError (Vietnamese; audited) when the signer has no
    certificate, the document is already signed, the passphrase is wrong or the certificate is not
    valid now. Rows: SignedDocument (original and signed PDF files), AuditEvent."""
    field = "decision" if isinstance(document, Decision) else "proposal"
    model = Decision if field == "decision" else UpwardProposal
    try:
        with transaction.atomic():
            # Two people pressing "Ký số" at once: the second waits here, then finds the signed copy.
            locked = model.objects.select_for_update().select_related("signer", "issuing_body").get(pk=document.pk)
            if SignedDocument.objects.filter(**{field: locked}).exists():
                raise SigningError("Văn bản này đã được ký số.")
            if field == "decision" and locked.state != DecisionState.ISSUED:
                raise SigningError("Chỉ ký số quyết định đã ban hành (có số).")
            certificate = active_certificate(locked.signer_id)
            if certificate is None:
                raise SigningError(f"{locked.signer.name} chưa có chứng thư số; quản trị viên cần tải lên tệp PKCS#12 của người ký.")
            signed = pades.sign_pdf(
                pdf,
                pkcs12=certificate.archive,
                passphrase=passphrase,
                signer_name=locked.signer.name,
                body_name=locked.issuing_body.full_name,
                reason=_reason(locked),
                location=locked.issuing_body.place,
            )
            stem = f"{field}-{locked.pk}"
            record = SignedDocument(
                certificate=certificate,
                signed_by=by,
                sha256=hashlib.sha256(signed).hexdigest(),
                timestamped=bool(settings.PDF_SIGNATURE_TSA_URL),
                **{field: locked},
            )
            record.original.save(f"{stem}.pdf", ContentFile(pdf), save=False)
            record.signed.save(f"{stem}-ky-so.pdf", ContentFile(signed), save=False)
            record.save()
    except SigningError as exc:
        audit_record(action="sign_refused", request=request, user=by, detail=f"{document}: {exc}"[:500])
        raise
    audit_record(
        action="document_signed",
        request=request,
        user=by,
        detail=f"{locked} ký số bằng chứng thư {certificate.serial} của {locked.signer.name}"[:500],
    )
    return record
