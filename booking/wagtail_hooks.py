"""Everything the booking app adds to the Wagtail admin, registered in this one file.

- Permission policies: PopUp centres and maintenance windows use the catalogue's centre-owned
  policy (look: anyone with the model permission; change: staff of the owning centre).
- "Bookinger": the approval queue, the day list, each booking with its actions, and the
  timeline of an equipment (``booking.staff.bookings``).
- "PopUp og vedligehold": PopUp centres, maintenance windows and "take a unit out of service"
  (``booking.staff.popups``, ``booking.staff.maintenance``), plus a button on the unit list.
"""

from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.widgets import Button
from wagtail.permissions import register_permission_policy

from catalogue.models import Unit
from catalogue.permissions import CentreOwnedPermissionPolicy
from videnscenter import rules
from videnscenter.helpers.admin_menu import PermissionMenuItem

from .models import MaintenanceWindow, PopUpCentre
from .staff import bookings, maintenance, popups

register_permission_policy(PopUpCentre, popups.PopUpPermissionPolicy(PopUpCentre))
register_permission_policy(
    MaintenanceWindow, CentreOwnedPermissionPolicy(MaintenanceWindow, centre_field="unit__equipment__owning_centre")
)


# --- bookings ------------------------------------------------------------------------------------

booking_urls = [
    path("", bookings.queue, name="queue"),
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


@hooks.register("register_admin_urls")
def register_booking_urls():
    return [path("bookinger/", include((booking_urls, "booking_admin")))]


@hooks.register("register_admin_menu_item")
def register_booking_menu():
    return SubmenuMenuItem(
        gettext_lazy("Bookings"),
        Menu(
            items=[
                PermissionMenuItem(
                    gettext_lazy("Awaiting approval"),
                    reverse("booking_admin:queue"),
                    permission=bookings.PERMISSION,
                    icon_name="tasks",
                ),
                PermissionMenuItem(
                    gettext_lazy("Day list"),
                    reverse("booking_admin:day"),
                    permission=bookings.PERMISSION,
                    icon_name="calendar",
                ),
            ]
        ),
        icon_name="date",
        name="bookings",
        order=250,
    )


# --- PopUp centres and maintenance ---------------------------------------------------------------


class PopUpAndMaintenanceGroup(ViewSetGroup):
    menu_label = gettext_lazy("PopUps and maintenance")
    menu_icon = "site"
    menu_order = 310
    items = (popups.PopUpViewSet, maintenance.MaintenanceViewSet)

    def get_submenu_items(self):
        return [
            *super().get_submenu_items(),
            PermissionMenuItem(
                _("Take a unit out of service"),
                reverse("booking_unit_pick"),
                permission=maintenance.MENU_PERMISSION,
                icon_name="warning",
                order=900,
            ),
        ]


@hooks.register("register_admin_viewset")
def register_popup_and_maintenance():
    return PopUpAndMaintenanceGroup()


@hooks.register("register_admin_urls")
def register_unit_urls():
    return [
        path("vedligehold/enhed/ud-af-drift/", maintenance.unit_pick_view, name="booking_unit_pick"),
        path(
            "vedligehold/enhed/<int:pk>/ud-af-drift/",
            maintenance.unit_out_of_service_view,
            name="booking_unit_out_of_service",
        ),
        path("vedligehold/enhed/<int:pk>/ombyt/", maintenance.unit_swap_view, name="booking_unit_swap"),
    ]


@hooks.register("register_snippet_listing_buttons")
def unit_listing_buttons(snippet, user, next_url=None):
    if (
        isinstance(snippet, Unit)
        and snippet.status == Unit.Status.IN_SERVICE
        and rules.allowed(user, "catalogue.manage", snippet)
    ):
        yield Button(
            _("Take out of service"),
            url=reverse("booking_unit_out_of_service", args=[snippet.pk]),
            icon_name="warning",
            priority=50,
        )
