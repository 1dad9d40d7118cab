"""The privacy notice: what the platform keeps about people, why, and for how long."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from videnscenter.personal_data import DATA_CLASSES, retention_days

from ..blocks import BodyBlock


def period_text(days: int) -> str:
    """A retention period as people say it: whole years as years, anything else in days."""
    if days % 365 == 0:
        years = days // 365
        return ngettext("%(count)d year", "%(count)d years", years) % {"count": years}
    return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}


class PrivacyNoticePage(Page):
    """The privacy notice. Editors write the text; the table of what is kept for how long is drawn
    from the configured retention periods, so it can never disagree with what the platform does."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    after_table = StreamField(
        BodyBlock(),
        verbose_name=_("text after the table"),
        blank=True,
        help_text=_("E.g. your rights, whom to contact and how to complain."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body"), FieldPanel("after_table")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("privacy notice")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["retention"] = [
            {"data_class": item, "period": period_text(retention_days(item.key))} for item in DATA_CLASSES
        ]
        return context
