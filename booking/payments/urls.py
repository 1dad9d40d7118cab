from django.urls import path

from . import views

app_name = "payments"

urlpatterns = [
    path("stripe/webhook/", views.stripe_webhook, name="stripe_webhook"),
    path("<str:reference>/", views.pay, name="pay"),
    path("<str:reference>/kort/", views.checkout, name="checkout"),
    path("<str:reference>/faktura/", views.invoice, name="invoice"),
    path("<str:reference>/tak/", views.thanks, name="thanks"),
    path("<str:reference>/annulleret/", views.cancelled, name="cancelled"),
]
