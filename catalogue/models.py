"""The equipment catalogue: kinds of equipment, the physical units, mobile packs and locations."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from videnscenter.models import CENTRE_ONLY, Organisation

# /udstyr/pakker/ and /udstyr/pakke/<slug>/ live beside /udstyr/<slug>/.
RESERVED_SLUGS = {"pakker", "pakke"}


def validate_equipment_slug(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(_("“%(slug)s” is reserved; choose another slug.") % {"slug": value})


class Category(models.Model):
    """A kind of welfare technology, e.g. "Løfte- og forflytningshjælpemidler"."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Programme(models.Model):
    """An education the equipment is used in (SOSU-hjælper, SOSU-assistent, PAU, ...)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Location(models.Model):
    """Where units live or travel to: a centre's Praksis Lab, a school, a store room."""

    class Kind(models.TextChoices):
        PRAKSIS_LAB = "praksis_lab", _("Praksis Lab")
        SCHOOL = "school", _("School")
        STORAGE = "storage", _("Store room")

    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="locations", verbose_name=_("organisation")
    )
    address = models.CharField(_("address"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def owning_centre_id(self) -> int | None:
        org = self.organisation
        return org.pk if org.is_centre else org.home_centre_id


class EquipmentTag(TaggedItemBase):
    content_object = ParentalKey("catalogue.Equipment", on_delete=models.CASCADE, related_name="tagged_items")


class LoanPrices(models.Model):
    """What a loan costs, in DKK: the price for non-members and the fee for delivery to the school."""

    external_price = models.DecimalField(
        _("price per loan for non-members (DKK)"),
        max_digits=10,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
        help_text=_("Member schools always borrow free of charge."),
    )
    delivery_fee = models.DecimalField(
        _("delivery fee (DKK)"),
        max_digits=10,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
        help_text=_("Added when it is delivered to the school, for members and non-members alike."),
    )

    class Meta:
        abstract = True


class Equipment(index.Indexed, LoanPrices, ClusterableModel):
    """A bookable kind of equipment. Bookings reserve its units, never an abstract count."""

    class Placement(models.TextChoices):
        MOBILE = "mobile", _("Mobile – can be sent to a school")
        STATIONED = "stationed", _("Stationed at a school")
        LAB_ONLY = "lab_only", _("Praksis Lab only")

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=150, unique=True, validators=[validate_equipment_slug])
    summary = models.CharField(_("summary"), max_length=300, help_text=_("One or two sentences for the catalogue."))
    description = RichTextField(_("description"), blank=True)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="equipment", verbose_name=_("category")
    )
    owning_centre = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="equipment",
        limit_choices_to=CENTRE_ONLY,
        verbose_name=_("owning centre"),
    )
    placement = models.CharField(_("placement"), max_length=20, choices=Placement.choices, default=Placement.MOBILE)
    home_location = models.ForeignKey(
        Location,
        on_delete=models.PROTECT,
        related_name="home_equipment",
        verbose_name=_("home location"),
        null=True,
        blank=True,
    )
    buffer_before_days = models.PositiveSmallIntegerField(
        _("working days before a loan"),
        default=1,
        validators=[MaxValueValidator(30)],
        help_text=_("Packing and transport before the loan starts."),
    )
    buffer_after_days = models.PositiveSmallIntegerField(
        _("working days after a loan"),
        default=1,
        validators=[MaxValueValidator(30)],
        help_text=_("Return, cleaning and charging after the loan ends."),
    )
    max_loan_days = models.PositiveSmallIntegerField(
        _("longest loan (days)"), default=30, validators=[MinValueValidator(1), MaxValueValidator(365)]
    )
    min_notice_days = models.PositiveSmallIntegerField(
        _("shortest notice (working days)"), default=3, validators=[MaxValueValidator(120)]
    )
    booking_horizon_months = models.PositiveSmallIntegerField(
        _("booking horizon (months)"),
        default=18,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("How far ahead a loan may be booked."),
    )
    programmes = models.ManyToManyField(Programme, blank=True, related_name="equipment", verbose_name=_("programmes"))
    tags = ClusterTaggableManager(through=EquipmentTag, blank=True, verbose_name=_("tags"))
    is_active = models.BooleanField(_("shown in the catalogue"), default=True)
    auto_approve = models.BooleanField(
        _("approve bookings automatically"), default=False, help_text=_("Requests that fit are approved at once.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    search_fields = [
        index.SearchField("name", boost=3),
        index.SearchField("summary", boost=2),
        index.SearchField("description"),
        index.AutocompleteField("name"),
        index.FilterField("is_active"),
        index.FilterField("category"),
        index.FilterField("owning_centre"),
    ]

    class Meta:
        verbose_name = _("equipment")
        verbose_name_plural = _("equipment")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=models.Q(max_loan_days__gte=1), name="equipment_max_loan_positive"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("catalogue:equipment", args=[self.slug])


class EquipmentImage(Orderable):
    equipment = ParentalKey(Equipment, on_delete=models.CASCADE, related_name="images")
    image = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.CASCADE, related_name="+", verbose_name=_("image")
    )
    caption = models.CharField(_("caption"), max_length=250, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")


class EquipmentManual(Orderable):
    equipment = ParentalKey(Equipment, on_delete=models.CASCADE, related_name="manuals")
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+", verbose_name=_("document")
    )
    title = models.CharField(_("title"), max_length=200, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("manual")
        verbose_name_plural = _("manuals")

    def __str__(self) -> str:
        return self.title or self.document.title


class UnitQuerySet(models.QuerySet):
    def in_service(self):
        return self.filter(status=Unit.Status.IN_SERVICE)


class Unit(models.Model):
    """One physical item with its own asset tag."""

    class Status(models.TextChoices):
        IN_SERVICE = "in_service", _("In service")
        MAINTENANCE = "maintenance", _("In maintenance")
        RETIRED = "retired", _("Retired")

    equipment = models.ForeignKey(
        Equipment, on_delete=models.PROTECT, related_name="units", verbose_name=_("equipment")
    )
    asset_tag = models.CharField(_("asset tag"), max_length=50, unique=True)
    serial_number = models.CharField(_("serial number"), max_length=100, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.IN_SERVICE)
    condition_notes = models.TextField(_("condition notes"), blank=True)
    current_location = models.ForeignKey(
        Location,
        on_delete=models.PROTECT,
        related_name="units",
        verbose_name=_("current location"),
        null=True,
        blank=True,
    )

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["equipment__name", "asset_tag"]

    def __str__(self) -> str:
        return f"{self.equipment} ({self.asset_tag})"

    @property
    def owning_centre_id(self) -> int:
        return self.equipment.owning_centre_id


class MobilePack(index.Indexed, LoanPrices, ClusterableModel):
    """A fixed kit of specific units that travels between schools as one."""

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    owning_centre = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="mobile_packs",
        limit_choices_to=CENTRE_ONLY,
        verbose_name=_("owning centre"),
    )
    summary = models.CharField(_("what it is good for"), max_length=300)
    description = RichTextField(_("description"), blank=True)
    accessories = models.TextField(
        _("accessories"), blank=True, help_text=_("Other contents without an asset tag, one per line.")
    )
    current_location = models.ForeignKey(
        Location,
        on_delete=models.PROTECT,
        related_name="mobile_packs",
        verbose_name=_("current location"),
        null=True,
        blank=True,
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("image"),
    )
    is_active = models.BooleanField(_("shown in the catalogue"), default=True)

    search_fields = [index.SearchField("name", boost=3), index.SearchField("summary")]

    class Meta:
        verbose_name = _("mobile pack")
        verbose_name_plural = _("mobile packs")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("catalogue:pack", args=[self.slug])

    @property
    def accessory_lines(self) -> list[str]:
        return [line.strip() for line in self.accessories.splitlines() if line.strip()]


class PackItem(Orderable):
    """A unit in a pack. One-to-one: a unit belongs to at most one pack."""

    pack = ParentalKey(MobilePack, on_delete=models.CASCADE, related_name="items")
    unit = models.OneToOneField(Unit, on_delete=models.PROTECT, related_name="pack_item", verbose_name=_("unit"))

    class Meta(Orderable.Meta):
        verbose_name = _("unit in pack")
        verbose_name_plural = _("units in pack")

    def __str__(self) -> str:
        return str(self.unit)
