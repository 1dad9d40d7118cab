"""The checks a booking request must pass before any unit is looked at: the period (notice,
longest loan), the hand-over, and who may book for whom. Each raises ServiceError with a
Danish message (or PermissionDenied)."""

from datetime import date

from django.utils.translation import gettext as _

from catalogue.models import Equipment
from videnscenter import rules
from videnscenter.errors import ServiceError
from videnscenter.models import Organisation, User

from . import engine
from .models import Booking


def check_period(item, start: date, end: date, *, today: date, staff: bool) -> None:
    if end < start:
        raise ServiceError({"end_date": _("The last day must be on or after the first day.")})
    loan_rules = engine.rules_for(item)
    if (end - start).days + 1 > loan_rules.max_loan:
        raise ServiceError(
            {"end_date": _("This equipment can be borrowed for at most %(days)s days.") % {"days": loan_rules.max_loan}}
        )
    if start < today:
        raise ServiceError({"start_date": _("The first day cannot be in the past.")})
    # Like the notice, the horizon binds those who ask; staff deciding a request may move it.
    latest = loan_rules.latest_end(today)
    if not staff and end > latest:
        raise ServiceError(
            {
                "end_date": _(
                    "This equipment can be booked at most %(months)s months ahead; the last possible day is %(date)s."
                )
                % {"months": loan_rules.horizon_months, "date": latest.strftime("%d.%m.%Y")}
            }
        )
    first_possible = loan_rules.earliest_start(today)
    if not staff and start < first_possible:
        raise ServiceError(
            {
                "start_date": _("This equipment must be booked with notice; the earliest first day is %(date)s.")
                % {"date": first_possible.strftime("%d.%m.%Y")}
            }
        )


def check_handover(item, handover: str) -> None:
    if handover not in Booking.Handover.values:
        raise ServiceError({"handover": _("Choose how the equipment is handed over.")})
    lab_only = isinstance(item, Equipment) and item.placement == Equipment.Placement.LAB_ONLY
    if lab_only and handover != Booking.Handover.LAB:
        raise ServiceError({"handover": _("This equipment can only be used in the Praksis Lab.")})


def check_requester(*, actor: User, requester: User, organisation: Organisation) -> None:
    if requester.pk == actor.pk:
        rules.require(actor, "organisation.book", organisation)
        return
    rules.require(actor, "booking.book_on_behalf", organisation)
    if not rules.allowed(requester, "organisation.book", organisation):
        raise ServiceError(
            {"requester": _("%(name)s cannot book for %(org)s.") % {"name": requester, "org": organisation}}
        )
