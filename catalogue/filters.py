"""The public catalogue's filters (django-filter)."""

from datetime import timedelta

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from videnscenter.helpers.dates import BoundedDateField
from videnscenter.helpers.filters import OrderingFilter
from videnscenter.models import Organisation

from .models import Category, Equipment
from .selectors import bookable_between

MAX_PERIOD_DAYS = 366


class BoundedDateFilter(django_filters.DateFilter):
    field_class = BoundedDateField


class CatalogueFilterForm(forms.Form):
    def clean(self):
        data = super().clean()
        first, last = data.get("free_from"), data.get("free_to")
        if bool(first) != bool(last) and not self.errors.get("free_from") and not self.errors.get("free_to"):
            raise forms.ValidationError(_("Choose both a first and a last day to see what is free."))
        if first and last:
            if last < first:
                raise forms.ValidationError(_("The last day must be on or after the first day."))
            if (last - first) > timedelta(days=MAX_PERIOD_DAYS):
                raise forms.ValidationError(_("Choose a period of at most one year."))
        return data


class EquipmentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search", max_length=100)
    category = django_filters.ModelChoiceFilter(
        label=_("Category"), queryset=Category.objects.all(), to_field_name="slug", empty_label=_("All categories")
    )
    centre = django_filters.ModelChoiceFilter(
        label=_("Centre"),
        field_name="owning_centre",
        queryset=Organisation.objects.centres(),
        to_field_name="slug",
        empty_label=_("Both centres"),
    )
    placement = django_filters.ChoiceFilter(
        label=_("Placement"), choices=Equipment.Placement.choices, empty_label=_("Any placement")
    )
    tag = django_filters.CharFilter(label=_("Tag"), field_name="tags__slug", max_length=100, distinct=True)
    free_from = BoundedDateFilter(
        label=_("Free from"), method="free_between", widget=forms.DateInput(attrs={"type": "date"})
    )
    free_to = BoundedDateFilter(
        label=_("Free until"), method="free_between", widget=forms.DateInput(attrs={"type": "date"})
    )
    sort = OrderingFilter(
        label=_("Sort by"),
        fields=(("name", "name"), ("unit_count", "units"), ("-created_at", "newest")),
        field_labels={"name": _("Name"), "unit_count": _("Number of units"), "-created_at": _("Newest")},
        empty_label=None,
    )

    class Meta:
        model = Equipment
        fields = []
        form = CatalogueFilterForm

    def search(self, queryset, name, value):
        for word in value.split()[:8]:
            queryset = queryset.filter(
                Q(name__icontains=word)
                | Q(summary__icontains=word)
                | Q(description__icontains=word)
                | Q(category__name__icontains=word)
                | Q(tags__name__icontains=word)
            )
        return queryset.distinct()

    def free_between(self, queryset, name, value):
        # Both dates are applied together, once, when the second one is seen.
        if name != "free_to":
            return queryset
        first = self.form.cleaned_data.get("free_from")
        if not first or not value or self.form.errors:
            return queryset
        return bookable_between(queryset, first, value)
