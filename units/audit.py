"""The audit log (issue 7): sign-ins, sign-in failures and sign-outs (Django's auth signals), every
download or export (any response sent as a file), and every successful state-changing request made
by a reviewer, leader, council member or administrator. One middleware and three receivers cover all
apps, so a new view is audited without remembering to."""

import logging

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import transaction
from django.dispatch import receiver

from .enums import Role
from .models import AuditEvent

log = logging.getLogger(__name__)
PRIVILEGED = {Role.REVIEWER, Role.LEADER, Role.ADMINISTRATOR, Role.COUNCIL_MEMBER}


def _ip(request):
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def audit_record(*, action, request=None, user=None, username="", detail="", status=None):
    """Write one AuditEvent row; never lets a logging failure break the request."""
    try:
        with transaction.atomic():  # a savepoint: a failed insert must not poison the request's transaction
            _write(action=action, request=request, user=user, username=username, detail=detail, status=status)
    except Exception:  # the audit must not take the portal down
        log.exception("Could not write the audit event %s", action)


def _write(*, action, request, user, username, detail, status):
    user = user if (user is not None and getattr(user, "is_authenticated", False)) else None
    AuditEvent.objects.create(
        user=user,
        username=(username or (user.username if user else ""))[:150],
        action=action,
        method=(getattr(request, "method", None) or "")[:10],
        path=(request.get_full_path() if request is not None and getattr(request, "path", "") else "")[:500],
        detail=detail[:500],
        ip=_ip(request),
        status=status,
    )


@receiver(user_logged_in)
def _signed_in(sender, request, user, **kwargs):
    audit_record(action="sign_in", request=request, user=user)


@receiver(user_logged_out)
def _signed_out(sender, request, user, **kwargs):
    audit_record(action="sign_out", request=request, user=user)


@receiver(user_login_failed)
def _sign_in_failed(sender, credentials, request=None, **kwargs):
    audit_record(action="sign_in_failed", request=request, username=str(credentials.get("username", "")))


class AuditMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or getattr(request, "audit_written", False):
            return response
        disposition = response.get("Content-Disposition", "")
        if "filename" in disposition and response.status_code == 200:
            audit_record(action="download", request=request, user=user, detail=disposition, status=response.status_code)
        elif request.method == "POST" and response.status_code < 400 and (user.is_superuser or PRIVILEGED.intersection(user.roles)):
            audit_record(action="privileged_action", request=request, user=user, status=response.status_code)
        return response
