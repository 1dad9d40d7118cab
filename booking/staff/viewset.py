"""Bookings as a Wagtail viewset: the filterable, searchable, exportable list of a centre's bookings.

The queue, the day list, the timeline and each booking's page with its actions are views of
the same viewset (``booking.staff.bookings``). Nobody adds, edits or deletes a booking here: a
booking's status changes only through the actions, which call the services.
"""

import django_filters
from django import forms
from django.db.models import Q
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from catalogue.models import Equipment, MobilePack
from videnscenter import rules
from videnscenter.models import Organisation
from videnscenter.permissions import LookToSeeHistoryView

from .. import lifecycle, selectors
from ..models import Booking
from . import bookings

PERMISSION = bookings.PERMISSION


class BookingPermissionPolicy(ModelPermissionPolicy):
    """Look: staff with ``booking.view_booking``, only their own centres' bookings. Add, change,
    delete: nobody, not even a superuser; the actions on a booking's page change it."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and instance.owning_centre_id in rules.managed_centre_ids(user)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return Booking.objects.none()
        return Booking.objects.for_centres(rules.managed_centre_ids(user))


class BookingFilterSet(WagtailFilterSet):
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=Booking.Status.choices, widget=forms.CheckboxSelectMultiple
    )
    overdue = django_filters.BooleanFilter(label=_("Overdue"), method="filter_overdue")
    owning_centre = django_filters.ModelChoiceFilter(label=_("Centre"), queryset=Organisation.objects.centres())
    organisation = django_filters.ModelChoiceFilter(
        label=_("School"),
        queryset=Organisation.objects.filter(bookings__isnull=False).distinct().order_by("name"),
    )
    equipment = django_filters.ModelChoiceFilter(
        label=_("Equipment"), queryset=Equipment.objects.filter(bookings__isnull=False).distinct().order_by("name")
    )
    pack = django_filters.ModelChoiceFilter(label=_("Pack"), queryset=MobilePack.objects.order_by("name"))
    starts_on = django_filters.DateFilter(
        label=_("First day"), field_name="start_date", widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = django_filters.DateFilter(
        label=_("Last day"), field_name="end_date", widget=forms.DateInput(attrs={"type": "date"})
    )
    period = django_filters.DateFromToRangeFilter(
        label=_("Loan period overlaps"), method="filter_period", widget=DateRangePickerWidget
    )
    payment_status = django_filters.ChoiceFilter(label=_("Payment"), choices=Booking.Payment.choices)

    class Meta:
        model = Booking
        fields = []

    def filter_overdue(self, queryset, name, value):
        overdue = Q(status__in=lifecycle.OUT, end_date__lt=timezone.localdate())
        if value is None:
            return queryset
        return queryset.filter(overdue) if value else queryset.exclude(overdue)

    def filter_period(self, queryset, name, value):
        if value and value.start:
            queryset = queryset.filter(end_date__gte=value.start)
        if value and value.stop:
            queryset = queryset.filter(start_date__lte=value.stop)
        return queryset


class BookingIndexView(IndexView):
    def get_base_queryset(self):
        return selectors.centre_bookings(self.request.user).select_related("owning_centre")

    def get_inspect_url(self, instance):
        return reverse("booking_admin:detail", args=[instance.reference])


class BookingViewSet(ModelViewSet):
    model = Booking
    icon = "date"
    menu_label = _("All bookings")
    url_prefix = "bookinger"
    url_namespace = "booking_admin"
    add_to_admin_menu = False
    copy_view_enabled = False
    index_view_class = BookingIndexView
    history_view_class = LookToSeeHistoryView
    form_fields = []  # there is no add or edit form: the policy refuses both
    filterset_class = BookingFilterSet
    search_fields = [
        "reference",
        "organisation__name",
        "requester__first_name",
        "requester__last_name",
        "requester__email",
        "equipment__name",
        "pack__name",
        "class_name",
    ]
    search_backend_name = None  # plain ORM search over the fields above, the same on every database
    list_display = [
        "reference",
        Column("item_name", label=_("Equipment or pack")),
        Column("quantity", label=_("Units"), sort_key="quantity"),
        DateColumn("start_date", label=_("First day"), sort_key="start_date"),
        DateColumn("end_date", label=_("Last day"), sort_key="end_date"),
        "organisation",
        "requester",
        Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
        Column("payment_status", label=_("Payment"), accessor="get_payment_status_display"),
        DateColumn("created_at", label=_("Received"), sort_key="created_at"),
    ]
    list_export = [
        "reference",
        "status",
        "item_name",
        "quantity",
        "start_date",
        "end_date",
        "organisation",
        "requester",
        "handover",
        "programme",
        "class_name",
        "student_count",
        "price",
        "payment_status",
        "owning_centre",
        "created_at",
    ]
    export_headings = {"item_name": _("Equipment or pack"), "organisation": _("School")}
    export_filename = "bookinger"
    ordering = ["-created_at", "-pk"]

    def get_urlpatterns(self):
        # The viewset's own list first; then the desk's pages. References never clash with
        # the list's fixed paths ("results/", "history/…").
        return [
            *super().get_urlpatterns(),
            path("afventer/", bookings.queue, name="queue"),
            path("godkend-valgte/", bookings.bulk_approve, name="bulk_approve"),
            path("dag/", bookings.day, name="day"),
            path("tidslinje/<slug:equipment_slug>/", bookings.timeline, name="timeline"),
            path("<str:reference>/", bookings.detail, name="detail"),
            path("<str:reference>/godkend/", bookings.action_view("approve"), name="approve"),
            path("<str:reference>/afvis/", bookings.action_view("reject"), name="reject"),
            path("<str:reference>/udlever/", bookings.action_view("hand_out"), name="hand_out"),
            path("<str:reference>/modtag/", bookings.action_view("return"), name="return"),
            path("<str:reference>/afslut/", bookings.action_view("close"), name="close"),
            path("<str:reference>/aflys/", bookings.action_view("cancel"), name="cancel"),
            path("<str:reference>/byt-enhed/", bookings.action_view("swap"), name="swap"),
        ]
