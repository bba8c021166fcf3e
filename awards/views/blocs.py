"""The page on which a bloc's leader (or the advisory office) proposes the bloc's leading members,
after publication, for the flag or a Bằng khen: each proposal becomes a draft nomination of the member
unit (awards.bloc_proposals)."""

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from campaigns.bloc_selectors import bloc_years_visible_to
from dosonthidua.text import NFCFormMixin

from ..bloc_proposals import bloc_proposal_create
from ..enums import AwardSubject
from ..models import BlocProposal
from ..selectors import kinds_valid_on


class BlocProposalForm(NFCFormMixin, forms.Form):
    scorecard = forms.ModelChoiceField(label="Đơn vị", queryset=None)
    award_kind = forms.ModelChoiceField(label="Hình thức đề nghị", queryset=None)
    summary = forms.CharField(label="Tóm tắt thành tích bổ sung", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, bloc_year, **kwargs):
        super().__init__(*args, **kwargs)
        cards = bloc_year.scorecards.exclude(rank=None).select_related("unit").order_by("rank", "unit__name")
        self.fields["scorecard"].queryset = cards
        self.fields["scorecard"].label_from_instance = lambda c: f"Hạng {c.rank}: {c.unit.name} ({c.get_suggestion_display().lower()})"
        self.fields["award_kind"].queryset = kinds_valid_on().filter(subject=AwardSubject.COLLECTIVE).order_by("display_order", "name")
        self.helper = FormHelper()
        self.helper.form_tag = False


@login_required
def bloc_proposals(request, pk):
    bloc_year = get_object_or_404(bloc_years_visible_to(request.user).select_related("score_table"), pk=pk)
    if not request.user.has_perm("campaigns.propose_from_bloc", bloc_year):
        raise PermissionDenied
    form = BlocProposalForm(request.POST if request.method == "POST" else None, bloc_year=bloc_year)
    if request.method == "POST" and form.is_valid():
        try:
            nomination = bloc_proposal_create(
                scorecard=form.cleaned_data["scorecard"],
                award_kind=form.cleaned_data["award_kind"],
                by=request.user,
                summary=form.cleaned_data["summary"],
            )
            messages.success(
                request, f"Đã lập đề nghị “{nomination.award_kind.name}” cho {nomination.nominee_name}; đơn vị hoàn thiện hồ sơ và gửi."
            )
            return redirect("awards:bloc-proposals", pk=pk)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    proposals = BlocProposal.objects.filter(scorecard__bloc_year=bloc_year).select_related("nomination__award_kind", "scorecard__unit")
    return render(request, "awards/bloc/proposals.html", {"bloc_year": bloc_year, "form": form, "proposals": proposals})
