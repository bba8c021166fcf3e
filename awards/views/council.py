from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from dosonthidua.downloads import download_name
from dosonthidua.pdf import pdf_response, render_pdf

from .. import documents, selectors, services
from ..enums import MeetingState, VoteMode
from ..forms import (
    AgendaRemoveForm,
    MeetingForm,
    MeetingTimesForm,
)
from ..models import AgendaItem
from ..services import ProcedureError
from .procedure_base import _require

# --- Council meetings ----------------------------------------------------------------------------


@login_required
def meeting_list(request):
    _require(request.user, "awards.view_council")
    return render(
        request,
        "awards/meeting/list.html",
        {
            "meetings": selectors.meetings_list(),
            "can_manage": request.user.has_perm("awards.manage_council"),
            "awaiting": selectors.meetings_awaiting_vote(request.user),
        },
    )


@login_required
def meeting_create(request):
    _require(request.user, "awards.manage_council")
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        council = selectors.council_on(data["date"])
        try:
            if council is None:
                raise ProcedureError("Chưa cấu hình Hội đồng Thi đua – Khen thưởng vào ngày họp.")
            meeting = services.meeting_create(council=council, by=request.user, **data)
        except ProcedureError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("awards:meeting-detail", meeting.pk)
    return render(request, "awards/procedure/form.html", {"form": form, "title": "Phiên họp Hội đồng Thi đua – Khen thưởng"})


@login_required
def meeting_detail(request, pk):
    _require(request.user, "awards.view_council")
    meeting = selectors.meeting_detail(pk)
    items = list(selectors.meeting_items(meeting))
    # Only an item never posted needs its procedure track (a track may skip the posting).
    tracks = selectors.procedure_tracks() if any(not item.nomination.notices.all() for item in items) else []
    for item in items:
        item.blockers = selectors.posting_blockers(item.nomination, tracks=tracks)
    attendance = list(selectors.meeting_attendance(meeting))
    me = next((a for a in attendance if a.member.user_id == request.user.pk), None)  # member_of_meeting, from the list
    can_vote = (
        meeting.state == MeetingState.VOTING
        and meeting.vote_mode == VoteMode.ONLINE
        and me is not None
        and me.present
        and request.user.has_perm("awards.vote")
    )
    has_voted = can_vote and meeting.items.filter(casts__member=me.member).exists()
    can_manage = request.user.has_perm("awards.manage_council")
    return render(
        request,
        "awards/meeting/detail.html",
        {
            "meeting": meeting,
            "attendance": attendance,
            "items": items,
            "quorum": services.meeting_quorum(meeting),
            "can_manage": can_manage,
            "can_vote": can_vote and not has_voted,
            "has_voted": has_voted,
            "candidates": selectors.nominations_for_agenda() if can_manage and meeting.state == MeetingState.PREPARING else [],
            "voted_count": meeting.items.first().casts.count() if items else 0,
            "removals": meeting.removals.select_related("nomination", "by"),
            "remove_form": AgendaRemoveForm(),
            "times_form": MeetingTimesForm(initial={"start_time": meeting.start_time, "end_time": meeting.end_time}),
        },
    )


def _meeting_action(request, pk, action):
    meeting = selectors.meeting_detail(pk)
    try:
        action(meeting)
    except ProcedureError as exc:
        messages.error(request, str(exc))
    return redirect("awards:meeting-detail", meeting.pk)


@login_required
@require_POST
def meeting_attendance(request, pk):
    return _meeting_action(
        request,
        pk,
        lambda m: services.meeting_attendance_set(meeting=m, present_member_ids=request.POST.getlist("present"), by=request.user),
    )


@login_required
@require_POST
def meeting_agenda(request, pk):
    def add(meeting):
        ids = [int(i) for i in request.POST.getlist("nominations") if i.isdigit()]
        services.meeting_agenda_add(meeting=meeting, nominations=selectors.nominations_for_agenda().filter(pk__in=ids), by=request.user)

    return _meeting_action(request, pk, add)


@login_required
@require_POST
def meeting_agenda_remove(request, pk, item_pk):
    _require(request.user, "awards.manage_council")

    def remove(meeting):
        item = get_object_or_404(AgendaItem.objects.select_related("nomination"), pk=item_pk, meeting=meeting)
        form = AgendaRemoveForm(request.POST)
        if not form.is_valid():
            raise ProcedureError("Hãy ghi lý do rút đề nghị khỏi chương trình họp.")
        services.meeting_agenda_remove(meeting=meeting, item=item, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, f"Đã rút “{item.nomination.nominee_name}” khỏi chương trình họp.")

    return _meeting_action(request, pk, remove)


@login_required
@require_POST
def meeting_times(request, pk):
    _require(request.user, "awards.manage_council")

    def save(meeting):
        form = MeetingTimesForm(request.POST)
        if not form.is_valid():
            raise ProcedureError("Giờ không hợp lệ (định dạng hh:mm).")
        services.meeting_times_set(meeting=meeting, by=request.user, **form.cleaned_data)
        messages.success(request, "Đã lưu giờ bắt đầu, kết thúc phiên họp.")

    return _meeting_action(request, pk, save)


@login_required
@require_POST
def meeting_open(request, pk):
    return _meeting_action(request, pk, lambda m: services.meeting_open_voting(meeting=m, by=request.user))


@login_required
@require_POST
def meeting_vote(request, pk):
    def vote(meeting):
        choices = {item.pk: request.POST.get(f"item-{item.pk}", "") for item in meeting.items.all()}
        services.ballot_cast(meeting=meeting, by=request.user, choices=choices)
        messages.success(request, "Đã ghi nhận phiếu của bạn.")

    return _meeting_action(request, pk, vote)


def _posted_tallies(request, meeting, *, yes, no):
    """The (for, against) counts posted per agenda item as ``<yes>-<pk>`` / ``<no>-<pk>`` (absent: 0)."""
    tallies = {}
    for item in AgendaItem.objects.filter(meeting=meeting):
        try:
            tallies[item.pk] = (int(request.POST.get(f"{yes}-{item.pk}", "0")), int(request.POST.get(f"{no}-{item.pk}", "0")))
        except ValueError as exc:
            raise ProcedureError("Số phiếu phải là số nguyên.") from exc
    return tallies


@login_required
@require_POST
def meeting_tally(request, pk):
    def tally(meeting):
        tallies = _posted_tallies(request, meeting, yes="yes", no="no")
        services.meeting_tally_enter(meeting=meeting, tallies=tallies, by=request.user)
        messages.success(request, "Đã lưu kết quả kiểm phiếu.")

    return _meeting_action(request, pk, tally)


@login_required
@require_POST
def meeting_written(request, pk):
    def written(meeting):
        tallies = _posted_tallies(request, meeting, yes="wyes", no="wno")
        services.meeting_written_votes_enter(meeting=meeting, tallies=tallies, by=request.user)
        messages.success(request, "Đã lưu phiếu bằng văn bản của thành viên vắng mặt.")

    return _meeting_action(request, pk, written)


@login_required
@require_POST
def meeting_close(request, pk):
    return _meeting_action(
        request, pk, lambda m: services.meeting_close(meeting=m, by=request.user, conclusion=request.POST.get("conclusion", "").strip())
    )


@login_required
def meeting_pdf(request, pk, kind):
    _require(request.user, "awards.view_council")
    meeting = selectors.meeting_detail(pk)
    if kind == "phieu":
        data = render_pdf("awards/documents/ballots.html", documents.ballots_context(meeting))
        return pdf_response(data, download_name("Phiếu biểu quyết", f"{meeting.date:%d-%m-%Y}", ext="pdf"))
    full = kind == "ho-so"
    data = render_pdf("awards/documents/minutes.html", documents.meeting_context(meeting, full=full))
    return pdf_response(data, download_name("Hồ sơ phiên họp" if full else "Biên bản họp Hội đồng", f"{meeting.date:%d-%m-%Y}", ext="pdf"))
