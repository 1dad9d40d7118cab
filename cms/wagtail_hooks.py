"""Everything the portal adds to the Wagtail admin, registered in this one file.

- Partners (snippets) and material evaluations (read and delete only).
- The reports (``cms.reports.views``) in Wagtail's "Reports" menu: the yearly activity list with
  its charts and documents, bookings and utilisation, downloads and views per item, evaluations
  per material.
- "Sign-ups" (``cms.registrations.staff``): participants per event, exports, attendance,
  certificates, waitlists and cancellations.
- "Report data" (``cms.reports.admin``, ``cms.school_requests.admin``): targets, baselines,
  surveys, project applications and the inbox of school requests.
- The footer's contact details, under Settings.
"""

from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.contrib.settings.registry import register_setting
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import SnippetViewSet

from videnscenter.helpers.admin_menu import PermissionMenuItem

from .models import (
    Baseline,
    ContactDetails,
    MaterialEvaluation,
    Partner,
    ProjectApplication,
    SchoolRequest,
    Survey,
    Target,
)
from .registrations import staff as registrations_staff
from .reports import admin as report_admin
from .reports import views as reports
from .school_requests import admin as inbox
from .school_requests.services import HANDLED_ACTION


class PartnerViewSet(SnippetViewSet):
    model = Partner
    icon = "group"
    menu_label = _("Partners")
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["name", "partner_type", "engagement", "status", "centre", "start", "end"]
    list_filter = ["partner_type", "scope", "engagement", "status", "centre"]
    list_export = ["name", "partner_type", "scope", "engagement", "project", "status", "centre", "start", "end"]
    search_fields = ["name", "project", "description"]
    search_backend_name = None  # ORM search, as in every admin listing (see catalogue's viewsets)


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Evaluations come from the public form; staff read and may delete them, never write them."""

    def user_has_permission(self, user, action):
        return action not in {"add", "change"} and super().user_has_permission(user, action)


class EvaluationViewSet(ModelViewSet):
    model = MaterialEvaluation
    name = "evaluations"
    url_prefix = "evalueringer"
    icon = "pick"
    menu_label = _("Evaluations")
    menu_order = 270
    add_to_admin_menu = True
    inspect_view_enabled = True
    list_display = ["material", "rating", "usable", "comment", "counted", "created_at"]
    list_filter = ["rating", "usable", "counted", "material"]
    list_export = ["material", "rating", "usable", "comment", "counted", "created_at"]
    search_fields = ["comment"]
    ordering = ["-created_at"]
    form_fields = ["rating", "usable", "comment"]
    inspect_view_fields = ["material", "rating", "usable", "comment", "counted", "created_at"]


register_permission_policy(MaterialEvaluation, ReadOnlyPermissionPolicy(MaterialEvaluation))


@hooks.register("register_admin_viewset")
def register_partners():
    return PartnerViewSet()


@hooks.register("register_admin_viewset")
def register_evaluations():
    return EvaluationViewSet()


# --- the reports -------------------------------------------------------------------------------------

for model, joint in ((Target, True), (Baseline, True), (Survey, False), (ProjectApplication, False)):
    register_permission_policy(model, report_admin.ReportDataPermissionPolicy(model, joint=joint))
register_permission_policy(SchoolRequest, inbox.InboxPermissionPolicy(SchoolRequest))

report_urls = [
    path("aktivitet/", reports.ActivityReportView.as_view(), name="activity"),
    path("aktivitet/resultater/", reports.ActivityReportView.as_view(results_only=True), name="activity_results"),
    path("aktivitet/dokument.<str:kind>", reports.activity_document, name="activity_document"),
    path("udlaan/", reports.UsageReportView.as_view(), name="usage"),
    path("udlaan/resultater/", reports.UsageReportView.as_view(results_only=True), name="usage_results"),
    path("materialer/", reports.ItemUsageReportView.as_view(), name="items"),
    path("materialer/resultater/", reports.ItemUsageReportView.as_view(results_only=True), name="items_results"),
    path("evalueringer/", reports.EvaluationReportView.as_view(), name="evaluations"),
    path(
        "evalueringer/resultater/", reports.EvaluationReportView.as_view(results_only=True), name="evaluations_results"
    ),
]


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("rapporter/", include((report_urls, "reports"))),
        path("rapporter/henvendelse/<int:pk>/behandlet/", inbox.handle_view, name="school_request_handle"),
    ]


REPORTS = [
    (_("Yearly activity list"), "reports:activity", "cms.view_activity_report", "table", 1),
    (_("Bookings and utilisation"), "reports:usage", "cms.view_usage_report", "date", 2),
    (_("Downloads and views per item"), "reports:items", "cms.view_activity_report", "download", 3),
    (_("Evaluations per material"), "reports:evaluations", "cms.view_activity_report", "pick", 4),
]


def _report_menu_item(label, url_name, permission, icon, order):
    @hooks.register("register_reports_menu_item")
    def register():
        return PermissionMenuItem(label, reverse(url_name), permission=permission, icon_name=icon, order=order)

    return register


for _entry in REPORTS:
    _report_menu_item(*_entry)


class ReportDataGroup(ViewSetGroup):
    menu_label = _("Report data")
    menu_icon = "clipboard-list"
    menu_order = 280
    items = (
        inbox.SchoolRequestViewSet,
        report_admin.TargetViewSet,
        report_admin.BaselineViewSet,
        report_admin.SurveyViewSet,
        report_admin.ProjectApplicationViewSet,
    )


@hooks.register("register_admin_viewset")
def register_report_data():
    return ReportDataGroup()


@hooks.register("register_log_actions")
def register_report_log_actions(actions):
    actions.register_action(HANDLED_ACTION, _("Mark as handled"), _("Marked as handled"))


@hooks.register("insert_global_admin_css")
def report_css():
    return format_html('<link rel="stylesheet" href="{}">', static("cms/css/reports.css"))


# --- sign-ups for events ---------------------------------------------------------------------------


@hooks.register("register_admin_urls")
def register_registration_urls():
    return [path("tilmeldinger/", include((registrations_staff.urlpatterns, "registrations_admin")))]


@hooks.register("register_admin_menu_item")
def registrations_menu_item():
    return PermissionMenuItem(
        _("Sign-ups"),
        reverse("registrations_admin:index"),
        permission=registrations_staff.PERMISSION,
        icon_name="group",
        order=255,
    )


# --- the footer ---------------------------------------------------------------------------------------

register_setting(ContactDetails, icon="mail")
