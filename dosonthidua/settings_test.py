"""Test settings: the real PostgreSQL and Redis (from DATABASE_URL / REDIS_URL), fast hashing."""

import os

os.environ.setdefault("TESTING", "true")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/15")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/dosonthidua")

from .settings import *  # noqa: E402,F403
from .settings import BASE_DIR  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / ".data" / "test-media"
# Two-factor sign-in stays optional for everyone in the suite (its own tests switch it on), so tests
# and browser journeys sign in with the password alone.
TWO_FACTOR_REQUIRED_ROLES = []
