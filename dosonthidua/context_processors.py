from django.conf import settings

from .registry import menu_for


def portal(request):
    user = getattr(request, "user", None)
    return {
        "PORTAL_TITLE": settings.PORTAL_TITLE,
        "portal_menu": menu_for(user) if user is not None else [],
    }
