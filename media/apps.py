from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaConfig(AppConfig):
    name = "media"
    label = "media"
    verbose_name = _("Video and podcast library")
    default_auto_field = "django.db.models.BigAutoField"
