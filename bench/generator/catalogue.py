"""The bench catalogue: ~20 categories, 2,000 equipment kinds over both centres, 10,000 units."""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from catalogue.models import Category, Equipment, Location, Unit

from .common import ASSET_PREFIX, PREFIX, explicit_timestamps
from .people import People
from .words import ADJECTIVES, CATEGORIES, MODEL_SUFFIXES, MODELS, PURPOSES, SENTENCES, capitalise, slugify_da

CONTENDED_SLUG = f"{PREFIX}contended"
MAX_UNITS = 20
UNIT_COUNTS = [1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20]
UNIT_WEIGHTS = [25, 14, 12, 10, 8, 8, 7, 6, 4, 3, 3]  # mean ~4.9 units per kind
BUFFER_DAYS = [0, 1, 2, 3]
BUFFER_WEIGHTS = [10, 60, 20, 10]


@dataclass
class KindPlan:
    """What the booking planner needs of one equipment kind: plain values, no model instances."""

    equipment_id: int
    centre_id: int
    before: int
    after: int
    lab_only: bool
    weight: float  # popularity: expected bookings per unit relative to the average kind
    units: list[tuple[int, date | None]] = field(default_factory=list)  # (unit pk, usable until)


@dataclass
class Catalogue:
    categories: list[Category]
    equipment: list[Equipment]
    units: list[Unit]
    kinds: list[KindPlan]
    contended: Equipment


def equipment_count(scale: float) -> int:
    return max(3, round(2000 * scale))


def unit_count(scale: float) -> int:
    return max(equipment_count(scale) + 2, round(10000 * scale))


def _unit_counts(rng: random.Random, kinds: int, units: int) -> list[int]:
    """Units per kind summing to exactly ``units``: kind 0 has many, the last (contended) exactly one."""
    counts = rng.choices(UNIT_COUNTS, UNIT_WEIGHTS, k=kinds)
    counts[0] = min(MAX_UNITS, units - (kinds - 1))
    counts[-1] = 1
    adjustable = list(range(1, kinds - 1)) or [0]
    diff = units - sum(counts)
    while diff:
        i = rng.choice(adjustable)
        if diff > 0 and counts[i] < MAX_UNITS:
            counts[i] += 1
            diff -= 1
        elif diff < 0 and counts[i] > 1:
            counts[i] -= 1
            diff += 1
        elif all(counts[j] == (MAX_UNITS if diff > 0 else 1) for j in adjustable):
            adjustable.append(0)  # only at tiny scales: the middle kinds cannot take it all
    return counts


def _categories(rng: random.Random) -> list[Category]:
    taken = set(Category.objects.values_list("name", flat=True))
    return Category.objects.bulk_create(
        [
            Category(
                name=name if name not in taken else f"{name} (bench)",
                slug=f"{PREFIX}{slugify_da(name)}",
                description=capitalise(f"{', '.join(nouns[:-1])} og {nouns[-1]}."),
            )
            for name, nouns in CATEGORIES
        ]
    )


def _locations(people: People) -> tuple[dict[int, Location], dict[int, Location], dict[int, list[Location]]]:
    """Praksis Lab and store room per centre; one location per school (stationed equipment lives there)."""
    labs = {
        c.pk: Location(name=f"Praksis Lab {c.city}", kind=Location.Kind.PRAKSIS_LAB, organisation=c)
        for c in people.centres
    }
    stores = {
        c.pk: Location(name=f"Lager {c.city}", kind=Location.Kind.STORAGE, organisation=c) for c in people.centres
    }
    at_schools = {
        s.pk: Location(name=s.name, kind=Location.Kind.SCHOOL, organisation=s, address=s.address_line)
        for s in people.schools
    }
    Location.objects.bulk_create([*labs.values(), *stores.values(), *at_schools.values()])
    by_centre: dict[int, list[Location]] = {}
    for school in people.schools:
        by_centre.setdefault(school.home_centre_id, []).append(at_schools[school.pk])
    return labs, stores, by_centre


def _name(rng: random.Random, noun: str, taken: set[str]) -> str:
    """A new equipment name whose slug is not taken yet."""
    while True:
        model = rng.choice(MODELS) + rng.choice(MODEL_SUFFIXES)
        adjective = rng.choice(ADJECTIVES)
        if rng.random() < 0.6 and adjective not in noun:
            name = f"{capitalise(adjective)} {noun} {model}"
        else:
            name = f"{capitalise(noun)} {model}"
        if slugify_da(name) not in taken:
            taken.add(slugify_da(name))
            return name


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def create_catalogue(*, rng: random.Random, people: People, scale: float, today: date) -> Catalogue:
    """Categories, locations, equipment (the last one is ``bench-contended``) and their units."""
    categories = _categories(rng)
    labs, stores, school_locations = _locations(people)
    kinds = equipment_count(scale)
    counts = _unit_counts(rng, kinds, unit_count(scale))
    taken: set[str] = {"contended"}
    equipment: list[Equipment] = []
    for number in range(kinds):
        category_index = rng.randrange(len(categories))
        noun = rng.choice(CATEGORIES[category_index][1])
        centre = people.centres[number % 2]
        placement = rng.choices(list(Equipment.Placement), [70, 15, 15])[0]
        home = {
            Equipment.Placement.MOBILE: stores[centre.pk],
            Equipment.Placement.LAB_ONLY: labs[centre.pk],
            Equipment.Placement.STATIONED: rng.choice(school_locations[centre.pk]),
        }[placement]
        name = _name(rng, noun, taken)
        created = _at(today - timedelta(days=rng.randrange(30, 5 * 365)), rng.randint(8, 16))
        equipment.append(
            Equipment(
                name=name,
                slug=f"{PREFIX}{slugify_da(name)}",
                summary=f"{capitalise(rng.choice(ADJECTIVES))} {noun} til {rng.choice(PURPOSES)}.",
                description="".join(f"<p>{s}</p>" for s in rng.sample(SENTENCES, rng.randint(2, 4))),
                category=categories[category_index],
                owning_centre=centre,
                placement=placement,
                home_location=home,
                buffer_before_days=rng.choices(BUFFER_DAYS, BUFFER_WEIGHTS)[0],
                buffer_after_days=rng.choices(BUFFER_DAYS, BUFFER_WEIGHTS)[0],
                max_loan_days=rng.choice([10, 14, 21, 30]),
                min_notice_days=rng.choice([1, 2, 3, 3, 5, 10]),
                is_active=number in (0, kinds - 1) or rng.random() > 0.01,
                auto_approve=rng.random() < 0.2,
                external_price=Decimal(rng.choice([0, 0, 250, 500, 750, 1500])),
                created_at=created,
                updated_at=created + timedelta(days=rng.randrange(0, 30)),
            )
        )
    contended = equipment[-1]
    contended.name, contended.slug = "Omstridt udstyr (bench contended)", CONTENDED_SLUG
    contended.placement, contended.home_location = Equipment.Placement.MOBILE, stores[contended.owning_centre_id]
    contended.buffer_before_days = contended.buffer_after_days = 1
    contended.min_notice_days, contended.max_loan_days, contended.auto_approve = 3, 30, False
    with explicit_timestamps(Equipment):
        Equipment.objects.bulk_create(equipment)

    units: list[Unit] = []
    plans: list[KindPlan] = []
    serial = 0
    for number, (item, count) in enumerate(zip(equipment, counts, strict=True)):
        weight = 3.0 if number == 0 else rng.lognormvariate(0, 0.7)
        plan = KindPlan(
            item.pk,
            item.owning_centre_id,
            item.buffer_before_days,
            item.buffer_after_days,
            item.placement == Equipment.Placement.LAB_ONLY,
            weight,
        )
        for _ in range(count):
            serial += 1
            status, until = Unit.Status.IN_SERVICE, None
            if item is contended:
                until = today - timedelta(days=30)  # booked in the past only: the contention window is free
            elif number and rng.random() < 0.02:
                status, until = Unit.Status.MAINTENANCE, today - timedelta(days=rng.randint(1, 20))
            elif number and rng.random() < 0.01:
                status, until = Unit.Status.RETIRED, today - timedelta(days=rng.randint(30, 600))
            units.append(
                Unit(
                    equipment=item,
                    asset_tag=f"{ASSET_PREFIX}{_centre_code(people, item.owning_centre_id)}-{serial:05d}",
                    serial_number=f"SN{rng.randrange(10**9):09d}",
                    status=status,
                    condition_notes="Sendt til service." if status == Unit.Status.MAINTENANCE else "",
                    current_location=item.home_location,
                )
            )
            plan.units.append((len(units) - 1, until))  # index for now; the pk after the insert
        plans.append(plan)
    Unit.objects.bulk_create(units, batch_size=5000)
    for plan in plans:
        plan.units = [(units[index].pk, until) for index, until in plan.units]
    return Catalogue(categories=categories, equipment=equipment, units=units, kinds=plans, contended=contended)


def _centre_code(people: People, centre_id: int) -> str:
    return "OE" if centre_id == people.centres[0].pk else "VE"
