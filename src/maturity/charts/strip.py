"""The strip (dot) plot: one row per item (an area, a region, a type of council) on a scale of
levels, with a population's middle half as a band, its median as a diamond and, where there is
one, the council's own level as a circle. Rows whose figures are withheld are not drawn: the
chart's notes say in words which and why, and with nothing left to draw there is no chart."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise

from maturity.charts.svg import (
    BAND,
    BAND_EDGE,
    CURRENT,
    GRID,
    MEDIAN,
    SECONDARY,
    Chart,
    KeyItem,
    Line,
    Marker,
    Rect,
    Table,
    Text,
    checked,
    level_text,
)
from maturity.charts.text import ASCENT, block_height, wrap

WIDTH = 340
SIZE = 14
TICK_SIZE = 13
EDGE = 4
TRACK = 26  # the height of a row's scale
ROW_GAP = 10


@dataclass(frozen=True)
class Row:
    """One row: `median`, `lower` and `upper` of the population (None where withheld), and
    `own`, the council's own level, when the chart has one."""

    label: str
    median: int | float | None
    lower: int | float | None = None
    upper: int | float | None = None
    own: int | None = None


def strip(
    *,
    id: str,
    title: str,
    description: str,
    rows: list[Row],
    level_names: dict[int, str],
    table_caption: str,
    population: str,
    own: str | None = None,
    withheld_reason: str = "",
    row_header: StrOrPromise = gettext_lazy("Area"),
    missing: StrOrPromise = gettext_lazy("Withheld"),
) -> Chart | None:
    """`population`: who the band and the diamond describe ("similar councils"); `own`: what the
    circle is ("your council"), or None for a chart with no circle; `missing`: what the table says
    for a withheld figure (the page's own word). None when no row can be drawn."""
    row_header, missing = str(row_header), str(missing)
    drawn = [row for row in rows if row.median is not None]
    if not drawn:
        return None
    levels = sorted(level_names)
    low, high = levels[0], levels[-1]
    left, right = EDGE + 10, WIDTH - EDGE - 10

    def x_of(value: float) -> float:
        return round(left + (right - left) * (value - low) / (high - low), 1)

    shapes: list = []
    y = EDGE + ASCENT * TICK_SIZE
    for level in levels:  # the scale's numbers, once at the top
        shapes.append(
            Text(x_of(level), round(y, 1), (str(level),), size=TICK_SIZE, anchor="middle", fill=SECONDARY, scale=True)
        )
    y += 6
    for row in drawn:
        lines = tuple(wrap(row.label, WIDTH - 2 * EDGE, SIZE, bold=True))
        shapes.append(Text(EDGE, round(y + ASCENT * SIZE + 4, 1), lines, size=SIZE, bold=True))
        y += 4 + block_height(len(lines), SIZE) + 4
        middle = y + TRACK / 2
        for level in levels:
            shapes.append(Line(x_of(level), y, x_of(level), y + TRACK, stroke=GRID))
        shapes.append(Line(left, middle, right, middle, stroke=GRID))
        if row.lower is not None and row.upper is not None:
            width = max(x_of(row.upper) - x_of(row.lower), 3)
            shapes.append(
                Rect(x_of(row.lower) - (1.5 if width == 3 else 0), middle - 7, width, 14, fill=BAND, stroke=BAND_EDGE)
            )
        shapes.append(Marker(x_of(row.median), middle, MEDIAN.marker, size=7, fill=MEDIAN.fill, stroke=MEDIAN.stroke))
        if row.own is not None:
            shapes.append(Marker(x_of(row.own), middle, CURRENT.marker, size=5.5, fill=CURRENT.fill, stroke="#ffffff"))
        y += TRACK + ROW_GAP
    key = []
    if own:
        key.append(KeyItem(own, marker=CURRENT.marker, fill=CURRENT.fill, stroke=CURRENT.stroke))
    key.append(
        KeyItem(
            _("Median of %(population)s") % {"population": population},
            marker=MEDIAN.marker,
            fill=MEDIAN.fill,
            stroke=MEDIAN.stroke,
        )
    )
    key.append(
        KeyItem(
            _("Middle half of %(population)s (lower to upper quartile)") % {"population": population},
            rect=True,
            fill=BAND,
            stroke=BAND_EDGE,
        )
    )
    head = (row_header, *((own,) if own else ()), _("Median"), _("Middle half"))
    table_rows = tuple(
        (
            row.label,
            *((level_text(row.own, level_names),) if own else ()),
            level_text(row.median, level_names, missing),
            _("%(lower)s to %(upper)s") % {"lower": row.lower, "upper": row.upper}
            if row.lower is not None and row.upper is not None
            else (missing if row.median is None else _("Not given for so few")),
        )
        for row in rows
    )
    notes = []
    hidden = [row.label for row in rows if row.median is None]
    if hidden:
        notes.append(
            _("Not drawn, as their figures are withheld%(reason)s: %(areas)s.")
            % {"reason": withheld_reason, "areas": ", ".join(hidden)}
        )
    chart = Chart(
        "strip",
        id,
        title,
        description,
        WIDTH,
        round(y - ROW_GAP + EDGE, 1),
        Table(table_caption, head, table_rows),
        shapes,
        key,
        notes,
    )
    return checked(chart)


def scale_note(level_names: dict[int, str]) -> str:
    """The scale in words, for a chart's key: "Levels: 1 Minimum, 2 Developing, ..."."""
    return _("Levels: %(levels)s.") % {"levels": ", ".join(level_text(n, level_names) for n in sorted(level_names))}
