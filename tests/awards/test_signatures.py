"""Digitally signed decisions and upward proposals through the pages: an administrator uploads the
signer's PKCS#12 in the admin (refused when expired, not yet valid, with a wrong passphrase or not a
PKCS#12), the signer presses "Ký số" on an issued decision (others are refused), the download is
then the signed file, the validation page says who signed and when and whether it chains to the
configured root, and one altered byte makes it fail. A local TSA over HTTP timestamps a signature."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from awards import services
from awards.enums import NominationState
from awards.models import SignedDocument, SigningCertificate
from awards.signatures import certificate_upload
from units.models import AuditEvent

from ..pki import PASSPHRASE, local_tsa, make_ca, make_signer, pem

pytestmark = pytest.mark.django_db


@pytest.fixture
def ca():
    return make_ca()


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("quantri-ky", "qt@example.com", "x-Password-123")


@pytest.fixture
def decision(make_nomination, unit, issuers, reviewer, leader):
    from tests.factories import PersonFactory

    nomination = make_nomination(person=PersonFactory(unit=unit, full_name="Nguyễn Văn An"), state=NominationState.APPROVED)
    decision = services.decision_draft(nominations=[nomination], date=timezone.localdate(), by=reviewer)
    services.decision_approve(decision=decision, by=leader)
    services.decision_issue(decision=decision, by=leader)
    decision.refresh_from_db()
    return decision


@pytest.fixture
def certificate(ca, decision, leader, superuser):
    """The decision's signer holds a certificate; the leader's account signs with it."""
    ca_key, ca_cert = ca
    return certificate_upload(
        signer=decision.signer, user=leader, archive=make_signer(ca_key, ca_cert, decision.signer.name), passphrase=PASSPHRASE, by=superuser
    )


@pytest.fixture
def trust_root(ca, settings, tmp_path):
    path = tmp_path / "roots.pem"
    path.write_bytes(pem(ca[1]))
    settings.PDF_SIGNATURE_TRUST_ROOTS = str(path)
    return path


def _admin_upload(client, *, signer, user, data, passphrase=PASSPHRASE, name="chu-tich.p12"):
    return client.post(
        reverse("admin:awards_signingcertificate_add"),
        {"signer": signer.pk, "user": user.pk, "archive_file": SimpleUploadedFile(name, data), "passphrase": passphrase},
    )


def test_admin_uploads_a_certificate_and_sees_its_details(ca, decision, leader, superuser, client):
    ca_key, ca_cert = ca
    client.force_login(superuser)
    response = _admin_upload(client, signer=decision.signer, user=leader, data=make_signer(ca_key, ca_cert, "Trần Khắc Kiên"))
    assert response.status_code == 302
    certificate = SigningCertificate.objects.get()
    assert certificate.is_active and certificate.user == leader and certificate.signer == decision.signer
    assert "Trần Khắc Kiên" in certificate.subject and "CA thử nghiệm" in certificate.issuer
    assert certificate.valid_from < timezone.now() < certificate.valid_to
    assert b"mat-khau" not in bytes(certificate.archive)  # the passphrase is not kept
    page = client.get(reverse("admin:awards_signingcertificate_changelist")).content.decode()
    assert "Trần Khắc Kiên" in page and certificate.serial in page
    event = AuditEvent.objects.get(action="cert_uploaded")
    assert event.user == superuser and certificate.serial in event.detail

    # A second upload for the same signer replaces the first (one in use per signer).
    _admin_upload(client, signer=decision.signer, user=leader, data=make_signer(ca_key, ca_cert, "Trần Khắc Kiên"))
    assert SigningCertificate.objects.filter(signer=decision.signer, is_active=True).count() == 1
    assert SigningCertificate.objects.count() == 2


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("expired", "Chứng thư số đã hết hiệu lực"),
        ("not_yet_valid", "Chứng thư số chưa có hiệu lực"),
        ("wrong_passphrase", "Sai mật khẩu của chứng thư số."),
        ("not_pkcs12", "Tệp không phải chứng thư số PKCS#12 (.p12, .pfx)."),
    ],
)
def test_admin_upload_refused_in_vietnamese(case, message, ca, decision, leader, superuser, client):
    ca_key, ca_cert = ca
    data, passphrase = make_signer(ca_key, ca_cert, "Người ký"), PASSPHRASE
    if case == "expired":
        data = make_signer(ca_key, ca_cert, "Người ký", start=-30, days=-1)
    elif case == "not_yet_valid":
        data = make_signer(ca_key, ca_cert, "Người ký", start=3, days=30)
    elif case == "wrong_passphrase":
        passphrase = "sai-mat-khau"
    else:
        data = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    client.force_login(superuser)
    response = _admin_upload(client, signer=decision.signer, user=leader, data=data, passphrase=passphrase)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not SigningCertificate.objects.exists()


def test_sign_decision_via_the_view_validate_via_the_page_then_one_byte_fails(
    certificate, decision, leader, officer, client, trust_root, media_root
):
    client.force_login(leader)
    detail = client.get(reverse("awards:decision-detail", args=[decision.pk])).content.decode()
    assert reverse("awards:decision-sign", args=[decision.pk]) in detail and "Ký số" in detail
    page = client.get(reverse("awards:decision-sign", args=[decision.pk])).content.decode()
    assert certificate.serial in page and "CA thử nghiệm" in page
    original = client.get(reverse("awards:decision-pdf", args=[decision.pk])).getvalue()

    response = client.post(reverse("awards:decision-sign", args=[decision.pk]), {"passphrase": PASSPHRASE})
    assert response.status_code == 302 and response["Location"] == reverse("awards:decision-detail", args=[decision.pk])
    record = SignedDocument.objects.get(decision=decision)
    assert record.certificate == certificate and record.signed_by == leader and not record.timestamped
    assert AuditEvent.objects.filter(action="document_signed", user=leader).exists()
    detail = client.get(reverse("awards:decision-detail", args=[decision.pk])).content.decode()
    assert 'id="signed-status"' in detail and 'id="decision-sign"' not in detail

    # The download is now the signed file: the issued bytes followed by the signature revision,
    # for the unit's officer too; the original stays stored beside it.
    client.force_login(officer)
    signed = client.get(reverse("awards:decision-pdf", args=[decision.pk])).getvalue()
    assert signed.startswith(record.original.open("rb").read()) and b"/ByteRange" in signed and len(signed) > len(original)
    with record.signed.open("rb") as handle:
        assert handle.read() == signed

    check = client.post(reverse("awards:signature-check"), {"file": SimpleUploadedFile("qd.pdf", signed, content_type="application/pdf")})
    page = check.content.decode()
    assert "Tệp nguyên vẹn từ khi ký; chứng thư số hợp lệ." in page
    assert decision.signer.name in page and "Có: xác minh được tới tổ chức cấp tin cậy" in page
    assert timezone.localtime(record.signed_at).strftime("%d/%m/%Y") in page

    altered = bytearray(signed)
    altered[len(altered) // 3] ^= 0x01
    check = client.post(
        reverse("awards:signature-check"), {"file": SimpleUploadedFile("qd.pdf", bytes(altered), content_type="application/pdf")}
    )
    assert "Chữ ký KHÔNG hợp lệ: nội dung tệp đã bị thay đổi sau khi ký." in check.content.decode()

    # Something appended after signing (a new revision) is reported as such.
    appended = _with_text_added(signed)
    page = client.post(reverse("awards:signature-check"), {"file": SimpleUploadedFile("qd.pdf", appended, content_type="application/pdf")})
    assert "Không: tệp có thêm nội dung sau khi ký" in page.content.decode()


def test_validation_page_without_a_signature_and_without_trust_roots(decision, officer, client):
    client.force_login(officer)
    unsigned = client.get(reverse("awards:decision-pdf", args=[decision.pk])).getvalue()
    page = client.post(reverse("awards:signature-check"), {"file": SimpleUploadedFile("qd.pdf", unsigned, content_type="application/pdf")})
    assert "Tệp này không có chữ ký số." in page.content.decode()
    page = client.post(reverse("awards:signature-check"), {"file": SimpleUploadedFile("anh.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 100)})
    assert "không đúng định dạng" in page.content.decode()


def test_wrong_passphrase_at_signing_is_refused_and_audited(certificate, decision, leader, client):
    client.force_login(leader)
    response = client.post(reverse("awards:decision-sign", args=[decision.pk]), {"passphrase": "sai"})
    assert response.status_code == 200 and "Sai mật khẩu của chứng thư số." in response.content.decode()
    assert not SignedDocument.objects.exists()
    assert AuditEvent.objects.filter(action="sign_refused", user=leader).exists()


def test_only_the_named_signer_or_an_administrator_signs(
    certificate, decision, client, officer, other_officer, reviewer, council_member, administrator
):
    from tests.factories import UserFactory
    from units.enums import Role

    url = reverse("awards:decision-sign", args=[decision.pk])
    other_leader = UserFactory(username="pho_chu_tich", roles=[Role.LEADER])
    for user, status in [
        (officer, 403),
        (other_officer, 404),
        (reviewer, 403),
        (council_member, 403),
        (other_leader, 403),
        (administrator, 200),
    ]:
        client.force_login(user)
        assert client.get(url).status_code == status, user.username
        assert client.post(url, {"passphrase": PASSPHRASE}).status_code in (status, 302 if status == 200 else status)
        if status != 200:
            assert not SignedDocument.objects.exists()
    # The administrator acted for the signer: the document is signed with the signer's certificate.
    record = SignedDocument.objects.get()
    assert record.signed_by == administrator and record.certificate == certificate


def test_sign_upward_proposal_with_a_timestamp_from_a_local_tsa(
    ca, make_nomination, unit, issuers, reviewer, leader, superuser, client, settings, trust_root
):
    from tests.factories import PersonFactory

    ca_key, ca_cert = ca
    upward = make_nomination(person=PersonFactory(unit=unit), code="chien-si-thi-dua-thanh-pho", state=NominationState.APPROVED)
    proposal = services.proposal_create(
        nominations=[upward], number="05/TTr-UBND", date=timezone.localdate(), subject="Đề nghị", by=reviewer
    )
    certificate_upload(
        signer=proposal.signer, user=leader, archive=make_signer(ca_key, ca_cert, proposal.signer.name), passphrase=PASSPHRASE, by=superuser
    )
    client.force_login(leader)
    assert (
        reverse("awards:proposal-sign", args=[proposal.pk])
        in client.get(reverse("awards:proposal-detail", args=[proposal.pk])).content.decode()
    )
    with local_tsa(ca_key, ca_cert) as (server, url):
        settings.PDF_SIGNATURE_TSA_URL = url
        response = client.post(reverse("awards:proposal-sign", args=[proposal.pk]), {"passphrase": PASSPHRASE})
    assert response.status_code == 302 and server.requests >= 1
    record = SignedDocument.objects.get(proposal=proposal)
    assert record.timestamped
    signed = client.get(reverse("awards:proposal-pdf", args=[proposal.pk])).getvalue()
    page = client.post(
        reverse("awards:signature-check"), {"file": SimpleUploadedFile("tt.pdf", signed, content_type="application/pdf")}
    ).content.decode()
    assert "Tệp nguyên vẹn từ khi ký; chứng thư số hợp lệ." in page and "dấu thời gian:" in page
    # Signed once: the button is gone and a second signature is refused.
    assert 'id="proposal-sign"' not in client.get(reverse("awards:proposal-detail", args=[proposal.pk])).content.decode()
    again = client.post(reverse("awards:proposal-sign", args=[proposal.pk]), {"passphrase": PASSPHRASE})
    assert "Văn bản này đã được ký số." in again.content.decode()


def test_a_draft_decision_cannot_be_signed(certificate, make_nomination, unit, reviewer, leader, client):
    from tests.factories import PersonFactory

    draft = services.decision_draft(
        nominations=[make_nomination(person=PersonFactory(unit=unit), state=NominationState.APPROVED)],
        date=timezone.localdate(),
        by=reviewer,
    )
    client.force_login(leader)
    assert client.get(reverse("awards:decision-sign", args=[draft.pk])).status_code == 403


def _with_text_added(pdf):
    """A new revision that changes the first page (what a forger would do after signing)."""
    from io import BytesIO

    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    page["/Rotate"] = generic.NumberObject(90)
    writer.update_container(page)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()
