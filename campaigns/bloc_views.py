"""Pages of emulation blocs: the blocs a user's unit belongs to, a bloc's year (members, covenant,
cards, ranking), a member's scorecard, self-scoring, the leader's check, the meeting's ranking and
publication, and the documents (covenant, scorecard, ranking). Every object comes from a scoped
selector (another unit's card answers 404); every action checks its rule in campaigns.rules."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from dosonthidua.downloads import download_name, download_response
from dosonthidua.pdf import pdf_response
from dosonthidua.spreadsheets import xlsx_response
from dosonthidua.uploads import file_download_response
from dosonthidua.views import paginate, querystring_without_page
from units.rules import is_manager

from . import bloc_selectors, bloc_services, documents
from . import rules as campaign_rules
from .bloc_forms import BlocYearFilterForm, CheckForm, CommentForm, CovenantScanForm, RankForm, SelfScoreForm
from .enums import BlocYearState, ScorecardState
from .models import BlocMember, ScoreCriterion

C, Y = ScorecardState, BlocYearState


def _require(user, perm, obj=None):
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def _errors(exc):
    return " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)


def _bloc_year(user, pk):
    return get_object_or_404(bloc_selectors.bloc_years_visible_to(user).select_related("covenant"), pk=pk)


def _scorecard(user, pk):
    return get_object_or_404(bloc_selectors.scorecards_visible_to(user).select_related("bloc_year__score_table"), pk=pk)


def _lines(card):
    return list(card.lines.select_related("criterion__group").order_by("criterion__display_order", "criterion_id"))


@login_required
def bloc_list(request):
    _require(request.user, "campaigns.view_blocs")
    form = BlocYearFilterForm(request.GET or None)
    params = form.cleaned_data if form.is_valid() else {}
    qs = bloc_selectors.bloc_year_list(user=request.user, year=params.get("year"), q=params.get("q", ""))
    context = {"form": form, "page": paginate(request, qs), "qs": querystring_without_page(request)}
    return render(request, "campaigns/bloc/list.html", context)


@login_required
def bloc_year_detail(request, pk):
    bloc_year = _bloc_year(request.user, pk)
    user = request.user
    members = BlocMember.objects.filter(bloc_year=bloc_year).select_related("unit", "scorecard")
    can_rank_view = user.has_perm("campaigns.view_ranking", bloc_year)
    ranking = []
    if can_rank_view and bloc_year.state != Y.OPEN and hasattr(bloc_year, "score_table"):
        # The rows only: the documents' letterhead and signer are not shown here.
        ranking = documents.ranking_table(bloc_year)
    moves = campaign_rules.scoring_moves(user, bloc_year)
    context = {
        "bloc_year": bloc_year,
        "members": members,
        "cards": bloc_selectors.scorecards_of(bloc_year=bloc_year, user=user),
        "covenant": getattr(bloc_year, "covenant", None),
        "table": getattr(bloc_year, "score_table", None),
        "criteria": ScoreCriterion.objects.filter(table__bloc_year=bloc_year).select_related("group").order_by("display_order", "id"),
        "ranking": ranking,
        "can_view_ranking": can_rank_view,
        "moves": moves,
        "labels": campaign_rules.SCORING_ACTION_LABELS,
        "rank_form": RankForm(initial={"meeting_date": bloc_year.meeting_date}) if Y.RANKED in moves else None,
        # campaigns.manage_blocs asked of its predicate: a refused object-less has_perm falls through to
        # Django's model backend, which reads the permission tables (two queries).
        "can_manage": is_manager(user),
        "can_covenant": user.has_perm("campaigns.manage_covenant", bloc_year),
        "can_propose": user.has_perm("campaigns.propose_from_bloc", bloc_year),
        "scan_form": CovenantScanForm(),
        "history": bloc_year.history.filter(scorecard=None).select_related("by"),
    }
    return render(request, "campaigns/bloc/detail.html", context)


@login_required
@require_POST
def bloc_year_transition(request, pk):
    bloc_year = _bloc_year(request.user, pk)
    to = request.POST.get("to", "")
    try:
        if to == Y.RANKED:
            form = RankForm(request.POST)
            if not form.is_valid():
                messages.error(request, "Chưa xếp hạng được: hãy ghi ngày họp khối.")
                return redirect("campaigns:bloc-year-detail", pk=pk)
            bloc_services.bloc_year_rank(
                bloc_year=bloc_year, by=request.user, meeting_date=form.cleaned_data["meeting_date"], note=form.cleaned_data["note"]
            )
            messages.success(request, "Đã ghi kết quả họp khối và xếp hạng các thành viên.")
        elif to in (Y.PUBLISHED, Y.OPEN):
            comment = request.POST.get("comment", "")
            bloc_services.scoring_transition(obj=bloc_year, to=to, by=request.user, comment=comment)
            messages.success(request, "Đã công bố kết quả xếp hạng." if to == Y.PUBLISHED else "Đã mở lại đợt chấm điểm.")
        else:
            raise PermissionDenied
    except (ValidationError, bloc_services.ScoringError) as exc:
        messages.error(request, _errors(exc))
    return redirect("campaigns:bloc-year-detail", pk=pk)


@login_required
@require_POST
def bloc_year_open_cards(request, pk):
    bloc_year = _bloc_year(request.user, pk)
    _require(request.user, "campaigns.manage_blocs")
    try:
        created = bloc_services.scorecards_open(bloc_year=bloc_year, by=request.user)
        messages.success(request, f"Đã lập {created} phiếu chấm điểm mới cho các thành viên.")
    except bloc_services.ScoringError as exc:
        messages.error(request, _errors(exc))
    return redirect("campaigns:bloc-year-detail", pk=pk)


# --- Documents -------------------------------------------------------------------------------------


def _ranking_allowed(request, pk):
    bloc_year = _bloc_year(request.user, pk)
    _require(request.user, "campaigns.view_ranking", bloc_year)
    if not hasattr(bloc_year, "score_table"):
        raise Http404
    return bloc_year


@login_required
def bloc_ranking_pdf(request, pk):
    bloc_year = _ranking_allowed(request, pk)
    name = download_name("Bảng xếp hạng", bloc_year.bloc.name, str(bloc_year.year), ext="pdf")
    return pdf_response(documents.ranking_pdf(bloc_year), name)


@login_required
def bloc_ranking_xlsx(request, pk):
    bloc_year = _ranking_allowed(request, pk)
    context = documents.ranking_context(bloc_year)
    name = download_name("Bảng xếp hạng", bloc_year.bloc.name, str(bloc_year.year), ext="xlsx")
    return xlsx_response(name, "Xếp hạng", documents.ranking_headers(context), documents.ranking_xlsx_rows(context))


def _covenant(request, pk):
    bloc_year = _bloc_year(request.user, pk)
    covenant = getattr(bloc_year, "covenant", None)
    if covenant is None:
        raise Http404
    return covenant


@login_required
def covenant_pdf(request, pk):
    covenant = _covenant(request, pk)
    name = download_name("Giao ước thi đua", covenant.bloc_year.bloc.name, str(covenant.bloc_year.year), ext="pdf")
    return pdf_response(documents.covenant_pdf(covenant), name)


@login_required
def covenant_docx(request, pk):
    covenant = _covenant(request, pk)
    name = download_name("Giao ước thi đua", covenant.bloc_year.bloc.name, str(covenant.bloc_year.year), ext="docx")
    return download_response(documents.covenant_docx(covenant), name, content_type=documents.DOCX_TYPE)


@login_required
def covenant_scan(request, pk):
    """GET: the signed scan; POST: attach or replace it (the leader's officers, the advisory office)."""
    covenant = _covenant(request, pk)
    if request.method == "POST":
        _require(request.user, "campaigns.manage_covenant", covenant.bloc_year)
        form = CovenantScanForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                bloc_services.covenant_scan_attach(covenant=covenant, uploaded=form.cleaned_data["scan"], by=request.user)
                messages.success(request, "Đã lưu bản giao ước đã ký.")
            except ValidationError as exc:
                messages.error(request, _errors(exc))
        else:
            messages.error(request, " ".join(form.errors.get("scan", ["Hãy chọn tệp."])))
        return redirect("campaigns:bloc-year-detail", pk=pk)
    if not covenant.scan:
        raise Http404
    return file_download_response(covenant.scan, covenant.scan_name or "giao-uoc.pdf")


# --- Scorecards ------------------------------------------------------------------------------------


@login_required
def scorecard_detail(request, pk):
    card = _scorecard(request.user, pk)
    user = request.user
    moves = campaign_rules.scoring_moves(user, card) if card.bloc_year.state == Y.OPEN else []
    context = {
        "card": card,
        "bloc_year": card.bloc_year,
        "sections": documents.scorecard_context(card)["sections"],
        "evidence": card.evidence.select_related("criterion"),
        "history": card.history.select_related("by"),
        "moves": moves,
        "labels": campaign_rules.SCORING_ACTION_LABELS,
        "can_score": user.has_perm("campaigns.score_own", card),
        "can_check": user.has_perm("campaigns.check_scorecard", card) and card.state == C.SUBMITTED,
        "comment_form": CommentForm(),
    }
    return render(request, "campaigns/bloc/scorecard.html", context)


@login_required
def scorecard_edit(request, pk):
    card = _scorecard(request.user, pk)
    if not request.user.has_perm("campaigns.score_own", card):
        if campaign_rules.officer_of_object(request.user, card):
            messages.info(request, "Phiếu đã gửi trưởng khối hoặc khối đã xếp hạng nên không sửa được.")
            return redirect("campaigns:scorecard-detail", pk=pk)
        raise PermissionDenied
    lines = _lines(card)
    form = SelfScoreForm(
        request.POST if request.method == "POST" else None, request.FILES if request.method == "POST" else None, lines=lines, scorecard=card
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                bloc_services.scorecard_self_score(scorecard=card, values=form.values(), by=request.user, note=form.cleaned_data["note"])
                if form.cleaned_data.get("evidence"):
                    criterion = next((li.criterion for li in lines if li.criterion_id == form.evidence_criterion_id()), None)
                    bloc_services.evidence_add(scorecard=card, uploaded=form.cleaned_data["evidence"], by=request.user, criterion=criterion)
                if "submit" in request.POST:
                    bloc_services.scorecard_submit(scorecard=card, by=request.user)
                    messages.success(request, "Đã gửi phiếu tự chấm điểm tới đơn vị trưởng khối.")
                    return redirect("campaigns:scorecard-detail", pk=pk)
                messages.success(request, "Đã lưu điểm tự chấm.")
                return redirect("campaigns:scorecard-edit", pk=pk)
            except (ValidationError, bloc_services.ScoringError) as exc:
                messages.error(request, _errors(exc))
        else:
            messages.error(request, "Chưa lưu được: hãy sửa các ô được đánh dấu.")
    return render(request, "campaigns/bloc/score_form.html", {"card": card, "form": form, "evidence": card.evidence.all()})


@login_required
def scorecard_check(request, pk):
    card = _scorecard(request.user, pk)
    _require(request.user, "campaigns.check_scorecard", card)
    if card.state != C.SUBMITTED:
        messages.info(request, "Chỉ kiểm tra được phiếu đơn vị đã gửi.")
        return redirect("campaigns:scorecard-detail", pk=pk)
    lines = _lines(card)
    form = CheckForm(request.POST if request.method == "POST" else None, lines=lines, initial={"note": card.leader_note})
    if request.method == "POST":
        if form.is_valid():
            try:
                bloc_services.scorecard_check(
                    scorecard=card, adjustments=form.adjustments(), by=request.user, note=form.cleaned_data["note"]
                )
                messages.success(request, f"Đã kiểm tra phiếu của {card.unit}.")
                return redirect("campaigns:bloc-year-detail", pk=card.bloc_year_id)
            except (ValidationError, bloc_services.ScoringError) as exc:
                messages.error(request, _errors(exc))
        else:
            messages.error(request, "Chưa lưu được: hãy sửa các ô được đánh dấu.")
    return render(request, "campaigns/bloc/check_form.html", {"card": card, "form": form, "evidence": card.evidence.all()})


@login_required
@require_POST
def scorecard_transition(request, pk):
    card = _scorecard(request.user, pk)
    to = request.POST.get("to", "")
    try:
        if to == C.SUBMITTED:
            bloc_services.scorecard_submit(scorecard=card, by=request.user)
            messages.success(request, "Đã gửi phiếu tự chấm điểm tới đơn vị trưởng khối.")
        elif to == C.RETURNED:
            bloc_services.scorecard_return(scorecard=card, by=request.user, comment=request.POST.get("comment", ""))
            messages.success(request, f"Đã trả lại phiếu của {card.unit}.")
        else:
            raise PermissionDenied
    except (ValidationError, bloc_services.ScoringError) as exc:
        messages.error(request, _errors(exc))
    return redirect("campaigns:scorecard-detail", pk=pk)


@login_required
def scorecard_pdf(request, pk):
    card = _scorecard(request.user, pk)
    name = download_name("Phiếu chấm điểm", card.unit.name, str(card.bloc_year.year), ext="pdf")
    return pdf_response(documents.scorecard_pdf(card), name)


@login_required
def scorecard_evidence(request, pk):
    evidence = get_object_or_404(bloc_selectors.evidence_visible_to(request.user), pk=pk)
    return file_download_response(evidence.file, evidence.original_name, inline=True)
