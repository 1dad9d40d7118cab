from django.urls import path

from videnscenter.urls import urlpatterns as site_urlpatterns

from . import views

urlpatterns = [path("bench/baseline/", views.baseline), path("bench/bump/", views.bump), *site_urlpatterns]
