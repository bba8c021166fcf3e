"""OpenAPI additions: every operation documents its problem-details error responses and the
bearer-token scheme."""

from drf_spectacular.authentication import SessionScheme
from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "dosonthidua.api.authentication.ApiTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "Khóa API do quản trị cấp (dst_…)."}


class PortalSessionScheme(SessionScheme):
    target_class = "dosonthidua.api.authentication.PortalSessionAuthentication"


PROBLEM_SCHEMA = {
    "type": "object",
    "description": "RFC 9457 problem details; `errors` maps each refused field to its Vietnamese messages.",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "errors": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
    },
    "required": ["type", "title", "status", "detail"],
}

ERRORS = {
    "400": "Dữ liệu không hợp lệ (tham số lọc, trang, nội dung gửi lên).",
    "401": "Thiếu khóa, khóa sai, hết hạn hoặc đã thu hồi.",
    "403": "Khóa hoặc tài khoản không có quyền này.",
    "404": "Không có, hoặc nằm ngoài phạm vi đơn vị của khóa.",
    "409": "Trạng thái hiện tại không cho phép thao tác.",
    "429": "Vượt giới hạn số lệnh mỗi phút (xem Retry-After).",
}


# Conditional requests (dosonthidua.api.views.ETagMixin and the nomination's PATCH): documented
# where they apply, so a client (and schemathesis) knows a 304 or a 412 is an answer, not an error.
NOT_MODIFIED = {"description": "Không đổi từ lần đọc trước: ETag trùng If-None-Match (không có nội dung)."}
PRECONDITION = "Đối tượng đã được sửa sau lần đọc: ETag hiện tại khác If-Match; đọc lại rồi gửi lại."
IF_NONE_MATCH = {
    "in": "header",
    "name": "If-None-Match",
    "required": False,
    "schema": {"type": "string"},
    "description": "ETag của lần đọc trước: không đổi thì trả 304.",
}


def _problem(description):
    return {"description": description, "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}


def _has_header(operation, name):
    return any(p.get("in") == "header" and p.get("name", "").lower() == name.lower() for p in operation.get("parameters", []))


def add_problem_responses(result, generator, request, public):
    components = result.setdefault("components", {})
    components.setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            if path.endswith(("/schema/", "/docs/")):
                continue
            responses = operation.setdefault("responses", {})
            for status, description in ERRORS.items():
                responses.setdefault(status, _problem(description))
            if method == "get" and path.endswith("/{id}/"):  # every detail carries an ETag
                if not _has_header(operation, "If-None-Match"):
                    operation.setdefault("parameters", []).append(IF_NONE_MATCH)
                responses.setdefault("304", NOT_MODIFIED)
            if _has_header(operation, "If-Match"):
                responses.setdefault("412", _problem(PRECONDITION))
    return result
