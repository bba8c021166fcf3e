import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.enums import NominationState
from dosonthidua.identity import identity_on
from reports import services, tasks
from reports.enums import ReportKind, ReportStatus
from reports.models import ReportRun
from units.enums import UnitKind

from ..factories import UnitFactory
from .conftest import make_unit_data
from .factories import CampaignFactory

DASHBOARD = reverse("reports:dashboard")


@pytest.mark.parametrize(
    "url_name", ["reports:dashboard", "reports:archive", "reports:request", "reports:award-list", "reports:nomination-list"]
)
def test_anonymous_is_sent_to_login(client_for, db, url_name):
    response = client_for(None).get(reverse(url_name))
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


@pytest.mark.parametrize("persona", ["officer", "other_officer", "council_member"])
def test_officers_and_council_members_get_403(client_for, request, persona):
    client = client_for(request.getfixturevalue(persona))
    for name in ["reports:dashboard", "reports:archive", "reports:request", "reports:award-list"]:
        assert client.get(reverse(name)).status_code == 403


@pytest.mark.parametrize("persona", ["reviewer", "leader", "administrator"])
def test_reviewers_leaders_and_admins_see_the_dashboard(client_for, request, persona, world):
    response = client_for(request.getfixturevalue(persona)).get(DASHBOARD, {"year": 2025})
    assert response.status_code == 200
    assert response.context["totals"]["total"] == 9


def test_dashboard_figures_and_links(client_for, leader, world):
    response = client_for(leader).get(DASHBOARD, {"year": 2025})
    ctx = response.context
    totals = ctx["totals"]
    persons = [r for r in world["records"] if r.person_id]
    assert totals["direct_workers"] == sum(1 for r in persons if r.person.is_direct_worker)
    states = {s["state"]: s for s in ctx["states"]}
    assert states["decided"]["total"] == 7
    assert "state=decided" in states["decided"]["url"] and "year=2025" in states["decided"]["url"]
    # The state figure opens the list behind it (the same selector and period) with the same count.
    nominations = client_for(leader).get(states["verified"]["url"])
    assert states["verified"]["url"].startswith(reverse("reports:nomination-list"))
    assert nominations.status_code == 200 and nominations.context["page"].paginator.count == states["verified"]["total"] == 2
    unit_row = next(u for u in ctx["units"] if u["unit"] == world["units"][0])
    assert unit_row["awards"] == 5
    # The figure links to the list behind it, and that list holds exactly those rows.
    listing = client_for(leader).get(unit_row["awards_url"])
    assert listing.status_code == 200 and listing.context["page"].paginator.count == 5
    html = response.content.decode()
    assert 'id="chart-data"' in html and "chart.umd.min.js" in html and "<script>" not in html


def test_dashboard_campaign_filter(client_for, reviewer, world):
    other = CampaignFactory(name="Phong trào khác")
    response = client_for(reviewer).get(DASHBOARD, {"campaign": world["campaign"].pk})
    assert [r["campaign"] for r in response.context["campaigns"]] == [world["campaign"]]
    assert response.context["totals"]["total"] == 0  # the factory's awards carry no nomination of the campaign
    response = client_for(reviewer).get(DASHBOARD, {"campaign": other.pk})
    assert response.context["campaigns"][0]["registered"] == 0


def _dashboard_queries(client):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(DASHBOARD, {"year": 2025}).status_code == 200
    return len(ctx.captured_queries)


def _drop_dashboard_cache():
    from django.core.cache import cache

    from reports.forms import default_year
    from reports.views import _dashboard_key

    cache.delete(_dashboard_key(default_year(), None))


def test_dashboard_query_count_does_not_grow_with_units(client_for, leader, kinds, campaign, district):
    client = client_for(leader)
    make_unit_data(UnitFactory(name="Đơn vị một", kind=UnitKind.DEPARTMENT, parent=district), kinds, campaign, n=2)
    _drop_dashboard_cache()
    identity_on()  # the deployment identity, read once per 30 s per process, is not the dashboard's cost
    one = _dashboard_queries(client)
    for name in ["Đơn vị hai", "Đơn vị ba"]:
        make_unit_data(UnitFactory(name=name, kind=UnitKind.WARD, parent=district), kinds, campaign, n=3)
    _drop_dashboard_cache()
    three = _dashboard_queries(client)
    assert one == three  # recomputing: a fixed number of aggregate queries
    assert one <= 25
    cached = _dashboard_queries(client)
    assert cached <= 8  # served from the cache (stated freshness), well under the 15-query budget


def test_nomination_drilldown_by_state_and_overdue(client_for, reviewer, world):
    url = reverse("reports:nomination-list")
    response = client_for(reviewer).get(url, {"year": 2025, "state": NominationState.VERIFIED})
    assert response.context["page"].paginator.count == 2
    response = client_for(reviewer).get(url, {"overdue": "1"})
    assert response.status_code == 200


def test_award_drilldown_for_direct_workers_and_women(client_for, reviewer, world):
    url = reverse("reports:award-list")
    persons = [r for r in world["records"] if r.person_id]
    direct = client_for(reviewer).get(url, {"year": 2025, "direct_worker": "1"})
    assert direct.context["page"].paginator.count == sum(1 for r in persons if r.person.is_direct_worker)
    women = client_for(reviewer).get(url, {"year": 2025, "women": "1"})
    assert women.context["page"].paginator.count == sum(1 for r in persons if r.person.gender == "female")


def test_request_page_queues_a_report_and_shows_progress_then_downloads(client_for, reviewer, world, django_capture_on_commit_callbacks):
    client = client_for(reviewer)
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(reverse("reports:request"), {"kind": ReportKind.AWARDS, "period": "2025-q4"})
    run = ReportRun.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("reports:run-detail", args=[run.pk])
    assert (run.period, run.status, run.requested_by) == ("2025-Q4", ReportStatus.PENDING, reviewer)
    pending = client.get(reverse("reports:run-status", args=[run.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in pending and "<progress" in pending
    tasks.report_build_task.apply(args=[run.pk]).get()
    done = client.get(reverse("reports:run-status", args=[run.pk])).content.decode()
    assert "hx-trigger" not in done and reverse("reports:run-download", args=[run.pk, "pdf"]) in done
    pdf = client.get(reverse("reports:run-download", args=[run.pk, "pdf"]))
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF-")
    xlsx = client.get(reverse("reports:run-download", args=[run.pk, "xlsx"]))
    assert xlsx.status_code == 200


def test_campaign_report_request_ignores_the_period(client_for, reviewer, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        client_for(reviewer).post(
            reverse("reports:request"), {"kind": ReportKind.CAMPAIGN_INTERIM, "period": "2026", "campaign": world["campaign"].pk}
        )
    run = ReportRun.objects.get()
    assert (run.period, run.campaign, run.period_label) == ("", world["campaign"], world["campaign"].name)


def test_request_form_needs_a_campaign_for_campaign_reports(client_for, reviewer, db):
    response = client_for(reviewer).post(reverse("reports:request"), {"kind": ReportKind.CAMPAIGN_INTERIM, "period": ""})
    assert response.status_code == 200 and "Chọn phong trào" in response.content.decode()
    response = client_for(reviewer).post(reverse("reports:request"), {"kind": ReportKind.SUMMARY, "period": "2025-Q7"})
    assert "không hợp lệ" in response.content.decode()
    assert not ReportRun.objects.exists()


def test_failed_run_is_visible_to_reviewers_with_its_error_and_can_be_retried(
    client_for, reviewer, leader, db, django_capture_on_commit_callbacks
):
    run = ReportRun.objects.create(
        kind=ReportKind.SUMMARY, period="2025-11", status=ReportStatus.FAILED, error="OSError: SMTP không trả lời"
    )
    archive = client_for(reviewer).get(reverse("reports:archive")).content.decode()
    assert "SMTP không trả lời" in archive
    detail = client_for(reviewer).get(reverse("reports:run-detail", args=[run.pk])).content.decode()
    assert "SMTP không trả lời" in detail and "Chạy lại" in detail
    assert client_for(leader).post(reverse("reports:run-retry", args=[run.pk])).status_code == 403
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client_for(reviewer).post(reverse("reports:run-retry", args=[run.pk]))
    run.refresh_from_db()
    assert run.status == ReportStatus.PENDING and len(callbacks) == 1


def test_archive_lists_runs_with_downloads_and_recipients(client_for, leader, world):
    run, _ = services.summary_run(period="2025-Q4", email=False)
    ReportRun.objects.filter(pk=run.pk).update(recipients=["chutich@example.vn"])
    html = client_for(leader).get(reverse("reports:archive")).content.decode()
    assert reverse("reports:run-download", args=[run.pk, "pdf"]) in html and "chutich@example.vn" in html


def test_archive_query_count_is_constant(client_for, leader, db):
    client = client_for(leader)
    ReportRun.objects.create(kind=ReportKind.SUMMARY, period="2025-10", status=ReportStatus.DONE)
    client.get(reverse("reports:archive"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("reports:archive"))
    for month in ["2025-08", "2025-09"]:
        ReportRun.objects.create(
            kind=ReportKind.SUMMARY, period=month, status=ReportStatus.DONE, started_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
        )
    with CaptureQueriesContext(connection) as three:
        client.get(reverse("reports:archive"))
    assert len(one.captured_queries) == len(three.captured_queries)


def test_home_panel_for_leaders_not_officers(leader, officer, world):
    from django.template.loader import render_to_string

    from reports.home import reports_panel

    ReportRun.objects.create(kind=ReportKind.SUMMARY, period="2025-10", status=ReportStatus.FAILED, error="x")
    panel = reports_panel(leader)
    assert (panel["year"], panel["awards"], panel["failed"]) == (2025, 9, 1)
    html = render_to_string("reports/home/panel.html", {"panel": panel})
    assert "Báo cáo năm 2025" in html and "1 báo cáo lập bị lỗi" in html
    assert reports_panel(officer) is None


def test_dashboard_warm_task_fills_the_cache(client_for, leader, kinds, campaign, district, django_assert_max_num_queries):
    from reports.tasks import dashboard_warm

    make_unit_data(UnitFactory(name="Đơn vị một", kind=UnitKind.DEPARTMENT, parent=district), kinds, campaign, n=2)
    dashboard_warm()
    client = client_for(leader)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("reports:dashboard"))
    assert "Số liệu tổng hợp lúc" in response.content.decode()
