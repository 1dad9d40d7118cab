from django.urls import path

from . import views

app_name = "calendar"

urlpatterns = [
    path("", views.index, name="index"),
    path("ny/", views.create, name="create"),
    path("<int:pk>/navn/", views.rename, name="rename"),
    path("<int:pk>/nyt-link/", views.rotate, name="rotate"),
    path("<int:pk>/slet/", views.revoke, name="revoke"),
    path("popup.ics", views.popups_feed, name="popups"),
    path("feed/<str:token>.ics", views.feed, name="feed"),
]
