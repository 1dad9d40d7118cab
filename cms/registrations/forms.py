"""Forms of event sign-up. They read what a person typed; the rules are in ``services``."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from videnscenter.models import Organisation

from ..models import Registration
from .services import INVOICE_KINDS, MAX_PARTICIPANTS, NewParticipant

SEPARATOR = re.compile(r"\s*[,;\t]\s*(?=[^,;\t]*$)")  # the last comma, semicolon or tab on the line


def parse_participants(text: str) -> list[NewParticipant]:
    """One participant a line, "Name, e-mail"; blank lines are skipped."""
    people = []
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if len(lines) > MAX_PARTICIPANTS:
        raise ValidationError(_("At most %(n)d participants in one sign-up.") % {"n": MAX_PARTICIPANTS})
    for number, line in enumerate(lines, start=1):
        parts = SEPARATOR.split(line, maxsplit=1)
        if len(parts) != 2 or not parts[0] or "@" not in parts[1]:
            raise ValidationError(
                _("Line %(n)d: write the name, a comma and the e-mail address, e.g. “Anna Jensen, anna@example.dk”.")
                % {"n": number}
            )
        people.append(NewParticipant(name=parts[0], email=parts[1]))
    return people


class SignUpForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("I sign up"),
        choices=[
            (Registration.Kind.PERSON, gettext_lazy("myself")),
            (Registration.Kind.ORGANISATION, gettext_lazy("participants for an organisation")),
        ],
        widget=forms.RadioSelect,
        initial=Registration.Kind.PERSON,
    )
    contact_name = forms.CharField(label=gettext_lazy("Your name"), max_length=200)
    payer_email = forms.EmailField(label=gettext_lazy("Your e-mail address"), max_length=254)
    organisation_name = forms.CharField(
        label=gettext_lazy("Organisation"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("The employer, municipality or school that pays."),
    )
    participants = forms.CharField(
        label=gettext_lazy("Participants"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("Only for an organisation: one participant a line, “Name, e-mail”."),
    )
    method = forms.ChoiceField(
        label=gettext_lazy("Payment"),
        choices=[
            (Registration.Method.CARD, gettext_lazy("Card (Stripe)")),
            (Registration.Method.INVOICE, gettext_lazy("Invoice with EAN (public organisations)")),
        ],
        widget=forms.RadioSelect,
        required=False,
    )
    invoice_organisation = forms.ModelChoiceField(
        label=gettext_lazy("Organisation to invoice"),
        queryset=Organisation.objects.filter(kind__in=INVOICE_KINDS).order_by("name"),
        required=False,
        help_text=gettext_lazy("Only for invoice: the municipality, region or school that pays."),
    )
    ean = forms.CharField(label=gettext_lazy("EAN number"), max_length=20, required=False)
    invoice_reference = forms.CharField(label=gettext_lazy("Invoice reference"), max_length=100, required=False)
    join_waitlist = forms.BooleanField(
        label=gettext_lazy("Put me (or those who do not get a place) on the waitlist if the event is full"),
        required=False,
    )

    def __init__(self, *args, price, card_enabled: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.price = price
        if price == 0:
            for name in ("method", "invoice_organisation", "ean", "invoice_reference"):
                del self.fields[name]
        elif not card_enabled:
            self.fields["method"].choices = [c for c in self.fields["method"].choices if c[0] != "card"]
            self.fields["method"].initial = Registration.Method.INVOICE

    def clean(self):
        data = super().clean()
        if data.get("kind") == Registration.Kind.ORGANISATION:
            try:
                data["people"] = parse_participants(data.get("participants", ""))
            except ValidationError as exc:
                self.add_error("participants", exc)
        elif data.get("contact_name") and data.get("payer_email"):
            data["people"] = [NewParticipant(name=data["contact_name"], email=data["payer_email"])]
        return data


class CancelForm(forms.Form):
    """Nothing to fill in; the confirmation page posts it."""
