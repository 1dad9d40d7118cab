"""Wagtail page types of the public portal: home, content pages, news and events."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from media.models import Audience
from videnscenter import versions
from videnscenter.models import CENTRE_ONLY, Organisation
from videnscenter.pagecache import serve_cached

from ..blocks import BodyBlock
from ..page_contexts import page_context


def image_field():
    return models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("image"),
        help_text=_("The image's description is used as its alt text."),
    )


class HomePage(Page):
    """The front page: current and coming PopUps, featured videos, latest news and coming events."""

    intro = models.TextField(_("introduction"), blank=True)
    body = RichTextField(_("body"), blank=True, features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms.ContentPage",
        "cms.NewsIndexPage",
        "cms.EventIndexPage",
        "cms.PartnerIndexPage",
        "cms.TeachingMaterialIndexPage",
        "cms.PrivacyNoticePage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(page_context(self, request))
        return context


class ContentPage(Page):
    """A free page built from blocks: text, images, videos, quotes, calls to action, equipment."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["cms.HomePage", "cms.ContentPage"]
    subpage_types = ["cms.ContentPage"]

    class Meta:
        verbose_name = _("content page")


class SectionIndexPage(Page):
    """A section of the portal: one of each under the home page, an introduction and a list.

    The list comes from the page context registered for the concrete type (``cms.apps``).
    """

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    max_count = 1

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(page_context(self, request))
        return context


class NewsIndexPage(SectionIndexPage):
    """The news list, newest first."""

    subpage_types = ["cms.NewsPage"]

    class Meta:
        verbose_name = _("news index")


class NewsPage(Page):
    """A news article."""

    date = models.DateField(_("date"), default=timezone.localdate)
    intro = models.TextField(_("introduction"), help_text=_("Shown in lists and at the top of the article."))
    image = image_field()
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    centre = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to=CENTRE_ONLY,
        verbose_name=_("centre"),
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("date"), FieldPanel("centre")]),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")


class EventIndexPage(SectionIndexPage):
    """Coming events with filters by type and audience; past events on request."""

    subpage_types = ["cms.EventPage"]

    class Meta:
        verbose_name = _("event index")

    def serve(self, request, *args, **kwargs):
        # Cached by the pages' version; an event leaves "coming" when it ends, so the copy is
        # valid until the next end of a live event.
        next_end = (
            EventPage.objects.live()
            .filter(end__gte=timezone.now())
            .order_by("end")
            .values_list("end", flat=True)
            .first()
        )
        return serve_cached(
            request,
            lambda: super(EventIndexPage, self).serve(request, *args, **kwargs),
            (versions.PAGES,),
            (str(self.pk),),
            valid_until=next_end,
            page=self,
        )


class EventPage(Page):
    """A Tech Timen live stream, a Torsdagspanel debate, a webinar, a course or a recruitment event."""

    class EventType(models.TextChoices):
        TECH_TIMEN = "tech_timen", _("Tech Timen live stream")
        TORSDAGSPANEL = "torsdagspanel", _("Torsdagspanel debate")
        WEBINAR = "webinar", _("Webinar")
        COURSE = "course", _("Course")
        RECRUITMENT = "recruitment", _("Recruitment event")

    event_type = models.CharField(_("type"), max_length=20, choices=EventType.choices)
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    intro = models.TextField(_("introduction"), help_text=_("Shown in lists and at the top of the page."))
    location = models.CharField(_("place"), max_length=200, blank=True)
    online_url = models.URLField(_("online link"), blank=True, help_text=_("Live stream or webinar link."))
    registration_url = models.URLField(_("sign-up link"), blank=True)
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices, default=Audience.EVERYONE)
    host_school = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind__in": [Organisation.Kind.SCHOOL, Organisation.Kind.VOCATIONAL_SCHOOL]},
        verbose_name=_("host school"),
    )
    municipalities = ParentalManyToManyField(
        Organisation,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": Organisation.Kind.MUNICIPALITY},
        verbose_name=_("participating municipalities"),
    )
    centre = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to=CENTRE_ONLY,
        verbose_name=_("organising centre"),
    )
    image = image_field()
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    # Sign-up on the site (``cms.registrations``); ``registration_url`` is for sign-up elsewhere.
    registration_open = models.BooleanField(_("sign-up on this site"), default=False)
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)
    registration_deadline = models.DateTimeField(_("sign-up deadline"), null=True, blank=True)
    minimum_participants = models.PositiveIntegerField(
        _("minimum participants"), default=0, help_text=_("0: held whatever the number.")
    )
    minimum_deadline = models.DateField(
        _("minimum reached by"),
        null=True,
        blank=True,
        help_text=_("If fewer have signed up by the end of this day, the event is cancelled and payments refunded."),
    )
    price_member = models.DecimalField(
        _("price for member schools"),
        max_digits=9,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Per participant, kr., for staff and students of member schools."),
    )
    price_other = models.DecimalField(
        _("price for others"),
        max_digits=9,
        decimal_places=2,
        default=Decimal("300"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Per participant, kr."),
    )
    waitlist_offer_hours = models.PositiveSmallIntegerField(
        _("waitlist offer time (hours)"), default=48, validators=[MinValueValidator(1)]
    )
    free_cancellation_days = models.PositiveSmallIntegerField(
        _("free cancellation until (days before)"),
        default=7,
        help_text=_("Participants may cancel with a full refund until this many days before the start."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("event_type"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("location"), FieldPanel("online_url"), FieldPanel("registration_url")], heading=_("Where")
        ),
        MultiFieldPanel(
            [FieldPanel("audience"), FieldPanel("centre"), FieldPanel("host_school"), FieldPanel("municipalities")],
            heading=_("Who"),
        ),
        FieldPanel("image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("registration_open"),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("registration_deadline")]),
                FieldRowPanel([FieldPanel("minimum_participants"), FieldPanel("minimum_deadline")]),
                FieldRowPanel([FieldPanel("price_member"), FieldPanel("price_other")]),
                FieldRowPanel([FieldPanel("waitlist_offer_hours"), FieldPanel("free_cancellation_days")]),
            ],
            heading=_("Sign-up"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("location"),
        index.SearchField("body"),
        index.FilterField("start"),
        index.FilterField("event_type"),
    ]

    parent_page_types = ["cms.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("The event must end after it starts.")
        if not self.location and not self.online_url:
            errors["location"] = _("Give a place, an online link or both.")
        errors.update(self._registration_errors())
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(page_context(self, request))
        return context

    def _registration_errors(self) -> dict:
        errors = {}
        if self.registration_open and not self.capacity:
            errors["capacity"] = _("Give the number of places when sign-up is on this site.")
        if self.registration_open and not self.centre_id and (self.price_member or self.price_other):
            errors["centre"] = _("Choose the organising centre: it receives the payments.")
        if self.registration_open and self.registration_url:
            errors["registration_url"] = _("Use either sign-up on this site or a sign-up link, not both.")
        if self.capacity and self.minimum_participants > self.capacity:
            errors["minimum_participants"] = _("The minimum cannot be more than the number of places.")
        if self.minimum_participants and not self.minimum_deadline:
            errors["minimum_deadline"] = _("Give the day by which the minimum must be reached.")
        if self.start and self.minimum_deadline and self.minimum_deadline >= timezone.localtime(self.start).date():
            errors["minimum_deadline"] = _("The minimum must be reached before the day of the event.")
        if self.start and self.registration_deadline and self.registration_deadline > self.start:
            errors["registration_deadline"] = _("The sign-up deadline must be before the event starts.")
        return errors

    @property
    def is_past(self) -> bool:
        return self.end < timezone.now()

    @property
    def takes_registrations(self) -> bool:
        return self.registration_open and bool(self.capacity)
