"""The world the permission matrix is checked in: one object of every kind a URL takes, owned by
the officer's unit (`unit`), so 'officer' is the owner and 'other_officer' an officer of another unit."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile

from awards.models import AwardKind, Nomination, NominationAttachment, Submission
from campaigns.models import ExemplarPhoto, ProgressAttachment
from reports.models import ReportRun
from units.models import ExportJob, Notification

from ..campaigns.factories import CampaignFactory, ExemplarFactory, ProgressReportFactory, RegistrationFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def world(settings, tmp_path, unit, person, officer, reviewer, other_officer, council_member, leader, administrator):
    settings.MEDIA_ROOT = tmp_path / "media"
    kind = AwardKind.objects.filter(code="giay-khen-chu-tich").order_by("-valid_from").first()
    nomination = Nomination.objects.create(
        unit=unit,
        nominee_person=person,
        nominee_name=person.full_name,
        award_kind=kind,
        year=dt.date.today().year,
        achievement_summary="Hoàn thành xuất sắc nhiệm vụ.",
        created_by=officer,
    )
    attachment = NominationAttachment(
        nomination=nomination, kind="achievement_report", original_name="bc.pdf", file_type="pdf", size=len(PDF), uploaded_by=officer
    )
    attachment.file.save("bc.pdf", ContentFile(PDF), save=True)
    submission = Submission(unit=unit, number="01/TTr-UBND", date=dt.date.today(), created_by=officer)
    submission.minutes.save("bien-ban.pdf", ContentFile(PDF), save=False)
    submission.minutes_name = "bien-ban.pdf"
    submission.save()
    campaign = CampaignFactory()
    registration = RegistrationFactory(campaign=campaign, unit=unit)
    report = ProgressReportFactory(campaign=campaign, unit=unit)
    report_file = ProgressAttachment(report=report, original_name="tien-do.pdf", kind="pdf", size=len(PDF), uploaded_by=officer)
    report_file.file.save("tien-do.pdf", ContentFile(PDF), save=True)
    exemplar = ExemplarFactory(campaign=campaign, unit=unit, state="accepted")
    proposal = ExemplarFactory(campaign=campaign, unit=unit, state="submitted")
    photo = ExemplarPhoto(exemplar=exemplar, original_name="anh.png", kind="png")
    photo.file.save("anh.png", ContentFile(PNG), save=True)
    run = ReportRun.objects.create(kind="summary", period="2025", title="Báo cáo tổng hợp năm 2025", status="done")
    run.pdf.save("bao-cao.pdf", ContentFile(PDF), save=True)
    note = Notification.objects.create(user=officer, subject="Thông báo thử", url="/")
    export = ExportJob.objects.create(
        user=officer, builder="units.views.person_export", title="Cán bộ", filename="can-bo.xlsx", status="done"
    )
    export.file.save("can-bo.xlsx", ContentFile(b"PK\x03\x04"), save=True)
    return SimpleNamespace(
        unit=unit,
        person=person,
        nomination=nomination,
        attachment=attachment,
        submission=submission,
        campaign=campaign,
        registration=registration,
        report=report,
        report_file=report_file,
        exemplar=exemplar,
        proposal=proposal,
        photo=photo,
        run=run,
        notification=note,
        export=export,
    )
