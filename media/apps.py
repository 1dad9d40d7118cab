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
            videos, total = equipment_videos(equipment)
            if not videos:
                return None
            context = {"videos": videos, "total": total, "more": total > len(videos), "equipment": equipment}
            return Section("media/_equipment_videos.html", context)

        register_equipment_section(videos_section)
