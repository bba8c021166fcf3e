from django.conf import settings

from .registry import menu_for


def portal(request):
    user = getattr(request, "user", None)
    authenticated = bool(user is not None and user.is_authenticated)
    unread = 0
    if authenticated:
        from units.selectors import unread_notification_count

        unread = unread_notification_count(user)
    return {
        "PORTAL_TITLE": settings.PORTAL_TITLE,
        "portal_menu": menu_for(user) if user is not None else [],
        "unread_notifications": unread,
    }
