"""Filters of the public event list and partner directory (django-filter)."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from media.models import Audience
from videnscenter.models import Organisation

from .models import EventPage, Partner


class EventFilter(django_filters.FilterSet):
    type = django_filters.ChoiceFilter(
        label=_("Type"), field_name="event_type", choices=EventPage.EventType.choices, empty_label=_("All types")
    )
    audience = django_filters.ChoiceFilter(
        label=_("For"),
        choices=[c for c in Audience.choices if c[0] != Audience.EVERYONE],
        method="for_audience",
        empty_label=_("Everyone"),
    )
    when = django_filters.ChoiceFilter(
        label=_("When"),
        choices=[("past", _("Past events"))],
        method="by_time",
        empty_label=_("Coming events"),
    )

    class Meta:
        model = EventPage
        fields = []

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.form.cleaned_data.get("when") != "past":
            queryset = queryset.filter(end__gte=timezone.now()).order_by("start", "pk")
        return queryset

    def for_audience(self, queryset, name, value):
        return queryset.filter(audience__in=[value, Audience.EVERYONE])

    def by_time(self, queryset, name, value):
        return queryset.filter(end__lt=timezone.now()).order_by("-start", "-pk")


class PartnerFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search", max_length=100)
    type = django_filters.ChoiceFilter(
        label=_("Type"), field_name="partner_type", choices=Partner.Type.choices, empty_label=_("All types")
    )
    scope = django_filters.ChoiceFilter(
        label=_("Danish or international"), choices=Partner.Scope.choices, empty_label=_("Both")
    )
    engagement = django_filters.ChoiceFilter(
        label=_("Form"), choices=Partner.Engagement.choices, empty_label=_("Both forms")
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Partner.Status.choices, empty_label=_("Any status"))
    centre = django_filters.ModelChoiceFilter(
        label=_("Centre"), queryset=Organisation.objects.centres(), to_field_name="slug", empty_label=_("Both centres")
    )

    class Meta:
        model = Partner
        fields = []

    def search(self, queryset, name, value):
        for word in value.split()[:8]:
            queryset = queryset.filter(
                Q(name__icontains=word) | Q(project__icontains=word) | Q(description__icontains=word)
            )
        return queryset
