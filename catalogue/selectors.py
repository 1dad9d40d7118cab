"""Reads for the public catalogue."""

import calendar
from datetime import date, timedelta

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from .availability import availability
from .models import Equipment, EquipmentImage, MobilePack, PackItem, Unit

CARD_IMAGE = "fill-480x320"
DETAIL_IMAGE = "max-1000x700"


def _images(spec: str) -> Prefetch:
    from wagtail.images import get_image_model

    images = get_image_model().objects.prefetch_renditions(spec)
    return Prefetch(
        "images",
        queryset=EquipmentImage.objects.prefetch_related(Prefetch("image", queryset=images)).order_by("sort_order"),
    )


def catalogue_equipment() -> QuerySet[Equipment]:
    """Active equipment with everything a result card shows, in a fixed number of queries."""
    return (
        Equipment.objects.filter(is_active=True)
        .select_related("category", "owning_centre")
        .annotate(unit_count=Count("units", filter=Q(units__status=Unit.Status.IN_SERVICE), distinct=True))
        .prefetch_related(_images(CARD_IMAGE))
        .order_by("name", "pk")  # Meta.ordering is not applied to grouped (annotated) queries
    )


def bookable_between(
    queryset: QuerySet[Equipment], start: date, end: date, today: date | None = None
) -> QuerySet[Equipment]:
    """Only equipment of which one unit can be booked for the loan ``start``..``end``.

    The same answer the booking form gives: the loan's buffers, shortest notice and longest loan apply.
    """
    return availability().bookable(queryset, start, end, today=today or timezone.localdate())


def equipment_detail(slug: str) -> Equipment:
    units = Unit.objects.select_related("current_location", "pack_item__pack").order_by("asset_tag")
    return (
        Equipment.objects.filter(is_active=True, slug=slug)
        .select_related("category", "owning_centre", "home_location")
        .prefetch_related(
            _images(DETAIL_IMAGE),
            Prefetch("units", queryset=units),
            "manuals__document",
            "programmes",
            "tags",
        )
        .get()
    )


def unit_detail(asset_tag: str) -> Unit:
    """A unit of active equipment by its asset tag (any case), with its equipment's manuals. Raises DoesNotExist."""
    if not asset_tag or len(asset_tag) > 50 or "\x00" in asset_tag:
        raise Unit.DoesNotExist
    return (
        Unit.objects.filter(asset_tag__iexact=asset_tag, equipment__is_active=True)
        .select_related("equipment", "equipment__category", "equipment__owning_centre", "current_location")
        .prefetch_related("equipment__manuals__document")
        .get()
    )


def packs_of(equipment: Equipment) -> list[MobilePack]:
    """Packs that contain a unit of this equipment, from the prefetched units."""
    packs = {u.pack_item.pack.pk: u.pack_item.pack for u in equipment.units.all() if hasattr(u, "pack_item")}
    return sorted(packs.values(), key=lambda p: p.name)


def pack_list() -> QuerySet[MobilePack]:
    return (
        MobilePack.objects.filter(is_active=True)
        .select_related("owning_centre", "current_location", "image")
        .annotate(unit_count=Count("items"))
    )


def pack_detail(slug: str) -> MobilePack:
    items = PackItem.objects.select_related("unit__equipment", "unit__current_location").order_by("sort_order")
    return (
        MobilePack.objects.filter(is_active=True, slug=slug)
        .select_related("owning_centre", "current_location", "current_location__organisation", "image")
        .prefetch_related(Prefetch("items", queryset=items))
        .get()
    )


def availability_months(equipment: Equipment, today: date, months: int = 3) -> list[dict]:
    """Month grids (weeks of days) with the number of free units per day, from today on."""
    units = list(equipment.units.all())
    first = today.replace(day=1)
    year, month = first.year, first.month
    for _ in range(months):
        month += 1
        if month > 12:
            year, month = year + 1, 1
    last = date(year, month, 1) - timedelta(days=1)
    counts = availability().free_per_day(equipment, units, first, last, today=today)
    total = sum(1 for u in units if u.status == Unit.Status.IN_SERVICE)
    result = []
    for offset in range(months):
        y, m = first.year + (first.month - 1 + offset) // 12, (first.month - 1 + offset) % 12 + 1
        weeks = []
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(y, m):
            weeks.append(
                [
                    {
                        "date": d,
                        "in_month": d.month == m,
                        "past": d < today,
                        "free": counts.get(d, 0),
                        "state": _state(counts.get(d, 0), total),
                    }
                    for d in week
                ]
            )
        result.append({"month": date(y, m, 1), "weeks": weeks})
    return result


def _state(free: int, total: int) -> str:
    if total == 0 or free == 0:
        return "none"
    return "all" if free == total else "some"
