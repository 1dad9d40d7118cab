"""What each calendar feed contains, its ETag (from data versions: a 304 reads no row of it), and who may read it."""

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from videnscenter import rules, versions
from videnscenter.tokens import hash_token

from .. import lifecycle
from ..models import Booking, CalendarSubscription, PopUpCentre, Reservation
from .ical import FeedEvent, assemble_calendar, render_event

FORMAT_VERSION = "2"  # raise when the rendering changes, so every ETag changes too (and cached bodies go)
PAST_DAYS = 365  # past events stay for 12 months
CANCELLED_DAYS = 30  # cancelled ones stay 30 days as STATUS:CANCELLED, then disappear
GONE = lifecycle.WITHDRAWN
K = CalendarSubscription.Kind


@dataclass(frozen=True)
class Feed:
    key: str  # which feed: kind and whose, so two feeds never share an ETag
    kind: str
    name: str
    description: str
    bookings: QuerySet[Booking] | None
    popups: QuerySet[PopUpCentre] | None
    anonymous: bool = False  # occupancy only: no people, no schools


def booking_uid(booking: Booking) -> str:
    return _uid(booking.reference, anonymous=False)


def _uid(reference: str, anonymous: bool) -> str:
    return f"occupancy-{reference}@videnscenter" if anonymous else f"booking-{reference}@videnscenter"


def _window(queryset, today: date, *, end_field="end_date", status_field="status", gone=GONE):
    # From a day's start, so what a feed holds changes with the date, never within a day: its
    # ETag (data versions and the day) then always names exactly one content.
    recent = timezone.localtime(timezone.now() - timedelta(days=CANCELLED_DAYS)).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    return queryset.filter(**{f"{end_field}__gte": today - timedelta(days=PAST_DAYS)}).filter(
        ~Q(**{f"{status_field}__in": gone}) | Q(updated_at__gte=recent)
    )


def feed_for(subscription: CalendarSubscription | None, today: date) -> Feed:
    """The feed a subscription points to (``None`` is the public PopUp feed)."""
    related = ("equipment", "pack", "organisation", "requester")
    bookings = _window(Booking.objects.select_related(*related), today)
    if subscription is None or subscription.kind == K.POPUPS:
        popups = _window(
            # A PopUp cancelled while still a draft was never public: it has no reservations.
            PopUpCentre.objects.exclude(status=PopUpCentre.Status.DRAFT)
            .filter(Exists(Reservation.objects.filter(popup=OuterRef("pk"))))
            .select_related("host"),
            today,
            gone=(PopUpCentre.Status.CANCELLED,),
        )
        return Feed(
            "popups", K.POPUPS, _("PopUp centres"), _("Where and when you can try welfare technology."), None, popups
        )
    owner = subscription.owner
    key = f"{subscription.kind}:{subscription.pk}"
    if subscription.kind == K.MINE:
        return Feed(
            key,
            K.MINE,
            subscription.name,
            _("My bookings at Videnscenter"),
            bookings.filter(Q(requester=owner) | Q(created_by=owner)),
            None,
        )
    if subscription.kind == K.SCHOOL:
        return Feed(
            key,
            K.SCHOOL,
            subscription.name,
            _("Bookings of %(org)s") % {"org": subscription.organisation},
            bookings.filter(organisation=subscription.organisation),
            None,
        )
    if subscription.kind == K.CENTRE:
        return Feed(
            key,
            K.CENTRE,
            subscription.name,
            _("Bookings of %(org)s") % {"org": subscription.organisation},
            bookings.filter(owning_centre=subscription.organisation),
            None,
        )
    equipment = subscription.equipment
    occupied = bookings.filter(Q(equipment=equipment) | Q(reservations__unit__equipment=equipment)).distinct()
    return Feed(
        key,
        K.EQUIPMENT,
        subscription.name,
        _("When %(item)s is taken") % {"item": equipment},
        occupied,
        None,
        anonymous=True,
    )


def may_read(subscription: CalendarSubscription) -> bool:
    """Checked on every fetch: a teacher who left the school no longer gets the school's feed."""
    owner = subscription.owner
    if subscription.revoked_at is not None or not owner.is_active:
        return False
    if subscription.kind == K.SCHOOL:
        return rules.allowed(owner, "organisation.book", subscription.organisation)
    if subscription.kind == K.CENTRE:
        return subscription.organisation_id in rules.managed_centre_ids(owner)
    if subscription.kind == K.EQUIPMENT:
        return subscription.equipment is not None and subscription.equipment.is_active
    return True


# What a feed shows: bookings and PopUps, equipment and pack names, the names of schools and
# people, and the subscription itself (its name; revoked, rotated). Each raises one of these.
FEED_VERSIONS = (versions.BOOKINGS, versions.CATALOGUE, versions.PEOPLE)


def etag_for(token: str | None, today: date) -> str | None:
    """A strong ETag from the data versions, the token and the day; no row of the feed is read.

    ``None`` (the public PopUp feed) or the raw token; a token that cannot be one gives ``None``.
    Keyed with SECRET_KEY, so nobody can make the ETag of a token they were never served.
    """
    if token is not None and (not token or len(token) > 100):
        return None
    found = versions.current(FEED_VERSIONS)
    parts = [FORMAT_VERSION, "popups" if token is None else hash_token(token), today.isoformat()]
    parts += [f"{name}={found[name][0]}" for name in FEED_VERSIONS]
    return '"' + salted_hmac("calendar-feed", "|".join(parts)).hexdigest()[:40] + '"'


def last_changed(today: date) -> datetime:
    """The Last-Modified of every feed: the last change of what feeds show, or today's start
    (the window of past and cancelled events moves every day)."""
    found = versions.current(FEED_VERSIONS)
    midnight = timezone.make_aware(datetime.combine(today, datetime.min.time()))
    return max([midnight, *(at for _token, at in found.values() if at is not None)])


def booking_status(status: str) -> str:
    """The iCal STATUS of a booking: withdrawn ones are cancelled, undecided ones tentative."""
    if status in lifecycle.WITHDRAWN:
        return "CANCELLED"
    return "TENTATIVE" if status == Booking.Status.REQUESTED else "CONFIRMED"


def booking_event(booking: Booking, *, anonymous: bool = False) -> FeedEvent:
    status = booking_status(booking.status)
    if anonymous:
        summary = _("Taken – %(item)s") % {"item": booking.item_name}
        description = ""
        uid = _uid(booking.reference, anonymous=True)
    else:
        summary = f"{booking.item_name} – {booking.organisation.short_name or booking.organisation.name}"
        description = "\n".join(
            [
                f"{_('Booking')}: {booking.reference} ({booking.get_status_display()})",
                f"{_('Booked by')}: {booking.requester_label}",
                f"{_('Hand-over')}: {booking.get_handover_display()}",
            ]
        )
        uid = booking_uid(booking)
    if status == "CANCELLED":
        summary = _("CANCELLED: %(title)s") % {"title": summary}
    return FeedEvent(
        uid=uid,
        summary=summary,
        first_day=booking.start_date,
        last_day=booking.end_date,
        sequence=booking.sequence,
        last_modified=booking.updated_at,
        status=status,
        description=description,
        url="" if anonymous else settings.BASE_URL.rstrip("/") + f"/booking/{booking.reference}/",
    )


def popup_event(popup: PopUpCentre) -> FeedEvent:
    cancelled = popup.status == PopUpCentre.Status.CANCELLED
    summary = f"PopUp: {popup.title}"
    return FeedEvent(
        uid=f"popup-{popup.pk}@videnscenter",
        summary=_("CANCELLED: %(title)s") % {"title": summary} if cancelled else summary,
        first_day=popup.start_date,
        last_day=popup.end_date,
        sequence=popup.sequence,
        last_modified=popup.updated_at,
        status="CANCELLED" if cancelled else "CONFIRMED",
        description=popup.description,
        location=f"{popup.host.name}, {popup.host.address_line}".strip(", "),
        url=settings.BASE_URL.rstrip("/") + popup.get_absolute_url(),
    )


EVENTS_CACHE_SECONDS = 60 * 60 * 24 * 7


ROW_FIELDS = (
    "reference",
    "status",
    "handover",
    "start_date",
    "end_date",
    "sequence",
    "updated_at",
    "equipment_id",
    "equipment__name",
    "pack__name",
    "organisation__name",
    "organisation__short_name",
    "requester_id",
    "requester__first_name",
    "requester__last_name",
    "requester__email",
)


class _Labels:
    """What every event of a feed shares: translated once per feed, not once per booking."""

    def __init__(self):
        self.status = {value: str(label) for value, label in Booking.Status.choices}
        self.handover = {value: str(label) for value, label in Booking.Handover.choices}
        self.booking, self.by, self.handover_word = _("Booking"), _("Booked by"), _("Hand-over")
        self.erased = str(_("(erased)"))
        self.base = settings.BASE_URL.rstrip("/")


def _row_event(row: tuple, anonymous: bool, labels: _Labels) -> FeedEvent:
    (reference, status, handover, first_day, last_day, sequence, updated_at, equipment_id, equipment, pack) = row[:10]
    (organisation, short_name, requester_id, first_name, last_name, email) = row[10:]
    item = equipment if equipment_id else pack
    ical_status = booking_status(status)
    if anonymous:
        summary = _("Taken – %(item)s") % {"item": item}
        description, url = "", ""
    else:
        summary = f"{item} – {short_name or organisation}"
        who = labels.erased if requester_id is None else (f"{first_name} {last_name}".strip() or email)
        description = "\n".join(
            [
                f"{labels.booking}: {reference} ({labels.status.get(status, status)})",
                f"{labels.by}: {who}",
                f"{labels.handover_word}: {labels.handover.get(handover, handover)}",
            ]
        )
        url = labels.base + f"/booking/{reference}/"
    if ical_status == "CANCELLED":
        summary = _("CANCELLED: %(title)s") % {"title": summary}
    return FeedEvent(
        uid=_uid(reference, anonymous),
        summary=summary,
        first_day=first_day,
        last_day=last_day,
        sequence=sequence,
        last_modified=updated_at,
        status=ical_status,
        description=description,
        url=url,
    )


def booking_events(bookings: QuerySet[Booking], *, anonymous: bool = False) -> list[FeedEvent]:
    """[speed] ``booking_event`` for every booking of a feed, from plain rows and with each
    label translated once: the same events, without building 4 model objects and 15
    translations per booking (a test holds the two to the same result)."""
    labels = _Labels()
    return [_row_event(row, anonymous, labels) for row in bookings.values_list(*ROW_FIELDS)]


def _digest(value: object) -> str:
    return hashlib.blake2b(repr(value).encode(), digest_size=16).hexdigest()


def render_feed(feed: Feed) -> bytes:
    """The feed's bytes. Each event is rendered once per content and kept with the feed's other
    events in the cache: after a change only the events that changed are rendered again
    (icalendar takes ~0.5 ms an event).

    A booking's content is its row (every field the event is made from: a new sequence, status or
    a renamed school is a new row), so an unchanged booking costs a lookup, not an event; the
    labels, the language and the site's address are part of the feed's cache key.
    """
    key = f"calendar-events:{FORMAT_VERSION}:{feed.key}:{feed.anonymous}:{get_language()}:{settings.BASE_URL}"
    known: dict[str, tuple[tuple, bytes]] = cache.get(key) or {}
    rendered: dict[str, tuple[tuple, bytes]] = {}
    labels = _Labels()
    if feed.bookings is not None:
        for row in feed.bookings.values_list(*ROW_FIELDS):
            digest = _digest(row)
            found = known.get(digest)
            if found is None:
                event = _row_event(row, feed.anonymous, labels)
                found = ((event.first_day, event.uid), render_event(event))
            rendered[digest] = found
    for popup in feed.popups if feed.popups is not None else ():
        event = popup_event(popup)
        digest = _digest(event)
        rendered[digest] = known.get(digest) or ((event.first_day, event.uid), render_event(event))
    if rendered.keys() != known.keys():
        cache.set(key, rendered, timeout=EVENTS_CACHE_SECONDS)  # only this feed's current events
    return assemble_calendar(name=feed.name, description=feed.description, events=list(rendered.values()))
