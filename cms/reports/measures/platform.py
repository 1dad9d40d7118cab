"""The platform's own measures: bookings, loan days, utilisation, PopUp centres, students reached."""

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from booking import lifecycle
from booking.models import Booking, PopUpCentre, Reservation
from catalogue.models import Unit

from ...models import Area, Measure
from ..periods import days
from ..sql import days_within
from .core import Computation, Values, count_rows, measure, percent

# --- the platform: equipment and PopUp centres -----------------------------------------------------


def holding_bookings(calc: Computation) -> QuerySet:
    return Booking.objects.filter(owning_centre_id__in=calc.centre_ids, status__in=lifecycle.HOLDING)


@measure(
    Measure.BOOKINGS,
    area=Area.PLATFORM,
    source=_("Bookings"),
    definition=_(
        "Bookings of the centre's equipment and packs whose loan started in the year (rejected and cancelled "
        "ones excluded; in the current year up to today)."
    ),
)
def bookings(calc: Computation) -> Values:
    started = calc.shared("started_bookings", _started_bookings)
    return {year: started[f"n{year}"] or 0 for year in calc.periods}


def _started_bookings(calc: Computation) -> dict:
    """The bookings that started in each year and the students they were for, in one pass over them."""
    aggregates = {}
    for year, period in calc.periods.items():
        started = Q(start_date__range=period)
        aggregates[f"n{year}"] = Count("pk", filter=started)
        aggregates[f"s{year}"] = Sum("student_count", filter=started)
    return holding_bookings(calc).aggregate(**aggregates) if aggregates else {}


@measure(
    Measure.LOAN_DAYS,
    area=Area.PLATFORM,
    source=_("The units reserved by bookings"),
    definition=_(
        "Days each unit was lent in the year, summed over the units (a booking of 3 units for 5 days is 15). "
        "Buffers for packing and transport are not loan days."
    ),
)
def loan_days(calc: Computation) -> Values:
    rows = Reservation.objects.filter(
        kind=Reservation.Kind.BOOKING, is_active=True, booking__owning_centre_id__in=calc.centre_ids
    )
    result = rows.aggregate(**{f"y{year}": days_within(p) for year, p in calc.periods.items()})
    return {year: result[f"y{year}"] or 0 for year in calc.periods}


def units_in_service(centre_ids) -> QuerySet:
    """The units that can be lent: every unit of the centres' equipment that is not retired."""
    return Unit.objects.filter(equipment__owning_centre_id__in=centre_ids).exclude(status=Unit.Status.RETIRED)


@measure(
    Measure.UTILISATION,
    area=Area.PLATFORM,
    percent=True,
    source=_("The units reserved by bookings, and the units"),
    definition=_(
        "Loan days divided by the available unit-days: the units that are not retired times the days of the "
        "year (in the current year up to today)."
    ),
)
def utilisation(calc: Computation) -> Values:
    units = units_in_service(calc.centre_ids).count()
    return {year: percent(calc[Measure.LOAN_DAYS][year], units * days(p)) for year, p in calc.periods.items()}


@measure(
    Measure.POPUPS,
    area=Area.PLATFORM,
    source=_("PopUp centres"),
    definition=_("The centre's scheduled PopUp centres that opened in the year (drafts and cancelled ones excluded)."),
)
def popups(calc: Computation) -> Values:
    rows = PopUpCentre.objects.filter(owning_centre_id__in=calc.centre_ids, status=PopUpCentre.Status.SCHEDULED)
    return count_rows(calc, rows, "start_date")


@measure(
    Measure.STUDENTS_REACHED,
    area=Area.PLATFORM,
    source=_("The purpose given with each booking (number of students)"),
    definition=_("The number of students the bookings that started in the year were made for, added up."),
)
def students_reached(calc: Computation) -> Values:
    started = calc.shared("started_bookings", _started_bookings)
    return {year: started[f"s{year}"] or 0 for year in calc.periods}
