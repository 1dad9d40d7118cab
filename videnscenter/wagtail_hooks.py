"""Organisations and their e-mail domains in the Wagtail admin (centre staff and superusers)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

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
