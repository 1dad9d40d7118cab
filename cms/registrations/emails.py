"""Sign-up e-mails in Danish, rendered now and sent by the task queue after commit.

Participants who have a place get the event as an .ics attachment. The person who signed up
(the payer or contact) gets the link to the registration; without an account, that link carries
the registration's secret token, which is only ever in this e-mail.
"""

from django.urls import reverse

from videnscenter.emails import absolute_url, queue_email

from ..models import Participant, Registration
from . import selectors


def _attachment(event, *, cancelled: bool = False) -> list[str]:
    return [f"{event.slug}.ics", selectors.event_ics(event, cancelled=cancelled).decode(), "text/calendar"]


def _event_context(event) -> dict:
    return {"event": event, "event_url": absolute_url(event.url or "/")}


def manage_url(registration: Registration, token: str | None = None) -> str:
    if token:
        return absolute_url(reverse("cms:registration_token", args=[registration.reference, token]))
    return absolute_url(reverse("cms:registration", args=[registration.reference]))


def registered(registration: Registration, *, token: str) -> None:
    """To the one who signed up: what was booked and the link; to each participant: their status."""
    participants = list(registration.participants.all())
    event = registration.event
    queue_email(
        to=registration.payer_email,
        template="registration_received",
        context={
            **_event_context(event),
            "registration": registration,
            "participants": participants,
            "url": manage_url(registration, token),
        },
    )
    for participant in participants:
        if participant.status == Participant.Status.CONFIRMED:
            confirmed([participant])
        elif participant.status == Participant.Status.WAITLISTED and participant.email != registration.payer_email:
            queue_email(
                to=participant.email,
                template="registration_waitlisted",
                context={**_event_context(event), "participant": participant},
            )


def confirmed(participants: list[Participant]) -> None:
    for participant in participants:
        event = participant.event
        queue_email(
            to=participant.email,
            template="registration_confirmed",
            context={
                **_event_context(event),
                "participant": participant,
                "mine_url": absolute_url("/mine-tilmeldinger/"),
            },
            attachments=[_attachment(event)],
        )


def offer_made(participant: Participant, *, token: str) -> None:
    queue_email(
        to=participant.email,
        template="registration_offer",
        context={
            **_event_context(participant.event),
            "participant": participant,
            "url": absolute_url(reverse("cms:offer", args=[participant.pk, token])),
        },
    )


def offer_lapsed(participant: Participant) -> None:
    queue_email(
        to=participant.email,
        template="registration_offer_lapsed",
        context={**_event_context(participant.event), "participant": participant},
    )


def cancelled(participants: list[Participant], *, by_centre: bool, reason: str, whole_event: bool = False) -> None:
    for participant in participants:
        event = participant.event
        recipients = sorted({participant.email, participant.registration.payer_email})
        queue_email(
            to=recipients,
            template="registration_cancelled",
            context={
                **_event_context(event),
                "participant": participant,
                "by_centre": by_centre,
                "whole_event": whole_event,
                "reason": reason,
            },
            attachments=[_attachment(event, cancelled=True)] if whole_event else None,
        )


def reminders(participants: list[Participant]) -> None:
    for participant in participants:
        event = participant.event
        queue_email(
            to=participant.email,
            template="registration_reminder",
            context={**_event_context(event), "participant": participant},
            attachments=[_attachment(event)],
        )
