from django.urls import path

from . import views

app_name = "popup"

urlpatterns = [
    path("", views.popup_list, name="list"),
    path("<slug:slug>/", views.popup_detail, name="detail"),
]
