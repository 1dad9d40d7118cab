"""Authentication backend that turns confirmed roles into Django permissions."""

from django.contrib.auth.backends import BaseBackend

from .rules import role_permissions


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
