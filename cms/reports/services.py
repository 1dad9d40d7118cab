"""Writes of the report's own data: the strategy's targets, seeded once and then kept by hand."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from videnscenter.models import Organisation

from ..models import Measure, Target
from ..models.reports import BASELINE_YEAR

M = Measure


@dataclass(frozen=True)
class StrategyTarget:
    owner: str  # "oest", "vest" or "joint"
    measure: Measure
    minimum: int | None = None
    maximum: int | None = None
    growth_percent: int | None = None
    at_least_baseline: bool = False
    note: str = ""


# The joint strategy 2021–2024 of the two centres, as targets per year from 2021.
STRATEGY = [
    StrategyTarget("oest", M.RECRUITMENT_MUNICIPALITIES, growth_percent=10, note="SPI1: +10 % kommuner pr. år"),
    StrategyTarget("oest", M.RECRUITMENT_EVENTS, growth_percent=10, note="SPI1: +10 % arrangementer pr. år"),
    StrategyTarget("oest", M.MATERIAL_DOWNLOADS, at_least_baseline=True, note="SPI2: mindst 2021-niveau"),
    StrategyTarget("oest", M.VIDEO_VIEWS, at_least_baseline=True, note="SPI2: mindst 2021-niveau"),
    StrategyTarget("oest", M.MATERIALS_PUBLISHED, at_least_baseline=True, note="SPI2: uploads mindst 2021-niveau"),
    StrategyTarget("oest", M.EVALUATIONS, minimum=1, note="SPI2: materialet evalueres online efter download"),
    StrategyTarget("oest", M.BRIDGE_REQUESTS, minimum=5, note="SPI3: mindst 5 henvendelser pr. år"),
    StrategyTarget("oest", M.RELEVANCE_SHARE, minimum=50, note="SPI3: brugerne vurderer materialet relevant"),
    StrategyTarget("vest", M.NEW_PARTNERSHIPS, minimum=2, maximum=4, note="SPI1: +2–4 vidensamarbejder pr. år"),
    StrategyTarget("vest", M.PROJECT_APPLICATIONS, minimum=1, maximum=3, note="SPI1: 1–3 ansøgninger pr. år"),
    StrategyTarget("vest", M.INTERNATIONAL_APPLICATIONS, minimum=1, note="SPI1: mindst én med internationale partnere"),
    StrategyTarget("vest", M.SURVEYS, minimum=2, note="SPI3: 2 undersøgelser pr. år"),
    StrategyTarget("vest", M.TORSDAGSPANEL, minimum=8, maximum=12, note="SPI3: 8–12 Torsdagspaneler pr. år"),
    StrategyTarget("vest", M.COURSES, minimum=2, maximum=3, note="SPI3: 2–3 nye eller opdaterede kurser pr. år"),
    StrategyTarget("joint", M.SCHOOLS_TAKING_PART, minimum=50, note="SPI5: mindst 50 % af SOSU-skolerne"),
]


def report_targets_seed(*, oest: Organisation, vest: Organisation, year: int = BASELINE_YEAR) -> int:
    """Create the strategy's targets from ``year`` where they are missing; returns how many.

    Targets someone has changed since are kept as they are: running it again adds nothing.
    """
    owners = {"oest": oest, "vest": vest, "joint": None}
    created = 0
    with transaction.atomic():
        for spec in STRATEGY:
            _target, made = Target.objects.get_or_create(
                centre=owners[spec.owner],
                measure=spec.measure,
                year=year,
                defaults={
                    "minimum": None if spec.minimum is None else Decimal(spec.minimum),
                    "maximum": None if spec.maximum is None else Decimal(spec.maximum),
                    "growth_percent": None if spec.growth_percent is None else Decimal(spec.growth_percent),
                    "at_least_baseline": spec.at_least_baseline,
                    "note": spec.note,
                },
            )
            created += made
    return created
