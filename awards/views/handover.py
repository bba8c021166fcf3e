"""The record of a handover (biên bản chuyển giao) for the staff of the receiving body: what the
former body's open work became, item by item, with a link to each item that moved."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from ..enums import HandoverKind
from ..models import Handover
from .base import _require

# Where each kind of item is opened (the nomination page, the registration page...).
ITEM_PAGES = {
    HandoverKind.NOMINATION: "awards:nomination-detail",
    HandoverKind.REGISTRATION: "campaigns:registration-detail",
    HandoverKind.NOTICE: "awards:notice-detail",
    HandoverKind.MEETING: "awards:meeting-detail",
}


@login_required
def handover_detail(request, pk):
    _require(request.user, "awards.view_handovers")
    handover = get_object_or_404(Handover.objects.select_related("from_body", "to_body", "by"), pk=pk)
    items = list(handover.items.all())
    for item in items:
        item.page = ITEM_PAGES.get(item.kind)
    context = {
        "handover": handover,
        "moved": [i for i in items if i.moved],
        "left": [i for i in items if not i.moved],
    }
    return render(request, "awards/handover/detail.html", context)
