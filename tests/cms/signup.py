"""Building blocks for the sign-up tests: an event that takes sign-ups, and people signing up."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from cms.models import EventPage
from cms.registrations import services
from cms.registrations.services import NewParticipant
from tests.cms.helpers import event
from videnscenter.models import Organisation


def course(centre, *, places: int = 10, days: int = 30, **fields) -> EventPage:
    fields.setdefault("event_type", EventPage.EventType.COURSE)
    fields.setdefault("price_other", Decimal("300.00"))
    fields.setdefault("location", "Praksis Lab, Roskilde")
    fields.setdefault("registration_open", True)
    return event("Kursus i velfærdsteknologi", days=days, centre=centre, capacity=places, **fields)


EAN = "5790001234560"  # a valid check digit


def municipality(name="Roskilde Kommune") -> Organisation:
    return Organisation.objects.get_or_create(
        slug=name.lower().replace(" ", "-"), defaults={"name": name, "kind": Organisation.Kind.MUNICIPALITY}
    )[0]


def sign_up(event, name="Anna Jensen", email=None, *, actor=None, now=None, **kwargs):
    email = email or f"{name.split()[0].lower()}@example.dk"
    if kwargs.get("kind") == "organisation":
        kwargs.setdefault("method", "invoice")
        kwargs.setdefault("organisation_name", "Roskilde Kommune")
        if kwargs["method"] == "invoice":
            kwargs.setdefault("invoice_organisation", municipality())
            kwargs.setdefault("ean", EAN)
            kwargs.setdefault("invoice_reference", "Kursus 2031")
    kwargs.setdefault("method", "")
    return services.registration_create(
        event=event,
        actor=actor,
        contact_name=name,
        payer_email=email,
        participants=kwargs.pop("participants", None) or [NewParticipant(name, email)],
        now=now,
        **kwargs,
    )


def later(event, **delta) -> "timezone.datetime":
    return timezone.now() + timedelta(**delta)
