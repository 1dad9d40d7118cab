"""The ground floor in the Wagtail admin (centre staff and superusers).

- Organisations and their e-mail domains. Everybody with the model permission may look at
  every organisation; staff change only the organisations attached to their own centre and
  those schools' e-mail domains (``rules`` "organisation.manage" and "emaildomain.manage").
  Creating a centre, and moving an organisation to another centre, are for superusers.
- Personal data: requests to be erased, find and erase a person, the log of erasures
  (``privacy.admin_views``), an "Erase" button in Wagtail's user list, and the log action
  that puts each erasure in the admin's history.
- Membership changes in the audit log, and the coordinator's dashboard panel.
"""

from django.db import models
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic import DeleteView, EditView, IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import AdminDateInput, Button
from wagtail.permissions import register_permission_policy

from . import audit, rules, selectors
from .helpers.admin_menu import PermissionMenuItem
from .helpers.dates import BoundedDateField
from .models import EmailDomain, Organisation
from .permissions import InstanceLinksMixin, InstancePermissionMixin, RulePermissionPolicy
from .privacy import admin_views
from .privacy.services import LOG_ACTION

# Every date typed into an admin form keeps to the site's range of days (helpers.dates), so
# 9999-12-31 in a PopUp or a maintenance window is a form error, not an overflow further on.
register_form_field_override(models.DateField, override={"widget": AdminDateInput, "form_class": BoundedDateField})

register_permission_policy(
    Organisation, RulePermissionPolicy(Organisation, rule="organisation.manage", centre_field="home_centre")
)
register_permission_policy(
    EmailDomain, RulePermissionPolicy(EmailDomain, rule="emaildomain.manage", centre_field="organisation__home_centre")
)


class OrganisationForm(WagtailAdminModelForm):
    """Staff attach new organisations to their own centre and cannot move them or create centres."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is None or for_user.is_superuser:
            return
        self.fields["kind"].choices = [c for c in self.fields["kind"].choices if c[0] != Organisation.Kind.CENTRE]
        home_centre = self.fields["home_centre"]
        home_centre.queryset = Organisation.objects.centres().filter(pk__in=rules.managed_centre_ids(for_user))
        home_centre.required = True
        home_centre.empty_label = None
        if self.instance.pk:
            home_centre.disabled = True
            home_centre.help_text = _("Only an administrator can move an organisation to another centre.")


class EmailDomainForm(WagtailAdminModelForm):
    """Only the schools the editor manages can be given a domain."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is None or for_user.is_superuser:
            return
        self.fields["organisation"].queryset = Organisation.objects.exclude(kind=Organisation.Kind.CENTRE).filter(
            home_centre__in=rules.managed_centre_ids(for_user)
        )


class OwnedEditView(InstancePermissionMixin, EditView):
    instance_action = "change"


class OwnedDeleteView(InstancePermissionMixin, DeleteView):
    instance_action = "delete"


class OwnedIndexView(InstanceLinksMixin, IndexView):
    pass


class OrganisationViewSet(ModelViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    index_view_class = OwnedIndexView
    edit_view_class = OwnedEditView
    delete_view_class = OwnedDeleteView
    edit_handler = ObjectList(
        [
            FieldPanel(name)
            for name in (
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
            )
        ],
        base_form_class=OrganisationForm,
    )
    list_display = ["name", "kind", "home_centre", "region", "city"]
    list_filter = ["kind", "home_centre", "region"]
    search_fields = ["name", "city"]


class EmailDomainViewSet(ModelViewSet):
    model = EmailDomain
    icon = "mail"
    menu_label = _("School e-mail domains")
    index_view_class = OwnedIndexView
    edit_view_class = OwnedEditView
    delete_view_class = OwnedDeleteView
    list_display = ["domain", "organisation"]
    search_fields = ["domain"]
    edit_handler = ObjectList([FieldPanel("organisation"), FieldPanel("domain")], base_form_class=EmailDomainForm)


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
def register_membership_log_actions(actions):
    audit.register_actions(actions)


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
