"""Every figure of the yearly activity list: one function per measure, computed from the data.

``core`` holds the scope, the computation and the registry; ``strategy`` and ``platform`` hold the
measure functions. Importing this package registers them all.
"""

from . import platform, strategy
from .core import MEASURES, Computation, MeasureInfo, Scope, percent
from .platform import units_in_service

__all__ = ["MEASURES", "Computation", "MeasureInfo", "Scope", "percent", "platform", "strategy", "units_in_service"]
