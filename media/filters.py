"""Filters of the public video library (django-filter)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from videnscenter.helpers.filters import SortFilter
from videnscenter.helpers.search import clean_query, find

from .models import Audience, Video, VideoCategory

SEARCH_LIMIT = 500


class VideoFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search", max_length=100)
    category = django_filters.ModelChoiceFilter(
        label=_("Category"),
        field_name="categories",
        queryset=VideoCategory.objects.all(),
        to_field_name="slug",
        empty_label=_("All categories"),
    )
    # Reached from an equipment page ("Alle videoer om …"); a select of every equipment kind
    # would be thousands of options, so the slug travels in the link and the page names it.
    equipment = django_filters.CharFilter(
        label=_("Equipment"), field_name="equipment__slug", max_length=150, widget=forms.HiddenInput, distinct=True
    )
    audience = django_filters.ChoiceFilter(
        label=_("For"),
        choices=[c for c in Audience.choices if c[0] != Audience.EVERYONE],
        method="for_audience",
        empty_label=_("Everyone"),
    )
    sort = SortFilter(
        label=_("Sort by"),
        orderings={
            "newest": (_("Newest"), ("-first_published_at", "-pk")),
            "title": (_("Title"), ("title", "pk")),
        },
    )

    class Meta:
        model = Video
        fields = []

    def search(self, queryset, name, value):
        # The search index holds the description's text without its HTML, and the transcript.
        query = clean_query(value)
        if not query:
            return queryset
        found = find(query, Video.objects.published(), SEARCH_LIMIT)
        return queryset.filter(pk__in=[video.pk for video in found])

    def for_audience(self, queryset, name, value):
        # A film for everyone is also a film for teachers.
        return queryset.filter(audience__in=[value, Audience.EVERYONE])
