from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from .permissions import token_of


class PerTokenRateThrottle(SimpleRateThrottle):
    """Requests per minute per token (ApiToken.rate_per_minute, set by the administrator) or per
    signed-in user (API_DEFAULT_RATE_PER_MINUTE), counted in the Redis cache; beyond it the call
    answers 429 with Retry-After."""

    def __init__(self):
        pass  # the rate is per token, set in allow_request

    def allow_request(self, request, view):
        token = token_of(request)
        self.num_requests = token.rate_per_minute if token else settings.API_DEFAULT_RATE_PER_MINUTE
        self.duration = 60
        self.rate = f"{self.num_requests}/min"
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        token = token_of(request)
        if token is not None:
            return f"api-throttle:token:{token.pk}"
        if request.user and request.user.is_authenticated:
            return f"api-throttle:user:{request.user.pk}"
        return f"api-throttle:ip:{self.get_ident(request)}"
