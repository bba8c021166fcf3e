from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .. import selectors

# --- Catalogue ----------------------------------------------------------------------------------


@login_required
def kind_list(request):
    show_all = request.GET.get("all") == "1"
    kinds = list(selectors.catalogue(show_all=show_all))
    requirements = selectors.dossier_requirements([k.code for k in kinds])
    for k in kinds:
        k.dossier = requirements.get(k.code, [])
    return render(
        request,
        "awards/kind/list.html",
        {
            "kinds": kinds,
            "show_all": show_all,
            "can_manage": request.user.has_perm("awards.manage_catalogue"),
        },
    )
