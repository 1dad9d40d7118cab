from django.urls import path

from . import popup_views

app_name = "popup"

urlpatterns = [
    path("", popup_views.popup_list, name="list"),
    path("<slug:slug>/", popup_views.popup_detail, name="detail"),
]
