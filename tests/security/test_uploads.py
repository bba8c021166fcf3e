"""Uploads by detected type (audit finding: a PNG-headed file named anh.html was stored as .html and
served inline as text/html, publicly once the exemplar was accepted).

Every upload is stored under the extension of the kind its content was detected as, served with that
kind's type only (images inline, documents as attachments), and a file whose name claims one type
while its content is another is refused with a Vietnamese message."""

import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards.models import NominationAttachment
from campaigns.enums import WorkflowState as S
from campaigns.models import Exemplar, ExemplarPhoto, ProgressAttachment
from dosonthidua.uploads import validate_upload

from ..campaigns.factories import CampaignFactory, ExemplarFactory

HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"
PNG_HTML = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32 + HTML
PDF_HTML = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + HTML
SVG_SCRIPT = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def plain_zip():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("index.html", HTML)
    return buffer.getvalue()


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name, content",
    [
        ("anh.html", PNG_HTML),
        ("anh.htm", PNG_HTML),
        ("anh.svg", PNG_HTML),
        ("bao-cao.html", PDF_HTML),
        ("anh.jpg", PNG_HTML),
        ("bao-cao.docx", PDF_HTML),
        ("tai-lieu.docx", plain_zip()),
        ("tai-lieu.zip", docx_bytes()),
        ("anh.png", SVG_SCRIPT),
        ("anh.svg", SVG_SCRIPT),
    ],
)
def test_name_claiming_another_type_is_refused(name, content):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        validate_upload(SimpleUploadedFile(name, content))
    message = " ".join(refused.value.messages)
    assert name in message
    assert "nội dung" in message


@pytest.mark.parametrize(
    "name, content, kind",
    [
        ("anh.png", PNG_HTML, "png"),
        ("ANH.PNG", PNG_HTML, "png"),
        ("bao-cao.pdf", PDF_HTML, "pdf"),
        ("quyet-dinh.docx", docx_bytes(), "docx"),
    ],
)
def test_name_matching_content_is_accepted(name, content, kind):
    assert validate_upload(SimpleUploadedFile(name, content)) == kind


def test_jpeg_accepts_both_usual_extensions():
    jpeg = b"\xff\xd8\xff\xe0" + b"\x00" * 32
    assert validate_upload(SimpleUploadedFile("anh.jpeg", jpeg)) == "jpg"
    assert validate_upload(SimpleUploadedFile("anh.JPG", jpeg)) == "jpg"


def _propose(client, campaign, photo):
    return client.post(
        reverse("campaigns:exemplar-create"),
        {
            "campaign": campaign.pk,
            "kind": "good_model",
            "title": "Mô hình",
            "summary": "Tóm tắt",
            "description": "Mô tả",
            "photos": [photo],
            "save": "1",
        },
    )


@pytest.mark.django_db
def test_png_html_named_html_refused_as_exemplar_photo(client_for, officer, unit, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    campaign = CampaignFactory()
    response = _propose(client_for(officer), campaign, SimpleUploadedFile("anh.html", PNG_HTML, content_type="text/html"))
    assert response.status_code == 200
    assert "anh.html" in response.content.decode() and "nội dung" in response.content.decode()
    assert not Exemplar.objects.exists() and not ExemplarPhoto.objects.exists()


@pytest.mark.django_db
def test_public_photo_stored_and_served_as_image_only(client_for, officer, reviewer, unit, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    campaign = CampaignFactory()
    assert _propose(client_for(officer), campaign, SimpleUploadedFile("anh.png", PNG_HTML, content_type="text/html")).status_code == 302
    photo = ExemplarPhoto.objects.get()
    assert photo.file.name.endswith(".png")
    Exemplar.objects.update(state=S.ACCEPTED)
    response = client_for(None).get(reverse("campaigns:public-exemplar-photo", args=[photo.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_legacy_html_named_photo_is_served_by_its_content(client_for, unit, settings, tmp_path):
    """A file stored before the fix under a .html name is served by what it contains, never as HTML."""
    settings.MEDIA_ROOT = tmp_path
    exemplar = ExemplarFactory(campaign=CampaignFactory(), unit=unit, state=S.ACCEPTED)
    photo = ExemplarPhoto(exemplar=exemplar, original_name="anh.html", kind="png")
    photo.file.save("anh.html", ContentFile(PNG_HTML), save=True)
    assert not photo.file.name.endswith(".html")
    response = client_for(None).get(reverse("campaigns:public-exemplar-photo", args=[photo.pk]))
    assert response["Content-Type"] == "image/png"
    assert "anh.png" in response["Content-Disposition"]


@pytest.mark.django_db
def test_photo_whose_content_is_not_an_image_is_never_inline(client_for, unit, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    exemplar = ExemplarFactory(campaign=CampaignFactory(), unit=unit, state=S.ACCEPTED)
    photo = ExemplarPhoto(exemplar=exemplar, original_name="anh.png", kind="png")
    photo.file.save("anh.png", ContentFile(HTML), save=True)
    response = client_for(None).get(reverse("campaigns:public-exemplar-photo", args=[photo.pk]))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")


@pytest.mark.django_db
def test_report_attachment_stored_by_detected_type_served_as_attachment(client_for, officer, unit, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    campaign = CampaignFactory()
    period = campaign.reporting_periods()[0][0].isoformat()
    client = client_for(officer)
    response = client.post(
        reverse("campaigns:report-create", args=[campaign.pk]),
        {
            "period": period,
            "narrative": "Đã xóa 3 căn nhà tạm.",
            "save": "1",
            "files": [SimpleUploadedFile("Bao cao", PDF_HTML, content_type="text/html")],
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    attachment = ProgressAttachment.objects.get()
    assert attachment.file.name.endswith(".pdf")
    response = client.get(reverse("campaigns:report-attachment", args=[attachment.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")


@pytest.mark.django_db
def test_nomination_attachment_stored_by_detected_type(officer, person, unit, settings, tmp_path):
    from awards.models import AwardKind, Nomination
    from awards.services import attachment_add

    settings.MEDIA_ROOT = tmp_path
    nomination = Nomination.objects.create(
        unit=unit,
        nominee_person=person,
        nominee_name=person.full_name,
        award_kind=AwardKind.objects.filter(code="giay-khen-chu-tich").first(),
        year=2025,
        created_by=officer,
    )
    attachment = attachment_add(
        nomination=nomination, kind="achievement_report", uploaded=SimpleUploadedFile("to-trinh.DOCX", docx_bytes()), by=officer
    )
    assert attachment.file.name.endswith(".docx") and attachment.file_type == "docx"
    assert NominationAttachment.objects.count() == 1
