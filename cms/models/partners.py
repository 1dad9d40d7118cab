"""The partner directory: partners are snippets, listed publicly on one page with filters."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from videnscenter.models import CENTRE_ONLY, Organisation

from .pages import SectionIndexPage


class Partner(index.Indexed, ClusterableModel):
    """An organisation the centres work with, in general or in a named project."""

    class Type(models.TextChoices):
        KNOWLEDGE = "knowledge", _("Knowledge partner")
        SECTOR = "sector", _("Sector partner")
        SUPPLIER = "supplier", _("Supplier")
        MUNICIPALITY = "municipality", _("Municipality")
        INTERNATIONAL = "international", _("International partner")

    class Scope(models.TextChoices):
        DANISH = "danish", _("Danish")
        INTERNATIONAL = "international", _("International")

    class Engagement(models.TextChoices):
        GENERAL = "general", _("General partnership")
        PROJECT = "project", _("Project-based")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Being set up")
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Ended")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    partner_type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    scope = models.CharField(_("Danish or international"), max_length=20, choices=Scope.choices, default=Scope.DANISH)
    engagement = models.CharField(_("form"), max_length=20, choices=Engagement.choices, default=Engagement.GENERAL)
    project = models.CharField(_("project"), max_length=200, blank=True, help_text=_("For project-based partnerships."))
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("logo"),
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True, help_text=_("Leave empty for an open-ended partnership."))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    centre = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="partners",
        limit_choices_to=CENTRE_ONLY,
        verbose_name=_("centre"),
    )
    schools = ParentalManyToManyField(
        Organisation,
        blank=True,
        related_name="school_partners",
        limit_choices_to={"kind__in": [Organisation.Kind.SCHOOL, Organisation.Kind.VOCATIONAL_SCHOOL]},
        verbose_name=_("schools involved"),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("partner_type"), FieldPanel("scope")]),
        FieldRowPanel([FieldPanel("engagement"), FieldPanel("project")]),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("website"), FieldPanel("logo")]),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("status")], heading=_("Period")
        ),
        MultiFieldPanel([FieldPanel("centre"), FieldPanel("schools")], heading=_("Who takes part")),
    ]
    search_fields = [
        index.SearchField("name", boost=3),
        index.SearchField("project"),
        index.SearchField("description"),
        index.AutocompleteField("name"),
    ]

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="partner_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The partnership cannot end before it starts.")
        if self.engagement == self.Engagement.PROJECT and not self.project:
            errors["project"] = _("Name the project of a project-based partnership.")
        if errors:
            raise ValidationError(errors)


class PartnerIndexPage(SectionIndexPage):
    """The public partner directory, filterable by type, scope, form, status and centre."""

    subpage_types = []

    class Meta:
        verbose_name = _("partner directory")
