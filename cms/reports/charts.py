"""Charts as geometry for server-rendered SVG (pure: plain values in, coordinates out).

The templates (``templates/cms/reports/_line_chart.svg.html``, ``_heat_map.svg.html``) only draw
what these functions computed; every chart has a text description and a data table next to it,
and nothing is loaded from elsewhere (no JavaScript, no CDN). A hand-written SVG keeps each
chart accessible (``role="img"``, a title, a description, a ``<title>`` per point) in a way the
Python chart libraries (pygal loads its tooltips from a CDN by default) do not give us.
"""

import math
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import number_format

WIDTH, HEIGHT = 520, 220
LEFT, RIGHT, TOP, BOTTOM = 56, 32, 16, 32


@dataclass
class Point:
    x: float
    y: float
    label: str  # e.g. "2026: 12"


@dataclass
class Tick:
    y: float
    label: str


@dataclass
class LineChart:
    width: int
    height: int
    values: list[Point]
    targets: list[Point]
    x_labels: list[Point]
    ticks: list[Tick]
    plot_left: int = LEFT
    plot_right: int = WIDTH - RIGHT
    plot_bottom: int = HEIGHT - BOTTOM

    @property
    def value_path(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.values)

    @property
    def target_path(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.targets)


def fmt(value) -> str:
    if value is None:
        return "–"
    value = Decimal(value)
    return number_format(value, decimal_pos=0 if value == value.to_integral() else 1, use_l10n=True)


def nice_top(largest: float) -> float:
    """A round upper end for the axis (1, 2, 2.5 or 5 times a power of ten) at or above ``largest``."""
    if largest <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(largest))
    for step in (1, 2, 2.5, 5, 10):
        if step * magnitude >= largest:
            return step * magnitude
    return 10 * magnitude  # pragma: no cover - the loop always ends at 10


def line_chart(history: list[tuple[int, object, object]], *, percent: bool = False) -> LineChart | None:
    """The values over the years (a line with dots) against the target's lower bound (a dashed line).

    ``history`` is ``[(year, value, bound), …]``; None values leave gaps. None when there is nothing.
    """
    known = [float(v) for _y, v, _b in history if v is not None] + [float(b) for _y, _v, b in history if b is not None]
    if not history or not known:
        return None
    top = nice_top(max(known))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(1, len(history) - 1)

    def x(index: int) -> float:
        return LEFT + (index * step if len(history) > 1 else plot_w / 2)

    def y(value) -> float:
        return TOP + plot_h - float(value) / top * plot_h

    unit = " %" if percent else ""
    values = [Point(x(i), y(v), f"{year}: {fmt(v)}{unit}") for i, (year, v, _b) in enumerate(history) if v is not None]
    targets = [Point(x(i), y(b), f"{year}: {fmt(b)}{unit}") for i, (year, _v, b) in enumerate(history) if b is not None]
    ticks = [Tick(y(top * n / 4), fmt(Decimal(str(top * n / 4)))) for n in range(5)]
    x_labels = [Point(x(i), HEIGHT - BOTTOM + 18, str(year)) for i, (year, _v, _b) in enumerate(history)]
    return LineChart(WIDTH, HEIGHT, values, targets, x_labels, ticks)


@dataclass
class HeatCell:
    x: int
    y: int
    shade: str  # a fill colour
    ink: str  # the text colour that reads on it
    text: str
    title: str


@dataclass
class HeatMap:
    width: int
    height: int
    columns: list[Point]
    rows: list[Point]
    cells: list[HeatCell] = field(default_factory=list)


CELL_W, CELL_H, LABEL_W, HEAD_H = 40, 24, 220, 28


def shade(share: Decimal | None) -> tuple[str, str]:
    """White (0 %) to dark blue (100 % or more); grey for "no units", with a text colour that reads on it."""
    if share is None:
        return "#eeeeee", "#333333"
    level = min(float(share), 100.0) / 100
    low, high = (255, 255, 255), (17, 62, 120)
    colour = tuple(round(a + (b - a) * level) for a, b in zip(low, high, strict=True))
    return "#{:02x}{:02x}{:02x}".format(*colour), ("#ffffff" if level > 0.45 else "#1a1a1a")


def heat_map(rows: list[tuple[str, list[Decimal | None]]], column_labels: list[str]) -> HeatMap | None:
    """A grid of ``rows`` (label, a value per column) with a shade and the value in each cell."""
    if not rows:
        return None
    width = LABEL_W + CELL_W * len(column_labels)
    height = HEAD_H + CELL_H * len(rows)
    chart = HeatMap(
        width=width,
        height=height,
        columns=[Point(LABEL_W + CELL_W * i + CELL_W / 2, HEAD_H - 10, label) for i, label in enumerate(column_labels)],
        rows=[Point(LABEL_W - 8, HEAD_H + CELL_H * i + CELL_H / 2 + 4, label) for i, (label, _v) in enumerate(rows)],
    )
    for r, (label, values) in enumerate(rows):
        for c, value in enumerate(values):
            fill, ink = shade(value)
            text = "" if value is None else fmt(value.quantize(Decimal("1")))
            title = f"{label}, {column_labels[c]}" + ("" if value is None else f": {fmt(value)} %")
            chart.cells.append(HeatCell(LABEL_W + CELL_W * c, HEAD_H + CELL_H * r, fill, ink, text, title))
    return chart
