from django.urls import path

from . import views

app_name = "media"

urlpatterns = [
    path("", views.video_list, name="index"),
    path("podcast/", views.episode_list, name="episodes"),
    path("podcast/<slug:slug>/", views.episode_detail, name="episode"),
    path("<slug:slug>/", views.video_detail, name="video"),
    path("<slug:slug>/vist/", views.video_seen, name="video_seen"),
]
