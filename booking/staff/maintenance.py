"""Maintenance windows and taking units out of service, in the Wagtail admin.

Registered in ``booking/wagtail_hooks.py``.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters import ModelChoiceFilter
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.views.generic import CreateView, DeleteView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from catalogue.models import Unit
from catalogue.permissions import InstancePermissionMixin
from videnscenter import rules
from videnscenter.errors import ServiceError
from videnscenter.models import Organisation

from ..maintenance import selectors as maintenance_selectors
from ..maintenance import services as maintenance
from ..models import Booking, MaintenanceWindow
from ..services import booking_swap_unit

MENU_PERMISSION = "booking.add_popupcentre"


def _units_for(user) -> QuerySet[Unit]:
    return (
        Unit.objects.select_related("equipment")
        .filter(equipment__owning_centre__in=rules.managed_centre_ids(user))
        .order_by("equipment__name", "asset_tag")
    )


# --- maintenance windows ---------------------------------------------------------------------------


class MaintenanceForm(WagtailAdminModelForm):
    """Create: the editor's own units. Edit: only the reason; dates go through cancel and create."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if self.instance.pk:
            self.fields["unit"].queryset = Unit.objects.select_related("equipment").filter(pk=self.instance.unit_id)
            for name in ("unit", "start_date", "end_date"):
                self.fields[name].disabled = True
        else:
            self.fields["unit"].queryset = _units_for(for_user).exclude(status=Unit.Status.RETIRED)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The last day must be on or after the first day."))
        return cleaned


class MaintenanceFilterSet(WagtailFilterSet):
    centre = ModelChoiceFilter(
        field_name="unit__equipment__owning_centre",
        queryset=Organisation.objects.centres(),
        label=gettext_lazy("Centre"),
    )

    class Meta:
        model = MaintenanceWindow
        fields = ["centre"]


class MaintenanceIndexView(IndexView):
    queryset = MaintenanceWindow.objects.select_related("unit__equipment", "created_by")


class MaintenanceCreateView(CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        window = maintenance.maintenance_schedule(
            actor=self.request.user,
            unit=data["unit"],
            start_date=data["start_date"],
            end_date=data["end_date"],
            reason=data["reason"],
        )
        return window

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ServiceError as exc:
            form.add_error(None, exc)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class MaintenanceEditView(InstancePermissionMixin, EditView):
    instance_action = "change"


class MaintenanceDeleteView(InstancePermissionMixin, DeleteView):
    instance_action = "delete"
    success_message = gettext_lazy("The maintenance of %(object)s is cancelled.")

    def delete_action(self):
        maintenance.maintenance_cancel(actor=self.request.user, window=self.object)


class MaintenanceViewSet(ModelViewSet):
    model = MaintenanceWindow
    name = "maintenance"
    url_prefix = "vedligehold"
    url_namespace = "booking_maintenance"
    icon = "cogs"
    menu_label = gettext_lazy("Maintenance windows")
    copy_view_enabled = False
    index_view_class = MaintenanceIndexView
    add_view_class = MaintenanceCreateView
    edit_view_class = MaintenanceEditView
    delete_view_class = MaintenanceDeleteView
    list_display = ["unit", "start_date", "end_date", "reason", "created_by"]
    filterset_class = MaintenanceFilterSet
    search_fields = ["reason", "unit__asset_tag", "unit__equipment__name"]
    ordering = ["-start_date"]
    edit_handler = ObjectList(
        [
            FieldPanel("unit"),
            FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
            FieldPanel("reason"),
        ],
        base_form_class=MaintenanceForm,
    )


# --- taking a unit out of service -----------------------------------------------------------------


class OutOfServiceForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("New status"),
        choices=[(s.value, s.label) for s in maintenance.OUT_OF_SERVICE_STATUSES],
        widget=forms.RadioSelect,
        initial=Unit.Status.MAINTENANCE,
    )
    note = forms.CharField(
        label=gettext_lazy("What is wrong"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Added to the unit's condition notes with today's date."),
    )


class BackInServiceForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("What was done"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Added to the unit's condition notes with today's date."),
    )


class SwapForm(forms.Form):
    booking = forms.IntegerField(widget=forms.HiddenInput)
    new_unit = forms.IntegerField(widget=forms.HiddenInput)


class PickUnitForm(forms.Form):
    unit = forms.ModelChoiceField(label=gettext_lazy("Unit"), queryset=Unit.objects.none())

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _units_for(user).filter(status=Unit.Status.IN_SERVICE)


def _managed_unit(request: HttpRequest, pk: int) -> Unit:
    unit = get_object_or_404(Unit.objects.select_related("equipment", "current_location"), pk=pk)
    if not rules.allowed(request.user, "catalogue.manage", unit):
        raise PermissionDenied
    return unit


def unit_out_of_service_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Send a unit to maintenance or retire it, then show the bookings that need another unit."""
    unit = _managed_unit(request, pk)
    here = reverse("booking_unit_out_of_service", args=[unit.pk])
    form = None
    if unit.status != Unit.Status.RETIRED:
        form = OutOfServiceForm(request.POST if request.method == "POST" else None)
        if unit.status == Unit.Status.MAINTENANCE:  # in maintenance already: what is left is retiring it
            form.fields["status"].choices = [(Unit.Status.RETIRED.value, Unit.Status.RETIRED.label)]
            form.fields["status"].initial = Unit.Status.RETIRED
        if form.is_bound and form.is_valid():
            try:
                maintenance.unit_take_out_of_service(
                    actor=request.user, unit=unit, status=form.cleaned_data["status"], note=form.cleaned_data["note"]
                )
            except ServiceError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("%(unit)s is out of service.") % {"unit": unit.asset_tag})
                return redirect(here)
    broken, holding = [], []
    if unit.status != Unit.Status.IN_SERVICE:
        broken = maintenance_selectors.broken_bookings(unit=unit)
        holding = maintenance_selectors.popups_holding(unit=unit)
    title = _("Take a unit out of service")
    return render(
        request,
        "booking/admin/maintenance_out_of_service.html",
        {
            "unit": unit,
            "form": form,
            "broken": broken,
            "popups": holding,
            "swap_url": reverse("booking_unit_swap", args=[unit.pk]),
            "page_title": title,
            "header_title": title,
            "header_icon": "warning",
        },
    )


def unit_back_in_service_view(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: what was done to the unit; POST: put it back in service (``unit_return_to_service``)."""
    unit = _managed_unit(request, pk)
    form = BackInServiceForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            maintenance.unit_return_to_service(actor=request.user, unit=unit, note=form.cleaned_data["note"])
        except ServiceError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("%(unit)s is back in service.") % {"unit": unit.asset_tag})
            return redirect("wagtailsnippets_catalogue_unit:list")
    title = _("Put a unit back in service")
    return render(
        request,
        "booking/admin/maintenance_back_in_service.html",
        {"unit": unit, "form": form, "page_title": title, "header_title": title, "header_icon": "tick"},
    )


def unit_swap_view(request: HttpRequest, pk: int) -> HttpResponse:
    """POST: give one booking another unit instead of this one (``booking_swap_unit``)."""
    unit = _managed_unit(request, pk)
    here = reverse("booking_unit_out_of_service", args=[unit.pk])
    if request.method != "POST":
        return redirect(here)
    form = SwapForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a booking and a unit."))
        return redirect(here)
    booking = get_object_or_404(Booking, pk=form.cleaned_data["booking"])
    new_unit = get_object_or_404(Unit, pk=form.cleaned_data["new_unit"])
    try:
        booking_swap_unit(actor=request.user, booking=booking, old_unit=unit, new_unit=new_unit)
    except ServiceError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Booking %(reference)s now has %(new)s instead of %(old)s.")
            % {"reference": booking.reference, "new": new_unit.asset_tag, "old": unit.asset_tag},
        )
    return redirect(here)


def unit_pick_view(request: HttpRequest) -> HttpResponse:
    """Choose which unit to take out of service (the menu's way in; the unit list has a button too)."""
    if not request.user.has_perm(MENU_PERMISSION):
        raise PermissionDenied
    form = PickUnitForm(request.GET or None, user=request.user)
    if form.is_bound and form.is_valid():
        return redirect("booking_unit_out_of_service", pk=form.cleaned_data["unit"].pk)
    title = _("Take a unit out of service")
    return render(
        request,
        "booking/admin/maintenance_pick_unit.html",
        {"form": form, "page_title": title, "header_title": title, "header_icon": "warning"},
    )
