from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _

from .emails import send_rendered_email


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset form (silent about unknown addresses), sending through the task queue."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, **kwargs):
        send_rendered_email(
            to=to_email, subject_template=subject_template_name, body_template=email_template_name, context=context
        )


class NewPasswordMixin(forms.Form):
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters, not only digits and not a common password."),
    )
    password2 = forms.CharField(
        label=_("Repeat password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords are not the same."))
        return data


class NameMixin(forms.Form):
    first_name = forms.CharField(
        label=_("First name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label=_("Last name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )


class SignupForm(NameMixin, NewPasswordMixin):
    email = forms.EmailField(
        label=_("School e-mail"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    field_order = ["email", "first_name", "last_name", "password1", "password2"]


class InvitationAcceptForm(NameMixin, NewPasswordMixin):
    pass


class EmailForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"), max_length=254)
