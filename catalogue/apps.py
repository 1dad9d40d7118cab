from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "catalogue"
    label = "catalogue"
    verbose_name = _("Equipment catalogue")
    default_auto_field = "django.db.models.BigAutoField"
