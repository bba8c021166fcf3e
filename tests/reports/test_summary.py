"""The periodic summary: claimed once per period, archived, mailed with its PDF, retried on failure."""

import pytest
from django.core import mail
from django.core.management import call_command
from django_celery_beat.models import PeriodicTask

from reports import services, tasks
from reports.enums import ReportKind, ReportStatus
from reports.models import ReportRecipient, ReportRun


@pytest.fixture
def recipients(leader, reviewer):
    leader.email, reviewer.email = "chutich@example.vn", "noivu@example.vn"
    leader.save(), reviewer.save()
    ReportRecipient.objects.create(user=reviewer, title="Phòng Nội vụ", display_order=20)
    ReportRecipient.objects.create(user=leader, title="Chủ tịch UBND quận", display_order=10)
    return ["chutich@example.vn", "noivu@example.vn"]


def test_summary_run_builds_archives_and_mails_with_pdf(world, recipients):
    run, built = services.summary_run(period="2025-Q4")
    assert built
    assert (run.kind, run.period, run.status, run.progress, run.scheduled) == (ReportKind.SUMMARY, "2025-Q4", ReportStatus.DONE, 100, True)
    assert run.pdf.read(5) == b"%PDF-"
    assert run.xlsx and run.recipients == recipients  # the chairman first
    [message] = mail.outbox
    assert message.to == recipients
    assert "quý IV năm 2025" in message.subject
    [(name, content, mimetype)] = message.attachments
    assert (name, mimetype) == ("bao-cao-summary-2025-q4.pdf", "application/pdf")
    assert content.startswith(b"%PDF-")


def test_running_the_same_period_twice_creates_no_duplicate_and_sends_once(world, recipients):
    first, built_first = services.summary_run(period="2025-Q4")
    second, built_second = services.summary_run(period="2025-q4")
    assert (built_first, built_second) == (True, False)
    assert first.pk == second.pk
    assert ReportRun.objects.filter(kind=ReportKind.SUMMARY, period="2025-Q4").count() == 1
    assert len(mail.outbox) == 1


def test_a_rerun_with_replace_rebuilds_the_same_row(world, recipients):
    first, _ = services.summary_run(period="2025-Q4", email=False)
    old_pdf = first.pdf.name
    again, built = services.summary_run(period="2025-Q4", replace=True, email=False)
    assert built and again.pk == first.pk and again.attempts == 2
    assert again.pdf.name != old_pdf
    assert not again.pdf.storage.exists(old_pdf)
    assert ReportRun.objects.count() == 1


def test_claim_is_refused_while_another_run_holds_the_period(db):
    run, claimed = services.report_claim(kind=ReportKind.SUMMARY, period="2025-11")
    again, claimed_again = services.report_claim(kind=ReportKind.SUMMARY, period="2025-11")
    assert claimed and not claimed_again and again.pk == run.pk and again.status == ReportStatus.RUNNING


def test_a_failed_run_keeps_its_error_and_can_be_claimed_again(world, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("Thiếu dữ liệu mẫu")

    monkeypatch.setattr("reports.generators.GENERATORS", {ReportKind.SUMMARY: broken})
    with pytest.raises(RuntimeError):
        services.summary_run(period="2025-Q4")
    run = ReportRun.objects.get()
    assert run.status == ReportStatus.FAILED and "Thiếu dữ liệu mẫu" in run.error
    monkeypatch.undo()
    again, built = services.summary_run(period="2025-Q4", email=False)
    assert built and again.pk == run.pk and again.status == ReportStatus.DONE and again.error == ""


def test_periodic_task_builds_last_week_and_skips_a_second_run(world, recipients):
    result = tasks.summary_periodic.apply(kwargs={"period": "2025-W47"}).get()
    again = tasks.summary_periodic.apply(kwargs={"period": "2025-W47"}).get()
    assert result["built"] and not again["built"] and result["run"] == again["run"]
    assert len(mail.outbox) == 1


def test_periodic_task_defaults_to_the_previous_week(db):
    tasks.summary_periodic.apply().get()
    assert ReportRun.objects.get().period.count("-W") == 1


def test_build_task_returns_when_the_run_is_gone(db):
    assert tasks.report_build_task.apply(args=[999999]).get() is None


def test_on_demand_request_is_built_by_the_task(world, reviewer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run = services.report_request(kind=ReportKind.AWARDS, by=reviewer, period="2025")
    assert run.status == ReportStatus.PENDING and len(callbacks) == 1
    tasks.report_build_task.apply(args=[run.pk]).get()
    run.refresh_from_db()
    assert run.status == ReportStatus.DONE and run.progress == 100 and run.pdf and run.xlsx and not run.scheduled


def test_setup_schedules_creates_the_weekly_summary(db):
    call_command("setup_schedules", stdout=__import__("io").StringIO())
    task = PeriodicTask.objects.get(task="reports.tasks.summary_periodic")
    assert (task.crontab.day_of_week, task.crontab.hour, task.crontab.minute) == ("1", "7", "0")


def test_a_failed_mail_is_sent_by_the_retry_without_rebuilding(world, recipients, monkeypatch):
    def smtp_down(self, *args, **kwargs):
        raise OSError("SMTP không trả lời")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", smtp_down)
    with pytest.raises(OSError):
        services.summary_run(period="2025-Q4")
    run = ReportRun.objects.get()
    assert run.status == ReportStatus.DONE and run.emailed_at is None
    monkeypatch.undo()
    again, built = services.summary_run(period="2025-Q4")
    assert not built and again.pk == run.pk and again.attempts == 1 and again.emailed_at is not None
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_claim_running_row_only_by_the_same_redelivered_task():
    from reports.services import report_claim

    run, claimed = report_claim(kind="summary", period="2025-Q4", task_id="task-a")
    assert claimed and run.status == "running"
    # Another task (a duplicate beat) must not take over a running build...
    assert report_claim(kind="summary", period="2025-Q4", task_id="task-b")[1] is False
    # ...but the broker redelivering task-a after its worker died may finish it.
    run, claimed = report_claim(kind="summary", period="2025-Q4", task_id="task-a")
    assert claimed and run.attempts == 2
