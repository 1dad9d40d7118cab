from django.conf import settings
from django.urls import include, path
from django.views import defaults
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("dokumenter/", include(wagtaildocs_urls)),
    path("konto/", include("videnscenter.accounts_urls")),
    path("sprog/", set_language, name="set_language"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
    # Let developers look at the error pages while DEBUG shows tracebacks instead.
    urlpatterns += [
        path("404/", defaults.page_not_found, {"exception": Exception()}),
        path("500/", defaults.server_error),
    ]

# Wagtail serves every remaining path from the page tree; keep it last.
urlpatterns += [path("", include(wagtail_urls))]
