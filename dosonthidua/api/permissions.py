"""Whether a call may reach an endpoint: the token must hold the endpoint's API permission, and the
account (token's or session's) must pass the same django-rules permission the web views check.
Objects outside the caller's units are not found at all (scoped querysets), so they answer 404."""

from rest_framework.permissions import BasePermission

from .enums import ApiPermission
from .models import ApiToken


def _for_action(value, view):
    if isinstance(value, dict):
        return value.get(getattr(view, "action", None) or view.request.method.lower(), value.get("*"))
    return value


def token_of(request):
    return request.auth if isinstance(request.auth, ApiToken) else None


def caller_allows(request, permission):
    """True if the caller holds ``permission``: a token by its list; a session user always (the
    rules decide for them)."""
    token = token_of(request)
    return token is None or token.allows(permission)


class ApiAccess(BasePermission):
    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated):
            return False
        needed = _for_action(getattr(view, "api_permission", None), view)
        token = token_of(request)
        if token is not None and needed and not token.allows(needed):
            self.message = f"Khóa API không có quyền “{ApiPermission(needed).label}”."
            return False
        rule = _for_action(getattr(view, "rule", None), view)
        if rule and not user.has_perm(rule):
            self.message = "Tài khoản không có quyền thực hiện thao tác này."
            return False
        return True

    def has_object_permission(self, request, view, obj):
        rule = _for_action(getattr(view, "object_rule", None), view)
        if rule and not request.user.has_perm(rule, obj):
            self.message = "Tài khoản không có quyền thực hiện thao tác này với đối tượng này."
            return False
        return True
