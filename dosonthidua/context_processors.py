from .identity import identity_on
from .registry import menu_for


def portal(request):
    user = getattr(request, "user", None)
    authenticated = bool(user is not None and user.is_authenticated)
    unread = 0
    if authenticated:
        from units.selectors import unread_notification_count

        unread = unread_notification_count(user)
    identity = identity_on()
    return {
        "PORTAL": identity,
        "PORTAL_TITLE": identity.portal_title,
        "portal_menu": _with_active(menu_for(user) if user is not None else [], request.path),
        "unread_notifications": unread,
    }


def _with_active(items, path):
    """Menu entries with the one whose URL is the longest prefix of the current path marked active."""
    entries = [{"label": i.label, "url": i.url, "icon": i.icon} for i in items]
    matches = [e for e in entries if path.startswith(e["url"]) and (e["url"] != "/" or path == "/")]
    if matches:
        max(matches, key=lambda e: len(e["url"]))["active"] = True
    return entries
