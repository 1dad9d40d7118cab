"""Extra sections of an equipment page contributed by other apps.

The catalogue never imports the apps built on top of it (the video library, for one);
they register a section here at start-up, the way ``booking`` installs its availability.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Section:
    template: str
    context: dict[str, Any]


SectionProvider = Callable[[Any], Section | None]
_providers: list[SectionProvider] = []


def register_equipment_section(provider: SectionProvider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def equipment_sections(equipment) -> list[Section]:
    """The sections to show on ``equipment``'s page, leaving out those with nothing to say."""
    return [section for provider in _providers if (section := provider(equipment)) is not None]


# A unit's own page (the target of its QR label) may show more to some people: the booking app
# gives the owning centre's staff the loan to hand out or take back.
UnitSectionProvider = Callable[[Any, Any], Section | None]  # (unit, request)
_unit_providers: list[UnitSectionProvider] = []


def register_unit_section(provider: UnitSectionProvider) -> None:
    if provider not in _unit_providers:
        _unit_providers.append(provider)


def unit_sections(unit, request) -> list[Section]:
    return [section for provider in _unit_providers if (section := provider(unit, request)) is not None]
