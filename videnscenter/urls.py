from django.conf import settings
from django.urls import include, path
from django.views import defaults
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from videnscenter.admin_i18n import admin_js_catalog

urlpatterns = [
    # Before Wagtail's own, which it replaces: the admin scripts' texts with the project's Danish.
    path("admin/jsi18n/", admin_js_catalog, name="admin_javascript_catalog"),
    path("admin/", include(wagtailadmin_urls)),
    path("dokumenter/", include(wagtaildocs_urls)),
    path("konto/", include("videnscenter.accounts_urls")),
    path("udstyr/", include("catalogue.urls")),
    path("booking/", include("booking.urls")),
    path("popup/", include("booking.popups.urls")),
    path("kalender/", include("booking.calendar.urls")),
    path("betaling/", include("booking.payments.urls")),
    path("videoer/", include("media.urls")),
    path("", include("cms.urls")),
    path("sprog/", set_language, name="set_language"),
]

if getattr(settings, "SERVE_UPLOADS", False):
    # Development only: production serves uploads from shared storage (see README, "Security").
    from .uploads import development_urlpatterns

    urlpatterns += development_urlpatterns()

if settings.DEBUG:
    # Let developers look at the error pages while DEBUG shows tracebacks instead.
    urlpatterns += [
        path("404/", defaults.page_not_found, {"exception": Exception()}),
        path("500/", defaults.server_error),
    ]

# Wagtail serves every remaining path from the page tree; keep it last.
urlpatterns += [path("", include(wagtail_urls))]
