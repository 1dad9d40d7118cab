from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MaterialEvaluation


class EvaluationForm(forms.ModelForm):
    rating = forms.TypedChoiceField(
        label=_("How many stars do you give the material?"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose from 1 to 5 stars."),
            "invalid_choice": _("Choose from 1 to 5 stars."),
        },
    )
    usable = forms.ChoiceField(
        label=_("Can you use it in your teaching?"),
        choices=MaterialEvaluation.Usable.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Tell us whether you can use it."),
            "invalid_choice": _("Tell us whether you can use it."),
        },
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    class Meta:
        model = MaterialEvaluation
        fields = ["rating", "usable", "comment"]
