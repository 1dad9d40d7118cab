from django.urls import path

from . import views

app_name = "booking"

urlpatterns = [
    path("", views.my_bookings, name="list"),
    path("ny/<slug:slug>/", views.new, name="new"),
    path("ny/pakke/<slug:slug>/", views.new_pack, name="new_pack"),
    path("<str:reference>/", views.detail, name="detail"),
    path("<str:reference>/aflys/", views.cancel, name="cancel"),
    path("<str:reference>/aendr/", views.change, name="change"),
]
