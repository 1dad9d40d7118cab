"""Local development: SQLite under var/, e-mail to the console, tasks in-process."""

import os

from .base import *  # noqa: F403

# Off by default so that `make run` shows the real (Danish) error pages; DEBUG=1 for tracebacks.
DEBUG = os.environ.get("DEBUG", "0") in {"1", "true", "True"}
SERVE_UPLOADS = True
# A fixed key is fine for a laptop; production.py refuses to start without its own.
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-do-not-use-in-production"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
# Serve static files straight from the apps; collectstatic is for production only.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
