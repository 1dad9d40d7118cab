"""Settings for the test suite: fast hashing, e-mail kept in memory, tasks run at once."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
BASE_URL = WAGTAILADMIN_BASE_URL = "http://testserver"
# Serve static files straight from the apps; collectstatic is for production only.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# No Stripe unless a test asks for the loopback fake (the ``fake_stripe`` fixture); never the network.
STRIPE_SECRET_KEY = ""
STRIPE_WEBHOOK_SECRETS = []
STRIPE_API_BASE = "http://127.0.0.1:9"
# Data versions are raised at once, inside the test's transaction (which never commits);
# tests of the after-commit path turn this on (tests/core/test_page_cache.py).
DATA_VERSIONS_ON_COMMIT = False
