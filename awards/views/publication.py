from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from dosonthidua.views import paginate, querystring_without_page

from .. import selectors, services
from ..services import ProcedureError
from .procedure_base import _require

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
