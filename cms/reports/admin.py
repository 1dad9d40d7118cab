"""What leaders and staff type in for the report, in the Wagtail admin: targets, baselines, surveys
and project applications. Registered in ``cms/wagtail_hooks.py``.

Each row belongs to a centre (a target or baseline without one is joint). A person sees and
changes the rows of the centres whose reports they may see (``rules.report_centre_ids``) and the
joint ones; the forms offer only those centres.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.admin.views.generic import DeleteView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from catalogue.permissions import CentreOwnedPermissionPolicy, InstancePermissionMixin
from videnscenter import rules
from videnscenter.models import Organisation

from ..models import Baseline, ProjectApplication, Survey, Target


class ReportDataPermissionPolicy(CentreOwnedPermissionPolicy):
    """Model permissions from the role; per object, the centres whose reports the person may see."""

    rule = "report.manage_data"

    def __init__(self, model, *, joint: bool = False, **kwargs):
        super().__init__(model, centre_field="centre", **kwargs)
        self.joint = joint

    def centre_ids(self, user) -> set[int]:
        return rules.report_centre_ids(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and rules.allowed(user, self.rule, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = self.model._default_manager.all()
        if not self.user_has_any_permission(user, actions):
            return queryset.none()
        mine = Q(centre__in=self.centre_ids(user))
        return queryset.filter(mine | Q(centre__isnull=True) if self.joint else mine)


class ReportDataForm(WagtailAdminModelForm):
    """Offers only the centres whose report data the editor keeps."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None and "centre" in self.fields:
            allowed = rules.report_centre_ids(for_user)
            self.fields["centre"].queryset = Organisation.objects.centres().filter(pk__in=allowed)


class NarrowedIndexView(IndexView):
    """Lists only the rows this person keeps."""

    def get_base_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(self.request.user, ["view"])


class OwnEditView(InstancePermissionMixin, EditView):
    instance_action = "change"


class OwnDeleteView(InstancePermissionMixin, DeleteView):
    instance_action = "delete"


class ReportDataViewSet(ModelViewSet):
    index_view_class = NarrowedIndexView
    edit_view_class = OwnEditView
    delete_view_class = OwnDeleteView

    def get_edit_handler(self):
        return ObjectList(self.model.panels, base_form_class=ReportDataForm).bind_to_model(self.model)


class TargetViewSet(ReportDataViewSet):
    model = Target
    icon = "crosshairs"
    menu_label = _("Targets")
    url_prefix = "rapporter/maal"
    name = "report_targets"
    list_display = ["measure", "centre", "year", "minimum", "maximum", "growth_percent", "at_least_baseline"]
    list_filter = ["centre", "measure", "year"]
    list_export = ["measure", "centre", "year", "minimum", "maximum", "growth_percent", "at_least_baseline", "note"]
    export_filename = "maal"


class BaselineViewSet(ReportDataViewSet):
    model = Baseline
    icon = "history"
    menu_label = _("Baselines")
    url_prefix = "rapporter/baseline"
    name = "report_baselines"
    list_display = ["measure", "centre", "year", "value"]
    list_filter = ["centre", "measure"]


class SurveyViewSet(ReportDataViewSet):
    model = Survey
    icon = "form"
    menu_label = _("Surveys")
    url_prefix = "rapporter/undersoegelser"
    name = "report_surveys"
    list_display = ["topic", "centre", "held_on", "respondents", "rated_relevant"]
    list_filter = ["centre", "held_on"]
    list_export = ["topic", "centre", "held_on", "respondents", "rated_relevant", "link"]
    search_fields = ["topic"]
    export_filename = "undersoegelser"


class ProjectApplicationViewSet(ReportDataViewSet):
    model = ProjectApplication
    icon = "doc-full"
    menu_label = _("Project applications")
    url_prefix = "rapporter/ansoegninger"
    name = "report_applications"
    list_display = ["title", "centre", "year", "status", "international"]
    list_filter = ["centre", "year", "status", "international"]
    list_export = ["title", "centre", "year", "status", "international", "funder"]
    search_fields = ["title", "funder"]
    export_filename = "projektansoegninger"
