from django.urls import path

from . import views
from .basket import views as basket

app_name = "booking"

urlpatterns = [
    path("", views.my_bookings, name="list"),
    path("ny/<slug:slug>/", views.new, name="new"),
    path("ny/pakke/<slug:slug>/", views.new_pack, name="new_pack"),
    path("kurv/", basket.basket, name="basket"),
    path("kurv/tilfoej/<slug:slug>/", basket.add_equipment, name="basket_add"),
    path("kurv/tilfoej/pakke/<slug:slug>/", basket.add_pack, name="basket_add_pack"),
    path("kurv/fjern/", basket.remove, name="basket_remove"),
    path("<str:reference>/", views.detail, name="detail"),
    path("<str:reference>/aflys/", views.cancel, name="cancel"),
    path("<str:reference>/aendr/", views.change, name="change"),
]
