from django.urls import path

from . import views

# Included by ``cms.urls`` (namespace "cms").
urlpatterns = [
    path("arrangementer/<int:event_id>/tilmeld/", views.signup, name="event_signup"),
    path("arrangementer/<int:event_id>/kalender.ics", views.event_ics, name="event_ics"),
    path("mine-tilmeldinger/", views.my_registrations, name="my_registrations"),
    path("mine-tilmeldinger/<str:reference>/", views.registration, name="registration"),
    path("mine-tilmeldinger/<str:reference>/betal/", views.registration_pay, name="registration_pay"),
    path(
        "mine-tilmeldinger/<str:reference>/afmeld/<int:participant_id>/",
        views.participant_cancel,
        name="participant_cancel",
    ),
    path("tilmelding/<str:reference>/<str:token>/", views.registration, name="registration_token"),
    path("tilmelding/<str:reference>/<str:token>/betal/", views.registration_pay, name="registration_pay_token"),
    path(
        "tilmelding/<str:reference>/<str:token>/afmeld/<int:participant_id>/",
        views.participant_cancel,
        name="participant_cancel_token",
    ),
    path("tilbud/<int:participant_id>/<str:token>/", views.offer, name="offer"),
]
