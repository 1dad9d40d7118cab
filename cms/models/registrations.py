"""Sign-up for events: the places of an event, registrations, their participants, a cancelled event.

An event's sign-up settings (capacity, deadline, prices, minimum, waitlist offer time,
cancellation rule) are fields of ``EventPage``; what happens to them is ``cms.registrations``.

No overbooking, by construction: an event has one ``Place`` row per place (``number`` 1..capacity,
unique per event) and a participant who holds a place points at it through a one-to-one key, so
two participants can never share one, whatever code writes them. The service that hands places
out does so under a row lock on the event (``cms.registrations.services``).
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from videnscenter.models import Organisation

from .pages import EventPage


class Place(models.Model):
    """One place of an event. Created by the sign-up service up to the event's capacity."""

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="places", verbose_name=_("event"))
    number = models.PositiveIntegerField(_("number"))

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["event", "number"]
        constraints = [models.UniqueConstraint(fields=["event", "number"], name="place_number_unique_per_event")]

    def __str__(self) -> str:
        return f"{self.event_id}#{self.number}"


class EventCancellation(models.Model):
    """The event is cancelled for its participants (by staff, or for too few participants)."""

    event = models.OneToOneField(
        EventPage, on_delete=models.CASCADE, related_name="cancellation", verbose_name=_("event")
    )
    at = models.DateTimeField(_("cancelled"), auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    undersubscribed = models.BooleanField(_("too few participants"), default=False)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("cancelled event")
        verbose_name_plural = _("cancelled events")

    def __str__(self) -> str:
        return str(self.event)


class Registration(models.Model):
    """One sign-up: a person for themself, or an organisation for several named participants.

    The payer (``payer_name``/``payer_email``) is often not a participant. ``unit_price`` is the
    price per participant of the group decided when signing up.
    """

    class Kind(models.TextChoices):
        PERSON = "person", _("Person")
        ORGANISATION = "organisation", _("Organisation")

    class Group(models.TextChoices):
        MEMBER = "member", _("Member school")
        OTHER = "other", _("Others")

    class Method(models.TextChoices):
        FREE = "free", _("Free")
        CARD = "card", _("Card")
        INVOICE = "invoice", _("Invoice (EAN)")

    event = models.ForeignKey(
        EventPage, on_delete=models.PROTECT, related_name="registrations", verbose_name=_("event")
    )
    reference = models.CharField(_("reference"), max_length=12, unique=True)
    kind = models.CharField(_("registered as"), max_length=20, choices=Kind.choices, default=Kind.PERSON)
    group = models.CharField(_("price group"), max_length=20, choices=Group.choices)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
        verbose_name=_("registered by"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200)
    payer_email = models.EmailField(_("payer's e-mail"))
    method = models.CharField(_("payment method"), max_length=20, choices=Method.choices)
    ean = models.CharField(_("EAN number"), max_length=13, blank=True)
    invoice_reference = models.CharField(_("invoice reference"), max_length=100, blank=True)
    unit_price = models.DecimalField(_("price per participant"), max_digits=9, decimal_places=2)
    # Only a hash: the raw token is in the confirmation e-mail, for those who signed up without logging in.
    token_hash = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(unit_price__gte=Decimal("0")), name="registration_price_not_negative"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def payer_label(self) -> str:
        return self.organisation_name or self.contact_name


class ParticipantQuerySet(models.QuerySet):
    def holding_place(self):
        return self.filter(place__isnull=False)

    def active(self):
        return self.filter(status__in=Participant.ACTIVE)


class Participant(models.Model):
    """A named participant of a registration: holds a place, waits for one, or is cancelled."""

    class Status(models.TextChoices):
        HELD = "held", _("Place held, awaiting payment")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waitlist")
        OFFERED = "offered", _("Offered a place")
        EXPIRED = "expired", _("Lapsed")
        CANCELLED = "cancelled", _("Cancelled")

    class PaymentState(models.TextChoices):
        NONE = "none", _("Nothing to pay")
        PENDING = "pending", _("Awaiting payment")
        PAID = "paid", _("Paid")
        EXPIRED = "expired", _("Payment not completed")
        REFUNDED = "refunded", _("Refunded")

    WITH_PLACE = (Status.HELD, Status.CONFIRMED, Status.OFFERED)
    ACTIVE = (Status.HELD, Status.CONFIRMED, Status.WAITLISTED, Status.OFFERED)

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="participants", verbose_name=_("registration")
    )
    event = models.ForeignKey(EventPage, on_delete=models.PROTECT, related_name="participants", verbose_name=_("event"))
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_participations",
        verbose_name=_("user"),
    )
    place = models.OneToOneField(
        Place, on_delete=models.PROTECT, null=True, blank=True, related_name="participant", verbose_name=_("place")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    waitlisted_at = models.DateTimeField(_("on the waitlist since"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer expires"), null=True, blank=True)
    offer_token_hash = models.CharField(max_length=64, blank=True, editable=False)
    # The payment (``booking.payments``) that covers this participant; several may share one.
    payment_id = models.PositiveBigIntegerField(_("payment"), null=True, blank=True, editable=False)
    payment_state = models.CharField(
        _("payment"), max_length=20, choices=PaymentState.choices, default=PaymentState.NONE
    )
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    refunded = models.DecimalField(_("refunded"), max_digits=9, decimal_places=2, default=Decimal("0"))
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["event", "name", "pk"]
        constraints = [
            # A place is held only by someone who is in, or is being offered it.
            models.CheckConstraint(
                condition=Q(place__isnull=True) | Q(status__in=["held", "confirmed", "offered"]),
                name="participant_place_only_when_in",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["held", "confirmed", "offered"]) | Q(place__isnull=False),
                name="participant_in_holds_a_place",
            ),
        ]
        indexes = [models.Index(fields=["event", "status", "waitlisted_at"])]

    def __str__(self) -> str:
        return self.name

    @property
    def has_place(self) -> bool:
        return self.status in self.WITH_PLACE
