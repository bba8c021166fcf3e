"""A Redis cache that degrades to "miss" when Redis is unreachable, so a Redis outage slows pages
down (recomputed figures) instead of breaking them."""

import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

log = logging.getLogger(__name__)
_DOWN = (RedisConnectionError, RedisTimeoutError, OSError)


class ResilientRedisCache(RedisCache):
    def _safe(self, method, default, *args, **kwargs):
        try:
            return getattr(super(), method)(*args, **kwargs)
        except _DOWN as exc:
            log.warning("Cache unavailable (%s): %s", method, exc.__class__.__name__)
            return default

    def get(self, key, default=None, version=None):
        return self._safe("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._safe("get_many", {}, keys, version)

    def set(self, key, value, timeout=..., version=None):
        from django.core.cache.backends.base import DEFAULT_TIMEOUT

        return self._safe("set", None, key, value, DEFAULT_TIMEOUT if timeout is ... else timeout, version)

    def add(self, key, value, timeout=..., version=None):
        from django.core.cache.backends.base import DEFAULT_TIMEOUT

        return self._safe("add", False, key, value, DEFAULT_TIMEOUT if timeout is ... else timeout, version)

    def delete(self, key, version=None):
        return self._safe("delete", False, key, version)

    def set_many(self, data, timeout=..., version=None):
        from django.core.cache.backends.base import DEFAULT_TIMEOUT

        return self._safe("set_many", list(data), data, DEFAULT_TIMEOUT if timeout is ... else timeout, version)

    def delete_many(self, keys, version=None):
        return self._safe("delete_many", None, keys, version)

    def has_key(self, key, version=None):
        return self._safe("has_key", False, key, version)


# Cached figures carry a generation in their keys: an event that changes them (issuing a decision,
# a nomination changing state) starts a new generation of its kind, and the old keys simply expire.
FIGURES = "figures"  # dashboard and home-panel aggregates: changed by issuing a decision
NOMINATION_COUNTS = "nomination-counts"  # state tabs and list totals: changed by every transition
PEOPLE_COUNTS = "people-counts"  # people per unit in the unit tree: changed by saving a person


def generation(kind=FIGURES):
    import time

    from django.core.cache import cache

    key = f"generation:{kind}"
    value = cache.get(key)
    if value is None:
        cache.add(key, time.time_ns(), None)
        value = cache.get(key, 0)
    return value


def changed(kind=FIGURES):
    """Invalidate every cached figure of ``kind`` (call on commit of the change)."""
    import time

    from django.core.cache import cache

    cache.set(f"generation:{kind}", time.time_ns(), None)


def figures_generation():
    return generation(FIGURES)


def figures_changed():
    changed(FIGURES)
