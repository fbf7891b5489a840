"""Horizontal bar charts: one row per item (a level, a region, an area), one bar per series
(current levels solid blue, targets hatched black), each with its figure written at its end.
Horizontal, so that long labels wrap above their bars and a phone shows them whole. A figure that
is withheld has no bar: the row says "withheld" in words where the bar would be, the notes say
why, a row with nothing to show is left out, and with nothing at all to show there is no chart.
Negative figures (a change since the previous round) run left from zero."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise

from maturity.charts.svg import (
    BLUE,
    GRID,
    INK,
    SECONDARY,
    WHITE,
    Chart,
    KeyItem,
    Line,
    Rect,
    Table,
    Text,
    checked,
)
from maturity.charts.text import ASCENT, block_height, measure, wrap

WIDTH = 340
SIZE = 14
VALUE_SIZE = 13
EDGE = 4
BAR = 16
WITHHELD = "withheld"


@dataclass(frozen=True)
class Series:
    name: str
    hatched: bool = False

    @property
    def key(self) -> KeyItem:
        if self.hatched:
            return KeyItem(self.name, rect=True, fill=WHITE, stroke=INK, pattern="hatch")
        return KeyItem(self.name, rect=True, fill=BLUE, stroke=BLUE)


@dataclass(frozen=True)
class Row:
    label: str
    values: tuple[int | float | None, ...]


def bars(
    *,
    id: str,
    title: str,
    description: str,
    rows: Sequence[Row],
    series: Sequence[Series],
    table_caption: str,
    row_header: str,
    withheld_reason: str,
    text: Callable[[float], str] = str,
    missing: StrOrPromise = gettext_lazy("Withheld"),
) -> Chart | None:
    """`text` writes a figure (as "45%" or "+3 points"); `missing` is what the table says for a
    figure with no value. None when no figure can be shown."""
    missing = str(missing)
    drawn = [row for row in rows if any(v is not None for v in row.values)]
    if not drawn:
        return None
    values = [v for row in drawn for v in row.values if v is not None]
    lo, hi = min(0, *values), max(0, *values)
    if lo == hi:
        hi = 1
    widest = {
        sign: max((measure(text(v), VALUE_SIZE) for v in values if (v < 0) == sign), default=0)
        for sign in (True, False)
    }
    withheld_width = measure(WITHHELD, VALUE_SIZE)
    left = EDGE + (widest[True] + 6 if lo < 0 else 0)
    right = WIDTH - EDGE - max(widest[False], withheld_width) - 6

    def x_of(value: float) -> float:
        return round(left + (right - left) * (value - lo) / (hi - lo), 1)

    zero = x_of(0)
    shapes: list = []
    y = EDGE
    for row in drawn:
        label = tuple(wrap(row.label, WIDTH - 2 * EDGE, SIZE))
        shapes.append(Text(EDGE, round(y + ASCENT * SIZE, 1), label, size=SIZE))
        y += block_height(len(label), SIZE) + 4
        top = y
        for s, value in zip(series, row.values):
            baseline = round(y + BAR / 2 + ASCENT * VALUE_SIZE / 2 - 1, 1)
            if value is None:
                shapes.append(Text(zero + 4, baseline, (WITHHELD,), size=VALUE_SIZE, fill=SECONDARY))
            else:
                x0, x1 = sorted((zero, x_of(value)))
                shapes.append(
                    Rect(
                        x0,
                        y,
                        max(x1 - x0, 1),
                        BAR,
                        fill=WHITE if s.hatched else BLUE,
                        stroke=INK if s.hatched else BLUE,
                        pattern="hatch" if s.hatched else "",
                    )
                )
                if value < 0:
                    shapes.append(Text(x0 - 4, baseline, (text(value),), size=VALUE_SIZE, anchor="end"))
                else:
                    shapes.append(Text(x1 + 4, baseline, (text(value),), size=VALUE_SIZE))
            y += BAR + 3
        shapes.append(Line(zero, top - 2, zero, y - 1, stroke=GRID if lo == 0 else INK))
        y += 10
    notes = []
    hidden = [row.label for row in rows if all(v is None for v in row.values)]
    if hidden:
        notes.append(
            _("Not drawn, as every figure is withheld%(reason)s: %(areas)s.")
            % {"reason": withheld_reason, "areas": ", ".join(hidden)}
        )
    if any(v is None for row in drawn for v in row.values):
        notes.append(
            _("Where a bar would be, “withheld” marks a figure that is not shown%(reason)s.")
            % {"reason": withheld_reason}
        )
    table_rows = tuple((row.label, *(text(v) if v is not None else missing for v in row.values)) for row in rows)
    chart = Chart(
        "bars",
        id,
        title,
        description,
        WIDTH,
        round(y - 10 + EDGE, 1),
        Table(table_caption, (row_header, *(s.name for s in series)), table_rows),
        shapes,
        [s.key for s in series],
        notes,
    )
    return checked(chart)
