"""Reads for the public catalogue."""

import calendar
from datetime import date, timedelta

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

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


MONTHS_SHOWN = 3
MONTHS_AHEAD = 12  # how far the calendar can be stepped


def _month(first: date, offset: int) -> date:
    index = first.month - 1 + offset
    return date(first.year + index // 12, index % 12 + 1, 1)


def calendar_start(today: date, asked: str | None) -> date:
    """The first month shown for ``?maaned=2027-03``: this month without (or with a bad) value,
    and never before this month or past the last month that can be stepped to."""
    this_month = today.replace(day=1)
    try:
        year, month = (int(part) for part in (asked or "").split("-"))
        wanted = date(year, month, 1)
    except ValueError:
        return this_month
    return min(max(wanted, this_month), _month(this_month, MONTHS_AHEAD - MONTHS_SHOWN + 1))


def availability_months(
    item: Equipment | MobilePack,
    today: date,
    first_month: date | None = None,
    months: int = MONTHS_SHOWN,
    day_url: str | None = None,
) -> dict:
    """Month grids (weeks of days) with the number of free units per day, from ``first_month``.

    Each day carries its visible count and a full label for screen readers, built here once per
    month (no per-cell translation in the template); a free day from today on links to
    ``day_url`` with the day as the first day of the loan. One availability query for the range.
    """
    if isinstance(item, MobilePack):
        units = [pack_item.unit for pack_item in item.items.all()]
    else:
        units = list(item.units.all())
    first = first_month or today.replace(day=1)
    last = _month(first, months) - timedelta(days=1)
    counts = availability().free_per_day(item, units, first, last, today=today)
    total = len(units) if isinstance(item, MobilePack) else sum(1 for u in units if u.status == Unit.Status.IN_SERVICE)
    label, gone = _("%(day)s: %(free)s of %(total)s free"), _("%(day)s: passed")
    result = []
    for offset in range(months):
        month = _month(first, offset)
        month_name = date_format(month, "F")
        weeks = []
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month):
            row = []
            for d in week:
                free = counts.get(d, 0)
                past = d < today
                row.append(
                    {
                        "date": d,
                        "in_month": d.month == month.month,
                        "past": past,
                        "free": free,
                        "state": "past" if past else _state(free, total),
                        "shown": "" if past else free,
                        "label": (gone if past else label)
                        % {"day": f"{d.day}. {month_name}", "free": free, "total": total},
                        "url": f"{day_url}?fra={d.isoformat()}" if day_url and free and not past else None,
                    }
                )
            weeks.append(row)
        result.append({"month": month, "weeks": weeks})
    this_month = today.replace(day=1)
    previous, following = _month(first, -1), _month(first, 1)
    return {
        "months": result,
        "total": total,
        "previous": previous if previous >= this_month else None,
        "next": following if _month(following, months - 1) <= _month(this_month, MONTHS_AHEAD) else None,
    }


def _state(free: int, total: int) -> str:
    if total == 0 or free == 0:
        return "none"
    return "all" if free == total else "some"
