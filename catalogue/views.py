"""Public catalogue pages: the list with filters, equipment pages and mobile pack pages."""

from django.http import Http404
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from videnscenter import rules
from videnscenter.helpers.listing import paginate
from videnscenter.pagecache import cached_page
from videnscenter.versions import BOOKINGS, CATALOGUE, VIDEOS

from . import selectors
from .filters import EquipmentFilter
from .models import Equipment, MobilePack, Unit
from .sections import equipment_sections, unit_sections

PAGE_SIZE = 24


@cached_page(CATALOGUE, BOOKINGS)
def equipment_list(request):
    filterset = EquipmentFilter(request.GET or None, queryset=selectors.catalogue_equipment(), request=request)
    page, query = paginate(request, filterset.qs, PAGE_SIZE)
    return render(
        request,
        "catalogue/equipment_list.html",
        {"filter": filterset, "page": page, "query": query, "packs": selectors.pack_list()[:6]},
    )


def _booking_url(request, url_name: str, slug: str) -> str | None:
    """Where the "Book" button leads, once the booking app provides it and the person may book."""
    if not request.user.is_authenticated:
        return None
    try:
        url = reverse(url_name, args=[slug])
    except NoReverseMatch:
        return None
    may_book = any(
        rules.allowed(request.user, "organisation.book", m.organisation)
        for m in rules.confirmed_memberships(request.user)
    )
    return url if may_book else None


@cached_page(CATALOGUE, BOOKINGS, VIDEOS)  # availability, and the section of videos
def equipment_detail(request, slug: str):
    try:
        equipment = selectors.equipment_detail(slug)
    except Equipment.DoesNotExist:
        raise Http404
    booking_url = _booking_url(request, "booking:new", equipment.slug)
    return render(
        request,
        "catalogue/equipment_detail.html",
        {
            "equipment": equipment,
            "packs": selectors.packs_of(equipment),
            "calendar": _calendar(request, equipment, booking_url),
            "booking_url": booking_url,
            "basket_url": _booking_url(request, "booking:basket_add", equipment.slug),
            "sections": equipment_sections(equipment),
        },
    )


def _calendar(request, item, booking_url: str | None) -> dict:
    """The availability calendar from the month in ``?maaned=`` (this month by default)."""
    today = timezone.localdate()
    first = selectors.calendar_start(today, request.GET.get("maaned"))
    return selectors.availability_months(item, today, first_month=first, day_url=booking_url)


def unit_detail(request, asset_tag: str):
    """One unit, where its QR label leads: what it is, its manuals and videos; for the owning
    centre's staff also the loan to hand out or take back (a section the booking app adds)."""
    try:
        unit = selectors.unit_detail(asset_tag)
    except Unit.DoesNotExist:
        raise Http404
    return render(
        request,
        "catalogue/unit_detail.html",
        {
            "unit": unit,
            "equipment": unit.equipment,
            "sections": equipment_sections(unit.equipment),
            "unit_sections": unit_sections(unit, request),
        },
    )


@cached_page(CATALOGUE, BOOKINGS)
def pack_list(request):
    return render(request, "catalogue/pack_list.html", {"packs": selectors.pack_list()})


@cached_page(CATALOGUE, BOOKINGS)
def pack_detail(request, slug: str):
    try:
        pack = selectors.pack_detail(slug)
    except MobilePack.DoesNotExist:
        raise Http404
    booking_url = _booking_url(request, "booking:new_pack", pack.slug)
    return render(
        request,
        "catalogue/pack_detail.html",
        {
            "pack": pack,
            "calendar": _calendar(request, pack, booking_url),
            "booking_url": booking_url,
            "basket_url": _booking_url(request, "booking:basket_add_pack", pack.slug),
        },
    )
