"""Who is calling: a system's token (Authorization: Bearer dst_…) or the signed-in portal session
(with its CSRF check on writes)."""

from rest_framework.authentication import BaseAuthentication, SessionAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed

from .services import token_find, token_touch


class ApiTokenAuthentication(BaseAuthentication):
    keywords = ("bearer", "token")

    def authenticate(self, request):
        header = get_authorization_header(request).split()
        if not header or header[0].decode(errors="replace").lower() not in self.keywords:
            return None
        if len(header) != 2:
            raise AuthenticationFailed("Tiêu đề Authorization phải có dạng “Bearer <khóa>”.")
        token = token_find(header[1].decode(errors="replace"))
        if token is None:
            raise AuthenticationFailed("Khóa API không hợp lệ, đã hết hạn hoặc đã bị thu hồi.")
        token_touch(token=token, ip=request.META.get("REMOTE_ADDR") or None)
        account = token.account
        account.unit = token.unit  # the same row, already fetched: no query when selectors read it
        account._api_token = token
        return account, token

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


class PortalSessionAuthentication(SessionAuthentication):
    """The portal's own pages call the API with the session cookie (CSRF checked on writes)."""
