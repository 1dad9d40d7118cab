"""The unit chooser: find a unit by its asset tag among the units one may manage.

Used wherever a form picks a unit (pack contents, maintenance windows). It lists only units of
the centres the person manages (``rules.managed_centre_ids``), searches asset tag, serial
number and equipment name, and filters by centre, equipment and status.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet

from videnscenter import rules
from videnscenter.models import Organisation

from .models import Equipment, Unit


class UnitFilterForm(BaseFilterForm):
    q = forms.CharField(
        label=_("Asset tag, serial number or equipment"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": _("Search")}),
    )
    centre = forms.ModelChoiceField(label=_("Centre"), queryset=Organisation.objects.centres(), required=False)
    equipment = forms.ModelChoiceField(
        label=_("Equipment"), queryset=Equipment.objects.order_by("name"), required=False
    )
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("Any status")), *Unit.Status.choices], required=False)

    def filter(self, objects):
        data = self.cleaned_data
        if data.get("q"):
            self.is_searching, self.search_query = True, data["q"]
            words = data["q"].split()[:5]
            for word in words:
                objects = objects.filter(
                    Q(asset_tag__icontains=word) | Q(serial_number__icontains=word) | Q(equipment__name__icontains=word)
                )
        if data.get("centre"):
            objects = objects.filter(equipment__owning_centre=data["centre"])
        if data.get("equipment"):
            objects = objects.filter(equipment=data["equipment"])
        if data.get("status"):
            objects = objects.filter(status=data["status"])
        return objects


class UnitChooseMixin:
    filter_form_class = UnitFilterForm

    def dispatch(self, request, *args, **kwargs):
        # Coordinators and leaders reach the admin but pick no units.
        if not request.user.has_perm("catalogue.view_unit"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_object_list(self):
        return (
            Unit.objects.filter(equipment__owning_centre__in=rules.managed_centre_ids(self.request.user))
            .select_related("equipment", "equipment__owning_centre", "current_location")
            .order_by("asset_tag")
        )

    def get_filter_form(self):
        form = super().get_filter_form()
        centres = rules.managed_centre_ids(self.request.user)
        form.fields["centre"].queryset = Organisation.objects.centres().filter(pk__in=centres)
        form.fields["equipment"].queryset = Equipment.objects.filter(owning_centre__in=centres).order_by("name")
        return form

    @property
    def columns(self):
        return [
            *super().columns,
            Column("equipment", label=_("Equipment"), accessor="equipment"),
            Column("status", label=_("Status"), accessor="get_status_display"),
            Column("location", label=_("Location"), accessor="current_location"),
            Column("centre", label=_("Centre"), accessor="equipment.owning_centre"),
        ]


class UnitChooseView(UnitChooseMixin, ChooseView):
    pass


class UnitChooseResultsView(UnitChooseMixin, ChooseResultsView):
    pass


class UnitChooserViewSet(SnippetChooserViewSet):
    choose_view_class = UnitChooseView
    choose_results_view_class = UnitChooseResultsView
