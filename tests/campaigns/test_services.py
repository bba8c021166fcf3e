import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from campaigns import services
from campaigns.enums import WorkflowState as S
from campaigns.models import ProgressReport, Registration, StateChange
from campaigns.tasks import registration_reminders_send
from units.models import Notification

from ..factories import PersonFactory
from .factories import ProgressReportFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def _register(campaign, unit, officer, person, ldtt, collective):
    data = services.RegistrationInput(collective_award=collective, commitment="Cam kết", entries=[(person, ldtt)], targets=[])
    return services.registration_save(campaign=campaign, unit=unit, data=data, by=officer)


def test_registration_submit_before_deadline_is_not_late(campaign, unit, officer, person, ldtt, collective):
    registration = _register(campaign, unit, officer, person, ldtt, collective)
    services.registration_submit(registration=registration, by=officer)
    registration.refresh_from_db()
    assert registration.state == S.SUBMITTED
    assert registration.is_late is False
    assert registration.submitted_at is not None
    change = StateChange.objects.get(registration=registration)
    assert (change.from_state, change.to_state, change.by) == (S.DRAFT, S.SUBMITTED, officer)


def test_registration_after_deadline_marked_late_when_allowed(campaign, unit, officer, person, ldtt, collective):
    campaign.registration_deadline = dt.date(2024, 12, 31)
    campaign.late_registration_allowed = True
    campaign.save()
    registration = _register(campaign, unit, officer, person, ldtt, collective)
    services.registration_submit(registration=registration, by=officer)
    registration.refresh_from_db()
    assert (registration.state, registration.is_late) == (S.SUBMITTED, True)


def test_registration_after_deadline_refused_when_blocked(campaign, unit, officer, person, ldtt, collective):
    campaign.registration_deadline = dt.date(2024, 12, 31)
    campaign.late_registration_allowed = False
    campaign.save()
    registration = _register(campaign, unit, officer, person, ldtt, collective)
    with pytest.raises(services.WorkflowError, match="quá hạn đăng ký"):
        services.registration_submit(registration=registration, by=officer)
    registration.refresh_from_db()
    assert registration.state == S.DRAFT
    assert not StateChange.objects.exists()


def test_return_requires_comment_then_resubmit_and_accept(campaign, unit, officer, reviewer, person, ldtt, collective):
    registration = _register(campaign, unit, officer, person, ldtt, collective)
    services.registration_submit(registration=registration, by=officer)
    with pytest.raises(services.WorkflowError, match="Hãy ghi ý kiến"):
        services.registration_return(registration=registration, by=reviewer, comment="  ")
    services.registration_return(registration=registration, by=reviewer, comment="Bổ sung chỉ tiêu")
    registration.refresh_from_db()
    assert (registration.state, registration.review_comment) == (S.RETURNED, "Bổ sung chỉ tiêu")
    # The officer corrects (allowed again) and resubmits.
    _register(campaign, unit, officer, person, ldtt, collective)
    services.registration_submit(registration=registration, by=officer)
    services.registration_accept(registration=registration, by=reviewer)
    registration.refresh_from_db()
    assert registration.state == S.ACCEPTED
    moves = list(StateChange.objects.filter(registration=registration).values_list("from_state", "to_state"))
    assert moves == [(S.DRAFT, S.SUBMITTED), (S.SUBMITTED, S.RETURNED), (S.RETURNED, S.SUBMITTED), (S.SUBMITTED, S.ACCEPTED)]
    assert Notification.objects.filter(user=officer, subject__contains="bị trả lại").count() == 1


def test_submitted_registration_cannot_be_edited(campaign, unit, officer, person, ldtt, collective):
    registration = _register(campaign, unit, officer, person, ldtt, collective)
    services.registration_submit(registration=registration, by=officer)
    with pytest.raises(services.WorkflowError):
        _register(campaign, unit, officer, person, ldtt, collective)


@pytest.mark.parametrize(
    ("persona", "frm", "to"),
    [
        ("other_officer", S.DRAFT, S.SUBMITTED),
        ("reviewer", S.DRAFT, S.SUBMITTED),
        ("officer", S.SUBMITTED, S.ACCEPTED),
        ("leader", S.SUBMITTED, S.ACCEPTED),
        ("officer", S.SUBMITTED, S.RETURNED),
    ],
)
def test_transition_refused_for_wrong_role(request, campaign, unit, persona, frm, to):
    registration = RegistrationFactory(campaign=campaign, unit=unit, state=frm)
    with pytest.raises(PermissionDenied):
        services.workflow_transition(obj=registration, to=to, by=request.getfixturevalue(persona), comment="x")
    registration.refresh_from_db()
    assert registration.state == frm


def test_transition_not_in_table_refused(campaign, unit, reviewer):
    registration = RegistrationFactory(campaign=campaign, unit=unit, state=S.DRAFT)
    with pytest.raises(services.WorkflowError):
        services.workflow_transition(obj=registration, to=S.ACCEPTED, by=reviewer)


def test_report_after_due_date_is_late(campaign, unit, officer):
    report = ProgressReportFactory(campaign=campaign, unit=unit, due_date=dt.date(2025, 2, 24))
    services.report_submit(report=report, by=officer)
    report.refresh_from_db()
    assert (report.state, report.is_late) == (S.SUBMITTED, True)


def test_report_before_due_date_not_late(campaign, unit, officer):
    report = ProgressReportFactory(campaign=campaign, unit=unit, due_date=dt.date(2099, 1, 1))
    services.report_submit(report=report, by=officer)
    assert ProgressReport.objects.get().is_late is False


def test_reporting_periods_follow_campaign_frequency(campaign):
    campaign.report_frequency_months = 3
    campaign.report_due_days = 10
    periods = campaign.reporting_periods()
    assert periods[0] == (dt.date(2024, 11, 20), dt.date(2025, 2, 19), dt.date(2025, 3, 1))
    assert periods[-1][1] == dt.date(2025, 12, 31)
    assert len(periods) == 5
    campaign.report_frequency_months = 1
    assert len(campaign.reporting_periods()) == 14


def test_reminder_task_emails_units_that_have_not_submitted(campaign, unit, other_unit, district, officer, other_officer, reviewer):
    RegistrationFactory(campaign=campaign, unit=other_unit, state=S.SUBMITTED)
    RegistrationFactory(campaign=campaign, unit=unit, state=S.DRAFT)
    mail.outbox.clear()
    sent = registration_reminders_send(campaign.pk)
    assert sent == 1
    assert [m.to for m in mail.outbox] == [[officer.email]]
    assert "Nhắc đăng ký thi đua" in mail.outbox[0].subject
    assert campaign.name in mail.outbox[0].body
    assert Notification.objects.filter(user=officer).count() == 1
    assert not Notification.objects.filter(user=other_officer).exists()


def test_reminder_task_for_missing_campaign_does_nothing(db):
    assert registration_reminders_send(987654) == 0


def test_registration_unique_per_campaign_and_unit(campaign, unit, officer, ldtt, collective):
    person = PersonFactory(unit=unit)
    _register(campaign, unit, officer, person, ldtt, collective)
    _register(campaign, unit, officer, person, ldtt, collective)
    assert Registration.objects.count() == 1


def test_deadline_reminders_sent_once_within_window(campaign, unit, other_unit, officer, other_officer):
    campaign.registration_deadline = dt.date(2025, 1, 10)
    campaign.reminder_days_before = 5
    campaign.save()
    RegistrationFactory(campaign=campaign, unit=other_unit, state=S.SUBMITTED)
    mail.outbox.clear()
    assert services.deadline_reminders_send(today=dt.date(2025, 1, 1)) == 0  # too early
    assert services.deadline_reminders_send(today=dt.date(2025, 1, 6)) == 1
    assert [m.to for m in mail.outbox] == [[officer.email]]
    assert "10/01/2025" in mail.outbox[0].body
    assert services.deadline_reminders_send(today=dt.date(2025, 1, 7)) == 0  # claimed: not twice
    assert len(mail.outbox) == 1


def test_deadline_reminders_for_report_due_date(campaign, unit, other_unit, officer, other_officer):
    campaign.registration_deadline = None
    campaign.reminder_days_before = 3
    campaign.save()
    start, _end, due = campaign.reporting_periods()[0]
    ProgressReportFactory(campaign=campaign, unit=other_unit, period_start=start, state=S.SUBMITTED)
    mail.outbox.clear()
    assert services.deadline_reminders_send(today=due - dt.timedelta(days=2)) == 1
    assert mail.outbox[0].to == [officer.email]
    assert "báo cáo tiến độ" in mail.outbox[0].subject


def test_campaign_status_follows_dates_and_phases(campaign):
    from campaigns.models import CampaignPhase

    campaign.registration_deadline = dt.date(2024, 12, 31)
    assert campaign.status_on(dt.date(2024, 11, 1)) == "upcoming"
    assert campaign.status_on(dt.date(2024, 12, 1)) == "registration"
    assert campaign.status_on(dt.date(2025, 5, 1)) == "running"
    assert campaign.status_on(dt.date(2026, 1, 1)) == "ended"
    CampaignPhase.objects.create(campaign=campaign, kind="launch", name="Phát động", date=dt.date(2024, 11, 20))
    CampaignPhase.objects.create(campaign=campaign, kind="interim_review", name="Sơ kết 6 tháng", date=dt.date(2025, 7, 15))
    assert campaign.current_phase(dt.date(2025, 8, 1)).name == "Sơ kết 6 tháng"
    assert campaign.current_phase(dt.date(2024, 11, 1)) is None
