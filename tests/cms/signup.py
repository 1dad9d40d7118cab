"""Building blocks for the sign-up tests: an event that takes sign-ups, and people signing up."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from cms.models import EventPage
from cms.registrations import services
from cms.registrations.services import NewParticipant
from tests.cms.helpers import event


def course(centre, *, places: int = 10, days: int = 30, **fields) -> EventPage:
    fields.setdefault("event_type", EventPage.EventType.COURSE)
    fields.setdefault("price_other", Decimal("300.00"))
    fields.setdefault("location", "Praksis Lab, Roskilde")
    return event(
        "Kursus i velfærdsteknologi",
        days=days,
        centre=centre,
        registration_open=True,
        capacity=places,
        **fields,
    )


def sign_up(event, name="Anna Jensen", email=None, *, actor=None, now=None, **kwargs):
    email = email or f"{name.split()[0].lower()}@example.dk"
    kwargs.setdefault("method", "invoice" if kwargs.get("kind") == "organisation" else "")
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
