"""Is a figure on target? Pure: plain values in, plain values out.

A target's lower bound for a year is the largest of its parts that apply: a fixed minimum, last
year's value plus a growth percentage (rounded up: +10 % on 7 events is 8), and the baseline.
A figure meets its target when it reaches the lower bound; the upper end of a range ("8–12 per
year") is shown, but going beyond it still meets the target.
"""

import math
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Goal:
    """The parts of a target, as entered (``cms.models.Target``)."""

    minimum: Decimal | None = None
    maximum: Decimal | None = None
    growth_percent: Decimal | None = None
    at_least_baseline: bool = False


def lower_bound(goal: Goal | None, *, last_year, baseline, percent: bool = False) -> Decimal | None:
    """The value the year must reach, or None when nothing can be said (no target, or no basis yet)."""
    if goal is None:
        return None
    parts = []
    if goal.minimum is not None:
        parts.append(Decimal(goal.minimum))
    if goal.growth_percent is not None and last_year is not None:
        grown = Decimal(last_year) * (100 + Decimal(goal.growth_percent)) / 100
        parts.append(grown.quantize(Decimal("0.1")) if percent else Decimal(math.ceil(grown)))
    if goal.at_least_baseline and baseline is not None:
        parts.append(Decimal(baseline))
    return max(parts) if parts else None


def is_met(value, bound: Decimal | None) -> bool | None:
    """True or False when there is a bound and a value; None when there is nothing to judge."""
    if bound is None or value is None:
        return None
    return Decimal(value) >= bound


def _number(value) -> str:
    value = Decimal(value)
    return number_format(value, decimal_pos=0 if value == value.to_integral() else 1)


def describe(goal: Goal | None, *, percent: bool = False) -> str:
    """The target in words, e.g. "at least 5", "8–12", "+10 % on last year", "at least the baseline"."""
    if goal is None:
        return ""
    unit = " %" if percent else ""
    parts = []
    if goal.minimum is not None and goal.maximum is not None:
        parts.append(f"{_number(goal.minimum)}–{_number(goal.maximum)}{unit}")
    elif goal.minimum is not None:
        parts.append(_("at least %(value)s") % {"value": f"{_number(goal.minimum)}{unit}"})
    elif goal.maximum is not None:
        parts.append(_("at most %(value)s") % {"value": f"{_number(goal.maximum)}{unit}"})
    if goal.growth_percent is not None:
        parts.append(_("+%(percent)s %% on last year") % {"percent": _number(goal.growth_percent)})
    if goal.at_least_baseline:
        parts.append(_("at least the baseline"))
    return ", ".join(parts)
