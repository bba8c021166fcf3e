"""A draft decision edited in a real browser: noivu edits the draft (live preview), lanhdao returns it
with a comment, noivu fixes it and sends it again, lanhdao approves and issues it; the ward's officer
downloads the decision and the certificate, each under its Vietnamese name."""

import subprocess

import pytest
from django.apps import apps
from django.utils import timezone

from awards import services
from awards.catalogue import seed, seed_issuers
from awards.enums import NominationState
from awards.models import Decision, Nomination
from awards.selectors import kinds_valid_on
from tests.factories import PersonFactory, UserFactory, officer_of
from units.enums import Role


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_reviewer_edits_leader_returns_reviewer_fixes_leader_issues_officer_downloads(page, live_server, login, unit, district, tmp_path):
    seed(apps)
    seed_issuers(apps)
    reviewer = UserFactory(username="noivu", unit=district, roles=[Role.REVIEWER], full_name="Đỗ Thị Thu Hà")
    UserFactory(username="lanhdao", unit=district, roles=[Role.LEADER], full_name="Trần Khắc Kiên")
    officer_of(unit, username="canbo1")
    kind = kinds_valid_on().get(code="giay-khen-chu-tich")
    nominations = []
    for name in ("Ông Nguyễn Văn An", "Bà Đặng Thị Ánh"):
        person = PersonFactory(unit=unit, full_name=name, position="Công chức")
        nominations.append(
            Nomination.objects.create(
                unit=unit,
                nominee_person=person,
                nominee_name=person.full_name,
                award_kind=kind,
                year=timezone.localdate().year,
                achievement_summary="Hoàn thành xuất sắc nhiệm vụ.",
                state=NominationState.APPROVED,
                created_by=reviewer,
            )
        )
    decision = services.decision_draft(nominations=nominations, date=timezone.localdate(), by=reviewer)

    # The reviewer edits the draft; the preview frame shows the unsaved text.
    login("noivu")
    page.goto(f"{live_server.url}/khen-thuong/quyet-dinh/{decision.pk}/")
    page.click("#edit-decision")
    page.wait_for_selector("#decision-edit-form")
    page.fill("#id_proposal_number", "15/TTr-VP")
    with page.expect_response(lambda r: "/xem-truoc/" in r.url and r.request.method == "POST") as preview:
        page.click("#preview-decision")
    assert preview.value.status == 200 and preview.value.headers["content-type"] == "application/pdf"
    page.click("#save-decision")
    page.wait_for_selector(".alert-success")
    decision.refresh_from_db()
    assert "Tờ trình số 15/TTr-VP" not in decision.grounds  # grounds are text: the reviewer writes them
    assert decision.proposal_number == "15/TTr-VP"

    # The leader returns it with a comment.
    login("lanhdao")
    page.goto(f"{live_server.url}/khen-thuong/quyet-dinh/{decision.pk}/")
    page.click("summary:has-text('Trả lại')")
    page.fill("#id_return_comment", "Ghi rõ số tờ trình trong căn cứ cuối.")
    page.click("#return-decision")
    page.wait_for_selector("#decision-state")
    assert page.inner_text("#decision-state") == "Lãnh đạo trả lại để sửa"

    # The reviewer sees the comment, fixes the grounds and sends the draft again.
    login("noivu")
    page.goto(f"{live_server.url}/khen-thuong/quyet-dinh/{decision.pk}/sua/")
    assert "Ghi rõ số tờ trình" in page.inner_text("#return-comment")
    grounds = page.input_value("#id_grounds").splitlines()
    grounds[-1] = grounds[-1].rstrip(".") + " tại Tờ trình số 15/TTr-VP ngày 10 tháng 12 năm 2026."
    page.fill("#id_grounds", "\n".join(grounds))
    page.click("#save-decision")
    page.wait_for_selector(".alert-success")
    page.goto(f"{live_server.url}/khen-thuong/quyet-dinh/{decision.pk}/")
    page.click("#resubmit-decision")
    page.wait_for_selector("#decision-state")
    assert page.inner_text("#decision-state") == "Dự thảo chờ duyệt"

    # The leader approves and issues it.
    login("lanhdao")
    page.goto(f"{live_server.url}/khen-thuong/quyet-dinh/{decision.pk}/")
    page.click("#approve-decision")
    page.wait_for_selector("#issue-decision")
    page.click("#issue-decision")
    page.wait_for_selector("#decision-number")
    decision = Decision.objects.get(pk=decision.pk)
    assert decision.number == "01/QĐ-UBND"
    assert [t.to_state for t in decision.transitions.all()] == ["returned", "draft", "approved", "issued"]

    # The ward's officer downloads the decision and the certificates.
    login("canbo1")
    page.goto(f"{live_server.url}/khen-thuong/quyet-dinh/{decision.pk}/")
    with page.expect_download() as pdf_download:
        page.evaluate(
            "url => { const a = document.createElement('a'); a.href = url; a.download = ''; document.body.append(a); a.click(); }",
            f"{live_server.url}/khen-thuong/quyet-dinh/{decision.pk}/pdf/",
        )
    assert pdf_download.value.suggested_filename == "Quyết-định-01-QĐ-UBND.pdf"
    path = tmp_path / "qd.pdf"
    pdf_download.value.save_as(path)
    # Compared without spaces and hyphens: pdftotext drops a hyphen that ends a line.
    text = "".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout.split()).replace(
        "-", ""
    )
    assert "Tờtrìnhsố15/TTrVPngày10tháng12năm2026" in text and "ÔngNguyễnVănAn" in text
    with page.expect_download() as cert_download:
        page.evaluate(
            "url => { const a = document.createElement('a'); a.href = url; a.download = ''; document.body.append(a); a.click(); }",
            f"{live_server.url}/khen-thuong/quyet-dinh/{decision.pk}/giay-khen/",
        )
    assert cert_download.value.suggested_filename == "Giấy-khen-01-QĐ-UBND.pdf"
