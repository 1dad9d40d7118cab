"""Settings shared by every environment.

Everything that differs between a laptop and production is read from the
environment; the defaults here are safe for local use only where noted.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def database_from_env() -> dict:
    """PostgreSQL (or anything dj-database-url reads) from DATABASE_URL, else SQLite in var/."""
    url = os.environ.get("DATABASE_URL", "")
    if url:
        return dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": VAR_DIR / "videnscenter.sqlite3",
        # Kept open between requests, as for PostgreSQL: opening one runs the PRAGMAs below and
        # makes SQLite read the whole schema again, several times the cost of a cached page.
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {
            # IMMEDIATE takes the write lock when a transaction starts, so two
            # writers queue instead of failing half-way with "database is locked".
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": ("PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA foreign_keys=ON;"),
        },
    }


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "videnscenter",
    "catalogue",
    "booking",
    "booking.payments",
    "cms",
    "media",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "videnscenter.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "videnscenter.uploads.UploadHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "videnscenter.middleware.DanishFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "videnscenter.middleware.HostileInputMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Cached Wagtail pages (the event list) answered before Wagtail finds the page by its path.
    "videnscenter.pagecache.WagtailPageCacheMiddleware",
    # Last, so that it sees the outcome of every authentication attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "videnscenter.urls"
WSGI_APPLICATION = "videnscenter.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cms.context_processors.site_navigation",
            ],
        },
    },
]

DATABASES = {"default": database_from_env()}


def cache_from_env() -> dict:
    """The page and feed cache (README "Caching"): ``CACHE_URL`` names a shared one for several
    app servers, ``redis://host:port/db`` or ``db://table`` (after ``manage.py createcachetable``);
    without it, local memory in this process (``make run``)."""
    url = os.environ.get("CACHE_URL", "")
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url, "KEY_PREFIX": "vc"}
    if url.startswith("db://"):
        table = url.removeprefix("db://") or "videnscenter_cache"
        return {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": table, "KEY_PREFIX": "vc"}
    if url:
        raise ValueError(f"CACHE_URL must start with redis://, rediss://, unix:// or db://, not {url!r}")
    # Bounded, so a worker's memory stays flat however many different pages are asked for.
    return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 500}}


CACHES = {"default": cache_from_env()}
PAGE_CACHE = not env_bool("PAGE_CACHE_OFF")  # pages keyed by data versions (videnscenter.pagecache)
PAGE_CACHE_SECONDS = 600  # a copy no key asks for any more goes after this
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "videnscenter.User"
AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses a locked-out client before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "videnscenter.backends.RoleBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:start"  # each role to its work (videnscenter.selectors.start_url)
LOGOUT_REDIRECT_URL = "/"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day
INVITATION_VALID_DAYS = 14

# Login throttling (django-axes): five failures for one address from one client
# lock that pair for 15 minutes; the lock is per user *and* IP so that an attacker
# cannot lock a teacher out from elsewhere.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
# Count failures against the address as the login reads it (trimmed, any capitalisation).
AXES_USERNAME_CALLABLE = "videnscenter.backends.throttle_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_SENSITIVE_PARAMETERS = ["password"]
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0")) or None

# Personal data: how many days each class of data is kept before the daily
# ``apply_retention`` command anonymises it (README, "Personal data"). Each period can be
# changed with RETENTION_<CLASS>_DAYS, e.g. RETENTION_NOTES_DAYS=180.
PERSONAL_DATA_RETENTION_DEFAULTS = {
    "booking_personal": 3 * 365,  # who booked, class: 3 years after the loan (limitation period)
    "notes": 365,  # notes on bookings and their history: 1 year after the loan
    "evaluations": 2 * 365,  # comment and who answered: 2 years after answering
    "registrations": 2 * 365,  # course registrations: 2 years after the event
    "payment_records": 6 * 365,  # bookkeeping act: 5 years after the end of the financial year
    "log_entries": 2 * 365,  # admin history and who did what on a booking: 2 years
    "feed_fetches": 90,  # when a calendar feed was fetched; revoked feeds
    "login_records": 90,  # sign-in attempts with IP address and browser
    "invitations": 90,  # invitations and sign-ups never confirmed: 90 days after they lapsed
}
PERSONAL_DATA_RETENTION_DAYS = {
    key: int(os.environ.get(f"RETENTION_{key.upper()}_DAYS", days))
    for key, days in PERSONAL_DATA_RETENTION_DEFAULTS.items()
}

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "vc_language"
LANGUAGE_COOKIE_SECURE = False
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Dates as the centres write them (30.11.2026, 30.11.2026 14:05) wherever no format is named,
# i.e. in the Wagtail admin; numbers keep Django's Danish separators (1.234,50). The thousands
# separator stays off: it would also put dots into ids that templates print into URLs.
FORMAT_MODULE_PATH = ["videnscenter.formats"]
# The admin's date pickers: what they show and what they write (must be an input format of
# every language in LANGUAGES, see videnscenter/formats/).
WAGTAIL_DATE_FORMAT = "%d.%m.%Y"
WAGTAIL_DATETIME_FORMAT = "%d.%m.%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "/uploads/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Videnscenter <noreply@videnscenter.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work: run in-process unless production switches to the database queue.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "videnscenter.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content Security Policy for the public site. The Wagtail admin ships inline
# scripts and styles of its own, so it is excluded here and protected by login.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", "https://i.ytimg.com"],
        "media-src": [SELF],
        "frame-src": ["https://www.youtube-nocookie.com"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

WAGTAIL_SITE_NAME = "Videnscenter for Velfærdsteknologi"
BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_BASE_URL = BASE_URL

# Payments (booking.payments; README "Courses and payments"). Without a secret key card payment
# is off and the site says so; invoices still work. Several webhook secrets, comma-separated,
# let one be rotated without losing events.
STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "")
STRIPE_PUBLISHABLE_KEY = os.environ.get("STRIPE_PUBLISHABLE_KEY", "")
STRIPE_WEBHOOK_SECRETS = env_list("STRIPE_WEBHOOK_SECRETS")
STRIPE_API_BASE = os.environ.get("STRIPE_API_BASE", "https://api.stripe.com")
# How long a card payment holds what it pays for (e.g. a course place) before it is released.
PAYMENT_HOLD_MINUTES = int(os.environ.get("PAYMENT_HOLD_MINUTES", "60"))
WAGTAIL_I18N_ENABLED = False
# ASCII slugs: the admin turns æ, ø, å into ae, o, a while the editor types the title.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_CONTENT_LANGUAGES = [("da", "Dansk")]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("da", "Dansk"), ("en", "English")]
# PostgreSQL full-text search with Danish stemming in production; SQLite FTS5 in the embedded setup.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "danish"}}
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Only these document types, with content matching the extension (videnscenter/uploads.py);
# every document is downloaded, never shown inline in the site's origin.
WAGTAILDOCS_EXTENSIONS = [
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp",
    "png", "jpg", "jpeg", "gif", "webp", "vtt", "srt",
]  # fmt: skip
WAGTAILDOCS_DOCUMENT_FORM_BASE = "videnscenter.uploads.DocumentForm"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILIMAGES_IMAGE_FORM_BASE = "videnscenter.image_forms.AltTextRequiredImageForm"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 15 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FORMS_URLFIELD_ASSUME_HTTPS = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_tokens": {"()": "videnscenter.log_filters.RedactSecretsFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact_tokens"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # One line per task or per start-up is noise; failures are still logged.
        "django_tasks": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}
