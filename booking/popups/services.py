"""Every write to a PopUp centre: schedule (reserve its units) and cancel (free them).

A PopUp centre reserves specific units through the same engine as bookings: scheduling locks
the candidate units in a fixed order, checks that they are free for the period plus each
equipment's working-day buffers and reserves one unit per place, all or nothing. Editing
dates or equipment is only possible while the PopUp is a draft; a scheduled PopUp is
cancelled and created again instead.
"""

from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from catalogue.models import MobilePack, Unit
from videnscenter import rules
from videnscenter.errors import ServiceError
from videnscenter.models import Organisation, User

from .. import engine, history
from ..models import PopUpCentre, PopUpItem

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
    units = engine.lock_units(candidate_ids)
    holds: list[engine.Hold] = []
    taken: set[int] = set()
    missing: list[str] = []

    # Packs first: they need exactly their own units, single items can use any unit of the kind.
    for pack in packs:
        pack_rules = engine.rules_for(pack)
        wanted = [u for u in units if getattr(u, "pack_item", None) and u.pack_item.pack_id == pack.pk]
        if not wanted:
            missing.append(_("%(item)s has no units") % {"item": pack.name})
            continue
        free = engine.free_units(wanted, *pack_rules.blocked(popup.start_date, popup.end_date), today=today)
        if len(free) != len(wanted):
            missing.append(_missing_message(pack.name, len(wanted) - len(free)))
            continue
        holds += [engine.hold(u, popup.start_date, popup.end_date, pack_rules) for u in wanted]
        taken |= {u.pk for u in wanted}

    for item in items:
        item_rules = engine.rules_for(item.equipment)
        own = [u for u in units if u.equipment_id == item.equipment_id and u.pk not in taken]
        free = engine.free_units(own, *item_rules.blocked(popup.start_date, popup.end_date), today=today)
        candidates = engine.prefer(free, popup.host)
        if len(candidates) < item.quantity:
            missing.append(_missing_message(item.equipment.name, item.quantity - len(candidates)))
            continue
        picked = candidates[: item.quantity]
        holds += [engine.hold(u, popup.start_date, popup.end_date, item_rules) for u in picked]
        taken |= {u.pk for u in picked}

    if missing:
        raise ServiceError(
            _("Not enough units are free for the PopUp centre's period. %(details)s.") % {"details": "; ".join(missing)}
        )
    engine.reserve(
        owner=popup,
        holds=holds,
        message=_("Some of the units were booked by someone else just now. Try again."),
        today=today,
    )
    popup.status = P.SCHEDULED
    popup.sequence += 1
    popup.save(update_fields=["status", "sequence", "updated_at"])
    history.record(popup, "popup.scheduled", actor=actor, note=_("%(count)s units reserved.") % {"count": len(holds)})
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
    engine.release(owner=popup)
    popup.status = P.CANCELLED
    popup.sequence += 1
    popup.save(update_fields=["status", "sequence", "updated_at"])
    history.record(popup, "popup.cancelled", actor=actor)
    return popup
