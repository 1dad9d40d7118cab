"""Organisations and their e-mail domains in the Wagtail admin (centre staff and superusers)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from . import selectors
from .models import EmailDomain, Organisation


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


@hooks.register("register_admin_viewset")
def register_viewsets():
    return PeopleGroup()


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
