from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaConfig(AppConfig):
    name = "media"
    label = "media"
    verbose_name = _("Video and podcast library")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from catalogue.sections import Section, register_equipment_section

        from .selectors import equipment_videos

        def videos_section(equipment):
            videos = equipment_videos(equipment)
            return Section("media/_equipment_videos.html", {"videos": videos}) if videos else None

        register_equipment_section(videos_section)
