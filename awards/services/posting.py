import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from units.services import notify

from ..enums import NominationState as S
from ..selectors import reviewers

# --- Issue 5: public posting ---------------------------------------------------------------------

# Objections accepted from one IP address per hour (spam protection, with the form's honeypot).
OBJECTION_LIMIT = 5
OBJECTION_WINDOW = dt.timedelta(hours=1)


class ProcedureError(Exception):
    """A refused step of posting, council or decision work; the message is for the user."""


def _require_perm(user, perm):
    if not user.has_perm(perm):
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này.")


def notice_publish(*, title, nominations, start_date, by, working_days=None, backdate_reason="", today=None):
    """Publish a list of proposed awards for ``working_days`` working days from ``start_date`` (default:
    the longest posting period of the kinds on the list). A start date already past is refused unless
    ``backdate_reason`` states why (it is printed on the list), so posting cannot be skipped by
    back-dating. Each nomination's fingerprint is kept, so a later change asks for a new posting.
    Rows: PublicNotice and its nominations."""
    from ..models import PublicNotice
    from ..selectors import nomination_fingerprint
    from ..workdays import posting_end

    _require_perm(by, "awards.manage_posting")
    nominations = list(nominations)
    if not nominations:
        raise ProcedureError("Chọn ít nhất một đề nghị để công khai.")
    wrong = [n.nominee_name for n in nominations if n.state not in (S.VERIFIED, S.WITH_COUNCIL)]
    if wrong:
        raise ProcedureError("Chỉ công khai đề nghị đã thẩm định: " + ", ".join(wrong))
    today = today or timezone.localdate()
    backdate_reason = (backdate_reason or "").strip()
    if start_date < today and not backdate_reason:
        raise ProcedureError(
            f"Ngày bắt đầu công khai {start_date:%d/%m/%Y} đã qua: hãy chọn từ hôm nay ({today:%d/%m/%Y}) "
            "hoặc ghi rõ lý do công khai từ ngày đã qua (lý do được in trên danh sách)."
        )
    if start_date >= today:
        backdate_reason = ""
    days = working_days or max(n.award_kind.posting_days for n in nominations)
    with transaction.atomic():
        notice = PublicNotice.objects.create(
            title=title,
            start_date=start_date,
            working_days=days,
            end_date=posting_end(start_date, days),
            backdate_reason=backdate_reason,
            fingerprints={str(n.pk): nomination_fingerprint(n) for n in nominations},
            created_by=by,
        )
        notice.nominations.set(nominations)
    return notice


def objection_submit(*, notice, name, contact, content, ip_address, nomination=None, honeypot=""):
    """Record an objection from the public on an open list. A filled honeypot field means a robot: the
    objection is dropped silently (None). More than OBJECTION_LIMIT from one IP address within
    OBJECTION_WINDOW is refused. Rows: Objection; reviewers notified."""
    from ..models import Objection

    if honeypot:
        return None
    today = timezone.localdate()
    if not notice.is_open_on(today):
        raise ProcedureError("Danh sách này không còn trong thời gian công khai.")
    if nomination is not None and not notice.nominations.filter(pk=nomination.pk).exists():
        raise ProcedureError("Đề nghị không thuộc danh sách này.")
    recent = Objection.objects.filter(ip_address=ip_address, created_at__gte=timezone.now() - OBJECTION_WINDOW).count()
    if ip_address and recent >= OBJECTION_LIMIT:
        raise ProcedureError("Bạn đã gửi quá nhiều ý kiến trong thời gian ngắn. Vui lòng thử lại sau một giờ.")
    objection = Objection.objects.create(
        notice=notice, nomination=nomination, name=name, contact=contact, content=content, ip_address=ip_address
    )
    notify(
        users=list(reviewers()),
        subject=f"Ý kiến góp ý mới về danh sách “{notice.title}”",
        text=content[:500],
        url=reverse("awards:notice-detail", args=[notice.pk]),
    )
    return objection


def objection_answer(*, objection, answer, by):
    """Answer an objection (needed before the council votes on the list). Rows: Objection."""
    _require_perm(by, "awards.manage_posting")
    answer = (answer or "").strip()
    if not answer:
        raise ProcedureError("Hãy nhập nội dung trả lời.")
    objection.answer, objection.answered_by, objection.answered_at = answer, by, timezone.now()
    objection.save(update_fields=["answer", "answered_by", "answered_at"])
    return objection
