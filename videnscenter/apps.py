from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VidenscenterConfig(AppConfig):
    name = "videnscenter"
    verbose_name = _("People and organisations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .helpers import spreadsheet, upstream

        spreadsheet.install()
        upstream.install()
