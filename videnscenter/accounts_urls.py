from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import views
from .forms import EmailAuthenticationForm, QueuedPasswordResetForm
from .privacy import views as privacy_views

app_name = "accounts"

urlpatterns = [
    path(
        "log-ind/",
        auth_views.LoginView.as_view(
            form_class=EmailAuthenticationForm,
            template_name="registration/login.html",
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path("log-ud/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "glemt-adgangskode/",
        auth_views.PasswordResetView.as_view(
            form_class=QueuedPasswordResetForm,
            template_name="registration/password_reset_form.html",
            email_template_name="email/password_reset.txt",
            subject_template_name="email/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "glemt-adgangskode/sendt/",
        auth_views.PasswordResetDoneView.as_view(template_name="registration/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "nulstil/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="registration/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "nulstil/faerdig/",
        auth_views.PasswordResetCompleteView.as_view(template_name="registration/password_reset_complete.html"),
        name="password_reset_complete",
    ),
    path(
        "adgangskode/",
        auth_views.PasswordChangeView.as_view(
            template_name="registration/password_change_form.html", success_url=reverse_lazy("accounts:profile")
        ),
        name="password_change",
    ),
    path("start/", views.start, name="start"),
    path("profil/", views.profile, name="profile"),
    path("mine-data/", privacy_views.my_data, name="my_data"),
    path("mine-data/hent.json", privacy_views.my_data_json, name="my_data_json"),
    path("mine-data/slet-mig/", privacy_views.erasure_request, name="erasure_request"),
    path("mine-data/fortryd-sletning/", privacy_views.erasure_withdraw, name="erasure_withdraw"),
    path("opret/", views.signup, name="signup"),
    path("aktiver/", views.activate, name="activate"),
    path("aktiver/<uidb64>/<token>/", views.activate_link, name="activate_link"),
    path("invitation/", views.invitation, name="invitation"),
    path("invitation/<str:token>/", views.invitation_link, name="invitation_link"),
    path("organisation/<slug:slug>/", views.organisation, name="organisation"),
    path("organisation/<slug:slug>/inviter/", views.organisation_invite, name="organisation_invite"),
    path("organisation/<slug:slug>/koordinator/", views.organisation_appoint, name="organisation_appoint"),
    path("medlemskab/<int:pk>/bekraeft/", views.membership_confirm, name="membership_confirm"),
    path("medlemskab/<int:pk>/fjern/", views.membership_remove, name="membership_remove"),
    path("invitationer/<int:pk>/tilbagekald/", views.invitation_revoke, name="invitation_revoke"),
]
