"""Authentication: the backend that turns confirmed roles into Django permissions, and the
address the login throttle counts failures against."""

from django.conf import settings
from django.contrib.auth.backends import BaseBackend

from .models import normalize_email
from .rules import role_permissions


def throttle_username(request, credentials: dict | None = None) -> str:
    """The address django-axes keys its lockout on: the same normalised address the login uses.

    The login finds the account case-insensitively after the form strips spaces, so counting
    "Laerer@skole.dk", "LAERER@skole.dk" and " laerer@skole.dk" apart would let an attacker
    start five fresh attempts with every spelling.
    """
    field = settings.AXES_USERNAME_FORM_FIELD
    raw = (credentials or {}).get(field)
    if raw is None and request is not None:
        raw = getattr(request, "data", request.POST).get(field)
    return normalize_email(str(raw or ""))


class RoleBackend(BaseBackend):
    """Grants the permissions listed in ``rules.ROLE_PERMISSIONS`` for each confirmed role.

    It never authenticates anyone; it only answers ``has_perm`` so that the Wagtail
    admin (which asks ``user.has_perm``) follows the same rules as the rest of the site.
    """

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        return role_permissions(user_obj)

    def has_perm(self, user_obj, perm, obj=None):
        return perm in self.get_all_permissions(user_obj, obj)
