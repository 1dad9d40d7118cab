"""Everything the booking app adds to the Wagtail admin, registered in this one file.

- Permission policies: bookings are looked at, never edited, in the admin; PopUp centres and
  maintenance windows use the catalogue's centre-owned policy (look: anyone with the model
  permission; change: staff of the owning centre).
- "Bookinger": the bookings viewset (list with filters, search and export; the approval queue,
  the day list, each booking with its actions, and the timeline of an equipment are its views:
  ``booking.staff.viewset``, ``booking.staff.bookings``).
- "PopUp og vedligehold": PopUp centres, maintenance windows and "take a unit out of service"
  (``booking.staff.popups``, ``booking.staff.maintenance``), plus a button on the unit list.
"""

from django.urls import path, reverse
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

from . import history
from .models import Booking, MaintenanceWindow, PopUpCentre
from .staff import bookings, dashboard, maintenance, popups, viewset

register_permission_policy(Booking, viewset.BookingPermissionPolicy(Booking))
register_permission_policy(PopUpCentre, popups.PopUpPermissionPolicy(PopUpCentre))
register_permission_policy(
    MaintenanceWindow, CentreOwnedPermissionPolicy(MaintenanceWindow, centre_field="unit__equipment__owning_centre")
)


# --- bookings ------------------------------------------------------------------------------------

booking_viewset = viewset.BookingViewSet("bookings")


@hooks.register("register_admin_viewset")
def register_booking_viewset():
    return booking_viewset


@hooks.register("register_admin_menu_item")
def register_booking_menu():
    return SubmenuMenuItem(
        gettext_lazy("Bookings"),
        Menu(
            items=[
                PermissionMenuItem(
                    gettext_lazy("All bookings"),
                    reverse("booking_admin:index"),
                    permission=bookings.PERMISSION,
                    icon_name="list-ul",
                ),
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


@hooks.register("register_log_actions")
def register_log_actions(actions):
    history.register_actions(actions)


@hooks.register("construct_homepage_panels")
def add_desk_panel(request, panels):
    if request.user.has_perm(bookings.PERMISSION):
        panels.append(dashboard.DeskPanel(request))


@hooks.register("construct_homepage_summary_items", order=1000)
def replace_site_summary(request, items):
    """Staff and coordinators come for their work, not for "75 pages / 98 images"."""
    if not request.user.is_superuser:
        items.clear()


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
        path(
            "vedligehold/enhed/<int:pk>/i-drift/",
            maintenance.unit_back_in_service_view,
            name="booking_unit_back_in_service",
        ),
    ]


@hooks.register("register_snippet_listing_buttons")
def unit_listing_buttons(snippet, user, next_url=None):
    """A unit's status changes only through these actions, each logged (``booking.history``)."""
    if not isinstance(snippet, Unit) or not rules.allowed(user, "catalogue.manage", snippet):
        return
    if snippet.status != Unit.Status.RETIRED:
        yield Button(
            _("Take out of service"),
            url=reverse("booking_unit_out_of_service", args=[snippet.pk]),
            icon_name="warning",
            priority=50,
        )
    if snippet.status == Unit.Status.MAINTENANCE:
        yield Button(
            _("Put back in service"),
            url=reverse("booking_unit_back_in_service", args=[snippet.pk]),
            icon_name="tick",
            priority=51,
        )
