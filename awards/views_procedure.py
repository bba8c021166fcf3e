"""Views of public posting, council meetings, decisions and upward proposals (issue 5)."""

from csp.decorators import csp_update
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from dosonthidua.documents import vn_number
from dosonthidua.downloads import download_name, download_response
from dosonthidua.identity import identity_on
from dosonthidua.pdf import pdf_response, render_pdf
from dosonthidua.views import paginate, querystring_without_page

from . import documents, pades, selectors, services, signatures
from . import rules as award_rules
from .enums import DecisionState, MeetingState, VoteMode
from .forms import (
    AgendaRemoveForm,
    AnswerForm,
    DecisionEditForm,
    DecisionForm,
    DecisionReturnForm,
    MeetingForm,
    MeetingTimesForm,
    NoticeForm,
    ObjectionForm,
    ProposalForm,
    SignatureCheckForm,
    SignForm,
    UpwardResultForm,
)
from .models import AgendaItem, Decision, Objection, PublicNotice, SignedDocument, UpwardItem, UpwardProposal
from .services import ProcedureError


def _require(user, perm):
    if not user.has_perm(perm):
        raise PermissionDenied


def _client_ip(request):
    return request.META.get("REMOTE_ADDR") or None


# --- Public posting ------------------------------------------------------------------------------


@login_required
def notice_list(request):
    _require(request.user, "awards.view_council")
    return render(
        request,
        "awards/notice/list.html",
        {"notices": selectors.notices_list(), "can_manage": request.user.has_perm("awards.manage_posting")},
    )


@login_required
def notice_create(request):
    _require(request.user, "awards.manage_posting")
    form = NoticeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            notice = services.notice_publish(
                title=data["title"],
                nominations=data["nominations"],
                start_date=data["start_date"],
                working_days=data["working_days"],
                backdate_reason=data["backdate_reason"],
                by=request.user,
            )
        except ProcedureError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Đã công khai danh sách đến hết ngày {notice.end_date:%d/%m/%Y}.")
            return redirect("awards:notice-detail", notice.pk)
    return render(request, "awards/procedure/form.html", {"form": form, "title": "Công khai danh sách đề nghị khen thưởng"})


@login_required
def notice_detail(request, pk):
    _require(request.user, "awards.view_council")
    notice = get_object_or_404(PublicNotice, pk=pk)
    return render(
        request,
        "awards/notice/detail.html",
        {
            "notice": notice,
            "nominations": selectors.notice_nominations(notice),
            "objections": notice.objections.select_related("nomination", "answered_by"),
            "can_manage": request.user.has_perm("awards.manage_posting"),
            "answer_form": AnswerForm(),
        },
    )


@login_required
@require_POST
def objection_answer(request, pk):
    _require(request.user, "awards.manage_posting")
    objection = get_object_or_404(Objection, pk=pk)
    form = AnswerForm(request.POST)
    try:
        services.objection_answer(objection=objection, answer=form.data.get("answer", ""), by=request.user)
        messages.success(request, "Đã trả lời ý kiến.")
    except ProcedureError as exc:
        messages.error(request, str(exc))
    return redirect("awards:notice-detail", objection.notice_id)


def public_notices(request):
    return render(request, "awards/public/list.html", {"notices": selectors.notices_open()})


def public_notice(request, pk):
    notice = get_object_or_404(selectors.notices_open(), pk=pk)
    form = ObjectionForm(request.POST or None, notice=notice)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.objection_submit(
                notice=notice,
                nomination=data["nomination"],
                name=data["name"],
                contact=data["contact"],
                content=data["content"],
                ip_address=_client_ip(request),
                honeypot=data["website"],
            )
        except ProcedureError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Cảm ơn ông/bà đã góp ý. {identity_on().office} sẽ xem xét và trả lời.")
            return redirect("awards:public-notice", notice.pk)
    return render(
        request,
        "awards/public/detail.html",
        {
            "notice": notice,
            "nominations": selectors.notice_nominations(notice),
            "answered": notice.objections.filter(answered_at__isnull=False),
            "form": form,
        },
    )


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


# --- Decisions -----------------------------------------------------------------------------------


@login_required
def decision_list(request):
    _require(request.user, "awards.open_unit_decisions")
    decisions = selectors.decisions_list().filter(pk__in=selectors.decisions_visible_to(request.user).values("pk"))
    return render(
        request,
        "awards/decision/list.html",
        {"decisions": decisions, "can_draft": request.user.has_perm("awards.draft_decision")},
    )


@login_required
def decision_create(request):
    _require(request.user, "awards.draft_decision")
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            decision = services.decision_draft(
                nominations=data["nominations"],
                date=data["date"],
                subject=data["subject"],
                achievement_phrase=data["achievement_phrase"],
                grounds=data["grounds"],
                signer=data["signer"],
                proposal_number=data["proposal_number"],
                proposal_date=data["proposal_date"],
                by=request.user,
            )
        except ProcedureError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("awards:decision-detail", decision.pk)
    return render(request, "awards/procedure/form.html", {"form": form, "title": "Dự thảo quyết định khen thưởng"})


def _visible_decision(request, pk):
    _require(request.user, "awards.open_unit_decisions")
    return get_object_or_404(selectors.decisions_visible_to(request.user), pk=pk)


@login_required
def decision_detail(request, pk):
    decision = _visible_decision(request, pk)
    items = list(selectors.decision_items_visible_to(request.user, decision))
    for item in items:
        item.amount_text = vn_number(item.amount)
    return render(
        request,
        "awards/decision/detail.html",
        {
            "decision": decision,
            "items": items,
            "total": vn_number(decision.total_amount),
            "base_salary": vn_number(decision.base_salary),
            "can_approve": award_rules.can_move_decision(request.user, decision, DecisionState.APPROVED),
            "can_return": award_rules.can_move_decision(request.user, decision, DecisionState.RETURNED),
            "can_resubmit": award_rules.can_move_decision(request.user, decision, DecisionState.DRAFT),
            "can_issue": award_rules.can_move_decision(request.user, decision, DecisionState.ISSUED),
            "can_publish": decision.state == DecisionState.ISSUED and request.user.has_perm("awards.publish_decision"),
            "can_edit": decision.is_editable and request.user.has_perm("awards.draft_decision"),
            "can_discard": decision.state != DecisionState.ISSUED
            and (request.user.has_perm("awards.draft_decision") or request.user.has_perm("awards.approve_decision")),
            "is_staff_view": request.user.has_perm("awards.view_decisions"),
            "fund": _fund_box(request.user, decision),
            **_signature_context(request.user, decision),
            "answer_packages": selectors.packages_answered_by(decision) if request.user.has_perm("awards.view_decisions") else [],
            "return_form": DecisionReturnForm(),
            "transitions": decision.transitions.select_related("by"),
            "history": decision.history.select_related("history_user").order_by("-history_date")[:20],
        },
    )


def _fund_box(user, decision):
    """What the decision spends from the reward fund and the balance before and after it, for the
    people who read the fund (the unit's officers see the decision, not the fund)."""
    from . import fund

    if not user.has_perm("awards.view_fund"):
        return None
    f = fund.fund_forecast(decision)
    return {
        "forecast": f,
        "spend": vn_number(f.spend),
        "before": vn_number(f.balance_before),
        "after": vn_number(f.balance_after),
        "url": reverse("awards:fund-detail", args=[decision.issuing_body_id, f.year]),
    }


@login_required
@require_POST
def decision_approve(request, pk):
    _require(request.user, "awards.approve_decision")
    decision = selectors.decision_detail(pk)
    try:
        approved = services.decision_approve(decision=decision, by=request.user)
        messages.success(request, "Đã duyệt dự thảo quyết định.")
        if approved.fund_warning:
            messages.warning(request, approved.fund_warning)
    except ProcedureError as exc:
        messages.error(request, str(exc))
    return redirect("awards:decision-detail", pk)


@login_required
@require_POST
def decision_return(request, pk):
    _require(request.user, "awards.approve_decision")
    decision = selectors.decision_detail(pk)
    form = DecisionReturnForm(request.POST)
    try:
        if not form.is_valid():
            raise ProcedureError("Hãy ghi rõ nội dung cần sửa khi trả lại dự thảo.")
        services.decision_return(decision=decision, by=request.user, comment=form.cleaned_data["comment"])
        messages.success(request, f"Đã trả lại dự thảo cho {identity_on(decision.date).office}.")
    except ProcedureError as exc:
        messages.error(request, str(exc))
    return redirect("awards:decision-detail", pk)


@login_required
@require_POST
def decision_resubmit(request, pk):
    _require(request.user, "awards.draft_decision")
    decision = selectors.decision_detail(pk)
    try:
        services.decision_resubmit(decision=decision, by=request.user, comment=request.POST.get("comment", ""))
        messages.success(request, "Đã gửi lại dự thảo để lãnh đạo duyệt.")
    except ProcedureError as exc:
        messages.error(request, str(exc))
    return redirect("awards:decision-detail", pk)


def _edit_form(request, decision, data=None):
    items = list(selectors.decision_items(decision))
    return DecisionEditForm(data, instance=decision, items=items)


@login_required
def decision_edit(request, pk):
    _require(request.user, "awards.draft_decision")
    decision = selectors.decision_detail(pk)
    if not decision.is_editable:
        messages.error(request, "Chỉ sửa được dự thảo chưa duyệt hoặc đã bị trả lại.")
        return redirect("awards:decision-detail", pk)
    form = _edit_form(request, decision, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_update(decision=decision, by=request.user, changes=form.changes(), item_order=form.item_order())
        except ProcedureError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Đã lưu dự thảo.")
            return redirect("awards:decision-edit", pk)
    last_return = decision.transitions.filter(to_state=DecisionState.RETURNED).order_by("-at", "-id").first()
    return render(
        request,
        "awards/decision/edit.html",
        {
            "decision": decision,
            "form": form,
            "last_return": last_return if decision.state == DecisionState.RETURNED else None,
            "fund": _fund_box(request.user, decision),
        },
    )


@login_required
@xframe_options_sameorigin
@csp_update({"frame-ancestors": ["'self'"]})
def decision_preview(request, pk):
    """The draft as PDF, with the edit form's unsaved values on POST (shown in the edit page's frame)."""
    _require(request.user, "awards.draft_decision")
    decision = selectors.decision_detail(pk)
    if request.method == "POST":
        if not decision.is_editable:
            raise PermissionDenied
        form = _edit_form(request, decision, request.POST)
        if form.is_valid():
            decision = form.save(commit=False)  # never saved: a preview only
            order = {pk: index for index, pk in enumerate(form.item_order(), start=1)}
            data = render_pdf("awards/documents/decision.html", documents.decision_context(decision, item_order=order))
        else:
            errors = "; ".join(
                f"{form.fields[name].label if name in form.fields else ''}: {' '.join(e)}" for name, e in form.errors.items()
            )
            return HttpResponse(f"Chưa xem trước được: {errors}", content_type="text/plain; charset=utf-8", status=400)
    else:
        data = render_pdf("awards/documents/decision.html", documents.decision_context(decision))
    return pdf_response(data, _decision_filename(decision, "pdf"))


@login_required
@require_POST
def decision_discard(request, pk):
    decision = selectors.decision_detail(pk)
    try:
        services.decision_discard(decision=decision, by=request.user)
    except ProcedureError as exc:
        messages.error(request, str(exc))
        return redirect("awards:decision-detail", pk)
    messages.success(request, "Đã hủy dự thảo quyết định; các đề nghị có thể đưa vào dự thảo mới.")
    return redirect("awards:decision-list")


@login_required
@require_POST
def decision_issue(request, pk):
    _require(request.user, "awards.issue_decision")
    decision = selectors.decision_detail(pk)
    try:
        decision = services.decision_issue(decision=decision, by=request.user)
        messages.success(request, f"Đã ban hành Quyết định số {decision.number}.")
    except ProcedureError as exc:
        messages.error(request, str(exc))
    return redirect("awards:decision-detail", pk)


@login_required
def decision_pdf(request, pk):
    decision = _visible_decision(request, pk)
    signed = _signed_copy(decision)
    if signed is not None:  # once signed, the download is the signed file (the original stays stored)
        return pdf_response(signed, _decision_filename(decision, "pdf"))
    return pdf_response(_decision_pdf_bytes(decision), _decision_filename(decision, "pdf"))


def _decision_pdf_bytes(decision):
    return render_pdf("awards/documents/decision.html", documents.decision_context(decision))


def _proposal_pdf_bytes(proposal):
    context = documents.proposal_context(proposal)
    context["paragraphs"] = documents.proposal_paragraphs(context)
    return render_pdf("awards/documents/proposal.html", context)


def _signature_context(user, document):
    """The signed copy's row (one query, with the certificate's signer) and whether "Ký số" shows."""
    field = "decision" if isinstance(document, Decision) else "proposal"
    signed = SignedDocument.objects.filter(**{field: document}).select_related("certificate__signer").first()
    return {"signed_document": signed, "can_sign": signed is None and signatures.can_sign(user, document)}


def _signed_copy(document):
    """The signed PDF's bytes when ``document`` has been signed, else None."""
    record = SignedDocument.objects.filter(**{"decision" if isinstance(document, Decision) else "proposal": document}).first()
    if record is None:
        return None
    with record.signed.open("rb") as handle:
        return handle.read()


def _sign_page(request, document, *, pdf_bytes, back):
    """GET: the signer's certificate and the passphrase form; POST: sign, back to the document."""
    if not signatures.can_sign(request.user, document):
        raise PermissionDenied
    certificate = signatures.active_certificate(document.signer_id)
    form = SignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            signatures.document_sign(
                document=document, pdf=pdf_bytes(document), passphrase=form.cleaned_data["passphrase"], by=request.user, request=request
            )
        except signatures.SigningError as exc:
            form.add_error("passphrase" if "mật khẩu" in str(exc) else None, str(exc))
        else:
            messages.success(request, f"Đã ký số {document}. Tệp tải về từ nay là bản đã ký số.")
            return redirect(back)
    return render(request, "awards/signature/sign.html", {"document": document, "certificate": certificate, "form": form, "back": back})


@login_required
def decision_sign(request, pk):
    decision = _visible_decision(request, pk)
    return _sign_page(request, decision, pdf_bytes=_decision_pdf_bytes, back=reverse("awards:decision-detail", args=[pk]))


def _decision_filename(decision, ext):
    """'Quyết-định-01-QĐ-UBND.pdf'; a draft: 'Dự-thảo-quyết-định-12.pdf'."""
    if decision.number:
        return download_name("Quyết định", decision.number, ext=ext)
    return download_name("Dự thảo quyết định", decision.pk, ext=ext)


@login_required
def decision_docx(request, pk):
    _require(request.user, "awards.view_decisions")
    decision = selectors.decision_detail(pk)
    return download_response(documents.decision_docx(decision), _decision_filename(decision, "docx"), content_type=documents.DOCX_TYPE)


@login_required
def decision_certificates(request, pk):
    decision = _visible_decision(request, pk)
    if decision.state != DecisionState.ISSUED:
        messages.error(request, "Chỉ in Giấy khen khi quyết định đã ban hành (có số).")
        return redirect("awards:decision-detail", pk)
    # An officer gets only the certificates of the unit's own people and collectives.
    items = selectors.decision_items_visible_to(request.user, decision)
    data = render_pdf("awards/documents/certificates.html", documents.certificates_context(decision, items=items))
    return pdf_response(data, download_name("Giấy khen", decision.number, ext="pdf"))


# --- Upward proposals ----------------------------------------------------------------------------


@login_required
def proposal_list(request):
    _require(request.user, "awards.view_decisions")
    return render(
        request,
        "awards/proposal/list.html",
        {"proposals": selectors.proposals_list(), "can_manage": request.user.has_perm("awards.manage_proposals")},
    )


@login_required
def proposal_create(request):
    _require(request.user, "awards.manage_proposals")
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.proposal_create(by=request.user, **form.cleaned_data)
        except ProcedureError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("awards:proposal-detail", proposal.pk)
    return render(request, "awards/procedure/form.html", {"form": form, "title": "Tờ trình đề nghị cấp trên khen thưởng"})


@login_required
def proposal_detail(request, pk):
    _require(request.user, "awards.view_decisions")

    proposal = get_object_or_404(UpwardProposal.objects.select_related("issuing_body", "signer"), pk=pk)
    return render(
        request,
        "awards/proposal/detail.html",
        {
            "proposal": proposal,
            "items": selectors.proposal_items(proposal),
            "can_manage": request.user.has_perm("awards.manage_proposals"),
            **_signature_context(request.user, proposal),
            "result_form": UpwardResultForm(),
        },
    )


@login_required
@require_POST
def proposal_result(request, pk):
    _require(request.user, "awards.manage_proposals")
    item = get_object_or_404(
        UpwardItem.objects.select_related("proposal", "nomination", "nomination__award_kind", "nomination__unit"), pk=pk
    )
    form = UpwardResultForm(request.POST)
    if form.is_valid():
        services.proposal_record_result(item=item, by=request.user, **form.cleaned_data)
        messages.success(request, "Đã ghi nhận kết quả.")
    else:
        messages.error(request, "Kết quả không hợp lệ.")
    return redirect("awards:proposal-detail", item.proposal_id)


@login_required
def proposal_pdf(request, pk):
    _require(request.user, "awards.view_decisions")

    proposal = get_object_or_404(UpwardProposal, pk=pk)
    data = _signed_copy(proposal)
    return pdf_response(data if data is not None else _proposal_pdf_bytes(proposal), download_name("Tờ trình", proposal.number, ext="pdf"))


@login_required
def proposal_sign(request, pk):
    _require(request.user, "awards.view_decisions")
    proposal = get_object_or_404(UpwardProposal.objects.select_related("issuing_body", "signer"), pk=pk)
    return _sign_page(request, proposal, pdf_bytes=_proposal_pdf_bytes, back=reverse("awards:proposal-detail", args=[pk]))


@login_required
def signature_check(request):
    """Any signed-in user uploads a PDF and reads whether its signatures hold (awards.pades)."""
    form = SignatureCheckForm(request.POST or None, request.FILES or None)
    checks = None
    if request.method == "POST" and form.is_valid():
        checks = pades.validate_signed_pdf(form.cleaned_data["file"].read())
    return render(request, "awards/signature/check.html", {"form": form, "checks": checks})


@login_required
def proposal_docx(request, pk):
    _require(request.user, "awards.view_decisions")

    proposal = get_object_or_404(UpwardProposal, pk=pk)
    return download_response(
        documents.proposal_docx(proposal), download_name("Tờ trình", proposal.number, ext="docx"), content_type=documents.DOCX_TYPE
    )


@login_required
def proposal_dossier(request, pk):
    _require(request.user, "awards.view_decisions")

    proposal = get_object_or_404(UpwardProposal.objects.select_related("issuing_body", "signer"), pk=pk)
    return download_response(
        documents.proposal_dossier_zip(proposal),
        download_name("Hồ sơ tờ trình", proposal.number, ext="zip"),
        content_type="application/zip",
    )


# --- Published decisions (the public page) -----------------------------------------------------


@login_required
@require_POST
def decision_publish(request, pk):
    _require(request.user, "awards.publish_decision")
    decision = selectors.decision_detail(pk)
    publish = request.POST.get("publish") != "0"
    try:
        services.decision_publish(decision=decision, by=request.user, publish=publish)
        messages.success(request, "Đã công bố quyết định trên cổng." if publish else "Đã thôi công bố quyết định trên cổng.")
    except ProcedureError as exc:
        messages.error(request, str(exc))
    return redirect("awards:decision-detail", pk)


def public_decisions(request):
    q = request.GET.get("q", "")[:100]
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() and 1945 <= int(year) <= 2100 else None
    page = paginate(request, selectors.decisions_published(q=q, year=year))
    return render(
        request, "awards/public/decisions.html", {"page": page, "q": q, "year": year or "", "qs": querystring_without_page(request)}
    )


def public_decision(request, pk):
    decision = get_object_or_404(selectors.decisions_published(), pk=pk)
    return render(request, "awards/public/decision.html", {"decision": decision, "items": selectors.published_decision_items(decision)})
