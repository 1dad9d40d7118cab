from django import forms
from django.utils.translation import gettext_lazy as _

from videnscenter.models import Organisation

from ..models import SchoolRequest


class SchoolRequestForm(forms.Form):
    school = forms.ModelChoiceField(
        label=_("School"),
        queryset=None,
        empty_label=None,
        error_messages={"invalid_choice": _("You can only write on behalf of a school where you teach.")},
    )
    topic = forms.ChoiceField(
        label=_("What is it about?"),
        choices=SchoolRequest.Topic.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose what the request is about."),
            "invalid_choice": _("Choose what the request is about."),
        },
    )
    message = forms.CharField(
        label=_("Your request"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Tell us a little more (at least 10 characters).")},
    )

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = Organisation.objects.filter(pk__in=[s.pk for s in schools])
