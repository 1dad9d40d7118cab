"""The reports' rows: the yearly activity list, usage per school, equipment and month, downloads and
views per item and year, and the evaluations per material. Each is a bounded number of queries.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Avg, Count, Q, QuerySet, Sum
from django.utils.dates import MONTHS as MONTH_NAMES
from django.utils.translation import gettext as _

from booking import lifecycle
from booking.models import Booking, PopUpCentre, Reservation
from catalogue.models import Equipment
from media.models import Video
from videnscenter import rules
from videnscenter.models import Organisation

from ..models import Baseline, MaterialEvaluation, Measure, Target, TeachingMaterialFile
from ..models import TeachingMaterialPage as Material
from ..models.reports import BASELINE_YEAR, FIRST_YEAR
from . import targets
from .measures import MEASURES, Computation, MeasureInfo, Scope, percent, units_in_service
from .periods import MONTHS, Period, days, moments, month_period, year_period
from .sql import days_within, overlaps

# --- who may see which scope -------------------------------------------------------------------

JOINT = "faelles"


def report_centres(user) -> list[Organisation]:
    """The centres whose reports ``user`` may see (``rules.report_centre_ids``), by name."""
    return list(Organisation.objects.centres().filter(pk__in=rules.report_centre_ids(user)).order_by("name"))


def years(today: date) -> list[int]:
    """The years a report can show: from the strategy's first year to this one, newest first."""
    return list(range(today.year, FIRST_YEAR - 1, -1))


# --- the yearly activity list ------------------------------------------------------------------


@dataclass
class ActivityRow:
    info: MeasureInfo
    goal: targets.Goal | None
    target: str
    bound: Decimal | None
    value: object
    last_year: object
    baseline: object
    baseline_entered: bool
    met: bool | None
    history: list[tuple[int, object, Decimal | None]] = field(default_factory=list)  # (year, value, bound)

    @property
    def area(self) -> str:
        return str(self.info.area.label)

    @property
    def label(self) -> str:
        return str(self.info.label)

    @property
    def met_label(self) -> str:
        return {True: _("Met"), False: _("Not met"), None: ""}[self.met]


@dataclass
class ActivityList:
    scope: Scope
    year: int
    today: date
    rows: list[ActivityRow]
    popups: list[PopUpCentre]

    @property
    def period(self) -> Period:
        return year_period(self.year, self.today)


def _goals(scope: Scope, year: int) -> dict[str, list[tuple[int, targets.Goal]]]:
    """Each measure's targets up to ``year``, oldest first (a target applies until a newer one)."""
    rows = Target.objects.filter(year__lte=year)
    rows = rows.filter(centre__isnull=True) if scope.is_joint else rows.filter(centre=scope.centre)
    goals: dict[str, list[tuple[int, targets.Goal]]] = {}
    for target in rows.order_by("year"):
        goal = targets.Goal(target.minimum, target.maximum, target.growth_percent, target.at_least_baseline)
        goals.setdefault(target.measure, []).append((target.year, goal))
    return goals


def _goal_in(goals: list[tuple[int, targets.Goal]], year: int) -> targets.Goal | None:
    applying = [goal for since, goal in goals if since <= year]
    return applying[-1] if applying else None


def _baselines(scope: Scope) -> dict[str, Decimal]:
    rows = Baseline.objects.filter(centre=scope.centre) if scope.centre else Baseline.objects.filter(centre=None)
    return {row.measure: row.value for row in rows}


def _plain(value):
    """A typed-in Decimal such as 120.00 as the whole number it is."""
    if isinstance(value, Decimal) and value == value.to_integral():
        return int(value)
    return value


def activity_list(*, scope: Scope, year: int, today: date) -> ActivityList:
    """Every measure for ``scope`` in ``year``: target, value, last year's, the baseline and whether it is met.

    The baseline is the one typed in for the measure (``Baseline``), else the value computed for
    the baseline year when the platform has figures from then. Each row carries its history from
    the first year with a figure (at the latest the year before), for the charts: the years
    before the platform counted anything are not shown as zeros.
    """
    calc = Computation(scope, range(min(BASELINE_YEAR, year), year + 1), today=today)
    goals, entered = _goals(scope, year), _baselines(scope)
    rows = []
    for key in Measure.values:
        info, values = MEASURES[key], calc[key]
        counted = [y for y in sorted(values) if values[y]]
        since = min(counted[0] if counted else year, year - 1)
        computed = values.get(BASELINE_YEAR) if since <= BASELINE_YEAR else None
        baseline = _plain(entered[key]) if key in entered else computed
        history = []
        for shown in sorted(values):
            bound = targets.lower_bound(
                _goal_in(goals.get(key, []), shown),
                last_year=values.get(shown - 1) if shown > since else None,
                baseline=baseline,
                percent=info.percent,
            )
            if shown >= since:
                history.append((shown, values[shown], _plain(bound)))
        goal = _goal_in(goals.get(key, []), year)
        bound = history[-1][2] if history else None
        value = values.get(year)
        rows.append(
            ActivityRow(
                info=info,
                goal=goal,
                target=targets.describe(goal, percent=info.percent),
                bound=bound,
                value=value,
                last_year=values.get(year - 1),
                baseline=baseline,
                baseline_entered=key in entered,
                met=targets.is_met(value, bound),
                history=history,
            )
        )
    first, last = year_period(year, today)
    popups = list(
        PopUpCentre.objects.filter(
            owning_centre_id__in=scope.centre_ids, status=PopUpCentre.Status.SCHEDULED, start_date__range=(first, last)
        )
        .select_related("host", "owning_centre")
        .order_by("start_date")
    )
    return ActivityList(scope=scope, year=year, today=today, rows=rows, popups=popups)


# --- bookings and utilisation ------------------------------------------------------------------


@dataclass
class UsageRow:
    label: str
    bookings: int = 0
    students: int = 0
    loan_days: int = 0
    available_days: int = 0
    months: list[Decimal | None] = field(default_factory=list)  # utilisation per month (equipment)

    @property
    def utilisation(self) -> Decimal | None:
        return percent(self.loan_days, self.available_days) if self.available_days else None


def _bookings(centre_ids, school_id: int | None, period: Period) -> QuerySet[Booking]:
    rows = Booking.objects.filter(
        owning_centre_id__in=centre_ids, status__in=lifecycle.HOLDING, start_date__range=period
    )
    return rows.filter(organisation_id=school_id) if school_id else rows


def _reservations(centre_ids, school_id: int | None, period: Period) -> QuerySet[Reservation]:
    rows = Reservation.objects.filter(
        kind=Reservation.Kind.BOOKING, is_active=True, booking__owning_centre_id__in=centre_ids
    ).filter(overlaps(period))
    return rows.filter(booking__organisation_id=school_id) if school_id else rows


def usage_by_school(*, centre_ids, school_id: int | None, year: int, today: date) -> list[UsageRow]:
    """Per borrowing organisation: bookings that started in the year, students, and loan days in it."""
    period = year_period(year, today)
    booked = {
        row["organisation_id"]: row
        for row in _bookings(centre_ids, school_id, period)
        .values("organisation_id")
        .annotate(bookings=Count("pk"), students=Sum("student_count"))
    }
    lent = dict(
        _reservations(centre_ids, school_id, period)
        .values("booking__organisation_id")
        .annotate(days=days_within(period))
        .values_list("booking__organisation_id", "days")
    )
    names = dict(Organisation.objects.filter(pk__in=booked.keys() | lent.keys()).values_list("pk", "name"))
    rows = [
        UsageRow(
            label=names[pk],
            bookings=booked.get(pk, {}).get("bookings", 0),
            students=booked.get(pk, {}).get("students") or 0,
            loan_days=lent.get(pk) or 0,
        )
        for pk in names
    ]
    return sorted(rows, key=lambda row: (-row.loan_days, row.label))


def usage_by_equipment(*, centre_ids, school_id: int | None, year: int, today: date) -> list[UsageRow]:
    """Per equipment kind: bookings, loan days and utilisation in the year and in each month (heat map).

    Utilisation is loan days over the available unit-days (units not retired × days); for one
    school it is that school's share of the equipment's capacity.
    """
    period = year_period(year, today)
    months = {m: month_period(year, m, today) for m in MONTHS if date(year, m, 1) <= today}
    lent = {
        row["unit__equipment_id"]: row
        for row in _reservations(centre_ids, school_id, period)
        .values("unit__equipment_id")
        .annotate(days=days_within(period), **{f"m{m}": days_within(p) for m, p in months.items()})
    }
    booked = dict(
        _bookings(centre_ids, school_id, period)
        .exclude(equipment=None)
        .values("equipment_id")
        .annotate(n=Count("pk"))
        .values_list("equipment_id", "n")
    )
    units = dict(
        units_in_service(centre_ids).values("equipment_id").annotate(n=Count("pk")).values_list("equipment_id", "n")
    )
    shown = lent.keys() | booked.keys()
    names = dict(Equipment.objects.filter(pk__in=shown).values_list("pk", "name"))
    rows = []
    for pk, name in names.items():
        row = lent.get(pk, {})
        count = units.get(pk, 0)
        usage = UsageRow(
            label=name, bookings=booked.get(pk, 0), loan_days=row.get("days") or 0, available_days=count * days(period)
        )
        usage.months = [
            percent(row.get(f"m{m}") or 0, count * days(months[m])) if m in months and count else None for m in MONTHS
        ]
        rows.append(usage)
    return sorted(rows, key=lambda row: (-row.loan_days, row.label))


def usage_by_month(*, centre_ids, school_id: int | None, year: int, today: date) -> list[UsageRow]:
    """Per month of the year: bookings that started, students, loan days and utilisation."""
    months = {m: month_period(year, m, today) for m in MONTHS if date(year, m, 1) <= today}
    if not months:
        return []
    bookings = _bookings(centre_ids, school_id, year_period(year, today))
    started = bookings.aggregate(
        **{f"b{m}": Count("pk", filter=Q(start_date__range=p)) for m, p in months.items()},
        **{f"s{m}": Sum("student_count", filter=Q(start_date__range=p)) for m, p in months.items()},
    )
    lent = _reservations(centre_ids, school_id, year_period(year, today)).aggregate(
        **{f"m{m}": days_within(p) for m, p in months.items()}
    )
    units = units_in_service(centre_ids).count()
    return [
        UsageRow(
            label=str(MONTH_NAMES[m]).capitalize(),
            bookings=started[f"b{m}"] or 0,
            students=started[f"s{m}"] or 0,
            loan_days=lent[f"m{m}"] or 0,
            available_days=units * days(p),
        )
        for m, p in months.items()
    ]


# --- downloads and views per item and year ---------------------------------------------------------


def material_downloads_per_year(*, centre_ids, years_shown: list[int]) -> QuerySet[TeachingMaterialFile]:
    """The centres' material files with ``y<year>`` downloads for each year shown and ``total``."""
    return (
        TeachingMaterialFile.objects.filter(page__centre_id__in=centre_ids)
        .select_related("page")
        .annotate(
            total=Sum("download_counts__downloads", filter=Q(download_counts__year__in=years_shown)),
            **{f"y{y}": Sum("download_counts__downloads", filter=Q(download_counts__year=y)) for y in years_shown},
        )
        .order_by("page__title", "sort_order", "pk")
    )


def video_views_per_year(*, centre_ids, years_shown: list[int]) -> QuerySet[Video]:
    """The centres' videos with ``y<year>`` views for each year shown and ``total``, most viewed first."""
    return (
        Video.objects.filter(centre_id__in=centre_ids)
        .annotate(
            total=Sum("view_counts__views", filter=Q(view_counts__year__in=years_shown)),
            **{f"y{y}": Sum("view_counts__views", filter=Q(view_counts__year=y)) for y in years_shown},
        )
        .order_by("-total", "title", "pk")
    )


# --- evaluations per material ------------------------------------------------------------------------


def evaluation_summary(*, centre_ids, year: int, today: date) -> QuerySet[Material]:
    """The centres' materials with their evaluations sent in the year: counted (logged-in) ones, their
    average stars and "usable" answers, and the anonymous ones that are kept but not counted."""
    start, end = moments(year_period(year, today))
    sent = Q(evaluations__created_at__gte=start, evaluations__created_at__lt=end)
    counted = sent & Q(evaluations__counted=True)
    usable = MaterialEvaluation.Usable
    return (
        Material.objects.filter(centre_id__in=centre_ids)
        .select_related("centre")
        .annotate(
            counted=Count("evaluations", filter=counted),
            rating=Avg("evaluations__rating", filter=counted),
            usable_yes=Count("evaluations", filter=counted & Q(evaluations__usable=usable.YES)),
            usable_partly=Count("evaluations", filter=counted & Q(evaluations__usable=usable.PARTLY)),
            usable_no=Count("evaluations", filter=counted & Q(evaluations__usable=usable.NO)),
            anonymous=Count("evaluations", filter=sent & Q(evaluations__counted=False)),
        )
        .order_by("-counted", "title")
    )
