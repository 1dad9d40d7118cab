"""Forms of the calendar subscription page."""

from django import forms
from django.utils.translation import gettext_lazy

from catalogue.models import Equipment
from videnscenter.models import Organisation

from ..models import CalendarSubscription
from . import selectors


class SubscriptionForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Calendar"), choices=CalendarSubscription.Kind.choices)
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("School or centre"), queryset=Organisation.objects.none(), required=False
    )
    equipment = forms.ModelChoiceField(
        label=gettext_lazy("Equipment"), queryset=Equipment.objects.filter(is_active=True), required=False
    )
    name = forms.CharField(label=gettext_lazy("Name (optional)"), max_length=100, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        choices = selectors.subscription_choices(user)
        ids = [o.pk for o in choices["schools"] + choices["centres"]]
        self.fields["organisation"].queryset = Organisation.objects.filter(pk__in=ids)


class RenameForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=100)
