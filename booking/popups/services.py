"""Every write to a PopUp centre (schedule, cancel) and the public reads of PopUp centres.

A PopUp centre reserves specific units through the same engine as bookings: scheduling locks
the candidate units in a fixed order, checks that they are free for the period plus each
equipment's working-day buffers and writes one ``Reservation(kind=popup)`` per unit, all or
nothing. Editing dates or equipment is only possible while the PopUp is a draft; a scheduled
PopUp is cancelled and created again instead.
"""

from datetime import date

from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from catalogue.models import MobilePack, Unit
from videnscenter import rules
from videnscenter.errors import ServiceError
from videnscenter.models import Organisation, User

from . import engine
from .models import PopUpCentre, PopUpItem, Reservation
from .services import _lock_units

P = PopUpCentre.Status
HOST_KINDS = (Organisation.Kind.SCHOOL, Organisation.Kind.VOCATIONAL_SCHOOL)


# --- checks -------------------------------------------------------------------------------------


def _locked(popup: PopUpCentre) -> PopUpCentre:
    return PopUpCentre.objects.select_for_update(of=("self",)).select_related("host", "owning_centre").get(pk=popup.pk)


def _check_plan(popup: PopUpCentre, items: list[PopUpItem], packs: list[MobilePack], *, today: date) -> None:
    if popup.end_date < popup.start_date:
        raise ServiceError({"end_date": _("The last day must be on or after the first day.")})
    if popup.end_date < today:
        raise ServiceError({"end_date": _("The PopUp centre has already ended.")})
    if popup.host.kind not in HOST_KINDS:
        raise ServiceError({"host": _("A PopUp centre must be hosted by a school.")})
    if not items and not packs:
        raise ServiceError(_("Add at least one equipment item or mobile pack before scheduling."))
    for item in items:
        if item.quantity < 1:
            raise ServiceError(_("Choose at least one unit of %(item)s.") % {"item": item.equipment.name})
    for thing in [i.equipment for i in items] + packs:
        # The two centres are separate economic units: a PopUp only reserves its own centre's units.
        if thing.owning_centre_id != popup.owning_centre_id:
            raise ServiceError(
                _("%(item)s belongs to another centre and cannot be part of this PopUp centre.") % {"item": thing.name}
            )
        if not thing.is_active:
            raise ServiceError(_("%(item)s cannot be booked at the moment.") % {"item": thing.name})


def _missing_message(item_name: str, missing: int) -> str:
    return ngettext(
        "%(item)s: %(count)s unit is missing",
        "%(item)s: %(count)s units are missing",
        missing,
    ) % {"item": item_name, "count": missing}


# --- the services ------------------------------------------------------------------------------


@transaction.atomic
def popup_schedule(*, actor: User, popup: PopUpCentre, today: date | None = None) -> PopUpCentre:
    """Turn a draft PopUp centre into a scheduled one by reserving its units.

    For each equipment item, ``quantity`` free in-service units are reserved (units already at
    the host school or its home centre first); for each mobile pack, every unit of the pack.
    Each reservation blocks the PopUp's period plus the equipment's (or pack's) working-day
    buffers. All or nothing: when anything is missing, nothing is reserved and ServiceError
    lists which equipment lacks how many units. Raises PermissionDenied unless ``actor`` is
    staff of the PopUp's centre, ServiceError for a PopUp that is not a draft or is incomplete.
    """
    popup = _locked(popup)
    rules.require(actor, "popup.manage", popup)
    if popup.status != P.DRAFT:
        raise ServiceError(_("Only a draft PopUp centre can be scheduled."))
    today = today or timezone.localdate()
    items = list(popup.items.select_related("equipment").order_by("equipment__name"))
    packs = list(popup.packs.order_by("name"))
    _check_plan(popup, items, packs, today=today)

    candidate_ids = Unit.objects.filter(
        Q(equipment__in=[i.equipment_id for i in items]) | Q(pack_item__pack__in=packs)
    ).values_list("pk", flat=True)
    units = _lock_units(list(candidate_ids))
    in_service = [u for u in units if u.status == Unit.Status.IN_SERVICE]
    chosen: list[tuple[Unit, tuple[date, date]]] = []
    taken: set[int] = set()
    missing: list[str] = []

    # Packs first: they need exactly their own units, single items can use any unit of the kind.
    pack_units = Unit.objects.filter(pack_item__pack__in=packs).values_list("pk", "pack_item__pack_id")
    units_of_pack: dict[int, set[int]] = {}
    for unit_id, pack_id in pack_units:
        units_of_pack.setdefault(pack_id, set()).add(unit_id)
    for pack in packs:
        period = engine.buffers_for(pack=pack).blocked(popup.start_date, popup.end_date)
        wanted = units_of_pack.get(pack.pk, set())
        if not wanted:
            missing.append(_("%(item)s has no units") % {"item": pack.name})
            continue
        free = set(engine.free_unit_ids([u.pk for u in in_service if u.pk in wanted], *period))
        if free != wanted:
            missing.append(_missing_message(pack.name, len(wanted - free)))
            continue
        chosen += [(u, period) for u in units if u.pk in wanted]
        taken |= wanted

    for item in items:
        period = engine.buffers_for(equipment=item.equipment).blocked(popup.start_date, popup.end_date)
        own = [u for u in in_service if u.equipment_id == item.equipment_id and u.pk not in taken]
        free_ids = set(engine.free_unit_ids([u.pk for u in own], *period))
        candidates = engine.prefer_near([u for u in own if u.pk in free_ids], popup.host)
        if len(candidates) < item.quantity:
            missing.append(_missing_message(item.equipment.name, item.quantity - len(candidates)))
            continue
        picked = candidates[: item.quantity]
        chosen += [(u, period) for u in picked]
        taken |= {u.pk for u in picked}

    if missing:
        raise ServiceError(
            _("Not enough units are free for the PopUp centre's period. %(details)s.") % {"details": "; ".join(missing)}
        )
    engine.insert_reservations(
        chosen,
        start=popup.start_date,
        end=popup.end_date,
        message=_("Some of the units were booked by someone else just now. Try again."),
        kind=Reservation.Kind.POPUP,
        popup=popup,
    )
    popup.status = P.SCHEDULED
    popup.sequence += 1
    popup.save(update_fields=["status", "sequence", "updated_at"])
    return popup


@transaction.atomic
def popup_cancel(*, actor: User, popup: PopUpCentre) -> PopUpCentre:
    """Cancel a draft or scheduled PopUp centre; its reserved units are freed at once.

    Raises PermissionDenied unless ``actor`` is staff of the PopUp's centre, ServiceError if it
    is already cancelled.
    """
    popup = _locked(popup)
    rules.require(actor, "popup.manage", popup)
    if popup.status not in (P.DRAFT, P.SCHEDULED):
        raise ServiceError(_("This PopUp centre is already cancelled."))
    popup.reservations.update(is_active=False)
    popup.status = P.CANCELLED
    popup.sequence += 1
    popup.save(update_fields=["status", "sequence", "updated_at"])
    return popup


# --- reads ---------------------------------------------------------------------------------------


def public_popups(today: date | None = None) -> QuerySet[PopUpCentre]:
    """Scheduled PopUp centres that are running or coming, with what the public pages show."""
    today = today or timezone.localdate()
    items = PopUpItem.objects.select_related("equipment").order_by("equipment__name")
    return (
        PopUpCentre.objects.filter(status=P.SCHEDULED, end_date__gte=today)
        .select_related("host", "owning_centre")
        .prefetch_related(Prefetch("items", queryset=items), "packs")
        .order_by("start_date", "title", "pk")
    )


def public_popup(slug: str) -> PopUpCentre:
    """One scheduled PopUp centre (ended ones included, so old links keep working). Raises DoesNotExist."""
    items = PopUpItem.objects.select_related("equipment").order_by("equipment__name")
    return (
        PopUpCentre.objects.filter(status=P.SCHEDULED, slug=slug)
        .select_related("host", "owning_centre")
        .prefetch_related(Prefetch("items", queryset=items), "packs")
        .get()
    )
