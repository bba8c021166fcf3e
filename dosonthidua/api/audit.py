"""Every API call in the portal's audit log (units.AuditEvent), whatever its outcome."""

from units.audit import audit_record

from .permissions import token_of


def audit_api_call(request, response):
    user = request.user if getattr(request.user, "is_authenticated", False) else None
    token = token_of(request)
    if token is not None:
        detail = f"khóa {token.prefix} ({token.name})"
    elif user is not None:
        detail = "phiên đăng nhập"
    else:
        detail = "không xác thực được"
    audit_record(action="api_call", request=request._request, user=user, detail=detail, status=response.status_code)
    # One row per call: the portal's audit middleware leaves this request alone.
    request._request.audit_written = True
