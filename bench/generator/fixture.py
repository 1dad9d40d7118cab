"""What the benchmarks need to know about the bench data set, read back from the database.

Everything here is derived from the rows (not from the generator's memory), so the fixture can be
written again for an existing data set; only the feed token is new then (the old one is rotated:
the database keeps its hash, never the token).
"""

from datetime import date, timedelta

from django.db import connection
from django.db.models import Count, Q
from django.urls import reverse

from booking import engine
from booking.calendar import feeds
from booking.calendar.services import subscription_create, subscription_rotate
from booking.models import Booking, CalendarSubscription, Reservation
from catalogue.models import Category, Equipment, Location, MobilePack, PackItem, Unit
from media.models import Video, VideoCategory, VideoViewCount
from videnscenter.models import Membership, Organisation, Role, User

from .catalogue import CONTENDED_SLUG
from .common import ASSET_PREFIX, EMAIL_DOMAIN, PASSWORD, PREFIX
from .people import school_email, teacher_email
from .words import CENTRES, SCHOOLS

CONTENTION_TEACHERS = 32
CONTENTION_DAYS_AHEAD = 60
FREE_DAYS_AHEAD = 30
AVAILABILITY_DAYS = 92  # the equipment page shows three months


def bench_exists() -> bool:
    return Organisation.objects.filter(slug__startswith=PREFIX).exists()


def counts() -> dict[str, int]:
    orgs = Organisation.objects.filter(slug__startswith=PREFIX)
    videos = Video.objects.filter(slug__startswith=f"{PREFIX}video-")
    return {
        "Organisation": orgs.count(),
        "User": User.objects.filter(email__endswith=f".{EMAIL_DOMAIN}").count(),
        "Membership": Membership.objects.filter(organisation__in=orgs).count(),
        "Location": Location.objects.filter(organisation__in=orgs).count(),
        "Category": Category.objects.filter(slug__startswith=PREFIX).count(),
        "Equipment": Equipment.objects.filter(slug__startswith=PREFIX).count(),
        "Unit": Unit.objects.filter(asset_tag__startswith=ASSET_PREFIX).count(),
        "Booking": Booking.objects.filter(organisation__in=orgs).count(),
        "Reservation": Reservation.objects.filter(booking__organisation__in=orgs).count(),
        "CalendarSubscription": CalendarSubscription.objects.filter(organisation__in=orgs).count(),
        "VideoCategory": VideoCategory.objects.filter(slug__startswith=PREFIX).count(),
        "Video": videos.count(),
        "Video.categories": Video.categories.through.objects.filter(video__in=videos).count(),
        "Video.equipment": Video.equipment.through.objects.filter(video__in=videos).count(),
        "VideoViewCount": VideoViewCount.objects.filter(video__in=videos).count(),
    }


def feed_school() -> Organisation:
    return Organisation.objects.get(slug=f"{PREFIX}{SCHOOLS[0][0]}")


def feed_subscription() -> tuple[CalendarSubscription, str]:
    """The school feed of the bench-feed school's coordinator, through the real service, and its raw token."""
    school = feed_school()
    owner = User.objects.get(email=school_email(SCHOOLS[0][0], "koordinator"))
    existing = CalendarSubscription.objects.filter(
        owner=owner, kind=CalendarSubscription.Kind.SCHOOL, organisation=school, revoked_at=None
    ).first()
    if existing is not None:
        return subscription_rotate(owner=owner, subscription=existing)
    return subscription_create(owner=owner, kind=CalendarSubscription.Kind.SCHOOL, organisation=school)


def busiest_equipment(today: date) -> Equipment:
    """Most units in service, then most reservations in the next three months: the availability page's worst case."""
    upcoming = Q(
        units__reservations__is_active=True,
        units__reservations__blocked_end__gte=today,
        units__reservations__blocked_start__lte=today + timedelta(days=AVAILABILITY_DAYS),
    )
    return (
        Equipment.objects.filter(slug__startswith=PREFIX, is_active=True)
        .exclude(slug=CONTENDED_SLUG)
        .annotate(
            in_service=Count("units", filter=Q(units__status=Unit.Status.IN_SERVICE), distinct=True),
            upcoming=Count("units__reservations", filter=upcoming),
        )
        .order_by("-in_service", "-upcoming", "slug")
        .first()
    )


def next_monday(day: date) -> date:
    return day + timedelta(days=-day.weekday() % 7)


def contention_window(equipment: Equipment, today: date) -> tuple[date, date]:
    """A Monday–Tuesday loan ~60 days ahead whose blocked period (with buffers) is free on every unit."""
    buffers = engine.rules_for(equipment)
    unit_ids = list(equipment.units.in_service().values_list("pk", flat=True))
    start = next_monday(today + timedelta(days=CONTENTION_DAYS_AHEAD))
    for _ in range(52):
        first, last = buffers.blocked(start, start + timedelta(days=1))
        if unit_ids and not Reservation.objects.filter(unit_id__in=unit_ids).overlapping(first, last).exists():
            return start, start + timedelta(days=1)
        start += timedelta(days=7)
    raise RuntimeError(f"{equipment.slug} has no free Monday–Tuesday in the coming year.")


def contention_teachers() -> list[dict]:
    """32 confirmed teachers, spread over the schools other than the bench-feed school (whose feed is counted)."""
    schools = [slug for slug, *_ in SCHOOLS[1:]]
    emails = [teacher_email(schools[n % len(schools)], n // len(schools) + 1) for n in range(CONTENTION_TEACHERS)]
    rows = dict(
        Membership.objects.confirmed()
        .filter(user__email__in=emails, role=Role.TEACHER)
        .values_list("user__email", "organisation_id")
    )
    return [{"email": email, "password": PASSWORD, "organisation_id": rows[email]} for email in emails]


PACK_SLUG = f"{PREFIX}pack"


def bench_pack() -> MobilePack:
    """A pack of six units (made once, from an equipment with units in no pack): the pack page's case."""
    pack = MobilePack.objects.filter(slug=PACK_SLUG).first()
    if pack is not None:
        return pack
    equipment = (
        Equipment.objects.filter(slug__startswith=PREFIX, is_active=True)
        .exclude(slug=CONTENDED_SLUG)
        .annotate(n=Count("units", filter=Q(units__status=Unit.Status.IN_SERVICE)))
        .filter(n__gte=6)
        .order_by("slug")
        .last()
    )
    pack = MobilePack.objects.create(
        name=f"Bench-pakke: {equipment.name}",
        slug=PACK_SLUG,
        owning_centre=equipment.owning_centre,
        summary="Seks enheder, der rejser sammen.",
    )
    units = equipment.units.in_service().filter(pack_item__isnull=True).order_by("asset_tag")[:6]
    PackItem.objects.bulk_create(PackItem(pack=pack, unit=unit, sort_order=n) for n, unit in enumerate(units))
    return pack


def busiest_requester() -> str:
    """The teacher with the most bookings of their own: the "my bookings" page's worst case."""
    return (
        User.objects.filter(email__endswith=f".{EMAIL_DOMAIN}", memberships__role=Role.TEACHER)
        .annotate(n=Count("bookings", distinct=True))
        .order_by("-n", "email")
        .values_list("email", flat=True)
        .first()
    )


def build(*, scale: float, today: date) -> dict:
    subscription, raw = feed_subscription()
    feed = feeds.feed_for(subscription, today)
    contended = Equipment.objects.get(slug=CONTENDED_SLUG)
    contention_start, contention_end = contention_window(contended, today)
    free_from = next_monday(today + timedelta(days=FREE_DAYS_AHEAD))
    category = (
        VideoCategory.objects.filter(slug__startswith=PREFIX)
        .annotate(live_videos=Count("videos", filter=Q(videos__live=True)))
        .order_by("-live_videos", "slug")
        .first()
    )
    return {
        "vendor": connection.vendor,
        "scale": scale,
        "generated_on": today.isoformat(),
        "password": PASSWORD,
        "created": counts(),
        "feed_school": {"id": subscription.organisation_id, "slug": subscription.organisation.slug},
        "feed_owner": subscription.owner.email,
        "feed_path": reverse("calendar:feed", args=[raw]),
        "feed_events": feed.bookings.count() + (feed.popups.count() if feed.popups is not None else 0),
        "equipment_slug": busiest_equipment(today).slug,
        "free_from": free_from.isoformat(),
        "free_to": (free_from + timedelta(days=6)).isoformat(),
        "video_category": category.slug,
        "pack_slug": bench_pack().slug,
        "my_bookings_user": busiest_requester(),
        "report": {"leader": f"leder@{CENTRES[0][0]}.{EMAIL_DOMAIN}", "centre": f"{PREFIX}{CENTRES[0][0]}"},
        "contention": {
            "equipment_slug": contended.slug,
            "start_date": contention_start.isoformat(),
            "end_date": contention_end.isoformat(),
            "teachers": contention_teachers(),
        },
    }
