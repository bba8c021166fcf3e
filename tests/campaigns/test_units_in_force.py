"""Who a campaign is for, by date: units in force at some day of the campaign (and, for a progress
report, of its period) at the edges of 01/07/2025. The matrix, the reminders, the report overview,
the registrations report and the dashboard count the same units."""

import datetime as dt

import pytest
from django.urls import reverse

from campaigns.enums import ParticipantScope, ReportFrequency
from campaigns.selectors import participating_units, registration_matrix, report_overview
from tests.factories import UnitFactory

from .factories import CampaignFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

END, START = dt.date(2025, 6, 30), dt.date(2025, 7, 1)


@pytest.fixture
def units(district):
    return {
        "department": UnitFactory(name="Phòng Y tế quận", parent=district, valid_to=END),
        "office": UnitFactory(name="Phòng Văn hóa – Xã hội phường", valid_from=START),
        "school": UnitFactory(name="Trường Tiểu học Vạn Hương"),
    }


def _campaign(start, end, **extra):
    return CampaignFactory(start_date=start, end_date=end, participant_scope=ParticipantScope.ALL, **extra)


def _names(units):
    return {u.name for u in units}


def test_a_campaign_is_for_the_units_in_force_during_it(units, district):
    ours = {"Phòng Y tế quận", "Phòng Văn hóa – Xã hội phường", "Trường Tiểu học Vạn Hương"}
    whole_year = _names(participating_units(_campaign(dt.date(2025, 1, 1), dt.date(2025, 12, 31)))) & ours
    first_half = _names(participating_units(_campaign(dt.date(2025, 1, 1), END))) & ours
    second_half = _names(participating_units(_campaign(START, dt.date(2025, 12, 31)))) & ours
    next_year = _names(participating_units(_campaign(dt.date(2026, 1, 1), dt.date(2026, 12, 31)))) & ours
    assert whole_year == ours
    assert first_half == {"Phòng Y tế quận", "Trường Tiểu học Vạn Hương"}
    assert second_half == next_year == {"Phòng Văn hóa – Xã hội phường", "Trường Tiểu học Vạn Hương"}


def test_the_matrix_of_2026_leaves_out_the_districts_departments_but_not_a_registration(client_for, reviewer, units):
    campaign = _campaign(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    page = client_for(reviewer).get(reverse("campaigns:registration-matrix", args=[campaign.pk])).content.decode()
    assert "Phòng Văn hóa – Xã hội phường" in page and "Phòng Y tế quận" not in page
    # A registration made all the same (before the unit was ended in the portal) is never hidden.
    RegistrationFactory(campaign=campaign, unit=units["department"], state="submitted")
    rows, _summary = registration_matrix(campaign=campaign)
    assert "Phòng Y tế quận" in _names(r["unit"] for r in rows)


def test_a_report_is_expected_for_a_period_from_the_units_in_force_during_it(units):
    campaign = _campaign(dt.date(2025, 1, 1), dt.date(2025, 12, 31), report_frequency_months=ReportFrequency.QUARTERLY)
    first, third = campaign.reporting_periods()[0], campaign.reporting_periods()[2]
    ours = {"Phòng Y tế quận", "Phòng Văn hóa – Xã hội phường", "Trường Tiểu học Vạn Hương"}
    rows, _targets = report_overview(campaign=campaign, period_start=first[0])
    assert _names(r["unit"] for r in rows) & ours == {"Phòng Y tế quận", "Trường Tiểu học Vạn Hương"}
    rows, _targets = report_overview(campaign=campaign, period_start=third[0])
    assert _names(r["unit"] for r in rows) & ours == {"Phòng Văn hóa – Xã hội phường", "Trường Tiểu học Vạn Hương"}


def test_the_dashboard_counts_the_same_participants(units, district):
    from reports.selectors import Scope, campaign_progress, registration_rows, unit_rows
    from units.models import Unit

    campaign = _campaign(START, dt.date(2025, 12, 31), report_frequency_months=ReportFrequency.QUARTERLY, report_due_days=10)
    in_force = Unit.objects.filter(active=True).in_force_during(START, dt.date(2025, 12, 31)).count()
    row = next(r for r in campaign_progress(Scope(campaign=campaign), today=dt.date(2026, 1, 20)) if r["campaign"] == campaign)
    assert row["participants"] == in_force and row["reports_expected"] == 2 * in_force  # Q3 and Q4 came due
    assert "Phòng Y tế quận" not in _names(r["unit"] for r in registration_rows(campaign))
    rows = unit_rows(Scope(year=2026), today=dt.date(2026, 6, 1))
    assert "Phòng Văn hóa – Xã hội phường" in _names(r["unit"] for r in rows) and "Phòng Y tế quận" not in _names(r["unit"] for r in rows)
    rows = unit_rows(Scope(year=2025), today=dt.date(2025, 12, 1))
    assert {"Phòng Y tế quận", "Phòng Văn hóa – Xã hội phường"} <= _names(r["unit"] for r in rows)


def test_a_department_ended_on_30_06_2025_does_not_register_for_2026(units):
    from campaigns import services
    from tests.factories import officer_of

    officer = officer_of(units["department"])
    data = services.RegistrationInput(collective_award=None, commitment="Hoàn thành xuất sắc nhiệm vụ.", entries=[], targets=[])
    this_year = _campaign(dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert services.registration_save(campaign=this_year, unit=units["department"], data=data, by=officer).pk
    next_year = _campaign(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    with pytest.raises(services.WorkflowError, match="Phòng Y tế quận không có hiệu lực trong thời gian phong trào"):
        services.registration_save(campaign=next_year, unit=units["department"], data=data, by=officer)
