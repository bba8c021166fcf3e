import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from campaigns.enums import WorkflowState as S
from campaigns.models import ProgressAttachment, ProgressReport, Registration

from ..factories import PersonFactory, UnitFactory
from .factories import ExemplarFactory, ProgressReportFactory, RegistrationEntryFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


# --- Permissions ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "own", "other"),
    [("officer", 200, 404), ("other_officer", 404, 200), ("reviewer", 200, 200), ("leader", 200, 200)],
)
def test_registration_and_report_detail_scoped_by_unit(request, client_for, campaign, unit, other_unit, persona, own, other):
    mine, theirs = RegistrationFactory(campaign=campaign, unit=unit), RegistrationFactory(campaign=campaign, unit=other_unit)
    my_report, their_report = ProgressReportFactory(campaign=campaign, unit=unit), ProgressReportFactory(campaign=campaign, unit=other_unit)
    client = client_for(request.getfixturevalue(persona))
    assert client.get(reverse("campaigns:registration-detail", args=[mine.pk])).status_code == own
    assert client.get(reverse("campaigns:registration-detail", args=[theirs.pk])).status_code == other
    assert client.get(reverse("campaigns:report-detail", args=[my_report.pk])).status_code == own
    assert client.get(reverse("campaigns:report-detail", args=[their_report.pk])).status_code == other


def test_officer_cannot_move_other_units_registration(client_for, other_officer, campaign, unit):
    registration = RegistrationFactory(campaign=campaign, unit=unit)
    response = client_for(other_officer).post(reverse("campaigns:registration-transition", args=[registration.pk]), {"to": "submitted"})
    assert response.status_code == 404
    registration.refresh_from_db()
    assert registration.state == S.DRAFT


def test_attachment_of_other_unit_is_404(client_for, other_officer, officer, campaign, unit):
    report = ProgressReportFactory(campaign=campaign, unit=unit)
    attachment = ProgressAttachment.objects.create(
        report=report, file=SimpleUploadedFile("a.pdf", PDF), original_name="a.pdf", kind="pdf", size=len(PDF)
    )
    assert client_for(other_officer).get(reverse("campaigns:report-attachment", args=[attachment.pk])).status_code == 404
    response = client_for(officer).get(reverse("campaigns:report-attachment", args=[attachment.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


@pytest.mark.parametrize("name", ["campaign-list", "registration-list", "report-list", "exemplar-list", "exemplar-create"])
def test_anonymous_redirected_from_internal_pages(client_for, name):
    response = client_for(None).get(reverse(f"campaigns:{name}"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_anonymous_sees_only_approved_exemplars(client_for, campaign, unit):
    approved = ExemplarFactory(campaign=campaign, unit=unit, title="Tuyến phố văn minh", state=S.ACCEPTED)
    draft = ExemplarFactory(campaign=campaign, unit=unit, title="Mô hình còn nháp", state=S.SUBMITTED)
    client = client_for(None)
    page = client.get(reverse("campaigns:public-exemplar-list")).content.decode()
    assert "Tuyến phố văn minh" in page and "Mô hình còn nháp" not in page
    assert client.get(reverse("campaigns:public-exemplar-detail", args=[approved.pk])).status_code == 200
    assert client.get(reverse("campaigns:public-exemplar-detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("campaigns:exemplar-detail", args=[approved.pk])).status_code == 302


def test_public_exemplar_search_accent_insensitive(client_for, campaign, unit):
    ExemplarFactory(campaign=campaign, unit=unit, title="Tuyến phố văn minh, sạch đẹp", state=S.ACCEPTED)
    ExemplarFactory(campaign=campaign, unit=unit, title="Học bạ số", state=S.ACCEPTED)
    client = client_for(None)
    for q in ["tuyen pho", "TUYẾN PHỐ", "van minh sach dep"]:
        response = client.get(reverse("campaigns:public-exemplar-list"), {"q": q})
        assert [e.title for e in response.context["page"].object_list] == ["Tuyến phố văn minh, sạch đẹp"], q


def test_campaign_search_accent_insensitive(client_for, reviewer, campaign):
    response = client_for(reviewer).get(reverse("campaigns:campaign-list"), {"q": "dot thi dua dac biet"})
    assert list(response.context["page"].object_list) == [campaign]


def test_only_reviewer_can_create_campaign(client_for, officer, reviewer):
    assert client_for(officer).get(reverse("campaigns:campaign-create")).status_code == 403
    assert client_for(reviewer).get(reverse("campaigns:campaign-create")).status_code == 200


def test_campaign_form_refused_keeps_input(client_for, reviewer):
    data = {
        "name": "Phong trào thử nghiệm",
        "kind": "thematic",
        "start_date": "01/06/2025",
        "end_date": "01/01/2025",
        "participant_scope": "all",
        "report_frequency_months": "3",
        "report_due_days": "10",
        "reminder_days_before": "5",
        "phases-TOTAL_FORMS": "0",
        "phases-INITIAL_FORMS": "0",
        "targets-TOTAL_FORMS": "0",
        "targets-INITIAL_FORMS": "0",
    }
    response = client_for(reviewer).post(reverse("campaigns:campaign-create"), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Ngày kết thúc phải sau ngày bắt đầu." in body
    assert 'value="Phong trào thử nghiệm"' in body


def test_campaign_create_with_phase_and_target(client_for, reviewer):
    data = {
        "name": "Thi đua chuyển đổi số",
        "kind": "thematic",
        "start_date": "01/01/2025",
        "end_date": "31/12/2025",
        "registration_deadline": "31/03/2025",
        "participant_scope": "all",
        "report_frequency_months": "1",
        "report_due_days": "5",
        "reminder_days_before": "3",
        "phases-TOTAL_FORMS": "1",
        "phases-INITIAL_FORMS": "0",
        "phases-0-kind": "launch",
        "phases-0-name": "Phát động",
        "phases-0-date": "05/01/2025",
        "targets-TOTAL_FORMS": "1",
        "targets-INITIAL_FORMS": "0",
        "targets-0-name": "Hồ sơ trực tuyến",
        "targets-0-unit_of_measure": "hồ sơ",
        "targets-0-display_order": "1",
    }
    response = client_for(reviewer).post(reverse("campaigns:campaign-create"), data)
    assert response.status_code == 302
    from campaigns.models import Campaign

    campaign = Campaign.objects.get(name="Thi đua chuyển đổi số")
    assert campaign.report_frequency_months == 1
    assert [p.name for p in campaign.phases.all()] == ["Phát động"]
    assert [t.name for t in campaign.targets.all()] == ["Hồ sơ trực tuyến"]


# --- Registration form ----------------------------------------------------------------------------


def test_registration_form_submit_creates_entries(client_for, officer, campaign, unit, person, ldtt, collective, target):
    response = client_for(officer).post(
        reverse("campaigns:registration-edit", args=[campaign.pk]),
        {
            "collective_award": collective.pk,
            "commitment": "Cam kết",
            f"person_{person.pk}": ldtt.pk,
            f"target_{target.pk}": "3",
            "submit": "1",
        },
    )
    registration = Registration.objects.get()
    assert response.status_code == 302
    assert registration.state == S.SUBMITTED
    assert [(e.person, e.award_kind) for e in registration.entries.all()] == [(person, ldtt)]
    assert registration.targets.get().value == 3


def test_registration_form_refused_keeps_input_and_explains(client_for, officer, campaign, unit, person, ldtt, target):
    response = client_for(officer).post(
        reverse("campaigns:registration-edit", args=[campaign.pk]),
        {"commitment": "Phấn đấu hoàn thành", f"target_{target.pk}": "-4", "save": "1"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Phấn đấu hoàn thành" in body
    assert 'value="-4"' in body
    assert "lớn hơn hoặc bằng" in body
    assert not Registration.objects.exists()


def test_registration_form_needs_some_title(client_for, officer, campaign, unit, person, ldtt):
    response = client_for(officer).post(reverse("campaigns:registration-edit", args=[campaign.pk]), {"commitment": "x", "save": "1"})
    assert "Hãy chọn danh hiệu tập thể hoặc danh hiệu cho ít nhất một cá nhân." in response.content.decode()


def test_registration_form_lists_only_own_people(client_for, officer, campaign, person, other_person, ldtt):
    body = client_for(officer).get(reverse("campaigns:registration-edit", args=[campaign.pk])).content.decode()
    assert person.full_name in body and other_person.full_name not in body


# --- Progress reports and uploads -----------------------------------------------------------------


def _report_post(client, campaign, files, **extra):
    period = campaign.reporting_periods()[0][0].isoformat()
    data = {"period": period, "narrative": "Đã xóa 3 căn nhà tạm trong kỳ.", "save": "1", **extra}
    if files:
        data["files"] = files
    return client.post(reverse("campaigns:report-create", args=[campaign.pk]), data)


def test_report_upload_pdf_stored_under_generated_name(client_for, officer, campaign, unit, target):
    response = _report_post(client_for(officer), campaign, [SimpleUploadedFile("../../x.pdf", PDF)], **{f"value_{target.pk}": "3"})
    assert response.status_code == 302
    attachment = ProgressAttachment.objects.get()
    assert attachment.original_name == "x.pdf"
    assert attachment.file.name.startswith("campaigns/reports/")
    assert ".." not in attachment.file.name
    assert attachment.file.path.startswith(str(settings.MEDIA_ROOT))
    assert ProgressReport.objects.get().values.get().value == 3


def test_report_upload_wrong_content_refused_nothing_saved(client_for, officer, campaign, unit):
    response = _report_post(client_for(officer), campaign, [SimpleUploadedFile("bao-cao.pdf", b"MZ this is an exe")])
    assert response.status_code == 200
    body = response.content.decode()
    assert "không đúng định dạng" in body
    assert "Đã xóa 3 căn nhà tạm trong kỳ." in body
    assert not ProgressReport.objects.exists() and not ProgressAttachment.objects.exists()


def test_report_upload_too_large_refused(client_for, officer, campaign, unit, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    response = _report_post(client_for(officer), campaign, [SimpleUploadedFile("lon.pdf", PDF + b"0" * 2048)])
    assert "quá lớn" in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_path_like_name_refused_by_validator():
    from django.core.exceptions import ValidationError

    from campaigns.forms import MultipleFileField

    uploaded = SimpleUploadedFile("x.pdf", PDF)
    uploaded._name = "../../x.pdf"  # UploadedFile's setter strips directories; force the raw name
    with pytest.raises(ValidationError, match="không được chứa đường dẫn"):
        MultipleFileField().clean([uploaded])


def test_report_same_period_twice_refused(client_for, officer, campaign, unit):
    client = client_for(officer)
    assert _report_post(client, campaign, None).status_code == 302
    response = _report_post(client, campaign, None)
    assert "Đơn vị đã có báo cáo cho kỳ này" in response.content.decode()


def test_report_overview_sums_counted_reports(client_for, reviewer, campaign, unit, other_unit, target):
    from campaigns.models import ProgressValue

    start = campaign.reporting_periods()[0][0]
    for u, state, value in [(unit, S.ACCEPTED, 3), (other_unit, S.SUBMITTED, 4)]:
        report = ProgressReportFactory(campaign=campaign, unit=u, state=state, period_start=start)
        ProgressValue.objects.create(report=report, target=target, value=value)
    draft = ProgressReportFactory(campaign=campaign, unit=UnitFactory(), state=S.DRAFT, period_start=start)
    ProgressValue.objects.create(report=draft, target=target, value=100)
    response = client_for(reviewer).get(reverse("campaigns:report-overview", args=[campaign.pk]), {"period": "2024-11-20"})
    assert response.context["targets"][0]["total"] == 7
    assert response.context["reported"] == 2


# --- Matrix and reminders -------------------------------------------------------------------------


def test_matrix_counts_statuses(client_for, reviewer, campaign, unit, other_unit, district):
    RegistrationFactory(campaign=campaign, unit=unit, state=S.SUBMITTED)
    RegistrationFactory(campaign=campaign, unit=other_unit, state=S.ACCEPTED)
    response = client_for(reviewer).get(reverse("campaigns:registration-matrix", args=[campaign.pk]))
    counts = {s["status"]: s["count"] for s in response.context["summary"]}
    assert counts == {"not_started": 1, "draft": 0, "submitted": 1, "accepted": 1, "returned": 0, "late": 0}


def test_matrix_forbidden_for_officer(client_for, officer, campaign):
    assert client_for(officer).get(reverse("campaigns:registration-matrix", args=[campaign.pk])).status_code == 403


def test_remind_button_queues_task(client_for, reviewer, campaign):
    from dosonthidua.celery import app

    response = client_for(reviewer).post(reverse("campaigns:registration-remind", args=[campaign.pk]), follow=True)
    assert "Đã xếp lịch gửi thư nhắc" in response.content.decode()
    assert app.control.purge() >= 1  # the task message reached the real broker (and is removed again)


# --- Lists: query counts and export ---------------------------------------------------------------


@pytest.mark.parametrize("rows", [1, 3])
def test_registration_list_query_count(client_for, reviewer, campaign, rows, django_assert_max_num_queries, ldtt):
    for _ in range(rows):
        RegistrationEntryFactory(registration=RegistrationFactory(campaign=campaign, unit=UnitFactory()), award_kind=ldtt)
    client = client_for(reviewer)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("campaigns:registration-list"))
    assert response.context["page"].paginator.count == rows


@pytest.mark.parametrize("rows", [1, 3])
def test_report_list_query_count(client_for, reviewer, campaign, rows, django_assert_max_num_queries):
    for _ in range(rows):
        ProgressReportFactory(campaign=campaign, unit=UnitFactory())
    client = client_for(reviewer)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("campaigns:report-list"))
    assert response.context["page"].paginator.count == rows


@pytest.mark.parametrize("rows", [1, 3])
def test_campaign_list_query_count(client_for, officer, rows, django_assert_max_num_queries):
    from .factories import CampaignFactory

    CampaignFactory.create_batch(rows)
    client = client_for(officer)
    # 9, plus the deployment identity read once per 30 s per process (dosonthidua.identity).
    with django_assert_max_num_queries(10):
        response = client.get(reverse("campaigns:campaign-list"))
    assert response.context["page"].paginator.count == rows


@pytest.mark.parametrize("rows", [1, 3])
def test_exemplar_lists_query_count(client_for, reviewer, campaign, rows, django_assert_max_num_queries):
    for _ in range(rows):
        ExemplarFactory(campaign=campaign, unit=UnitFactory(), state=S.ACCEPTED)
    client = client_for(reviewer)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("campaigns:exemplar-list"))
    assert response.context["page"].paginator.count == rows
    client = client_for(None)
    with django_assert_max_num_queries(4):
        response = client.get(reverse("campaigns:public-exemplar-list"))
    assert response.context["page"].paginator.count == rows


@pytest.mark.parametrize("rows", [1, 3])
def test_matrix_query_count(client_for, reviewer, campaign, district, rows, django_assert_max_num_queries):
    for _ in range(rows):
        RegistrationFactory(campaign=campaign, unit=UnitFactory(parent=district), state=S.SUBMITTED)
    client = client_for(reviewer)
    with django_assert_max_num_queries(9):
        response = client.get(reverse("campaigns:registration-matrix", args=[campaign.pk]))
    assert len(response.context["page"].object_list) == rows + 1


def test_registration_export_xlsx_escapes_formulas(client_for, reviewer, campaign):
    RegistrationFactory(campaign=campaign, unit=UnitFactory(name='=HYPERLINK("http://x")'))
    response = client_for(reviewer).get(reverse("campaigns:registration-list") + "?export=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet.cell(row=2, column=2).value.startswith("'=")


@pytest.mark.parametrize("name", ["campaign-list", "report-list", "exemplar-list"])
def test_list_exports_xlsx(client_for, reviewer, campaign, name):
    response = client_for(reviewer).get(reverse(f"campaigns:{name}") + "?export=xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


# --- Exemplars ------------------------------------------------------------------------------------


def test_exemplar_propose_with_photo_and_approve(client_for, officer, reviewer, campaign, unit):
    response = client_for(officer).post(
        reverse("campaigns:exemplar-create"),
        {
            "campaign": campaign.pk,
            "kind": "good_model",
            "title": "Tổ dân phố không rác",
            "summary": "Phân loại rác tại nguồn.",
            "description": "Cách làm chi tiết.",
            "photos": [SimpleUploadedFile("anh.png", PNG)],
            "submit": "1",
        },
    )
    assert response.status_code == 302
    from campaigns.models import Exemplar

    exemplar = Exemplar.objects.get()
    assert exemplar.state == S.SUBMITTED and exemplar.photos.count() == 1
    client_for(reviewer).post(reverse("campaigns:exemplar-transition", args=[exemplar.pk]), {"to": "accepted"})
    exemplar.refresh_from_db()
    assert exemplar.state == S.ACCEPTED
    photo = exemplar.photos.get()
    assert client_for(None).get(reverse("campaigns:public-exemplar-photo", args=[photo.pk])).status_code == 200


def test_exemplar_photo_must_be_image(client_for, officer, campaign, unit):
    response = client_for(officer).post(
        reverse("campaigns:exemplar-create"),
        {
            "campaign": campaign.pk,
            "kind": "good_model",
            "title": "Mô hình",
            "summary": "Tóm tắt",
            "description": "Mô tả",
            "photos": [SimpleUploadedFile("anh.png", PDF)],
            "save": "1",
        },
    )
    assert response.status_code == 200
    assert "chỉ nhận ảnh JPEG, ảnh PNG" in response.content.decode()


def test_home_panels_for_officer_and_reviewer(client_for, officer, reviewer, campaign, unit):
    RegistrationFactory(campaign=campaign, unit=unit, state=S.SUBMITTED)
    assert client_for(reviewer).get("/").status_code == 200
    from dosonthidua.identity import identity_on

    assert f"Chờ {identity_on().office} xem xét" in client_for(reviewer).get("/").content.decode()
    PersonFactory(unit=unit)
    assert client_for(officer).get("/").status_code == 200


def test_registration_form_prefills_assigned_target_value(client_for, officer, campaign, unit, target):
    from campaigns.models import UnitTargetValue

    UnitTargetValue.objects.create(target=target, unit=unit, value=7)
    response = client_for(officer).get(reverse("campaigns:registration-edit", args=[campaign.pk]))
    assert response.context["form"][f"target_{target.pk}"].value() == 7


def test_signed_in_user_without_role_sees_only_concerning_campaigns(client_for, unit, campaign):
    from campaigns.enums import ParticipantScope

    from ..factories import UserFactory
    from .factories import CampaignFactory

    other = CampaignFactory(
        name="Thi đua của ngành giáo dục", participant_scope=ParticipantScope.BY_KIND, participant_unit_kinds=["department"]
    )
    user = UserFactory(unit=unit)
    response = client_for(user).get(reverse("campaigns:campaign-list"))
    assert list(response.context["page"].object_list) == [campaign]
    assert client_for(user).get(reverse("campaigns:campaign-detail", args=[other.pk])).status_code == 404


def test_public_home_links_to_exemplars(client_for):
    body = client_for(None).get("/").content.decode()
    assert reverse("campaigns:public-exemplar-list") in body
    assert "Gương điển hình tiên tiến" in body
