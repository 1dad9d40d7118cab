"""Bookings, the unit reservations behind them, PopUp centres and maintenance windows."""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import connection, models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from catalogue.models import Equipment, MobilePack, Programme, Unit
from videnscenter.models import Organisation

from . import lifecycle


class BookingQuerySet(models.QuerySet):
    def holding(self):
        """Bookings whose reservations still count (not rejected or cancelled)."""
        return self.filter(status__in=lifecycle.HOLDING)

    def for_centres(self, centre_ids):
        return self.filter(owning_centre_id__in=centre_ids)


class BookingRequest(models.Model):
    """A basket: several bookings (its lines) asked for together, for one organisation and one period.

    One reference and one e-mail for the teacher; all lines are reserved or none. Each line is an
    ordinary ``Booking`` (one equipment kind or one pack), so approvals (one per owning centre),
    feeds and history work per line. Who asked is on the lines, so erasing a person touches only them.
    """

    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="booking_requests", verbose_name=_("for")
    )
    start_date = models.DateField(_("first day of the loan"))
    end_date = models.DateField(_("last day of the loan"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("basket request")
        verbose_name_plural = _("basket requests")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.reference


class Booking(models.Model):
    """A person's loan of units of one equipment kind, or of one mobile pack, for an organisation."""

    Status = lifecycle.Status

    class Handover(models.TextChoices):
        PICKUP = "pickup", _("Pick up at the centre")
        DELIVERY = "delivery", _("Delivery to the school")
        LAB = "lab", _("Use in the Praksis Lab")

    class Payment(models.TextChoices):
        NOT_REQUIRED = "not_required", _("Free")
        PENDING = "pending", _("Awaiting payment")
        PAID = "paid", _("Paid")
        REFUNDED = "refunded", _("Refunded")

    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    # Empty only once the person has been erased (``booking.privacy``): the booking stays for the
    # school's history and the reports. PROTECT keeps anyone from deleting a person without that.
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bookings",
        verbose_name=_("booked by"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("for")
    )
    owning_centre = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="centre_bookings", verbose_name=_("owning centre")
    )
    equipment = models.ForeignKey(
        Equipment, on_delete=models.PROTECT, null=True, blank=True, related_name="bookings", verbose_name=_("equipment")
    )
    pack = models.ForeignKey(
        MobilePack, on_delete=models.PROTECT, null=True, blank=True, related_name="bookings", verbose_name=_("pack")
    )
    quantity = models.PositiveSmallIntegerField(_("number of units"), default=1)
    request = models.ForeignKey(
        BookingRequest,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lines",
        verbose_name=_("basket request"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED)
    start_date = models.DateField(_("first day of the loan"))
    end_date = models.DateField(_("last day of the loan"))
    handover = models.CharField(_("hand-over"), max_length=20, choices=Handover.choices, default=Handover.PICKUP)
    programme = models.ForeignKey(
        Programme, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("programme")
    )
    class_name = models.CharField(_("class or team"), max_length=100, blank=True)
    student_count = models.PositiveSmallIntegerField(_("number of students"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    decision_note = models.TextField(_("note from the centre"), blank=True)
    price = models.DecimalField(_("price (DKK)"), max_digits=10, decimal_places=2, default=Decimal("0.00"))
    payment_status = models.CharField(
        _("payment"), max_length=20, choices=Payment.choices, default=Payment.NOT_REQUIRED
    )
    # Raised on every change a person would notice, so calendar clients update their copy.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    reminded_start_at = models.DateTimeField(null=True, blank=True, editable=False)
    reminded_return_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = BookingQuerySet.as_manager()

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["-start_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="booking_dates_ordered"
            ),
            models.CheckConstraint(
                condition=models.Q(equipment__isnull=False, pack__isnull=True)
                | models.Q(equipment__isnull=True, pack__isnull=False),
                name="booking_equipment_xor_pack",
            ),
            models.CheckConstraint(condition=models.Q(price__gte=0), name="booking_price_not_negative"),
        ]
        indexes = [models.Index(fields=["owning_centre", "status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.reference} – {self.item_name}"

    @property
    def item_name(self) -> str:
        return self.equipment.name if self.equipment_id else self.pack.name

    @property
    def requester_label(self) -> str:
        """Who it is for, or that the person has been erased."""
        if self.requester_id is None:
            return str(_("(erased)"))
        return self.requester.get_full_name() or self.requester.email

    @property
    def is_active(self) -> bool:
        return self.status in lifecycle.HOLDING

    def is_overdue(self, today: date | None = None) -> bool:
        return lifecycle.is_overdue(self.status, self.end_date, today or timezone.localdate())

    @property
    def loan_days(self) -> int:
        return (self.end_date - self.start_date).days + 1


class PopUpCentre(ClusterableModel):
    """Equipment placed at a host school for a period, where students and teachers can try it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")

    title = models.CharField(_("title"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    host = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="popups", verbose_name=_("host school")
    )
    owning_centre = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="centre_popups", verbose_name=_("centre")
    )
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    description = models.TextField(_("what can be tried"), blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False)
    equipment = models.ManyToManyField(
        Equipment, through="PopUpItem", blank=True, related_name="popups", verbose_name=_("equipment")
    )
    packs = ParentalManyToManyField(MobilePack, blank=True, related_name="popups", verbose_name=_("mobile packs"))
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("PopUp centre")
        verbose_name_plural = _("PopUp centres")
        ordering = ["start_date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="popup_dates_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("popup:detail", args=[self.slug])


class PopUpItem(Orderable):
    popup = ParentalKey(PopUpCentre, on_delete=models.CASCADE, related_name="items")
    equipment = models.ForeignKey(Equipment, on_delete=models.PROTECT, related_name="+", verbose_name=_("equipment"))
    quantity = models.PositiveSmallIntegerField(_("number of units"), default=1)

    class Meta(Orderable.Meta):
        verbose_name = _("equipment at the PopUp")
        constraints = [models.UniqueConstraint(fields=["popup", "equipment"], name="popup_item_unique")]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.equipment}"


class MaintenanceWindow(models.Model):
    """A period in which a unit is being serviced and cannot be lent."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="maintenance_windows", verbose_name=_("unit"))
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    reason = models.CharField(_("reason"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("planned by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("maintenance window")
        verbose_name_plural = _("maintenance windows")
        ordering = ["start_date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="maintenance_dates_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.start_date:%d.%m.%Y}–{self.end_date:%d.%m.%Y}"

    @property
    def owning_centre_id(self) -> int:
        return self.unit.owning_centre_id


class ReservationQuerySet(models.QuerySet):
    def overlapping(self, first: date, last: date, *, today: date | None = None):
        """Active reservations whose blocked period touches ``first``..``last`` (both included).

        A loan handed out and not back after its last day keeps its units until it is back, so
        an overdue one touches every day from its start on.
        """
        today = today or timezone.localdate()
        return self.filter(is_active=True, blocked_start__lte=last).filter(
            models.Q(blocked_end__gte=first) | models.Q(is_out=True, end_date__lt=today)
        )

    def busy_periods(self, first: date, last: date, *, today: date | None = None) -> list[models.QuerySet]:
        """[speed] What ``overlapping`` finds, as two reads each an index answers (an OR of the
        two is read row by row): active reservations whose blocked period overlaps
        ``first``..``last`` (on PostgreSQL as the daterange overlap of the exclusion constraint's
        GiST index), and loans out and overdue, which block from their start on. Rows of
        ``(unit_id, blocked_start, blocked_end, is_out, end_date)``."""
        today = today or timezone.localdate()
        active = self.filter(is_active=True)
        if connection.vendor == "postgresql":
            from django.contrib.postgres.fields import DateRangeField
            from django.db.backends.postgresql.psycopg_any import DateRange

            period = models.Func(
                models.F("blocked_start"),
                models.F("blocked_end"),
                models.Value("[]"),
                function="daterange",
                output_field=DateRangeField(),
            )
            overlapping = active.alias(period=period).filter(period__overlap=DateRange(first, last, "[]"))
        else:
            overlapping = active.filter(blocked_end__gte=first, blocked_start__lte=last)
        overdue = active.filter(is_out=True, end_date__lt=today, blocked_start__lte=last).exclude(
            blocked_end__gte=first
        )
        fields = ("unit_id", "blocked_start", "blocked_end", "is_out", "end_date")
        return [overlapping.values_list(*fields), overdue.values_list(*fields)]


class Reservation(models.Model):
    """One unit blocked for one period by a booking, a PopUp or maintenance.

    Only ``booking.engine`` writes these rows. On PostgreSQL an exclusion constraint (migration
    0002), on SQLite triggers (migration 0005) make overlapping active reservations of one unit
    impossible, whatever code writes them.
    """

    class Kind(models.TextChoices):
        BOOKING = "booking", _("Booked")
        POPUP = "popup", _("PopUp centre")
        MAINTENANCE = "maintenance", _("Maintenance")

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="reservations")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, null=True, blank=True, related_name="reservations")
    popup = models.ForeignKey(PopUpCentre, on_delete=models.CASCADE, null=True, blank=True, related_name="reservations")
    maintenance = models.ForeignKey(
        MaintenanceWindow, on_delete=models.CASCADE, null=True, blank=True, related_name="reservations"
    )
    # The loan itself, and the blocked period around it (loan plus working-day buffers), inclusive.
    start_date = models.DateField()
    end_date = models.DateField()
    blocked_start = models.DateField()
    blocked_end = models.DateField()
    is_active = models.BooleanField(default=True)
    # Handed out and not back yet: the unit blocks until it is actually returned.
    is_out = models.BooleanField(default=False)

    objects = ReservationQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(blocked_start__lte=models.F("start_date"), blocked_end__gte=models.F("end_date"))
                & models.Q(end_date__gte=models.F("start_date")),
                name="reservation_periods_nested",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(kind="booking", booking__isnull=False, popup__isnull=True, maintenance__isnull=True)
                    | models.Q(kind="popup", booking__isnull=True, popup__isnull=False, maintenance__isnull=True)
                    | models.Q(kind="maintenance", booking__isnull=True, popup__isnull=True, maintenance__isnull=False)
                ),
                name="reservation_has_one_owner",
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "blocked_start", "blocked_end"]),
            # [speed] "which units are busy between two dates" across all units (SQLite; the
            # exclusion constraint's GiST index answers it on PostgreSQL).
            models.Index(
                fields=["blocked_end", "blocked_start", "unit"],
                condition=models.Q(is_active=True),
                name="reservation_active_period",
            ),
            # [speed] loans out now (few rows): the overdue ones block from their start on.
            models.Index(fields=["end_date"], condition=models.Q(is_active=True, is_out=True), name="reservation_out"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.blocked_start}–{self.blocked_end}"


class CalendarSubscription(models.Model):
    """A calendar feed a person subscribes to in Outlook, Google or Apple Calendar.

    Calendar clients cannot log in, so the feed URL carries a random 256-bit token; only its
    SHA-256 is stored. Rotating replaces the token, revoking ends the subscription at once.
    """

    class Kind(models.TextChoices):
        MINE = "mine", _("My bookings")
        SCHOOL = "school", _("My school's bookings")
        EQUIPMENT = "equipment", _("Occupancy of one kind of equipment")
        CENTRE = "centre", _("The centre's bookings")
        POPUPS = "popups", _("All PopUp centres")

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_subscriptions")
    kind = models.CharField(_("feed"), max_length=20, choices=Kind.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("organisation")
    )
    equipment = models.ForeignKey(
        Equipment, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("equipment")
    )
    name = models.CharField(_("name"), max_length=100)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    rotated_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_fetched_at = models.DateTimeField(null=True, blank=True)
    fetch_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("calendar subscription")
        verbose_name_plural = _("calendar subscriptions")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name
