"""Settings for the emulation and commendation portal.

One module, driven by environment variables (see README and docs/deploy.md). In production
(DEBUG off) every required value must be given; a missing or malformed one stops the start with
a message that names it.
"""

import os
import sys
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

from .isolation import deployment_name, queue_name

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)


def _bool(name, default):
    raw = env.str(name, default=None)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use true/false).")


DEBUG = _bool("DEBUG", False)
TESTING = _bool("TESTING", False)

_LOCAL_DEFAULTS = {
    "SECRET_KEY": "dev-only-insecure-key-change-me",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/dosonthidua",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def _required(name):
    """Return a required setting; in development fall back to a local default."""
    value = env.str(name, default="").strip()
    if value:
        return value
    if DEBUG or TESTING:
        return _LOCAL_DEFAULTS[name]
    raise ImproperlyConfigured(
        f"Missing required environment variable {name}. Set it (see docs/deploy.md) or run with DEBUG=true for local development."
    )


SECRET_KEY = _required("SECRET_KEY")
if not (DEBUG or TESTING) and (len(SECRET_KEY) < 32 or _LOCAL_DEFAULTS["SECRET_KEY"] == SECRET_KEY):
    raise ImproperlyConfigured("SECRET_KEY must be a random string of at least 32 characters.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if (DEBUG or TESTING) else [])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Missing required environment variable ALLOWED_HOSTS (comma-separated host names).")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

try:
    DATABASES = {"default": env.db_url_config(_required("DATABASE_URL"))}
except Exception as exc:  # environ raises several types for a bad URL
    raise ImproperlyConfigured(f"DATABASE_URL is malformed: {exc}") from exc
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("DATABASE_URL must point to PostgreSQL (postgres://...).")
# Persistent connections suit servers with a fixed set of threads (gunicorn workers, Celery). The
# dev server starts a thread per request and would leave one open connection behind per request
# until PostgreSQL refuses more ("too many clients"): there connections close after each request.
# Production pooling (PgBouncer) is described in docs/deploy.md.
_dev_server = len(sys.argv) > 1 and sys.argv[1] == "runserver"
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0 if _dev_server else 60)
# Re-check a kept connection before use, so a PostgreSQL restart heals without restarting us.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Behind PgBouncer in transaction pooling mode, server-side cursors (.iterator()) cannot span
# transactions: DB_DISABLE_SERVER_SIDE_CURSORS=true.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = _bool("DB_DISABLE_SERVER_SIDE_CURSORS", False)

REDIS_URL = _required("REDIS_URL")
if not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured("REDIS_URL must start with redis://, rediss:// or unix://.")

# Two portals on one Redis never see each other's cache entries or tasks: the cache key prefix and
# the Celery queue, exchange and control names all derive from this name (dosonthidua.isolation).
DEPLOYMENT_NAME = deployment_name(env.str("DEPLOYMENT_NAME", default=DATABASES["default"]["NAME"]))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "simple_history",
    "django_celery_beat",
    "axes",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Our apps, lowest layer first.
    "units",
    "awards",
    "campaigns",
    "reports",
    "dosonthidua.api",
    "bench",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "dosonthidua.middleware.PrivateCacheMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "dosonthidua.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "csp.middleware.CSPMiddleware",
    "units.audit.AuditMiddleware",
]

ROOT_URLCONF = "dosonthidua.urls"
WSGI_APPLICATION = "dosonthidua.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dosonthidua.context_processors.portal",
            ],
        },
    },
]

AUTH_USER_MODEL = "units.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Login throttling: 5 failures for a username from one address lock it for an hour.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_ENABLED = _bool("AXES_ENABLED", True)

# Two-factor sign-in (django-otp; units/twofactor.py): the roles that must use an authenticator app
# (staff accounts count as administrators). Anyone else may enrol from their account page.
TWO_FACTOR_REQUIRED_ROLES = env.list("TWO_FACTOR_REQUIRED_ROLES", default=["reviewer", "leader", "council_member", "administrator"])
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Thi đua khen thưởng")

# PAdES signatures (awards/pades.py): the font of the visible stamp (Vietnamese letters), and an
# RFC 3161 timestamp authority when the installation has one.
PDF_SIGNATURE_FONT = env.str("PDF_SIGNATURE_FONT", default="/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf")
PDF_SIGNATURE_TSA_URL = env.str("PDF_SIGNATURE_TSA_URL", default="")
# The root certificates (a PEM bundle) a signature's certificate must chain to for the validation
# page to call it trusted; empty: integrity is still checked, trust is reported as unverified.
PDF_SIGNATURE_TRUST_ROOTS = env.str("PDF_SIGNATURE_TRUST_ROOTS", default="")

# Long reports (reports.formatters.to_pdf): above REPORT_PDF_PARALLEL_ROWS table rows the PDF is
# laid out in chunks of REPORT_PDF_CHUNK_ROWS rows by REPORT_PDF_WORKERS processes and merged
# (reports.pdf_chunks); below it one WeasyPrint render in the calling process. Measured on 2 cores:
# the 1,039-row registrations report took 5.6 s in one process and 4.1 s in chunks.
REPORT_PDF_PARALLEL_ROWS = env.int("REPORT_PDF_PARALLEL_ROWS", default=1000)
REPORT_PDF_CHUNK_ROWS = env.int("REPORT_PDF_CHUNK_ROWS", default=500)
REPORT_PDF_WORKERS = env.int("REPORT_PDF_WORKERS", default=min(os.cpu_count() or 1, 2))

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["dosonthidua.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if (DEBUG or TESTING)
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Uploaded files live outside static and are served only through permission-checked views:
# there is deliberately no MEDIA_URL route.
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / ".data" / "media")))
MEDIA_URL = "/media-not-served/"
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=20 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": {
        "BACKEND": "dosonthidua.cache.ResilientRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default=DEPLOYMENT_NAME),
        # A Redis outage must not take pages down: fail fast and fall through.
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
}
SESSION_ENGINE = "django.contrib.sessions.backends.db"

CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = REDIS_URL
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# visibility_timeout: how long an unacknowledged task (its worker died) waits before redelivery.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 1,
    "max_retries": 1,
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
    # How often workers sweep for such messages: about interval × throttle seconds (kombu defaults).
    "unacked_restore_interval": env.int("CELERY_UNACKED_RESTORE_INTERVAL", default=10),
    "unacked_restore_throttle": env.int("CELERY_UNACKED_RESTORE_THROTTLE", default=10),
}
# With the broker down, .delay() fails within about a second (callers then keep the work pending
# or refuse it clearly) instead of hanging the request.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# This deployment's queue (a worker started without -Q consumes it) and exchanges, named after
# DEPLOYMENT_NAME (dosonthidua.isolation). Report builds (PDF/XLSX, large exports) run on a queue of
# their own with their own worker, so a batch of documents never delays notification e-mail.
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_QUEUE", default=queue_name("default", DEPLOYMENT_NAME))
CELERY_TASK_DEFAULT_EXCHANGE = CELERY_TASK_DEFAULT_QUEUE
CELERY_TASK_DEFAULT_ROUTING_KEY = CELERY_TASK_DEFAULT_QUEUE
CELERY_CONTROL_EXCHANGE = queue_name("control", DEPLOYMENT_NAME)
CELERY_EVENT_EXCHANGE = queue_name("events", DEPLOYMENT_NAME)
CELERY_REPORTS_QUEUE = env.str("CELERY_REPORTS_QUEUE", default=queue_name("reports", DEPLOYMENT_NAME))
CELERY_TASK_ROUTES = {
    "reports.tasks.report_build_task": {"queue": CELERY_REPORTS_QUEUE},
    "reports.tasks.summary_periodic": {"queue": CELERY_REPORTS_QUEUE},
    "units.tasks.export_build_task": {"queue": CELERY_REPORTS_QUEUE},
}

try:
    EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://" if (DEBUG or TESTING) else "smtp://localhost:25")
except Exception as exc:
    raise ImproperlyConfigured(f"EMAIL_URL is malformed: {exc}") from exc
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Cổng thi đua khen thưởng <thiduakhenthuong@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
PORTAL_BASE_URL = env.str("PORTAL_BASE_URL", default="http://127.0.0.1:8000")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# The organisation this installation serves is data: the issuing body valid on a date
# (awards.IssuingBody, read through dosonthidua.identity). Empty by default: the place and the title come from the issuing body valid on the date
# (dosonthidua.identity); set them only to override that data.
PORTAL_PLACE_NAME = env.str("PORTAL_PLACE_NAME", default="")
PORTAL_TITLE = env.str("PORTAL_TITLE", default="")

# Leadership dashboard figures are aggregated in the database and kept this long (the page says how
# fresh they are; reviewers can refresh at once).
DASHBOARD_CACHE_SECONDS = env.int("DASHBOARD_CACHE_SECONDS", default=300)
# A list export above this many rows is built by a Celery task into a stored file (units.exports).
EXPORT_SYNC_MAX_ROWS = env.int("EXPORT_SYNC_MAX_ROWS", default=20000)

# Security. With DEBUG off the HTTPS redirect, HSTS and secure cookies are on by default, so
# `manage.py check --deploy` is clean with the required settings alone. PORTAL_HTTP_ONLY=true is the
# one explicit switch for an installation reachable only over plain HTTP (a closed intranet, the
# local demo): it turns the three off and every process says so when it starts.
HTTP_ONLY = _bool("PORTAL_HTTP_ONLY", False)
_https = not (DEBUG or TESTING or HTTP_ONLY)
if HTTP_ONLY and not TESTING:
    sys.stderr.write(
        "WARNING: PORTAL_HTTP_ONLY=true: no HTTPS redirect, no HSTS, cookies sent over plain HTTP. "
        "Passwords and sessions cross the network unencrypted; use only on a closed intranet or for the local demo.\n"
    )
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = _bool("SECURE_SSL_REDIRECT", _https)
# The health checks answer over plain HTTP too (the proxy and the orchestrator call them directly).
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SESSION_COOKIE_SECURE = _bool("SECURE_COOKIES", _https)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if _https else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}, "weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}

# In development and tests whitenoise serves straight from the finders (no collectstatic needed).
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG or TESTING

if _bool("PORTAL_QUERY_COUNT_HEADER", False):
    MIDDLEWARE.insert(0, "dosonthidua.middleware.QueryCountHeaderMiddleware")

# Content-Security-Policy (django-csp): no inline or third-party script anywhere; every asset is
# vendored under static/. Inline style attributes stay allowed (Bootstrap components set them).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# The REST API (/api/v1/, dosonthidua.api): per-system tokens or the signed-in session, JSON only
# (no browsable API: its pages need inline script), errors as RFC 9457 problem details.
API_DEFAULT_RATE_PER_MINUTE = env.int("API_DEFAULT_RATE_PER_MINUTE", default=120)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "dosonthidua.api.authentication.ApiTokenAuthentication",
        "dosonthidua.api.authentication.PortalSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["dosonthidua.api.permissions.ApiAccess"],
    "DEFAULT_THROTTLE_CLASSES": ["dosonthidua.api.throttling.PerTokenRateThrottle"],
    "DEFAULT_PAGINATION_CLASS": "dosonthidua.api.pagination.Pagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend", "rest_framework.filters.OrderingFilter"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser", "rest_framework.parsers.MultiPartParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "dosonthidua.api.problems.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DATE_INPUT_FORMATS": ["iso-8601"],
    "COERCE_DECIMAL_TO_STRING": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API cổng thi đua, khen thưởng",
    "DESCRIPTION": "API mở cho các hệ thống quản lý văn bản, cổng dịch vụ công và cơ sở dữ liệu thi đua, khen thưởng quốc gia. Xem docs/api.md.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    # Swagger UI from static/vendor/swagger-ui (copied from drf-spectacular-sidecar): no CDN.
    "SWAGGER_UI_DIST": "/static/vendor/swagger-ui",
    "SWAGGER_UI_FAVICON_HREF": "/static/vendor/swagger-ui/favicon-32x32.png",
    # No deep links: Swagger UI draws them as a link inside each operation's toggle button, which
    # nests one control in another (axe-core "nested-interactive"). The page language and contrast
    # are in templates/drf_spectacular/swagger_ui.html and static/css/swagger-ui-a11y.css.
    "SWAGGER_UI_SETTINGS": {"deepLinking": False},
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "UnitKindEnum": "units.enums.UnitKind",
        "CampaignKindEnum": "campaigns.enums.CampaignKind",
        "PhaseKindEnum": "campaigns.enums.PhaseKind",
        "AttachmentKindEnum": "awards.enums.AttachmentKind",
    },
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "dosonthidua.api.schema.add_problem_responses"],
}

# security.W021 (HSTS preload): a government intranet host is not submitted to browsers' preload lists.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
