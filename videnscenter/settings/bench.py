"""The benchmark server (``make bench``): the dev stack without DEBUG, plus a baseline view.

``bench.urls`` adds ``/bench/baseline/``, a fixed response through the same middleware; the
query-count middleware reports each request's SQL queries in ``X-Bench-Queries``.
"""

import os

from .dev import *  # noqa: F403

DEBUG = False
ROOT_URLCONF = "bench.urls"
MIDDLEWARE = ["bench.middleware.QueryCountMiddleware", *MIDDLEWARE]  # noqa: F405
WHITENOISE_AUTOREFRESH = False
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
if os.environ.get("BENCH_NO_CACHE"):
    # For measuring what the render cache hides, e.g. a feed rendered from scratch.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
