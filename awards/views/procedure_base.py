from django.core.exceptions import PermissionDenied


def _require(user, perm):
    if not user.has_perm(perm):
        raise PermissionDenied


def _client_ip(request):
    return request.META.get("REMOTE_ADDR") or None
