"""The ground floor in the Wagtail admin (centre staff and superusers).

- Organisations and their e-mail domains.
- Personal data: requests to be erased, find and erase a person, the log of erasures
  (``privacy.admin_views``), an "Erase" button in Wagtail's user list, and the log action
  that puts each erasure in the admin's history.
"""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button

from . import rules, selectors
from .helpers.admin_menu import PermissionMenuItem
from .models import EmailDomain, Organisation
from .privacy import admin_views
from .privacy.services import LOG_ACTION


class OrganisationViewSet(ModelViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    list_display = ["name", "kind", "home_centre", "region", "city"]
    list_filter = ["kind", "home_centre", "region"]
    search_fields = ["name", "city"]
    form_fields = [
        "name",
        "short_name",
        "slug",
        "kind",
        "home_centre",
        "street_address",
        "postal_code",
        "city",
        "region",
        "contact_email",
        "phone",
        "website",
        "is_member",
    ]


class EmailDomainViewSet(ModelViewSet):
    model = EmailDomain
    icon = "mail"
    menu_label = _("School e-mail domains")
    list_display = ["domain", "organisation"]
    search_fields = ["domain"]
    form_fields = ["organisation", "domain"]


class PeopleGroup(ViewSetGroup):
    menu_label = _("People and organisations")
    menu_icon = "group"
    items = (OrganisationViewSet, EmailDomainViewSet)

    def get_submenu_items(self):
        return [
            *super().get_submenu_items(),
            PermissionMenuItem(
                _("Personal data"),
                reverse("privacy_admin:index"),
                permission=admin_views.PERMISSION,
                icon_name="user",
                order=900,
            ),
        ]


@hooks.register("register_admin_viewset")
def register_viewsets():
    return PeopleGroup()


privacy_urls = [
    path("", admin_views.index, name="index"),
    path("log/", admin_views.log, name="log"),
    path("person/<int:pk>/", admin_views.person, name="person"),
    path("person/<int:pk>/slet/", admin_views.anonymise, name="anonymise"),
]


@hooks.register("register_admin_urls")
def register_privacy_urls():
    return [path("persondata/", include((privacy_urls, "privacy_admin")))]


@hooks.register("register_log_actions")
def register_privacy_log_actions(actions):
    actions.register_action(LOG_ACTION, _("Erase personal data"), _("Personal data erased"))


@hooks.register("register_user_listing_buttons")
def user_erase_button(user, request_user):
    if user.pk != request_user.pk and rules.allowed(request_user, "person.anonymise", user):
        yield Button(
            _("Erase personal data"), url=reverse("privacy_admin:person", args=[user.pk]), icon_name="bin", priority=90
        )


class WaitingTeachersPanel(Component):
    """For a school's coordinator: teachers who signed up and wait to be confirmed, per school."""

    name = "waiting_teachers"
    template_name = "accounts/admin/waiting_teachers_panel.html"
    order = 60

    def __init__(self, schools):
        self.schools = schools

    def get_context_data(self, parent_context=None):
        return {"schools": self.schools}


@hooks.register("construct_homepage_panels")
def add_waiting_teachers_panel(request, panels):
    schools = selectors.waiting_teachers(request.user)
    if schools:
        panels.append(WaitingTeachersPanel(schools))
