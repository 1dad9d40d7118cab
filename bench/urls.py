from django.urls import path

from videnscenter.urls import urlpatterns as site_urlpatterns

from . import views

urlpatterns = [path("bench/baseline/", views.baseline), *site_urlpatterns]
