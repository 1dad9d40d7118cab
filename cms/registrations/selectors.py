"""Reads of event sign-up: an event's sign-up state, a person's registrations, staff's lists."""

import secrets
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from videnscenter import rules
from videnscenter.emails import absolute_url
from videnscenter.models import normalize_email
from videnscenter.tokens import hash_token

from ..models import EventCancellation, EventPage, Participant, Registration
from . import ics

Status = Participant.Status


def event_ics(event: EventPage, *, cancelled: bool | None = None) -> bytes:
    """The event as a calendar file, the same for the page's download and the e-mails."""
    if cancelled is None:
        cancelled = EventCancellation.objects.filter(event=event).exists()
    changed = event.last_published_at or event.first_published_at or event.start
    return ics.render_event(
        ics.CalendarEvent(
            uid=ics.event_uid(event.pk),
            summary=event.title,
            start=event.start,
            end=event.end,
            last_modified=changed,
            sequence=1 if cancelled else 0,
            description=event.intro,
            location=event.location or event.online_url,
            url=absolute_url(event.url or "/"),
            cancelled=cancelled,
        )
    )


@dataclass(frozen=True)
class SignUpState:
    open: bool
    places: int
    taken: int
    waiting: int
    cancelled: bool
    deadline_passed: bool

    @property
    def free(self) -> int:
        return max(self.places - self.taken, 0)

    @property
    def full(self) -> bool:
        return self.free == 0 or self.waiting > 0


def signup_state(event: EventPage, now: datetime | None = None) -> SignUpState:
    now = now or timezone.now()
    counts = Participant.objects.filter(event=event).aggregate(
        taken=Count("pk", filter=Q(status__in=Participant.WITH_PLACE)),
        waiting=Count("pk", filter=Q(status=Status.WAITLISTED)),
    )
    cancelled = EventCancellation.objects.filter(event=event).exists()
    deadline_passed = event.start <= now or bool(event.registration_deadline and event.registration_deadline < now)
    return SignUpState(
        open=event.takes_registrations and not cancelled and not deadline_passed,
        places=event.capacity or 0,
        taken=counts["taken"],
        waiting=counts["waiting"],
        cancelled=cancelled,
        deadline_passed=deadline_passed,
    )


def _with_people(queryset: QuerySet) -> QuerySet:
    return queryset.select_related("event", "event__cancellation").prefetch_related(
        Prefetch("participants", queryset=Participant.objects.order_by("name", "pk"))
    )


def my_registrations(user) -> QuerySet:
    """What ``user`` signed up (themself or others), and every sign-up that names them."""
    if not user.is_authenticated:
        return Registration.objects.none()
    email = normalize_email(user.email)
    return (
        _with_people(Registration.objects.filter(Q(registered_by=user) | Q(participants__email=email)))
        .distinct()
        .order_by("-event__start", "-pk")
    )


def registration_visible(*, reference: str, user, token: str | None = None) -> Registration | None:
    """The registration if ``user`` signed it up or is named in it, or ``token`` is its secret; else None."""
    registration = _with_people(Registration.objects.filter(reference=reference)).first()
    if registration is None:
        return None
    if token is not None:
        return registration if secrets.compare_digest(registration.token_hash, hash_token(token)) else None
    if may_manage(user, registration) or own_participants(user, registration):
        return registration
    return None


def may_manage(user, registration: Registration) -> bool:
    """The one who signed up may see, pay for and cancel every participant of the registration."""
    return bool(user and user.is_authenticated and registration.registered_by_id == user.pk)


def own_participants(user, registration: Registration) -> list[Participant]:
    """The participants of ``registration`` that are ``user`` (by their confirmed e-mail address)."""
    if not user or not user.is_authenticated:
        return []
    email = normalize_email(user.email)
    return [p for p in registration.participants.all() if p.email == email]


# --- staff ---------------------------------------------------------------------------------------


def staff_events(user) -> QuerySet:
    """Events with sign-up on this site of the centres whose sign-ups ``user`` may see."""
    return (
        EventPage.objects.filter(
            Q(registration_open=True) | Q(registrations__isnull=False),
            centre__in=rules.registration_centre_ids(user),
        )
        .distinct()
        .select_related("centre", "cancellation")
        .annotate(
            taken=Count("participants", filter=Q(participants__status__in=Participant.WITH_PLACE), distinct=True),
            waiting=Count("participants", filter=Q(participants__status=Status.WAITLISTED), distinct=True),
        )
        .order_by("-start")
    )


def event_participants(event: EventPage) -> QuerySet:
    return (
        Participant.objects.filter(event=event).select_related("registration", "place").order_by("status", "name", "pk")
    )


def event_waitlist(event: EventPage) -> QuerySet:
    return (
        Participant.objects.filter(event=event, status__in=[Status.WAITLISTED, Status.OFFERED])
        .select_related("registration")
        .order_by("waitlisted_at", "pk")
    )


def event_page_context(event: EventPage, request) -> dict:
    """An event page shows its sign-up state when it takes sign-ups on this site."""
    return {"signup": signup_state(event) if event.takes_registrations else None}
