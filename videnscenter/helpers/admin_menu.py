"""Admin menu pieces shared by the apps' ``wagtail_hooks``."""

from wagtail.admin.menu import MenuItem


class PermissionMenuItem(MenuItem):
    """A menu item shown only to people who hold ``permission``."""

    def __init__(self, label, url, *, permission: str, **kwargs):
        self.permission = permission
        super().__init__(label, url, **kwargs)

    def is_shown(self, request):
        return request.user.has_perm(self.permission)
