"""The line chart of levels over time: small multiples, one panel per area, the same columns
(assessments or rounds, oldest first) in each, so fourteen areas stay readable on a phone where
fourteen lines on one axis would not. Each point has its level written beside it; a gap (an area
not answered, or not in that version of the framework) breaks the line."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise

from maturity.charts.svg import (
    CURRENT,
    GRID,
    SECONDARY,
    Chart,
    Line,
    Marker,
    Path,
    Table,
    Text,
    checked,
    level_text,
)
from maturity.charts.text import ASCENT, block_height, block_width, wrap

WIDTH = 340
SIZE = 14
VALUE_SIZE = 13
EDGE = 4
PANEL = 68  # the height of a panel: room above the top level for its figure
PANEL_TOP = 20
PANEL_BOTTOM = 6
ROW_GAP = 12


@dataclass(frozen=True)
class Row:
    label: str
    values: tuple[int | None, ...]


def lines(
    *,
    id: str,
    title: str,
    description: str,
    columns: list[str],
    rows: list[Row],
    level_names: dict[int, str],
    table_caption: str,
    series: StrOrPromise = gettext_lazy("Current level"),
) -> Chart | None:
    """`columns`: the column headings (an assessment's title and date). None when there is fewer
    than two columns or no area has two levels to join."""
    series = str(series)
    if len(columns) < 2 or not any(sum(v is not None for v in row.values) >= 1 for row in rows):
        return None
    levels = sorted(level_names)
    low, high = levels[0], levels[-1]
    step = (WIDTH - 2 * EDGE) / len(columns)
    xs = [round(EDGE + step * (i + 0.5), 1) for i in range(len(columns))]
    shapes: list = []
    heads = [tuple(wrap(f"{i + 1}. {text}", step - 6, VALUE_SIZE)) for i, text in enumerate(columns)]
    top = EDGE
    if any(block_width(head, VALUE_SIZE) > step - 6 for head in heads):
        # A heading has a word too long for its column (five assessments on a phone's width): the
        # columns are numbered, and the numbers explained above the panels, a heading to a line.
        for i, text in enumerate(columns):
            key = tuple(wrap(f"{i + 1}. {text}", WIDTH - 2 * EDGE, VALUE_SIZE))
            shapes.append(Text(EDGE, round(top + ASCENT * VALUE_SIZE, 1), key, size=VALUE_SIZE, fill=SECONDARY))
            top += block_height(len(key), VALUE_SIZE) + 4
        top += 4
        heads = [(str(i + 1),) for i in range(len(columns))]
    for x, head in zip(xs, heads):
        shapes.append(
            Text(
                x,
                round(top + ASCENT * VALUE_SIZE, 1),
                head,
                size=VALUE_SIZE,
                anchor="middle",
                fill=SECONDARY,
                scale=True,
            )
        )  # headings of the axis, not figures
    y = top + max(block_height(len(h), VALUE_SIZE) for h in heads) + 6

    def y_of(top: float, value: int) -> float:
        return round(top + PANEL_TOP + (PANEL - PANEL_TOP - PANEL_BOTTOM) * (high - value) / (high - low), 1)

    for row in rows:
        label = tuple(wrap(row.label, WIDTH - 2 * EDGE, SIZE, bold=True))
        shapes.append(Text(EDGE, round(y + ASCENT * SIZE + 2, 1), label, size=SIZE, bold=True))
        y += 2 + block_height(len(label), SIZE) + 4
        for level in levels:
            shapes.append(
                Line(
                    EDGE,
                    y_of(y, level),
                    WIDTH - EDGE,
                    y_of(y, level),
                    stroke=GRID,
                    dash="" if level in (low, high) else "2 3",
                )
            )
        for segment in _segments(xs, row.values, lambda v, top=y: y_of(top, v)):
            if len(segment) > 1:
                shapes.append(Path(tuple(segment), stroke=CURRENT.stroke, width=2.5))
        for x, value in zip(xs, row.values):
            if value is None:
                continue
            py = y_of(y, value)
            shapes.append(Marker(x, py, CURRENT.marker, size=4.5, fill=CURRENT.fill, stroke=CURRENT.stroke))
            # The level above its point, inside the panel.
            shapes.append(Text(x, round(py - 7, 1), (str(value),), size=VALUE_SIZE, anchor="middle", bold=True))
        y += PANEL + ROW_GAP
    head = (_("Area"), *(f"{i + 1}. {c}" for i, c in enumerate(columns)))
    table_rows = tuple((row.label, *(level_text(v, level_names, "–") for v in row.values)) for row in rows)
    chart = Chart(
        "lines",
        id,
        title,
        description,
        WIDTH,
        round(y - ROW_GAP + EDGE, 1),
        Table(table_caption, head, table_rows),
        shapes,
        [CURRENT.key(series)],
    )
    return checked(chart)


def _segments(xs: list[float], values: tuple[int | None, ...], y_of) -> list[list[tuple[float, float]]]:
    segments: list[list[tuple[float, float]]] = [[]]
    for x, value in zip(xs, values):
        if value is None:
            segments.append([])
        else:
            segments[-1].append((x, y_of(value)))
    return segments
