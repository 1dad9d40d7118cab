"""Partners and material evaluations in the Wagtail admin."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import MaterialEvaluation, Partner


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
    list_display = ["material", "rating", "usable", "comment", "created_at"]
    list_filter = ["rating", "usable", "material"]
    list_export = ["material", "rating", "usable", "comment", "created_at"]
    search_fields = ["comment"]
    ordering = ["-created_at"]
    form_fields = ["rating", "usable", "comment"]
    inspect_view_fields = ["material", "rating", "usable", "comment", "created_at"]


register_permission_policy(MaterialEvaluation, ReadOnlyPermissionPolicy(MaterialEvaluation))


@hooks.register("register_admin_viewset")
def register_partners():
    return PartnerViewSet()


@hooks.register("register_admin_viewset")
def register_evaluations():
    return EvaluationViewSet()
