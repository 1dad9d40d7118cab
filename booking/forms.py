from datetime import date
from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _

from catalogue.models import Programme
from videnscenter.helpers.dates import BoundedDateField
from videnscenter.models import Membership, Organisation, Role, User

from .models import Booking

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


# Short names in links that open a form filled in ("?fra=2031-03-10&til=2031-03-14").
ALIASES = {"fra": "start_date", "til": "end_date", "antal": "quantity"}


def prefill(values: dict) -> str:
    """A query string that opens a booking form with ``values`` filled in ("" for none)."""
    values = {k: v for k, v in values.items() if v not in (None, "")}
    return "?" + urlencode(values) if values else ""


class PeriodForm(forms.Form):
    start_date = BoundedDateField(label=_("First day"), widget=DATE)
    end_date = BoundedDateField(label=_("Last day"), widget=DATE)

    def clean(self):
        data = super().clean()
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            self.add_error("end_date", _("The last day must be on or after the first day."))
        return data

    @classmethod
    def initial_from(cls, query) -> dict:
        """Initial values from a link (``prefill``): the form's own field names or the short aliases."""
        initial = {name: query[alias] for alias, name in ALIASES.items() if query.get(alias)}
        initial.update({name: query[name] for name in cls.base_fields if query.get(name)})
        return initial

    def set_earliest(self, day: date) -> None:
        """The browser's date picker starts at the first bookable day (the service still checks)."""
        for name in ("start_date", "end_date"):
            self.fields[name].widget.attrs["min"] = day.isoformat()

    def chosen(self, name: str):
        """The value of field ``name`` as chosen so far: posted and valid, or from the link's initial values."""
        if self.is_bound:
            self.is_valid()
            return getattr(self, "cleaned_data", {}).get(name)
        if name not in self.fields:
            return None
        try:
            return self.fields[name].clean(self.initial.get(name))
        except forms.ValidationError:
            return None

    def period(self) -> tuple[date | None, date | None]:
        """The chosen first and last day (None where not chosen or not valid)."""
        return self.chosen("start_date"), self.chosen("end_date")


class BookingRequestForm(PeriodForm):
    organisation = forms.ModelChoiceField(label=_("For"), queryset=Organisation.objects.none(), empty_label=None)
    requester = forms.ModelChoiceField(
        label=_("Teacher"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Myself"),
        help_text=_("As coordinator you can book on behalf of a teacher at the school."),
    )
    quantity = forms.IntegerField(label=_("Number of units"), min_value=1, max_value=50, initial=1)
    handover = forms.ChoiceField(label=_("Hand-over"), choices=Booking.Handover.choices)
    programme = forms.ModelChoiceField(
        label=_("Programme"), queryset=Programme.objects.all(), required=False, empty_label=_("Not given")
    )
    class_name = forms.CharField(label=_("Class or team"), max_length=100, required=False)
    student_count = forms.IntegerField(label=_("Number of students"), min_value=0, max_value=1000, required=False)
    note = forms.CharField(
        label=_("Note to the centre"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    field_order = [
        "organisation",
        "requester",
        "start_date",
        "end_date",
        "quantity",
        "handover",
        "programme",
        "class_name",
        "student_count",
        "note",
    ]

    def __init__(self, *args, user: User, organisations: list[Organisation], is_pack: bool, max_units: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations])
        self.only_organisation = organisations[0] if len(organisations) == 1 else None
        if self.only_organisation:
            # One school: nothing to choose, so the field is neither shown nor required.
            self.fields["organisation"].required = False
            self.fields["organisation"].widget = forms.HiddenInput()
        coordinated = [m.organisation_id for m in user.memberships.confirmed().filter(role=Role.COORDINATOR)]
        if coordinated:
            teachers = (
                Membership.objects.confirmed()
                .filter(organisation_id__in=coordinated, role__in=[Role.TEACHER, Role.COORDINATOR])
                .exclude(user=user)
            )
            self.fields["requester"].queryset = User.objects.filter(pk__in=teachers.values("user_id")).order_by(
                "first_name", "last_name"
            )
        else:
            del self.fields["requester"]
        if is_pack:
            del self.fields["quantity"]
        else:
            self.fields["quantity"] = forms.IntegerField(
                label=_("Number of units"), min_value=1, max_value=max(1, max_units), initial=1
            )

    def clean_organisation(self):
        return self.cleaned_data.get("organisation") or self.only_organisation


class BookingChangeForm(PeriodForm):
    quantity = forms.IntegerField(label=_("Number of units"), min_value=1, max_value=50)

    def __init__(self, *args, is_pack: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if is_pack:
            del self.fields["quantity"]


class CancelForm(forms.Form):
    note = forms.CharField(label=_("Why (optional)"), required=False, max_length=500)
