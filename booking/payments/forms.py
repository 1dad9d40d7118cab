from django import forms
from django.utils.translation import gettext_lazy as _

from .ean import normalise_ean, validate_ean


class InvoiceForm(forms.Form):
    ean = forms.CharField(
        label=_("EAN number"), max_length=20, help_text=_("The 13 digits your organisation is invoiced by.")
    )
    invoice_reference = forms.CharField(label=_("Reference on the invoice"), max_length=100, required=False)

    def clean_ean(self):
        ean = normalise_ean(self.cleaned_data["ean"])
        validate_ean(ean)
        return ean
