"""Write-side use cases of the campaigns app. Each function names the rows it writes and the side
effects it queues. Workflow states change only through ``workflow_transition``."""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from dosonthidua.identity import with_signature
from dosonthidua.uploads import as_stored, clean_filename
from units.enums import Role
from units.models import User
from units.services import notify

from . import rules as campaign_rules
from .enums import WorkflowState
from .models import (
    Campaign,
    Exemplar,
    ExemplarPhoto,
    ProgressAttachment,
    ProgressReport,
    ProgressValue,
    Registration,
    RegistrationEntry,
    RegistrationTarget,
    StateChange,
)

log = logging.getLogger(__name__)
S = WorkflowState


class WorkflowError(ValidationError):
    """A move that is not allowed now (wrong state, missing comment, past a blocking deadline)."""


# --- The one transition service ------------------------------------------------------------------

# (from, to) -> predicate(user, obj): the same table for registrations, progress reports and
# exemplar proposals. Officers submit their own unit's work; the advisory office accepts or returns it.
TRANSITIONS = {
    (S.DRAFT, S.SUBMITTED): campaign_rules.officer_of_object,
    (S.RETURNED, S.SUBMITTED): campaign_rules.officer_of_object,
    (S.SUBMITTED, S.ACCEPTED): campaign_rules.is_manager,
    (S.SUBMITTED, S.RETURNED): campaign_rules.is_manager,
}
_HISTORY_LINK = {Registration: "registration", ProgressReport: "report", Exemplar: "exemplar"}


def allowed_moves(*, obj, user):
    """States ``user`` may move ``obj`` to now (for buttons)."""
    return [to for (frm, to), predicate in TRANSITIONS.items() if frm == obj.state and predicate(user, obj)]


def _submission_lateness(obj, now):
    """(is_late, blocked) for a submission now, from the deadlines stored on the campaign/report."""
    today = timezone.localdate(now)
    if isinstance(obj, Registration):
        late = obj.campaign.registration_is_late(today)
        return late, late and not obj.campaign.late_registration_allowed
    if isinstance(obj, ProgressReport):
        return today > obj.due_date, False
    return False, False


@transaction.atomic
def workflow_transition(*, obj, to, by, comment=""):
    """Move a Registration, ProgressReport or Exemplar to state ``to``.

    Locks the row (select_for_update), checks the move against TRANSITIONS and the campaign's
    deadlines, saves the state fields with update_fields, writes one StateChange row, and on commit
    notifies the reviewers (on submit) or the unit's officers (on accept/return; in-portal + e-mail)."""
    model = type(obj)
    locked = model.objects.select_for_update().select_related("campaign", "unit").get(pk=obj.pk)
    frm = locked.state
    predicate = TRANSITIONS.get((frm, to))
    if predicate is None:
        raise WorkflowError(f"Không thể chuyển từ “{S(frm).label}” sang “{S(to).label}”.")
    if not predicate(by, locked):
        raise PermissionDenied
    comment = (comment or "").strip()
    now = timezone.now()
    fields = ["state", "updated_at"] if hasattr(locked, "updated_at") else ["state"]
    if to == S.RETURNED and not comment:
        raise WorkflowError("Hãy ghi ý kiến: đơn vị cần sửa gì trước khi gửi lại.")
    if to == S.SUBMITTED:
        late, blocked = _submission_lateness(locked, now)
        if blocked:
            raise WorkflowError(
                f"Đã quá hạn đăng ký ({locked.campaign.registration_deadline:%d/%m/%Y}); phong trào này không nhận đăng ký sau hạn."
            )
        locked.submitted_at = now
        fields.append("submitted_at")
        if hasattr(locked, "is_late"):
            locked.is_late = late
            fields.append("is_late")
    if to in (S.ACCEPTED, S.RETURNED):
        locked.decided_at = now
        locked.review_comment = comment
        fields += ["decided_at", "review_comment"]
    locked.state = to
    locked.save(update_fields=fields)
    StateChange.objects.create(**{_HISTORY_LINK[model]: locked}, from_state=frm, to_state=to, by=by, at=now, comment=comment)
    _notify_move(locked, to, comment)
    obj.__dict__.update({f: getattr(locked, f) for f in fields})
    return locked


def _detail_url(obj):
    if isinstance(obj, Registration):
        return reverse("campaigns:registration-detail", args=[obj.pk])
    if isinstance(obj, ProgressReport):
        return reverse("campaigns:report-detail", args=[obj.pk])
    return reverse("campaigns:exemplar-detail", args=[obj.pk])


def _what(obj):
    if isinstance(obj, Registration):
        return f"Đăng ký thi đua của {obj.unit} ({obj.campaign})"
    if isinstance(obj, ProgressReport):
        return f"Báo cáo tiến độ của {obj.unit} kỳ {obj.period_start:%d/%m/%Y}–{obj.period_end:%d/%m/%Y}"
    return f"Đề xuất “{obj.title}” của {obj.unit}"


def reviewers():
    return User.objects.filter(is_active=True, roles__contains=[Role.REVIEWER])


def unit_officers(unit_ids):
    return User.objects.filter(is_active=True, roles__contains=[Role.UNIT_OFFICER], unit_id__in=unit_ids)


def _notify_move(obj, to, comment):
    url = _detail_url(obj)
    if to == S.SUBMITTED:
        notify(users=list(reviewers()), subject=f"{_what(obj)} đã được gửi", text="Đề nghị xem xét.", url=url)
    elif to == S.ACCEPTED:
        notify(users=list(unit_officers([obj.unit_id])), subject=f"{_what(obj)} đã được chấp nhận", text=comment, url=url)
    elif to == S.RETURNED:
        notify(users=list(unit_officers([obj.unit_id])), subject=f"{_what(obj)} bị trả lại để sửa", text=comment, url=url)


# --- Campaigns -----------------------------------------------------------------------------------


@transaction.atomic
def campaign_save(*, form, formsets=(), by):
    """Save a campaign form with its many-to-many fields and inline formsets (phases, targets).
    Rows: Campaign, its M2M links, CampaignPhase and CampaignTarget rows."""
    campaign = form.save()
    for formset in formsets:
        formset.instance = campaign
        formset.save()
    log.info("campaign %s saved by %s", campaign.pk, by.pk)
    return campaign


# --- Registrations -------------------------------------------------------------------------------


@dataclass
class RegistrationInput:
    collective_award: object
    commitment: str
    entries: list  # [(person, award_kind)]
    targets: list  # [(target, value)]


def _require_editable(obj, by):
    if not by.has_perm("campaigns.change_own", obj):
        raise WorkflowError("Hồ sơ đã gửi hoặc đã được chấp nhận nên không sửa được nữa.")


@transaction.atomic
def registration_save(*, campaign, unit, data: RegistrationInput, by):
    """Create or update the unit's draft (or returned) registration for ``campaign``: replaces its
    entries and committed targets; refused for a unit not in force at any day of the campaign (a
    department that ended on 30/06/2025 does not register for 2026). Rows: Registration,
    RegistrationEntry, RegistrationTarget."""
    if not unit.in_force_during(campaign.start_date, campaign.end_date):
        raise WorkflowError(
            f"{unit.name} không có hiệu lực trong thời gian phong trào ({unit.validity_label}): đơn vị kế thừa đăng ký thay."
        )
    registration, created = Registration.objects.select_for_update().get_or_create(
        campaign=campaign, unit=unit, defaults={"created_by": by}
    )
    if not created:
        _require_editable(registration, by)
    registration.collective_award = data.collective_award
    registration.commitment = data.commitment
    registration.save(update_fields=["collective_award", "commitment", "updated_at"])
    registration.entries.all().delete()
    RegistrationEntry.objects.bulk_create([RegistrationEntry(registration=registration, person=p, award_kind=k) for p, k in data.entries])
    registration.targets.all().delete()
    RegistrationTarget.objects.bulk_create(
        [RegistrationTarget(registration=registration, target=t, value=v) for t, v in data.targets if v is not None]
    )
    return registration


def registration_submit(*, registration, by):
    """Submit (or resubmit) a registration; marks it late after the campaign's deadline, or refuses
    if the campaign blocks late registrations. See workflow_transition for rows and notices."""
    return workflow_transition(obj=registration, to=S.SUBMITTED, by=by)


def registration_accept(*, registration, by, comment=""):
    return workflow_transition(obj=registration, to=S.ACCEPTED, by=by, comment=comment)


def registration_return(*, registration, by, comment):
    return workflow_transition(obj=registration, to=S.RETURNED, by=by, comment=comment)


def registration_reminders_queue(*, campaign, by):
    """Queue the Celery task that e-mails every unit that has not submitted. Writes no rows, so it
    queues at once; returns False when the broker is down, so the reviewer is told, not misled."""
    from .tasks import registration_reminders_send

    try:
        registration_reminders_send.delay(campaign.pk)
    except Exception:  # broker down: the view says so; the reviewer can press again later
        log.warning("Broker unavailable; registration reminders for campaign %s not queued", campaign.pk)
        return False
    return True


def registration_reminders_send(*, campaign):
    """Send a reminder to the unit officers of every participating unit that has not submitted its
    registration: one in-portal Notification each (no second e-mail) and one e-mail each, sent here.
    Returns the number of e-mails sent."""
    from .selectors import units_without_submission

    units = list(units_without_submission(campaign))
    officers = list(unit_officers([u.pk for u in units]).select_related("unit"))
    url = reverse("campaigns:registration-edit", args=[campaign.pk])
    deadline = f" trước ngày {campaign.registration_deadline:%d/%m/%Y}" if campaign.registration_deadline else ""
    subject = f"Nhắc đăng ký thi đua: {campaign.name}"[:255]
    notify(users=officers, subject=subject, text=f"Đơn vị chưa gửi đăng ký thi đua. Đề nghị hoàn thành{deadline}.", url=url, email=False)
    sent = 0
    for officer in officers:
        if not officer.email:
            continue
        body = (
            f"Kính gửi {officer.display_name} ({officer.unit}),\n\n"
            f"Đơn vị chưa gửi đăng ký thi đua cho “{campaign.name}”. Đề nghị hoàn thành{deadline}.\n\n"
            f"{settings.PORTAL_BASE_URL}{url}"
        )
        send_mail(subject, with_signature(body), settings.DEFAULT_FROM_EMAIL, [officer.email])
        sent += 1
    return sent


def _send_reminder_mails(*, officers, subject, text, url):
    """In-portal notices (no second mail) plus one mail per officer with an address; returns count."""
    notify(users=officers, subject=subject[:255], text=text, url=url, email=False)
    sent = 0
    for officer in officers:
        if officer.email:
            body = f"Kính gửi {officer.display_name} ({officer.unit}),\n\n{text}\n\n{settings.PORTAL_BASE_URL}{url}"
            send_mail(subject[:255], with_signature(body), settings.DEFAULT_FROM_EMAIL, [officer.email])
            sent += 1
    return sent


def deadline_reminders_send(*, today=None):
    """Daily: remind officers of units that have not submitted, ``reminder_days_before`` days (a
    number on each campaign) before the registration deadline and before each report's due date.
    Each round is claimed with a ReminderLog row (unique per campaign, kind, deadline) so a second
    run the same day sends nothing. Rows: ReminderLog, Notification; mail sent here."""
    from datetime import timedelta

    from django.db import IntegrityError

    from .models import ReminderLog
    from .selectors import participating_units, units_without_submission

    today = today or timezone.localdate()
    total = 0
    for campaign in Campaign.objects.filter(end_date__gte=today - timedelta(days=60), start_date__lte=today):
        window = timedelta(days=campaign.reminder_days_before)
        rounds = []
        deadline = campaign.registration_deadline
        if deadline and today <= deadline <= today + window:
            rounds.append((ReminderLog.REGISTRATION, deadline, units_without_submission(campaign)))
        for start, end, due in campaign.reporting_periods():
            if today <= due <= today + window:
                reported = ProgressReport.objects.filter(campaign=campaign, period_start=start, state__in=[S.SUBMITTED, S.ACCEPTED]).values(
                    "unit_id"
                )
                rounds.append((ReminderLog.REPORT, due, participating_units(campaign, start=start, end=end).exclude(pk__in=reported)))
        for kind, due, units in rounds:
            try:
                with transaction.atomic():
                    log_row = ReminderLog.objects.create(campaign=campaign, kind=kind, due_date=due)
            except IntegrityError:
                continue  # already sent for this deadline
            officers = list(unit_officers(units.values("pk")).select_related("unit"))
            what = "đăng ký thi đua" if kind == ReminderLog.REGISTRATION else "báo cáo tiến độ"
            url = reverse(
                "campaigns:registration-edit" if kind == ReminderLog.REGISTRATION else "campaigns:report-create", args=[campaign.pk]
            )
            text = f"Hạn gửi {what} cho “{campaign.name}” là {due:%d/%m/%Y}; đơn vị chưa gửi."
            sent = _send_reminder_mails(officers=officers, subject=f"Sắp đến hạn {what}: {campaign.name}", text=text, url=url)
            ReminderLog.objects.filter(pk=log_row.pk).update(recipients=sent)
            total += sent
    return total


# --- Progress reports ----------------------------------------------------------------------------


@transaction.atomic
def report_save(*, report, values, files, by):
    """Create or update a draft (or returned) progress report with its achieved values and new
    attachments (already checked with validate_upload). All or nothing.
    Rows: ProgressReport, ProgressValue, ProgressAttachment (files written under MEDIA_ROOT)."""
    if report.pk:
        _require_editable(report, by)
    else:
        report.created_by = by
    report.save()
    for target, value in values:
        if value is None:
            ProgressValue.objects.filter(report=report, target=target).delete()
        else:
            ProgressValue.objects.update_or_create(report=report, target=target, defaults={"value": value})
    for uploaded, kind in files:
        ProgressAttachment.objects.create(
            report=report,
            file=as_stored(uploaded, kind),
            original_name=clean_filename(uploaded.name),
            kind=kind,
            size=uploaded.size,
            uploaded_by=by,
        )
    return report


def report_submit(*, report, by):
    return workflow_transition(obj=report, to=S.SUBMITTED, by=by)


# --- Exemplars -----------------------------------------------------------------------------------


@transaction.atomic
def exemplar_save(*, exemplar, photos, by):
    """Create or update a draft (or returned) exemplar proposal with new photos (already checked).
    Rows: Exemplar, ExemplarPhoto (files under MEDIA_ROOT)."""
    if exemplar.pk:
        _require_editable(exemplar, by)
    else:
        exemplar.created_by = by
    exemplar.save()
    for uploaded, kind in photos:
        ExemplarPhoto.objects.create(
            exemplar=exemplar, file=as_stored(uploaded, kind), original_name=clean_filename(uploaded.name), kind=kind
        )
    return exemplar


__all__ = ["Campaign", "RegistrationInput", "WorkflowError", "workflow_transition"]


def exemplar_publication_save(*, exemplar, public_text, withdrawn, by):
    """Write the public page of an accepted exemplar: the article shown instead of the unit's
    description, and whether the page is taken down. Saves the four publication fields only (the
    unit's proposal and its review stay as they were); refuses a user without
    campaigns.publish_exemplar (the propaganda office or the advisory office) or an exemplar not accepted."""
    if not by.has_perm("campaigns.publish_exemplar", exemplar):
        raise PermissionDenied
    exemplar.public_text = public_text.strip()
    exemplar.public_withdrawn = bool(withdrawn)
    exemplar.public_edited_at = timezone.now()
    exemplar.public_edited_by = by
    exemplar.save(update_fields=["public_text", "public_withdrawn", "public_edited_at", "public_edited_by"])
    return exemplar
