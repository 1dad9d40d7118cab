from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Portal")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Pages show what selectors and views prepare; the page models never import those (no circle).
        from . import models, selectors, views
        from .page_contexts import register_page_context

        register_page_context(models.HomePage, selectors.home_context)
        register_page_context(models.NewsIndexPage, selectors.news_context)
        register_page_context(models.EventIndexPage, selectors.event_context)
        register_page_context(models.PartnerIndexPage, selectors.partner_context)
        register_page_context(models.TeachingMaterialIndexPage, selectors.material_index_context)
        register_page_context(models.TeachingMaterialPage, views.material_page_context)

        from .registrations import purpose
        from .registrations import selectors as registrations

        register_page_context(models.EventPage, registrations.event_page_context)
        purpose.register()

        from . import privacy

        privacy.register()
