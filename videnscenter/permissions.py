"""Admin permissions per object, answered by ``rules``: one mechanism for every admin that owns rows.

Wagtail's model permission says whether a role may look at or change a kind of thing at all;
``RulePermissionPolicy`` narrows "change" and "delete" of each object to the rule named by
``rule`` (e.g. "organisation.manage", "catalogue.manage"), and lists only the objects of the
centres the user manages (``rules.managed_centre_ids``) when asked what they may change.
Wagtail's edit and delete views only check the model permission, so views that change an
object add ``InstancePermissionMixin``.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from wagtail.admin.views.generic import HistoryView
from wagtail.permission_policies import ModelPermissionPolicy

from . import rules


class RulePermissionPolicy(ModelPermissionPolicy):
    """Model permissions from the role, narrowed per object by one rule of ``rules``.

    ``centre_field`` is the lookup from the model to the centre that decides (e.g.
    ``"home_centre"`` or ``"unit__equipment__owning_centre"``); superusers see every row.
    """

    rule = ""

    def __init__(self, model, *, rule: str = "", centre_field: str = "owning_centre", **kwargs):
        super().__init__(model, **kwargs)
        self.rule = rule or self.rule
        self.centre_field = centre_field

    def centre_ids(self, user) -> set[int]:
        """The centres whose objects ``user`` may change (a policy may answer differently, e.g. reports)."""
        return rules.managed_centre_ids(user)

    def allows(self, action: str, instance) -> bool:
        """Extra per-object conditions of a model (override); the rule is already checked."""
        return True

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if action == "view":
            return True
        return rules.allowed(user, self.rule, instance) and self.allows(action, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, action, instance) for action in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = super().instances_user_has_any_permission_for(user, actions)
        if set(actions) <= {"view"} or user.is_superuser:
            return queryset
        return queryset.filter(**{f"{self.centre_field}__in": self.centre_ids(user)})


class InstancePermissionMixin:
    """For edit and delete views: Wagtail checks the model permission; we also check the object."""

    instance_action = "change"

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not self.user_has_permission_for_instance(self.instance_action, obj):
            raise PermissionDenied
        return obj


class InstanceLinksMixin:
    """For index views: link a row to its edit and delete views only when this person may
    change or delete that row, so nobody is led to a page that refuses them."""

    def _may(self, action: str, instance) -> bool:
        return self.permission_policy.user_has_permission_for_instance(self.request.user, action, instance)

    def get_edit_url(self, instance):
        return super().get_edit_url(instance) if self._may("change", instance) else None

    def get_delete_url(self, instance):
        return super().get_delete_url(instance) if self._may("delete", instance) else None


class LookToSeeHistoryView(HistoryView):
    """The history of records never edited in the admin: looking is what opens it, and only
    those who may look at this very record (else 404, so references cannot be probed)."""

    any_permission_required = ["view"]

    def get_object(self):
        instance = super().get_object()
        if not self.permission_policy.user_has_permission_for_instance(self.request.user, "view", instance):
            raise Http404
        return instance
