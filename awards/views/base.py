from django.core.exceptions import PermissionDenied


def _require(user, perm, obj=None):
    if not user.has_perm(perm, obj):
        raise PermissionDenied
