"""Issuing a decision invalidates the cached dashboard and home-panel figures it changes."""

import pytest
from django.utils import timezone

from awards import services
from reports.home import panel_figures
from reports.views import dashboard_figures

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(make_nomination, unit):
    from awards.enums import NominationState
    from tests.factories import PersonFactory

    def make(names, code="giay-khen-chu-tich"):
        return [
            make_nomination(
                person=PersonFactory(unit=unit, full_name=name, position="Công chức"), code=code, state=NominationState.APPROVED
            )
            for name in names
        ]

    return make


def test_issuing_a_decision_refreshes_cached_figures(approved, issuers, reviewer, leader, django_capture_on_commit_callbacks):
    year = timezone.localdate().year
    nominations = approved(["Nguyễn Văn An"])
    before = dashboard_figures(nominations[0].year)["totals"]["total"]
    home_before = panel_figures(nominations[0].year)["awards"]
    decision = services.decision_draft(nominations=nominations, date=timezone.localdate(), by=reviewer)
    services.decision_approve(decision=decision, by=leader)
    assert dashboard_figures(nominations[0].year)["totals"]["total"] == before  # cached, nothing issued yet
    with django_capture_on_commit_callbacks(execute=True):
        services.decision_issue(decision=decision, by=leader)
    assert dashboard_figures(nominations[0].year)["totals"]["total"] == before + 1
    assert panel_figures(nominations[0].year)["awards"] == home_before + 1
    assert year  # the decision is dated today
