from django.urls import path

from videnscenter.urls import urlpatterns as site_urlpatterns


def boom(request):
    raise RuntimeError("secret internals")


urlpatterns = [path("boom/", boom), *site_urlpatterns]
