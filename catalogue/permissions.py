"""Admin permissions for what a centre owns: staff change only what their own centre owns.

One policy serves the catalogue (equipment, units, packs) and the booking app's PopUp centres
and maintenance windows: everybody with the model permission may look, only staff of the
owning centre (``rules`` "catalogue.manage") may change or delete.
"""

from wagtail.admin.forms import WagtailAdminModelForm

from videnscenter import rules
from videnscenter.models import Organisation
from videnscenter.permissions import InstancePermissionMixin, RulePermissionPolicy

from .models import Equipment, MobilePack, Unit

__all__ = ["CentreOwnedForm", "CentreOwnedPermissionPolicy", "InstancePermissionMixin", "limit_to_managed"]


class CentreOwnedPermissionPolicy(RulePermissionPolicy):
    """Model permissions from the role, narrowed per object to the owning centre's staff.

    ``centre_field`` is the lookup from the model to its owning centre (e.g.
    ``"unit__equipment__owning_centre"``); the instance must have an ``owning_centre_id``.
    """

    rule = "catalogue.manage"


# How each kind of centre-owned row reaches its centre: choices of these models are narrowed
# to the centres the editor manages, in the form itself and in every inline row.
OWNED_CHOICES = {
    Equipment: "owning_centre",
    MobilePack: "owning_centre",
    Unit: "equipment__owning_centre",
}


def limit_to_managed(form, user) -> None:
    """Narrow every choice of a centre or of centre-owned things in ``form`` to the user's centres.

    A posted value outside the narrowed choices fails validation like any invalid choice, so an
    extra formset row naming another centre's unit is refused, not saved.
    """
    centre_ids = rules.managed_centre_ids(user)
    for name, field in form.fields.items():
        queryset = getattr(field, "queryset", None)
        if queryset is None:
            continue
        if queryset.model is Organisation and name == "owning_centre":
            field.queryset = Organisation.objects.centres().filter(pk__in=centre_ids)
        elif queryset.model in OWNED_CHOICES:
            field.queryset = queryset.filter(**{f"{OWNED_CHOICES[queryset.model]}__in": centre_ids})


def _limited(form_class, user):
    """``form_class`` whose instances are narrowed to ``user``'s centres (for inline rows)."""

    class Limited(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            limit_to_managed(self, user)

    Limited.__name__ = Limited.__qualname__ = form_class.__name__
    return Limited


class CentreOwnedForm(WagtailAdminModelForm):
    """Offers only the centres, equipment, units and packs that the editor manages, inline rows included."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is None:
            return
        limit_to_managed(self, for_user)
        for formset in self.formsets.values():
            formset.form = _limited(formset.form, for_user)
