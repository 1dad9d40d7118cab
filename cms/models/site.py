"""What every page's footer shows: the centres' contact details and the accessibility statement.

Danish public-sector sites must publish an accessibility statement (tilgængelighedserklæring)
and link it from every page (lov om tilgængelighed af offentlige organers websteder og
mobilapplikationer). Its sections follow Digitaliseringsstyrelsen's template: scope, compliance
status, content that is not accessible, how the statement was prepared, feedback and contact,
and the enforcement procedure.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

SHORT_TEXT = ["bold", "italic", "link", "ul", "ol"]


class ContactDetails(BaseSiteSetting):
    """The contact details in the footer of every page, edited under Settings in the admin."""

    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    text = RichTextField(
        _("addresses and opening hours"),
        features=SHORT_TEXT,
        blank=True,
        help_text=_("Shown in the footer of every page, e.g. each centre's address and when you answer the phone."),
    )

    panels = [FieldPanel("email"), FieldPanel("phone"), FieldPanel("text")]

    class Meta:
        verbose_name = _("contact details")


class AccessibilityStatementPage(Page):
    """The accessibility statement, in the order of Digitaliseringsstyrelsen's template."""

    class Compliance(models.TextChoices):
        FULL = "full", _("Fully compliant")
        PARTIAL = "partial", _("Partially compliant")
        NONE = "none", _("Not compliant")

    intro = models.TextField(_("introduction"), blank=True)
    scope = RichTextField(_("scope"), features=SHORT_TEXT, help_text=_("Which website and services it covers."))
    compliance = models.CharField(
        _("compliance status"), max_length=10, choices=Compliance.choices, default=Compliance.PARTIAL
    )
    compliance_text = RichTextField(_("about the compliance status"), features=SHORT_TEXT, blank=True)
    known_issues = RichTextField(
        _("content that is not accessible"),
        features=SHORT_TEXT,
        blank=True,
        help_text=_("What is not accessible, why, and what to use instead."),
    )
    prepared_on = models.DateField(_("statement prepared on"))
    reviewed_on = models.DateField(_("last reviewed on"), null=True, blank=True)
    method = RichTextField(_("how it was assessed"), features=SHORT_TEXT, blank=True)
    feedback_email = models.EmailField(_("feedback e-mail"))
    feedback_text = RichTextField(_("feedback and contact"), features=SHORT_TEXT, blank=True)
    enforcement = RichTextField(
        _("enforcement procedure"),
        features=SHORT_TEXT,
        help_text=_("How to complain to Digitaliseringsstyrelsen when the answer is not good enough."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("scope"),
        MultiFieldPanel([FieldPanel("compliance"), FieldPanel("compliance_text")], heading=_("Compliance status")),
        FieldPanel("known_issues"),
        MultiFieldPanel(
            [FieldPanel("prepared_on"), FieldPanel("reviewed_on"), FieldPanel("method")],
            heading=_("How this statement was prepared"),
        ),
        MultiFieldPanel([FieldPanel("feedback_email"), FieldPanel("feedback_text")], heading=_("Feedback and contact")),
        FieldPanel("enforcement"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("known_issues")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("accessibility statement")
