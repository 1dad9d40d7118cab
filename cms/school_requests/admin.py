"""The staff's inbox of school requests in the Wagtail admin, registered in ``cms/wagtail_hooks.py``.

Staff and leaders read the requests sent to their own centre and mark them handled (a service,
logged in the request's history); nobody edits a request or its status through a form.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton

from videnscenter import rules
from videnscenter.errors import ServiceError

from ..models import SchoolRequest
from ..reports.admin import NarrowedIndexView, ReportDataPermissionPolicy
from . import services

PERMISSION = "cms.view_schoolrequest"


class InboxPermissionPolicy(ReportDataPermissionPolicy):
    """Read only in the admin's forms: requests come from the portal, "handled" from the service."""

    def user_has_permission(self, user, action):
        return action in {"view", "inspect"} and super().user_has_permission(user, "view")


class InboxIndexView(NarrowedIndexView):
    def get_list_buttons(self, instance):
        buttons = super().get_list_buttons(instance)
        if instance.status == SchoolRequest.Status.NEW and rules.allowed(
            self.request.user, "report.manage_data", instance
        ):
            url = reverse("school_request_handle", args=[instance.pk])
            buttons.insert(0, ListingButton(_("Mark as handled"), url=url, icon_name="tick", priority=5))
        return buttons


class SchoolRequestViewSet(ModelViewSet):
    model = SchoolRequest
    icon = "mail"
    menu_label = gettext_lazy("School requests")
    url_prefix = "rapporter/henvendelser"
    name = "school_requests"
    index_view_class = InboxIndexView
    inspect_view_enabled = True
    list_display = ["school", "topic", "status", "created_at"]
    list_filter = ["status", "topic", "centre"]
    list_export = ["created_at", "school", "topic", "name", "email", "message", "status", "handled_at"]
    search_fields = ["message", "name"]
    ordering = ["-created_at"]
    export_filename = "henvendelser"
    inspect_view_fields = [
        *("school", "centre", "topic", "message", "name", "email"),
        *("created_at", "status", "handled_at", "handled_by"),
    ]
    form_fields = ["topic", "message"]  # never offered: the policy allows no add or change


def handle_view(request, pk: int):
    """Confirm, then mark a request handled through the service."""
    school_request = get_object_or_404(SchoolRequest.objects.select_related("school"), pk=pk)
    if not request.user.has_perm(PERMISSION) or not rules.allowed(request.user, "report.manage_data", school_request):
        raise PermissionDenied
    if request.method == "POST":
        try:
            services.school_request_handle(actor=request.user, request=school_request)
        except ServiceError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            message = _("The request from %(school)s is marked handled.")
            messages.success(request, message % {"school": school_request.school})
        return redirect("school_requests:index")
    title = _("Mark as handled")
    return TemplateResponse(
        request,
        "cms/reports/confirm_handled.html",
        {"object": school_request, "page_title": title, "header_title": title, "header_icon": "tick"},
    )
