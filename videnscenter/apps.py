from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VidenscenterConfig(AppConfig):
    name = "videnscenter"
    verbose_name = _("People and organisations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The ground floor's own personal data, and a check on the retention periods; the other
        # apps register theirs from their own ``ready``.
        from .privacy import checks, sources

        checks.register()
        sources.register()

        from .helpers import spreadsheet, upstream

        spreadsheet.install()
        upstream.install()

        # Cache invalidation only: edits made outside the services (the admin) raise data versions.
        from . import versions

        versions.install()
