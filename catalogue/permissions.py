"""Admin permissions for catalogue items: staff edit only what their own centre owns."""

from django.core.exceptions import PermissionDenied
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.permission_policies import ModelPermissionPolicy

from videnscenter import rules
from videnscenter.models import Organisation


class CentreOwnedPermissionPolicy(ModelPermissionPolicy):
    """Model permissions from the role, narrowed per object by ``rules`` (the owning centre)."""

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if action == "view":
            return True
        return rules.allowed(user, "catalogue.manage", instance)

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = super().instances_user_has_any_permission_for(user, actions)
        if user.is_superuser or set(actions) <= {"view"}:
            return queryset
        field = "equipment__owning_centre" if self.model._meta.model_name == "unit" else "owning_centre"
        return queryset.filter(**{f"{field}__in": rules.staff_centre_ids(user)})


class InstancePermissionMixin:
    """For edit and delete views: Wagtail checks the model permission; we also check the object."""

    instance_action = "change"

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not self.user_has_permission_for_instance(self.instance_action, obj):
            raise PermissionDenied
        return obj


class CentreOwnedForm(WagtailAdminModelForm):
    """Offers only the centres (or their equipment) that the editor is staff of."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is None or for_user.is_superuser:
            return
        centre_ids = rules.staff_centre_ids(for_user)
        if "owning_centre" in self.fields:
            self.fields["owning_centre"].queryset = Organisation.objects.centres().filter(pk__in=centre_ids)
        if "equipment" in self.fields:
            self.fields["equipment"].queryset = self.fields["equipment"].queryset.filter(owning_centre__in=centre_ids)
