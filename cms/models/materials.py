"""Teaching materials: courses with a teacher guide and files, downloads counted per year."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from catalogue.models import Programme
from media.models import Audience
from videnscenter.models import CENTRE_ONLY, Organisation

from ..blocks import BodyBlock
from ..page_contexts import page_context
from .pages import SectionIndexPage


class TeachingMaterialIndexPage(SectionIndexPage):
    """The teaching courses, with their ratings."""

    subpage_types = ["cms.TeachingMaterialPage"]

    class Meta:
        verbose_name = _("teaching materials index")


class TeachingMaterialPage(Page):
    """A teaching course: what it is for, a teacher guide and the files to hand out."""

    intro = models.TextField(_("introduction"))
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices, default=Audience.STUDENTS)
    lessons = models.PositiveSmallIntegerField(
        _("lessons"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(200)]
    )
    programmes = ParentalManyToManyField(Programme, blank=True, related_name="+", verbose_name=_("programmes"))
    centre = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=CENTRE_ONLY,
        verbose_name=_("centre"),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("centre"),
        FieldPanel("audience"),
        FieldPanel("lessons"),
        FieldPanel("programmes"),
        InlinePanel("files", heading=_("Files"), label=_("file"), min_num=1),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["cms.TeachingMaterialIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("teaching material")
        verbose_name_plural = _("teaching materials")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(page_context(self, request))
        return context


class TeachingMaterialFile(Orderable):
    class Kind(models.TextChoices):
        TEACHER_GUIDE = "teacher_guide", _("Teacher guide")
        HANDOUT = "handout", _("Material for students")
        PRESENTATION = "presentation", _("Presentation")
        OTHER = "other", _("Other")

    page = ParentalKey(TeachingMaterialPage, on_delete=models.CASCADE, related_name="files")
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.PROTECT, related_name="+", verbose_name=_("document")
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.HANDOUT)

    panels = [FieldPanel("title"), FieldPanel("kind"), FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("file")
        verbose_name_plural = _("files")

    def __str__(self) -> str:
        return self.title


class DownloadCount(models.Model):
    """Downloads of one file in one calendar year, for the centres' yearly report."""

    file = models.ForeignKey(TeachingMaterialFile, on_delete=models.CASCADE, related_name="download_counts")
    year = models.PositiveSmallIntegerField(validators=[MaxValueValidator(9999)])
    downloads = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("downloads per year")
        constraints = [models.UniqueConstraint(fields=["file", "year"], name="download_count_once_per_year")]

    def __str__(self) -> str:
        return f"{self.file} {self.year}: {self.downloads}"


class MaterialEvaluation(models.Model):
    """A short evaluation offered after a download: stars, usefulness and a comment."""

    class Usable(models.TextChoices):
        YES = "yes", _("Yes")
        PARTLY = "partly", _("Partly")
        NO = "no", _("No")

    material = models.ForeignKey(
        TeachingMaterialPage, on_delete=models.CASCADE, related_name="evaluations", verbose_name=_("teaching material")
    )
    rating = models.PositiveSmallIntegerField(_("stars"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    usable = models.CharField(_("usable in my teaching?"), max_length=10, choices=Usable.choices)
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    # Who answered, as a one-way hash (of the session, or the account), so one person counts once.
    respondent = models.CharField(max_length=64, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    # Counted in the yearly report: one per logged-in person. Anonymous answers are kept and read,
    # but a fresh browser session could answer again, so they never count (nor in the stars shown).
    counted = models.BooleanField(_("counted"), default=False, editable=False)
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["material", "respondent"], name="one_evaluation_per_respondent"),
            models.CheckConstraint(condition=models.Q(rating__gte=1, rating__lte=5), name="evaluation_rating_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.material} – {self.rating}/5"
