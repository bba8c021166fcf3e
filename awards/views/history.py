from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from units.selectors import people_visible_to, units_visible_to

from .. import selectors
from .base import _require

# --- Award history ---------------------------------------------------------------------------------


@login_required
def person_awards(request, pk):
    _require(request.user, "awards.view_award_history")
    person = get_object_or_404(people_visible_to(request.user), pk=pk)
    context = {
        "subject_name": person.full_name,
        "subject_unit": person.unit,
        "person": person,
        "records": selectors.records_of(person=person),
        "nominations": selectors.nominations_visible_to(request.user).filter(nominee_person=person).order_by("-year", "-id"),
    }
    return render(request, "awards/history.html", context)


@login_required
def unit_awards(request, pk):
    _require(request.user, "awards.view_award_history")
    unit = get_object_or_404(units_visible_to(request.user), pk=pk)
    context = {
        "subject_name": unit.name,
        "unit": unit,
        "predecessors": unit.predecessors.all(),
        "records": selectors.records_of(unit=unit),
        "nominations": selectors.nominations_visible_to(request.user).filter(nominee_unit=unit).order_by("-year", "-id"),
    }
    return render(request, "awards/history.html", context)
