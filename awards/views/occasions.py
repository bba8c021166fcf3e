"""Occasions (dịp khen thưởng): the anniversaries and events that gather proposals, each with the
nominations that name it, tracked together by state."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render

from dosonthidua.views import paginate, querystring_without_page

from ..enums import NominationState
from ..models import Occasion
from ..selectors import nominations_visible_to


def _require_reader(user):
    if not user.has_perm("awards.list_nominations"):
        raise PermissionDenied


@login_required
def occasion_list(request):
    _require_reader(request.user)
    visible = nominations_visible_to(request.user).values("pk")
    occasions = Occasion.objects.annotate(
        total=Count("nominations", filter=Q(nominations__in=visible)),
        decided=Count("nominations", filter=Q(nominations__in=visible, nominations__state=NominationState.DECIDED)),
    ).order_by("-active", "-date", "name")
    return render(request, "awards/occasion/list.html", {"occasions": occasions})


@login_required
def occasion_detail(request, pk):
    _require_reader(request.user)
    occasion = get_object_or_404(Occasion, pk=pk)
    nominations = nominations_visible_to(request.user).filter(occasion=occasion).select_related("award_kind", "unit")
    counts = {row["state"]: row["n"] for row in nominations.order_by().values("state").annotate(n=Count("pk"))}
    states = [(value, label, counts[value]) for value, label in NominationState.choices if counts.get(value)]
    state = request.GET.get("state", "")
    shown = nominations.filter(state=state) if state in counts else nominations
    page = paginate(request, shown.order_by("award_kind__display_order", "nominee_name", "pk"))
    context = {
        "occasion": occasion,
        "states": states,
        "total": sum(counts.values()),
        "current_state": state if state in counts else "",
        "page": page,
        "qs": querystring_without_page(request),
    }
    return render(request, "awards/occasion/detail.html", context)
