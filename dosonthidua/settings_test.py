"""Test settings: the real PostgreSQL and Redis (from DATABASE_URL / REDIS_URL), fast hashing."""

import os
from pathlib import Path

os.environ.setdefault("TESTING", "true")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/15")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/dosonthidua")

from .settings import *  # noqa: E402,F403
from .settings import BASE_DIR  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# TEST_MEDIA_ROOT: a second portal run by a test in a subprocess keeps its files apart.
MEDIA_ROOT = Path(os.environ["TEST_MEDIA_ROOT"]) if os.environ.get("TEST_MEDIA_ROOT") else BASE_DIR / ".data" / "test-media"
# Two-factor sign-in stays optional for everyone in the suite (its own tests switch it on), so tests
# and browser journeys sign in with the password alone.
TWO_FACTOR_REQUIRED_ROLES = []
