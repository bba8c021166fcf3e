"""Errors as RFC 9457 problem details (application/problem+json) with Vietnamese titles and the
services' own Vietnamese messages, field by field where a form or serializer refused input."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

PROBLEM_TYPE = "application/problem+json"

TITLES = {
    400: "Dữ liệu không hợp lệ",
    401: "Chưa xác thực",
    403: "Không có quyền",
    404: "Không tìm thấy",
    405: "Phương thức không được hỗ trợ",
    406: "Định dạng không được hỗ trợ",
    409: "Xung đột trạng thái",
    412: "Dữ liệu đã thay đổi",
    413: "Tệp quá lớn",
    415: "Kiểu nội dung không được hỗ trợ",
    429: "Quá nhiều yêu cầu",
    500: "Lỗi máy chủ",
}


class Conflict(exceptions.APIException):
    """A refused workflow step (the record's state does not allow it); the message is Vietnamese."""

    status_code = 409
    default_code = "conflict"


def problem_body(status, detail, *, request=None, errors=None, code=None):
    """The RFC 9457 problem document (a dict) of an error."""
    body = {
        "type": f"urn:dosonthidua:problem:{code or status}",
        "title": TITLES.get(status, "Lỗi"),
        "status": status,
        "detail": detail,
    }
    if request is not None:
        body["instance"] = request.get_full_path()
    if errors:
        body["errors"] = errors
    return body


def problem(status, detail, *, request=None, errors=None, headers=None, code=None):
    body = problem_body(status, detail, request=request, errors=errors, code=code)
    return Response(body, status=status, headers=headers, content_type=PROBLEM_TYPE)


def _messages(value):
    if isinstance(value, dict):
        return {k: _messages(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        out = []
        for item in value:
            flat = _messages(item)
            out.extend(flat if isinstance(flat, list) else [flat])
        return out
    return str(value)


def _field_errors(data):
    """{field: [messages]}; errors not tied to a field go under "non_field_errors"."""
    if isinstance(data, dict):
        return {("non_field_errors" if k in ("__all__", "non_field_errors") else k): _messages(v) for k, v in data.items()}
    return {"non_field_errors": _messages(data)}


def django_validation_errors(exc):
    return _field_errors(exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages})


def exception_handler(exc, context):
    request = context.get("request")
    if isinstance(exc, DjangoValidationError):
        errors = django_validation_errors(exc)
        return problem(400, _summary(errors), request=request, errors=errors, code="validation")
    if isinstance(exc, Http404):
        exc = exceptions.NotFound("Không tìm thấy đối tượng (hoặc đối tượng nằm ngoài phạm vi đơn vị của khóa).")
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or "Không có quyền thực hiện thao tác này.")
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    headers = {k: v for k, v in response.headers.items() if k in ("WWW-Authenticate", "Retry-After", "Allow")}
    if isinstance(exc, exceptions.ValidationError):
        errors = _field_errors(exc.detail)
        return problem(400, _summary(errors), request=request, errors=errors, headers=headers, code="validation")
    if isinstance(exc, exceptions.Throttled):
        wait = int(exc.wait or 1)
        headers["Retry-After"] = str(max(wait, 1))
        detail = f"Khóa đã vượt giới hạn số lệnh mỗi phút; thử lại sau {max(wait, 1)} giây."
        return problem(429, detail, request=request, headers=headers, code="rate_limited")
    detail = response.data.get("detail", "") if isinstance(response.data, dict) else str(response.data)
    return problem(response.status_code, str(detail), request=request, headers=headers, code=getattr(exc, "default_code", None))


def _summary(errors):
    first = []
    for field, messages in errors.items():
        if isinstance(messages, list) and messages:
            first.append(messages[0] if field == "non_field_errors" else f"{field}: {messages[0]}")
    return " ".join(first) or "Dữ liệu không hợp lệ."
