from django.urls import path

from . import views

app_name = "catalogue"

urlpatterns = [
    path("", views.equipment_list, name="index"),
    path("pakker/", views.pack_list, name="packs"),
    path("pakke/<slug:slug>/", views.pack_detail, name="pack"),
    path("enhed/<str:asset_tag>/", views.unit_detail, name="unit"),
    path("<slug:slug>/", views.equipment_detail, name="equipment"),
]
