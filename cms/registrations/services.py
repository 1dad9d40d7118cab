"""Every write of event sign-up: register, take and release places, the waitlist, cancel, attend.

The guarantee against overbooking is the equipment engine's: a lock plus a database check.
Every service that hands out or frees a place first locks the event's row
(``SELECT … FOR UPDATE`` on PostgreSQL; SQLite's IMMEDIATE transactions serialise writers), and a
place is a ``Place`` row that at most one participant can point at (one-to-one key). So two
sign-ups for the last place can never both get it, even from code that skips this module.

The waitlist moves whenever a place may have been freed (a cancellation, an expired payment, an
expired offer): ``waitlist_advance`` runs under the same lock, here and from the command
``process_waitlists``. Time always comes in as ``now``, so tests control the clock.
"""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from videnscenter import rules
from videnscenter.errors import ServiceError
from videnscenter.models import Organisation, User, normalize_email
from videnscenter.tokens import hash_token, new_token

from ..models import EventCancellation, EventPage, Participant, Place, Registration
from . import emails, payments

MAX_PARTICIPANTS = 50  # per registration
# Who may be invoiced (by EAN): public buyers and schools, chosen from the known organisations.
INVOICE_KINDS = [
    Organisation.Kind.MUNICIPALITY,
    Organisation.Kind.REGION,
    Organisation.Kind.SCHOOL,
    Organisation.Kind.VOCATIONAL_SCHOOL,
    Organisation.Kind.UNIVERSITY_COLLEGE,
]
Status = Participant.Status
Pay = Participant.PaymentState


class EventFull(ServiceError):
    """No free place; the person may join the waitlist instead."""


@dataclass(frozen=True)
class NewParticipant:
    name: str
    email: str


# --- who pays what -------------------------------------------------------------------------------


def member_organisation(user) -> Organisation | None:
    """The member school (or centre) through which ``user`` signs up at the member price, if any."""
    if user is None or not user.is_authenticated:
        return None
    for membership in rules.confirmed_memberships(user):
        org = membership.organisation
        if org.is_member or org.is_centre:
            return org
    return None


def price_group(user) -> str:
    """Staff and students of member schools (and the centres' own people) are the member group."""
    return Registration.Group.MEMBER if member_organisation(user) else Registration.Group.OTHER


def unit_price(event: EventPage, group: str) -> Decimal:
    return event.price_member if group == Registration.Group.MEMBER else event.price_other


# --- locking and places --------------------------------------------------------------------------


def _lock_event(event: EventPage) -> EventPage:
    """The event's row, locked until the transaction ends: one writer of its places at a time."""
    return EventPage.objects.select_for_update(of=("self",)).get(pk=event.pk)


def _sync_places(event: EventPage) -> None:
    """Make the event's ``Place`` rows match its capacity (free places above it are removed)."""
    capacity = event.capacity or 0
    numbers = set(Place.objects.filter(event=event).values_list("number", flat=True))
    missing = [Place(event=event, number=n) for n in range(1, capacity + 1) if n not in numbers]
    if missing:
        Place.objects.bulk_create(missing)
    if numbers and max(numbers) > capacity:
        Place.objects.filter(event=event, number__gt=capacity, participant__isnull=True).delete()


def _free_places(event: EventPage, count: int) -> list[Place]:
    return list(
        Place.objects.filter(event=event, number__lte=event.capacity or 0, participant__isnull=True).order_by("number")[
            :count
        ]
    )


def _release(participant: Participant, status: str, now: datetime) -> None:
    participant.place = None
    participant.status = status
    if status == Status.CANCELLED:
        participant.cancelled_at = now


# --- signing up ----------------------------------------------------------------------------------


def _check_open(event: EventPage, now: datetime) -> None:
    if not event.takes_registrations or not event.live:
        raise ServiceError(_("This event does not take sign-ups on this site."))
    if EventCancellation.objects.filter(event=event).exists():
        raise ServiceError(_("The event is cancelled."))
    if event.start <= now:
        raise ServiceError(_("The event has already started."))
    if event.registration_deadline and event.registration_deadline < now:
        raise ServiceError(_("The sign-up deadline has passed."))


def _clean_people(people: list[NewParticipant], kind: str) -> list[NewParticipant]:
    cleaned = []
    for person in people:
        name = " ".join((person.name or "").split())[:200]
        email = normalize_email(person.email)
        try:
            validate_email(email)
        except Exception:
            raise ServiceError({"participants": _("“%(email)s” is not an e-mail address.") % {"email": email[:100]}})
        if not name:
            raise ServiceError({"participants": _("Give a name for every participant.")})
        cleaned.append(NewParticipant(name, email))
    if not cleaned:
        raise ServiceError({"participants": _("Name at least one participant.")})
    if kind == Registration.Kind.PERSON and len(cleaned) != 1:
        raise ServiceError({"participants": _("A person signs up only themself; an organisation may name several.")})
    if len(cleaned) > MAX_PARTICIPANTS:
        raise ServiceError({"participants": _("At most %(n)d participants in one sign-up.") % {"n": MAX_PARTICIPANTS}})
    emails_given = [p.email for p in cleaned]
    if len(set(emails_given)) != len(emails_given):
        raise ServiceError({"participants": _("Each participant needs their own e-mail address.")})
    return cleaned


def _payment_method(
    *, price: Decimal, kind: str, method: str, ean: str, invoice_reference: str, payer: Organisation | None
) -> tuple[str, str]:
    if price == 0:
        return Registration.Method.FREE, ""
    if method == Registration.Method.INVOICE:
        if kind != Registration.Kind.ORGANISATION:
            raise ServiceError({"method": _("Invoice with EAN is for organisations; pay by card as a person.")})
        if payer is None or payer.kind not in INVOICE_KINDS:
            raise ServiceError({"invoice_organisation": _("Choose the public organisation that pays the invoice.")})
        ean = payments.normalise_ean(ean or "")
        if not payments.is_valid_ean(ean):
            raise ServiceError(
                {"ean": _("An EAN number has 13 digits, the last being a check digit. Check the number.")}
            )
        if not invoice_reference.strip():
            raise ServiceError({"invoice_reference": _("Give the reference the invoice must carry.")})
        return method, ean
    if method == Registration.Method.CARD:
        if not payments.card_payments_enabled():
            raise ServiceError({"method": _("Card payment is switched off. Choose invoice or contact the centre.")})
        return method, ""
    raise ServiceError({"method": _("Choose how to pay.")})


def _new_reference() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "T-" + "".join(secrets.choice(alphabet) for _ in range(8))


def registration_create(
    *,
    event: EventPage,
    actor: User | None,
    kind: str = Registration.Kind.PERSON,
    contact_name: str,
    payer_email: str,
    participants: list[NewParticipant],
    organisation_name: str = "",
    method: str = "",
    ean: str = "",
    invoice_reference: str = "",
    invoice_organisation: Organisation | None = None,
    join_waitlist: bool = False,
    now: datetime | None = None,
) -> tuple[Registration, str]:
    """Sign up ``participants`` for ``event``; returns the registration and the raw access token.

    Participants get free places in order; with too few places left, the rest join the waitlist
    when ``join_waitlist`` is set, otherwise nothing is written and ``EventFull`` is raised.
    Who signs up decides the price group. An invoice goes to ``invoice_organisation`` (a public
    buyer) with an EAN number and a reference. Card payers' places are held until the payment is made
    or its Checkout session expires; invoice and free participants are confirmed at once.
    Raises ``ServiceError`` with a Danish message for anything that breaks a rule.
    """
    now = now or timezone.now()
    if kind not in Registration.Kind.values:
        raise ServiceError({"kind": _("Choose whether you sign up as a person or an organisation.")})
    people = _clean_people(participants, kind)
    contact_name = " ".join((contact_name or "").split())[:200]
    payer_email = normalize_email(payer_email)
    if not contact_name:
        raise ServiceError({"contact_name": _("Give the contact person's name.")})
    try:
        validate_email(payer_email)
    except Exception:
        raise ServiceError({"payer_email": _("Give a valid e-mail address.")})
    organisation = member_organisation(actor)
    organisation_name = " ".join((organisation_name or "").split())[:200]
    if kind == Registration.Kind.ORGANISATION and not organisation_name:
        raise ServiceError({"organisation_name": _("Give the organisation's name.")})
    group = price_group(actor)
    price = unit_price(event, group)
    method, ean = _payment_method(
        price=price,
        kind=kind,
        method=method,
        ean=ean,
        invoice_reference=invoice_reference or "",
        payer=invoice_organisation,
    )
    if method == Registration.Method.INVOICE:
        organisation = invoice_organisation
        organisation_name = invoice_organisation.name
    if price and event.centre_id is None:
        raise ServiceError(_("This event cannot take payments yet. Contact the centre."))
    user = actor if actor is not None and actor.is_authenticated else None

    with transaction.atomic():
        event = _lock_event(event)
        _check_open(event, now)
        taken = set(
            Participant.objects.active()
            .filter(event=event, email__in=[p.email for p in people])
            .values_list("email", flat=True)
        )
        if taken:
            raise ServiceError(
                {"participants": _("Already signed up: %(emails)s.") % {"emails": ", ".join(sorted(taken))}}
            )
        _sync_places(event)
        waitlist_advance(event=event, now=now, locked=True)
        # Those already waiting go first: no new sign-up jumps the waitlist.
        waiting = Participant.objects.filter(event=event, status__in=[Status.WAITLISTED, Status.OFFERED]).exists()
        places = [] if waiting else _free_places(event, len(people))
        if len(places) < len(people) and not join_waitlist:
            if places:
                raise EventFull(
                    _("Only %(n)d places are left. Name fewer participants, or put the rest on the waitlist.")
                    % {"n": len(places)}
                )
            raise EventFull(_("The event is full. You can join the waitlist instead."))
        raw, digest = new_token()
        registration = Registration.objects.create(
            event=event,
            reference=_new_reference(),
            kind=kind,
            group=group,
            registered_by=user,
            organisation=organisation,
            organisation_name=organisation_name if kind == Registration.Kind.ORGANISATION else "",
            contact_name=contact_name,
            payer_email=payer_email,
            method=method,
            ean=ean,
            invoice_reference=(invoice_reference or "").strip()[:100] if method == Registration.Method.INVOICE else "",
            unit_price=price,
            token_hash=digest,
        )
        created = []
        for index, person in enumerate(people):
            place = places[index] if index < len(places) else None
            created.append(
                Participant(
                    registration=registration,
                    event=event,
                    name=person.name,
                    email=person.email,
                    user=user if user is not None and normalize_email(user.email) == person.email else None,
                    place=place,
                    status=Status.CONFIRMED if place else Status.WAITLISTED,
                    waitlisted_at=None if place else now,
                )
            )
        Participant.objects.bulk_create(created)
        seated = [p for p in registration.participants.all() if p.place_id]
        _charge(registration, seated)
        emails.registered(registration, token=raw)
    return registration, raw


def _charge(registration: Registration, participants: list[Participant]) -> None:
    """Ask for payment for ``participants`` who just got a place (held if paid by card)."""
    if not participants or registration.unit_price == 0:
        return
    payment_id = payments.payment_create(
        registration=registration, participants=participants, method=registration.method
    )
    held = registration.method == Registration.Method.CARD
    Participant.objects.filter(pk__in=[p.pk for p in participants]).update(
        payment_id=payment_id,
        payment_state=Pay.PENDING,
        status=Status.HELD if held else Status.CONFIRMED,
    )
    for p in participants:
        p.payment_id, p.payment_state = payment_id, Pay.PENDING
        p.status = Status.HELD if held else Status.CONFIRMED


def pending_card_payment(registration: Registration) -> int | None:
    """The payment id of the registration's held places, if the payer still has to pay by card."""
    held = registration.participants.filter(status=Status.HELD, payment_id__isnull=False).first()
    return held.payment_id if held else None


# --- the waitlist --------------------------------------------------------------------------------


def waitlist_advance(*, event: EventPage, now: datetime, locked: bool = False) -> list[Participant]:
    """Let lapsed offers go and offer free places to the next on the waitlist; returns the new offers.

    An offer holds the place for ``event.waitlist_offer_hours`` (never beyond the start) and is
    e-mailed with a link; not taken in time, the place goes to the next in line.
    """
    if not locked:
        with transaction.atomic():
            return waitlist_advance(event=_lock_event(event), now=now, locked=True)
    for lapsed in Participant.objects.filter(event=event, status=Status.OFFERED, offer_expires_at__lte=now):
        _release(lapsed, Status.EXPIRED, now)
        lapsed.save()
        emails.offer_lapsed(lapsed)
    if EventCancellation.objects.filter(event=event).exists() or event.start <= now:
        return []
    waiting = list(Participant.objects.filter(event=event, status=Status.WAITLISTED).order_by("waitlisted_at", "pk"))
    if not waiting:
        return []
    _sync_places(event)
    offers = []
    for participant, place in zip(waiting, _free_places(event, len(waiting)), strict=False):
        raw, digest = new_token()
        participant.place = place
        participant.status = Status.OFFERED
        participant.offer_expires_at = min(now + timedelta(hours=event.waitlist_offer_hours), event.start)
        participant.offer_token_hash = digest
        participant.save()
        emails.offer_made(participant, token=raw)
        offers.append(participant)
    return offers


def offer_token_valid(participant: Participant, token: str) -> bool:
    digest = participant.offer_token_hash
    return bool(digest) and secrets.compare_digest(digest, hash_token(token or ""))


def offer_accept(*, participant: Participant, token: str, now: datetime | None = None) -> Participant:
    """Take the place offered from the waitlist. A card payer's place is then held until paid."""
    now = now or timezone.now()
    # In a transaction of its own: lapsed offers go even when this acceptance is refused.
    waitlist_advance(event=participant.event, now=now)
    with transaction.atomic():
        _lock_event(participant.event)
        participant = Participant.objects.select_related("registration", "event").get(pk=participant.pk)
        if not offer_token_valid(participant, token):
            raise ServiceError(_("This link is not valid."))
        if participant.status == Status.EXPIRED:
            raise ServiceError(_("The offer has expired, and the place went to the next on the waitlist."))
        if participant.status != Status.OFFERED:
            raise ServiceError(_("This offer is no longer open."))
        participant.status = Status.CONFIRMED
        participant.offer_expires_at = None
        participant.offer_token_hash = ""
        participant.save()
        _charge(participant.registration, [participant])
        if participant.status == Status.CONFIRMED:
            emails.confirmed([participant])
    return participant


# --- payment outcomes (called by the purpose handler) --------------------------------------------


def payment_paid(*, payment_id: int, now: datetime | None = None) -> None:
    """Confirm the participants a card or invoice payment covers. Idempotent.

    A payment that arrives after its hold lapsed gets the place back if one is free, else it is
    refunded in full.
    """
    now = now or timezone.now()
    participants = list(Participant.objects.filter(payment_id=payment_id).select_related("event", "registration"))
    if not participants:
        return
    with transaction.atomic():
        event = _lock_event(participants[0].event)
        confirmed, lost = [], []
        for p in Participant.objects.filter(payment_id=payment_id).select_related("registration"):
            if p.payment_state in (Pay.PAID, Pay.REFUNDED):
                continue
            p.payment_state = Pay.PAID
            if p.status == Status.CANCELLED:
                lost.append(p)
            elif p.status == Status.HELD:
                p.status = Status.CONFIRMED
                confirmed.append(p)
            elif p.status == Status.EXPIRED:
                free = _free_places(event, 1)
                if free and not EventCancellation.objects.filter(event=event).exists():
                    p.place, p.status = free[0], Status.CONFIRMED
                    confirmed.append(p)
                else:
                    lost.append(p)
            p.save()
        for p in lost:
            _refund(p, reason=_("Paid after the place was released"), by=None)
        if confirmed:
            emails.confirmed(confirmed)


def payment_expired(*, payment_id: int, now: datetime | None = None) -> None:
    """The Checkout session expired unpaid: release the held places and move the waitlist. Idempotent."""
    now = now or timezone.now()
    first = Participant.objects.filter(payment_id=payment_id).select_related("event").first()
    if first is None:
        return
    with transaction.atomic():
        event = _lock_event(first.event)
        for p in Participant.objects.filter(payment_id=payment_id, status=Status.HELD):
            _release(p, Status.EXPIRED, now)
            p.payment_state = Pay.EXPIRED
            p.save()
        waitlist_advance(event=event, now=now, locked=True)


def payment_refunded(*, payment_id: int) -> None:
    """A refund made at Stripe (perhaps outside this site): nothing to free; the state says refunded."""
    Participant.objects.filter(payment_id=payment_id, payment_state=Pay.PAID, status=Status.CANCELLED).update(
        payment_state=Pay.REFUNDED
    )


# --- cancelling ----------------------------------------------------------------------------------


def refund_due(participant: Participant, *, by_centre: bool, now: datetime) -> bool:
    """A paid participant gets the fee back when the centre cancels, or within the free-cancellation days."""
    if participant.payment_state != Pay.PAID:
        return False
    if by_centre:
        return True
    limit = participant.event.start - timedelta(days=participant.event.free_cancellation_days)
    return now <= limit


def _refund(participant: Participant, *, reason: str, by) -> None:
    """``by``: the centre's staff member, or None when the rules refund (own cancellation, the minimum)."""
    amount = participant.registration.unit_price
    if participant.payment_id is not None:
        payments.refund(payment_id=participant.payment_id, participant=participant, amount=amount, reason=reason, by=by)
    participant.refunded = amount
    participant.payment_state = Pay.REFUNDED
    participant.save(update_fields=["refunded", "payment_state"])


def _cancel_one(participant: Participant, *, by_centre: bool, actor, reason: str, now: datetime) -> None:
    refund = refund_due(participant, by_centre=by_centre, now=now)
    _release(participant, Status.CANCELLED, now)
    if participant.payment_state == Pay.PENDING:
        # Nothing more to pay for this one; a payment that still comes in is refunded (``payment_paid``).
        participant.payment_state = Pay.EXPIRED
        still_covered = (
            Participant.objects.active().filter(payment_id=participant.payment_id).exclude(pk=participant.pk).exists()
        )
        if participant.payment_id is not None and not still_covered:
            payments.cancel_pending(payment_id=participant.payment_id)
    participant.save()
    if refund:
        _refund(participant, reason=reason, by=actor if by_centre else None)


def participant_cancel(
    *, participant: Participant, actor, by_centre: bool = False, reason: str = "", now: datetime | None = None
) -> Participant:
    """Cancel one participant: the place is freed (and offered on), a refund is made when due.

    ``by_centre`` is for the organising centre's staff (always a full refund); the caller has
    checked who may do it. Raises ``ServiceError`` if the participant is already cancelled.
    """
    now = now or timezone.now()
    with transaction.atomic():
        event = _lock_event(participant.event)
        participant = Participant.objects.select_related("registration", "event").get(pk=participant.pk)
        if participant.status not in Participant.ACTIVE:
            raise ServiceError(_("This participant is no longer signed up."))
        if not by_centre and event.start <= now:
            raise ServiceError(_("The event has started; contact the centre."))
        _cancel_one(participant, by_centre=by_centre, actor=actor, reason=reason or _("Cancelled"), now=now)
        emails.cancelled([participant], by_centre=by_centre, reason=reason)
        waitlist_advance(event=event, now=now, locked=True)
    return participant


def event_cancel(
    *, event: EventPage, actor, reason: str, undersubscribed: bool = False, now: datetime | None = None
) -> bool:
    """Cancel the event for everyone: all places freed, every payment refunded, everyone told.

    Idempotent: False (and nothing changes) if it was already cancelled.
    """
    now = now or timezone.now()
    with transaction.atomic():
        event = _lock_event(event)
        if EventCancellation.objects.filter(event=event).exists():
            return False
        EventCancellation.objects.create(event=event, by=actor, reason=reason, undersubscribed=undersubscribed)
        affected = list(Participant.objects.active().filter(event=event).select_related("registration", "event"))
        for participant in affected:
            _cancel_one(participant, by_centre=True, actor=actor, reason=reason, now=now)
        emails.cancelled(affected, by_centre=True, reason=reason, whole_event=True)
    return True


def undersubscribed_events_cancel(*, now: datetime | None = None) -> list[EventPage]:
    """Cancel every event whose minimum was not reached by the end of its chosen day. Idempotent."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    events = (
        EventPage.objects.filter(
            registration_open=True,
            minimum_participants__gt=0,
            minimum_deadline__lt=today,
            start__gt=now,
            cancellation__isnull=True,
        )
        .annotate(signed_up=Count("participants", filter=Q(participants__status__in=[Status.CONFIRMED, Status.HELD])))
        .order_by("start")
    )
    cancelled = []
    for event in events:
        if event.signed_up < event.minimum_participants:
            reason = _("Too few participants: %(n)d signed up, %(minimum)d needed.") % {
                "n": event.signed_up,
                "minimum": event.minimum_participants,
            }
            if event_cancel(event=event, actor=None, reason=reason, undersubscribed=True, now=now):
                cancelled.append(event)
    return cancelled


# --- reminders and attendance --------------------------------------------------------------------

REMIND_BEFORE = timedelta(days=2)


def reminders_send(*, now: datetime | None = None) -> int:
    """E-mail confirmed participants of events starting within two days, once each. Idempotent."""
    now = now or timezone.now()
    with transaction.atomic():
        due = list(
            Participant.objects.select_for_update(of=("self",), skip_locked=True)
            .filter(
                status=Status.CONFIRMED,
                reminded_at__isnull=True,
                event__start__gt=now,
                event__start__lte=now + REMIND_BEFORE,
                event__cancellation__isnull=True,
            )
            .select_related("event", "registration")
        )
        for participant in due:
            participant.reminded_at = now
            participant.save(update_fields=["reminded_at"])
        emails.reminders(due)
    return len(due)


def attendance_mark(*, event: EventPage, actor, present_ids: set[int]) -> int:
    """Mark who came: the confirmed participants in ``present_ids`` attended, the others did not."""
    with transaction.atomic():
        confirmed = Participant.objects.filter(event=event, status=Status.CONFIRMED)
        unknown = set(present_ids) - set(confirmed.values_list("pk", flat=True))
        if unknown:
            raise ServiceError(_("Only confirmed participants of this event can be marked."))
        came = confirmed.filter(pk__in=present_ids).update(attended=True)
        confirmed.exclude(pk__in=present_ids).update(attended=False)
    return came
