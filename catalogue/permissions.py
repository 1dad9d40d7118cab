"""Admin permissions for what a centre owns: staff change only what their own centre owns.

One policy serves the catalogue (equipment, units, packs) and the booking app's PopUp centres
and maintenance windows: everybody with the model permission may look, only staff of the
owning centre (``rules`` "catalogue.manage") may change or delete.
"""

from django.core.exceptions import PermissionDenied
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.permission_policies import ModelPermissionPolicy

from videnscenter import rules
from videnscenter.models import Organisation


class CentreOwnedPermissionPolicy(ModelPermissionPolicy):
    """Model permissions from the role, narrowed per object to the owning centre's staff.

    ``centre_field`` is the lookup from the model to its owning centre (e.g.
    ``"unit__equipment__owning_centre"``); the instance must have an ``owning_centre_id``.
    """

    rule = "catalogue.manage"  # the rule that decides per object (other apps' data may use another)

    def __init__(self, model, *, centre_field: str = "owning_centre", **kwargs):
        super().__init__(model, **kwargs)
        self.centre_field = centre_field

    def centre_ids(self, user) -> set[int]:
        """The centres whose objects ``user`` may change."""
        return rules.managed_centre_ids(user)

    def allows(self, action: str, instance) -> bool:
        """Extra per-object conditions of a model (override); the centre is already checked."""
        return True

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if action == "view":
            return True
        return rules.allowed(user, self.rule, instance) and self.allows(action, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = super().instances_user_has_any_permission_for(user, actions)
        if set(actions) <= {"view"}:
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


class CentreOwnedForm(WagtailAdminModelForm):
    """Offers only the centres (or their equipment) that the editor manages."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is None:
            return
        centre_ids = rules.managed_centre_ids(for_user)
        if "owning_centre" in self.fields:
            self.fields["owning_centre"].queryset = Organisation.objects.centres().filter(pk__in=centre_ids)
        if "equipment" in self.fields:
            self.fields["equipment"].queryset = self.fields["equipment"].queryset.filter(owning_centre__in=centre_ids)
