from django.urls import path

from . import views
from .registrations.urls import urlpatterns as registration_urls
from .school_requests import views as school_request_views

app_name = "cms"

urlpatterns = [
    path("soeg/", views.search, name="search"),
    path("materialer/hent/<int:file_id>/", views.material_download, name="material_download"),
    path("materialer/evaluering/<int:page_id>/", views.material_evaluate, name="material_evaluate"),
    path("henvendelse/", school_request_views.school_request, name="school_request"),
    *registration_urls,
]
