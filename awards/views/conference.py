"""Pages of the advanced-models conference (Hội nghị điển hình tiên tiến): the list, a conference's
page, its form, the honourees picker, the formsets of honourees, programme and guests, and its
printed documents (invitations, guest list, the honourees' booklet)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from dosonthidua.pdf import pdf_response
from dosonthidua.views import paginate, querystring_without_page
from units.rules import is_reviewer, reads_everything

from .. import conference as conf
from ..conference_forms import AgendaFormSet, ConferenceForm, GuestFormSet, HonoureeFormSet, PickerFilterForm
from ..models import Conference

ERROR = "Chưa lưu được: hãy sửa các ô được đánh dấu bên dưới."


def _require(user, perm, obj=None):
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def _conference(request, pk, perm="awards.view_conference"):
    _require(request.user, "awards.view_conferences")
    conference = get_object_or_404(conf.conferences_visible_to(request.user), pk=pk)
    _require(request.user, perm, conference)
    return conference


@login_required
def conference_list(request):
    _require(request.user, "awards.view_conferences")
    context = {
        "page": paginate(request, conf.conference_list(request.user)),
        "can_manage": request.user.has_perm("awards.manage_conferences"),
    }
    return render(request, "awards/conference/list.html", context)


@login_required
def conference_detail(request, pk):
    _require(request.user, "awards.view_conferences")
    try:
        conference = conf.conference_detail(pk, request.user)
    except Conference.DoesNotExist as exc:
        raise Http404 from exc
    _require(request.user, "awards.view_conference", conference)
    honourees = list(conference.honourees.all())
    context = {
        "conference": conference,
        "collectives": [h for h in honourees if h.is_collective],
        "persons": [h for h in honourees if not h.is_collective],
        "agenda": list(conference.agenda.all()),
        "guests": list(conference.guests.all()),
        "decisions": list(conference.decisions.all()),
        "reviews": list(conference.reviews.order_by("-date", "-id")),
        "can_manage": request.user.has_perm("awards.manage_conference", conference),
        "can_print_booklet": request.user.has_perm("awards.print_booklet", conference),
        "can_review": is_reviewer(request.user),  # reports.manage_reviews (a predicate: no permission-table read)
        "can_open_decisions": reads_everything(request.user),  # awards.view_decisions
    }
    return render(request, "awards/conference/detail.html", context)


@login_required
def conference_edit(request, pk=None):
    _require(request.user, "awards.manage_conferences")
    conference = _conference(request, pk, "awards.manage_conference") if pk else None
    form = ConferenceForm(request.POST or None, instance=conference)
    if request.method == "POST":
        if form.is_valid():
            saved = conf.conference_save(conference=form.instance, decisions=form.cleaned_data["decisions"], by=request.user)
            messages.success(request, f"Đã lưu hội nghị “{saved.title}” ({saved.get_level_display().lower()}).")
            return redirect("awards:conference-detail", pk=saved.pk)
        messages.error(request, ERROR)
    return render(request, "awards/conference/form.html", {"form": form, "conference": conference})


@login_required
def conference_honourees_pick(request, pk):
    """The picker: candidates from the record (accepted exemplars, or awards of the period), a page
    at a time; the ticked ones become honourees with their achievement prefilled."""
    conference = _conference(request, pk, "awards.manage_conference")
    if request.method == "POST":
        ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()]
        if request.POST.get("source") == conf.SOURCE_AWARDS:
            added = conf.honourees_add(
                conference=conference, awards=list(conf.award_candidates(conference).filter(pk__in=ids)), by=request.user
            )
        else:
            added = conf.honourees_add(
                conference=conference, exemplars=list(conf.exemplar_candidates(conference).filter(pk__in=ids)), by=request.user
            )
        if added:
            messages.success(request, f"Đã thêm {added} tập thể, cá nhân vào danh sách tuyên dương.")
            return redirect("awards:conference-honourees", pk=conference.pk)
        messages.error(request, "Chưa chọn tập thể, cá nhân nào.")
    form = PickerFilterForm(request.GET or None)
    params = form.cleaned_data if form.is_valid() else {}
    source = params.get("source") or conf.SOURCE_EXEMPLARS
    if source == conf.SOURCE_AWARDS:
        qs = conf.award_candidates(conference, q=params.get("q", ""))
    else:
        qs = conf.exemplar_candidates(conference, q=params.get("q", ""))
    context = {
        "conference": conference,
        "form": form,
        "source": source,
        "page": paginate(request, qs),
        "qs": querystring_without_page(request),
    }
    return render(request, "awards/conference/pick.html", context)


def _formset_page(request, pk, *, formset_class, prefix, template, reason, saved_message):
    conference = _conference(request, pk, "awards.manage_conference")
    formset = formset_class(request.POST or None, instance=conference, prefix=prefix)
    if request.method == "POST":
        if formset.is_valid():
            conf.children_save(conference=conference, formset=formset, reason=reason, by=request.user)
            messages.success(request, saved_message)
            return redirect("awards:conference-detail", pk=conference.pk)
        messages.error(request, ERROR)
    return render(request, template, {"conference": conference, "formset": formset})


@login_required
def conference_honourees(request, pk):
    return _formset_page(
        request,
        pk,
        formset_class=HonoureeFormSet,
        prefix="honourees",
        template="awards/conference/honourees.html",
        reason="Sửa danh sách tuyên dương",
        saved_message="Đã lưu danh sách tập thể, cá nhân được tuyên dương.",
    )


@login_required
def conference_programme(request, pk):
    return _formset_page(
        request,
        pk,
        formset_class=AgendaFormSet,
        prefix="agenda",
        template="awards/conference/programme.html",
        reason="Sửa chương trình hội nghị",
        saved_message="Đã lưu chương trình hội nghị.",
    )


@login_required
def conference_guests(request, pk):
    return _formset_page(
        request,
        pk,
        formset_class=GuestFormSet,
        prefix="guests",
        template="awards/conference/guests.html",
        reason="Sửa danh sách khách mời",
        saved_message="Đã lưu danh sách khách mời.",
    )


@login_required
def conference_invitations_pdf(request, pk):
    conference = _conference(request, pk)
    if not conference.guests.exists():
        messages.error(request, "Chưa có khách mời để in giấy mời.")
        return redirect("awards:conference-detail", pk=conference.pk)
    return pdf_response(conf.invitations_pdf(conference), f"giay-moi-hoi-nghi-{conference.pk}.pdf")


@login_required
def conference_guest_list_pdf(request, pk):
    conference = _conference(request, pk)
    return pdf_response(conf.guest_list_pdf(conference), f"danh-sach-khach-moi-{conference.pk}.pdf")


@login_required
def conference_booklet_pdf(request, pk):
    conference = _conference(request, pk, "awards.print_booklet")
    return pdf_response(conf.booklet_pdf(conference), f"ky-yeu-dien-hinh-{conference.pk}.pdf")
