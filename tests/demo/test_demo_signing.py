"""The demo can be walked through "Ký số": seed_demo gives the head signer of each demo issuing body a
throw-away certificate for its leader account, opened with the demo password."""

import os

import pytest
from django.core.management import call_command
from django.urls import reverse

from awards.enums import DecisionState
from awards.models import Decision, SignedDocument, SigningCertificate
from awards.pades import validate_signed_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _seed():
    with open(os.devnull, "w") as sink:
        call_command("seed_demo", stdout=sink)


def test_demo_leaders_sign_an_issued_decision_with_the_demo_password(client, media_root):
    _seed()
    certificates = {c.user.username: c for c in SigningCertificate.objects.filter(is_active=True).select_related("user", "signer")}
    assert set(certificates) == {"lanhdao", "pds_chutich"}
    assert all(c.signer.name == c.user.full_name for c in certificates.values())
    _seed()  # idempotent: no second certificate
    assert SigningCertificate.objects.count() == 2

    decision = Decision.objects.filter(state=DecisionState.ISSUED).select_related("signer").first()
    assert decision is not None
    certificate = SigningCertificate.objects.get(signer=decision.signer, is_active=True)
    client.force_login(certificate.user)
    response = client.post(reverse("awards:decision-sign", args=[decision.pk]), {"passphrase": "sai-mat-khau"})
    assert response.status_code == 200 and "Sai mật khẩu của chứng thư số." in response.content.decode()
    response = client.post(reverse("awards:decision-sign", args=[decision.pk]), {"passphrase": "demo12345"})
    assert response.status_code == 302
    record = SignedDocument.objects.get(decision=decision)
    with record.signed.open("rb") as handle:
        (check,) = validate_signed_pdf(handle.read())
    assert check.valid and decision.signer.name in check.signer
