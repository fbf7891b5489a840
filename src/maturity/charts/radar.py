"""The radar chart: one spoke per area, a ring per level, a shape per series (where the council
is now, where it aims to be). Sized for a phone first: the drawing is 360 units wide and its
labels 14 units high, so on a 320 px screen they are still about 11 px; each label is wrapped to
a measured width and placed by its box at the end of its spoke, the radius is the largest at
which every label fits across, and labels that would touch are moved apart, outwards. Labels
too wide to fit even the smallest radius widen the drawing rather than run off it."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from maturity.charts.svg import (
    CURRENT,
    GRID,
    SECONDARY,
    WHITE,
    Chart,
    Line,
    Marker,
    Path,
    Style,
    Table,
    Text,
    checked,
    level_text,
)
from maturity.charts.text import ASCENT, LINE_HEIGHT, block_height, block_width, wrap

WIDTH = 360
SIZE = 14
RING_SIZE = 11
WRAP = 88
GAP = 11
EDGE = 2

Box = tuple[float, float, float, float]  # left, top, right, bottom, around the centre at 0, 0


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[int | None]
    style: Style


def radar(
    *,
    id: str,
    title: str,
    description: str,
    labels: Sequence[str],
    series: Sequence[Series],
    level_names: dict[int, str],
    table_caption: str,
) -> Chart | None:
    """None when no series has a value: there is nothing to draw."""
    if len(labels) < 3 or not any(v is not None for s in series for v in s.values):
        return None
    levels = max(level_names)
    # The rings' numbers sit one above another on the first spoke: they need this much radius.
    smallest = math.ceil(levels * RING_SIZE * LINE_HEIGHT + 4)
    lines = [tuple(wrap(label, WRAP, SIZE)) for label in labels]
    angles = [-math.pi / 2 + 2 * math.pi * i / len(labels) for i in range(len(labels))]
    sizes = [(block_width(block, SIZE), block_height(len(block), SIZE)) for block in lines]
    radius = _largest_radius(sizes, angles, smallest)
    boxes = _separate([_label_box(sizes[i], angles[i], radius) for i in range(len(labels))])
    left = min(min(b[0] for b in boxes), -radius) - EDGE
    right = max(max(b[2] for b in boxes), radius) + EDGE
    top = min(min(b[1] for b in boxes), -radius) - EDGE
    bottom = max(max(b[3] for b in boxes), radius) + EDGE
    width = max(WIDTH, right - left)
    cx, cy = width / 2 - (left + right) / 2, -top  # centred across the drawing

    def at(i: int, value: float) -> tuple[float, float]:
        r = radius * value / levels
        return round(cx + r * math.cos(angles[i]), 1), round(cy + r * math.sin(angles[i]), 1)

    shapes: list = []
    for ring in range(1, levels + 1):
        shapes.append(Path(tuple(at(i, ring) for i in range(len(labels))), stroke=GRID, width=1, closed=True))
    for i in range(len(labels)):
        shapes.append(Line(cx, cy, *at(i, levels), stroke=GRID))
    for ring in range(1, levels + 1):
        y = cy - radius * ring / levels + 2 + ASCENT * RING_SIZE
        shapes.append(Text(round(cx + 4, 1), round(y, 1), (str(ring),), size=RING_SIZE, fill=SECONDARY, scale=True))
    for s in series:
        points = tuple(at(i, value or 0) for i, value in enumerate(s.values))
        filled = s.style.fill not in (WHITE, "none")
        shapes.append(
            Path(
                points,
                stroke=s.style.stroke,
                width=2.5 if s.style.dash else 3,
                dash=s.style.dash,
                fill=s.style.fill if filled else "none",
                fill_opacity=0.2 if filled else 1,
                closed=True,
            )
        )
    for s in series:
        for i, value in enumerate(s.values):
            if value is not None:
                shapes.append(
                    Marker(
                        *at(i, value),
                        s.style.marker,
                        size=4.5 if s.style is CURRENT else 5,
                        fill=s.style.fill,
                        stroke=s.style.stroke,
                    )
                )
    for i, (b_left, b_top, b_right, _bottom) in enumerate(boxes):
        cos = math.cos(angles[i])
        anchor, x = (
            ("start", b_left) if cos > 0.25 else ("end", b_right) if cos < -0.25 else ("middle", (b_left + b_right) / 2)
        )
        shapes.append(Text(round(cx + x, 1), round(cy + b_top + ASCENT * SIZE, 1), lines[i], size=SIZE, anchor=anchor))
    table = Table(
        table_caption,
        (_("Area"), *(s.name for s in series)),
        tuple((label, *(level_text(s.values[i], level_names) for s in series)) for i, label in enumerate(labels)),
    )
    chart = Chart(
        "radar",
        id,
        title,
        description,
        round(width, 1),
        round(bottom - top, 1),
        table,
        shapes,
        key=[s.style.key(s.name) for s in series],
    )
    return checked(chart)


def _label_box(size: tuple[float, float], angle: float, radius: float) -> Box:
    """The box of a label of `size` (width, height) at the end of its spoke, leaning away from
    the centre: on the right it starts at the spoke, on the left it ends there, at the top it
    sits above it."""
    cos, sin = math.cos(angle), math.sin(angle)
    ax, ay = (radius + GAP) * cos, (radius + GAP) * sin
    w, h = size
    left = ax - w / 2 + w / 2 * cos
    top = ay - h / 2 + h / 2 * sin
    return (left, top, left + w, top + h)


def _largest_radius(sizes: list[tuple[float, float]], angles: list[float], smallest: float) -> float:
    radius = WIDTH / 2 - GAP - EDGE
    while radius > smallest:
        boxes = [_label_box(sizes[i], angles[i], radius) for i in range(len(sizes))]
        if all(b[0] >= EDGE - WIDTH / 2 and b[2] <= WIDTH / 2 - EDGE for b in boxes):
            return radius
        radius -= 2
    return smallest


CLEAR = 1e-6  # beyond the 1-unit gap between labels, far above the rounding of numbers this size


def _separate(boxes: list[Box]) -> list[Box]:
    """Moves apart labels whose boxes overlap (neighbouring spokes on the sides), outwards only,
    never into the plot: the labels nearest the horizontal axis keep their places, and each other
    label, from the axis outwards, moves up (above the centre) or down (below it) until it clears
    every label already placed. Each move puts the label just past the farthest box it hit, so it
    never meets that box again: past finitely many others, this always ends, with no two labels
    overlapping."""
    placed: dict[int, Box] = {}
    for i in sorted(range(len(boxes)), key=lambda i: abs(boxes[i][1] + boxes[i][3])):
        left, top, right, bottom = boxes[i]
        height, upwards = bottom - top, top + bottom < 0
        # Boxes that only touch count as overlapping: positions are rounded to a tenth when drawn.
        while hits := [
            b for b in placed.values() if left < b[2] + 1 and b[0] < right + 1 and top < b[3] + 1 and b[1] < bottom + 1
        ]:
            # The new edge is set, not reached by adding a shift, and CLEAR beyond the gap: with
            # floating point, `bottom + (edge - bottom)` can come back a hair short of `edge`, which
            # still overlaps, and the shift then is 0.0 for ever.
            if upwards:
                bottom = min(b[1] for b in hits) - 1 - CLEAR
                top = bottom - height
            else:
                top = max(b[3] for b in hits) + 1 + CLEAR
                bottom = top + height
        placed[i] = (left, top, right, bottom)
    return [placed[i] for i in range(len(boxes))]
