"""Forms for the staff actions on a booking in the Wagtail admin.

None of them has a status field: each only collects what one service needs.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from catalogue.models import Unit
from videnscenter.helpers.dates import BoundedDateField

from ..handover import parse_tags
from ..models import Booking


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return obj.asset_tag


class UnitMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return obj.asset_tag


def booking_units(booking: Booking):
    """The units reserved for the booking right now."""
    return (
        Unit.objects.filter(reservations__booking=booking, reservations__is_active=True)
        .distinct()
        .order_by("asset_tag")
    )


def date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class NoteForm(forms.Form):
    """Hand out, close and cancel: only an optional note for the log."""

    note = forms.CharField(label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, booking: Booking | None = None, **kwargs):
        super().__init__(*args, **kwargs)


class ApproveForm(forms.Form):
    start_date = BoundedDateField(
        label=_("Other first day"), required=False, widget=date_input(), help_text=_("Leave empty to keep the dates.")
    )
    end_date = BoundedDateField(label=_("Other last day"), required=False, widget=date_input())
    units = UnitMultipleChoiceField(
        label=_("Specific units"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty to keep the reserved units (or let the system choose when the dates change)."),
    )
    note = forms.CharField(
        label=_("Note to the teacher"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, booking: Booking, **kwargs):
        super().__init__(*args, **kwargs)
        if booking.equipment_id:
            self.fields["units"].queryset = Unit.objects.in_service().filter(equipment_id=booking.equipment_id)
        else:
            # A pack always travels whole: its units are not chosen one by one.
            del self.fields["units"]

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        units = list(data.get("units") or [])
        return {
            "start_date": data["start_date"],
            "end_date": data["end_date"],
            "units": units or None,
            "note": data["note"],
        }


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The teacher sees it."),
        # The same text as the service's, so there is one translation of it.
        error_messages={"required": _("Write why the booking is rejected; the teacher will see it.")},
    )

    def __init__(self, *args, booking: Booking | None = None, **kwargs):
        super().__init__(*args, **kwargs)


class HandOutForm(forms.Form):
    """Every unit is scanned (or its tag typed) as it leaves: the service checks the scan against the loan."""

    scanned = forms.CharField(
        label=_("Scan the units"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "off", "spellcheck": "false"}),
        help_text=_("Scan the QR label of each unit, or type its asset tag; one per line."),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, booking: Booking | None = None, **kwargs):
        super().__init__(*args, **kwargs)


class ReturnForm(forms.Form):
    """Each unit that came back is checked off (or scanned); a missing one keeps the return open."""

    received_units = UnitMultipleChoiceField(
        label=_("Back at the centre"), queryset=Unit.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    scanned = forms.CharField(
        label=_("Or scan them"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2, "autocomplete": "off", "spellcheck": "false"}),
        help_text=_("Scanned or typed asset tags count as checked off."),
    )
    damaged_units = UnitMultipleChoiceField(
        label=_("Damaged units"), queryset=Unit.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    condition_note = forms.CharField(
        label=_("Condition"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when a unit is damaged: describe the damage."),
    )

    def __init__(self, *args, booking: Booking, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["damaged_units"].queryset = booking_units(booking)
        self.fields["received_units"].queryset = booking_units(booking)

    def received(self) -> list[Unit]:
        """Checked off, or scanned: every unit of the booking whose tag was given."""
        data = self.cleaned_data
        tags = set(parse_tags(data.get("scanned", "")))
        by_scan = [u for u in self.fields["received_units"].queryset if u.asset_tag.upper() in tags]
        return list({u.pk: u for u in [*data["received_units"], *by_scan]}.values())


class SwapForm(forms.Form):
    old_unit = UnitChoiceField(label=_("Replace unit"), queryset=Unit.objects.none())
    new_unit = UnitChoiceField(label=_("with unit"), queryset=Unit.objects.none())

    def __init__(self, *args, booking: Booking, **kwargs):
        super().__init__(*args, **kwargs)
        current = booking_units(booking)
        self.fields["old_unit"].queryset = current
        # Units of the same kinds as the booked ones; the service checks that they are free.
        self.fields["new_unit"].queryset = (
            Unit.objects.in_service()
            .filter(equipment_id__in=current.values("equipment_id"))
            .exclude(pk__in=current.values("pk"))
            .order_by("asset_tag")
        )
