"""What the yearly activity report needs besides the platform's own data.

Targets and baselines per measure, surveys held and project applications are typed in by the
centres' staff and leaders; school requests ("henvendelser") come from the portal's form. Every
figure of the report is computed from rows (``cms.reports.measures``); only targets, baselines and
the survey counts are entered by hand.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from videnscenter.models import CENTRE_ONLY, Organisation

from .partners import Partner

FIRST_YEAR = 2021  # the strategy period starts here, and so does every choice of year
BASELINE_YEAR = 2021
YEAR_VALIDATORS = [MinValueValidator(FIRST_YEAR), MaxValueValidator(2100)]
SCHOOL_KINDS = {"kind__in": [Organisation.Kind.SCHOOL, Organisation.Kind.VOCATIONAL_SCHOOL]}


class Area(models.TextChoices):
    """The strategy's areas (strategiske pejlemærker) and the platform's own figures."""

    OEST_SPI1 = "oest_spi1", _("Øst SPI1: recruitment")
    OEST_SPI2 = "oest_spi2", _("Øst SPI2: teaching material")
    OEST_SPI3 = "oest_spi3", _("Øst SPI3: bridge-building")
    VEST_SPI1 = "vest_spi1", _("Vest SPI1: partnerships and projects")
    VEST_SPI3 = "vest_spi3", _("Vest SPI3: surveys, debates and courses")
    JOINT_SPI5 = "joint_spi5", _("Joint SPI5: schools taking part")
    PLATFORM = "platform", _("Equipment and PopUp centres")


class Measure(models.TextChoices):
    """Every figure of the yearly activity list. Each has one function in ``cms.reports.measures``."""

    RECRUITMENT_MUNICIPALITIES = "recruitment_municipalities", _("Municipalities in recruitment cooperation")
    RECRUITMENT_EVENTS = "recruitment_events", _("Recruitment events")
    MATERIAL_DOWNLOADS = "material_downloads", _("Downloads of teaching material")
    VIDEO_VIEWS = "video_views", _("Views of instruction videos")
    MATERIALS_PUBLISHED = "materials_published", _("New teaching materials and videos published")
    EVALUATIONS = "evaluations", _("Evaluations of teaching material")
    BRIDGE_REQUESTS = "bridge_requests", _("Requests from schools about bridge-building material")
    RELEVANCE_SHARE = "relevance_share", _("Survey respondents rating the material relevant (%)")
    NEW_PARTNERSHIPS = "new_partnerships", _("New knowledge partnerships")
    PROJECT_APPLICATIONS = "project_applications", _("Project applications")
    INTERNATIONAL_APPLICATIONS = "international_applications", _("Project applications with international partners")
    SURVEYS = "surveys", _("Surveys held")
    TORSDAGSPANEL = "torsdagspanel", _("Torsdagspanel debates")
    COURSES = "courses", _("Courses for teachers and leaders")
    SCHOOLS_TAKING_PART = "schools_taking_part", _("SOSU schools with a partnership, network or project (%)")
    BOOKINGS = "bookings", _("Bookings")
    LOAN_DAYS = "loan_days", _("Loan days (unit-days)")
    UTILISATION = "utilisation", _("Utilisation of the equipment (%)")
    POPUPS = "popups", _("PopUp centres held")
    STUDENTS_REACHED = "students_reached", _("Students reached through bookings")


def _centre_field(**kwargs):
    return models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=CENTRE_ONLY,
        verbose_name=_("centre"),
        **kwargs,
    )


class Target(models.Model):
    """The target of one measure from ``year`` on, for a centre or (without a centre) for both jointly.

    A target applies to its year and every later year until a newer row replaces it. The lower
    bound of a year is the largest of: ``minimum``; last year's value plus ``growth_percent``;
    the baseline, when ``at_least_baseline``. ``maximum`` is the top of a range ("8–12 per year").
    """

    centre = _centre_field(null=True, blank=True, help_text=_("Leave empty for a joint target of both centres."))
    measure = models.CharField(_("measure"), max_length=40, choices=Measure.choices)
    year = models.PositiveSmallIntegerField(
        _("from year"), validators=YEAR_VALIDATORS, help_text=_("Applies to this year and later years until replaced.")
    )
    minimum = models.DecimalField(_("at least"), max_digits=12, decimal_places=2, null=True, blank=True)
    maximum = models.DecimalField(_("at most"), max_digits=12, decimal_places=2, null=True, blank=True)
    growth_percent = models.DecimalField(
        _("growth on last year (%)"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(-100)],
    )
    at_least_baseline = models.BooleanField(_("at least the baseline"), default=False)
    note = models.CharField(_("note"), max_length=300, blank=True, help_text=_("E.g. the wording of the strategy."))

    panels = [
        FieldRowPanel([FieldPanel("centre"), FieldPanel("measure"), FieldPanel("year")]),
        FieldRowPanel([FieldPanel("minimum"), FieldPanel("maximum")]),
        FieldRowPanel([FieldPanel("growth_percent"), FieldPanel("at_least_baseline")]),
        FieldPanel("note"),
    ]

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["measure", "centre__name", "year"]
        permissions = [
            ("view_activity_report", "Can see the yearly activity report of own centre"),
            ("view_usage_report", "Can see the booking and utilisation report"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["centre", "measure", "year"], name="target_once_per_year"),
            models.UniqueConstraint(
                fields=["measure", "year"], condition=models.Q(centre__isnull=True), name="joint_target_once_per_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_measure_display()} {self.year} ({self.centre or _('joint')})"

    def clean(self):
        super().clean()
        if self.minimum is not None and self.maximum is not None and self.maximum < self.minimum:
            raise ValidationError({"maximum": _("The upper end cannot be below the lower end.")})
        if self.minimum is None and self.growth_percent is None and not self.at_least_baseline:
            raise ValidationError(_("Give a lower end, a growth on last year or “at least the baseline”."))

    @property
    def owning_centre_id(self):
        return self.centre_id


class Baseline(models.Model):
    """The level of a measure in the baseline year (2021), typed in: the platform did not count then."""

    centre = _centre_field(null=True, blank=True, help_text=_("Leave empty for both centres jointly."))
    measure = models.CharField(_("measure"), max_length=40, choices=Measure.choices)
    year = models.PositiveSmallIntegerField(_("year"), default=BASELINE_YEAR, validators=YEAR_VALIDATORS)
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)])
    note = models.CharField(_("source"), max_length=300, blank=True)

    panels = [FieldRowPanel([FieldPanel("centre"), FieldPanel("measure"), FieldPanel("year")]), FieldPanel("value")]

    class Meta:
        verbose_name = _("baseline")
        verbose_name_plural = _("baselines")
        ordering = ["measure", "centre__name"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "measure"], name="baseline_once_per_measure"),
            models.UniqueConstraint(
                fields=["measure"], condition=models.Q(centre__isnull=True), name="joint_baseline_once_per_measure"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_measure_display()} {self.year}: {self.value}"

    @property
    def owning_centre_id(self):
        return self.centre_id


class Survey(models.Model):
    """A survey the centre held: when, about what, how many answered (typed in from the survey tool)."""

    centre = _centre_field()
    held_on = models.DateField(_("date"))
    topic = models.CharField(_("topic"), max_length=200)
    respondents = models.PositiveIntegerField(_("number of respondents"))
    rated_relevant = models.PositiveIntegerField(
        _("respondents rating the material relevant"),
        null=True,
        blank=True,
        help_text=_("Only for surveys about teaching material; leave empty otherwise."),
    )
    link = models.URLField(_("link"), blank=True, help_text=_("The survey or its results."))

    panels = [
        FieldRowPanel([FieldPanel("centre"), FieldPanel("held_on")]),
        FieldPanel("topic"),
        FieldRowPanel([FieldPanel("respondents"), FieldPanel("rated_relevant")]),
        FieldPanel("link"),
    ]

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-held_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rated_relevant__isnull=True) | models.Q(rated_relevant__lte=models.F("respondents")),
                name="survey_relevant_within_respondents",
            )
        ]

    def __str__(self) -> str:
        return f"{self.topic} ({self.held_on:%d.%m.%Y})"

    def clean(self):
        super().clean()
        if self.rated_relevant is not None and self.respondents is not None and self.rated_relevant > self.respondents:
            raise ValidationError({"rated_relevant": _("Cannot be more than the number of respondents.")})

    @property
    def owning_centre_id(self):
        return self.centre_id


class ProjectApplication(ClusterableModel):
    """An application for project funding, with its partners; international when any partner is abroad."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Being written")
        SUBMITTED = "submitted", _("Submitted")
        GRANTED = "granted", _("Granted")
        REJECTED = "rejected", _("Not granted")

    centre = _centre_field()
    title = models.CharField(_("title"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS, help_text=_("The year it is sent."))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    international = models.BooleanField(_("with international partners"), default=False)
    funder = models.CharField(_("funder"), max_length=200, blank=True)
    partners = ParentalManyToManyField(Partner, blank=True, related_name="applications", verbose_name=_("partners"))
    schools = ParentalManyToManyField(
        Organisation,
        blank=True,
        related_name="project_applications",
        limit_choices_to=SCHOOL_KINDS,
        verbose_name=_("schools taking part"),
    )

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("centre"), FieldPanel("year"), FieldPanel("status")]),
        FieldRowPanel([FieldPanel("funder"), FieldPanel("international")]),
        MultiFieldPanel([FieldPanel("partners"), FieldPanel("schools")], heading=_("Who takes part")),
    ]

    class Meta:
        verbose_name = _("project application")
        verbose_name_plural = _("project applications")
        ordering = ["-year", "title"]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"

    @property
    def owning_centre_id(self):
        return self.centre_id


class SchoolRequest(models.Model):
    """A request ("henvendelse") from a SOSU school, sent through the portal's form to the school's home centre."""

    class Topic(models.TextChoices):
        BRIDGE_BUILDING = "bridge_building", _("Bridge-building material")
        NEW_MATERIAL = "new_material", _("New teaching material")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        HANDLED = "handled", _("Handled")

    school = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="school_requests",
        limit_choices_to=SCHOOL_KINDS,
        verbose_name=_("school"),
    )
    centre = _centre_field()
    topic = models.CharField(_("about"), max_length=20, choices=Topic.choices)
    message = models.TextField(_("message"), max_length=4000)
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail address"))
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW, editable=False)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True, editable=False)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("handled by"),
    )

    class Meta:
        verbose_name = _("school request")
        verbose_name_plural = _("school requests")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["centre", "topic", "created_at"])]

    def __str__(self) -> str:
        return f"{self.school} – {self.get_topic_display()}"

    @property
    def owning_centre_id(self):
        return self.centre_id
