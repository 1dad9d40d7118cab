"""The URLs of ``make run``: the site plus uploads served from MEDIA_ROOT."""

from videnscenter.uploads import development_urlpatterns
from videnscenter.urls import urlpatterns as site_urlpatterns

urlpatterns = [*development_urlpatterns(), *site_urlpatterns]
