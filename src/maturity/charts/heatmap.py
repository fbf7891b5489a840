"""The heat map: areas down the side, organisations or groups across, each cell shaded by level
and carrying the level's number, so it reads without colour. A mark (a target) is drawn as a
bold ring around the cells below it. Columns are as wide as their headings' longest word, so a
heat map of many columns is wider than a phone: the page puts it in a scrolling region (WCAG
1.4.10 lets a two-dimensional chart scroll)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from maturity.charts.svg import (
    INK,
    WHITE,
    Chart,
    KeyItem,
    Rect,
    Table,
    Text,
    checked,
    level_text,
)
from maturity.charts.text import ASCENT, block_height, block_width, wrap

SIZE = 13
HEAD_SIZE = 12
EDGE = 4
LABEL_WIDTH = 130
CELL_HEIGHT = 34
MIN_COLUMN = 44
# Five shades of GOV.UK blue, lightest first, and the text colour that passes 4.5:1 on each.
SHADES = (("#d2e2f1", INK), ("#a5c6e3", INK), ("#5694ca", INK), ("#1d70b8", WHITE), ("#003078", WHITE))


@dataclass(frozen=True)
class Row:
    label: str
    values: tuple[int | None, ...]  # one per column; None: no figure (not answered, or withheld)
    mark: int | None = None  # a target for the row: cells below it are ringed


def shade(value: int, levels: list[int]) -> tuple[str, str]:
    if len(levels) <= 1:
        return SHADES[2]
    position = (value - levels[0]) / (levels[-1] - levels[0])
    return SHADES[round(4 * position)]


def heatmap(
    *,
    id: str,
    title: str,
    description: str,
    columns: list[str],
    rows: list[Row],
    level_names: dict[int, str],
    table_caption: str,
    empty: str,
    mark_name: str = "",
    notes: list[str] | None = None,
) -> Chart | None:
    """`empty`: what a cell without a figure means, in words ("not answered yet"). None when no
    cell has a figure."""
    if not columns or not any(v is not None for row in rows for v in row.values):
        return None
    levels = sorted(level_names)
    heads = [tuple(wrap(text, MIN_COLUMN - 6, HEAD_SIZE)) for text in columns]
    widths = [max(MIN_COLUMN, block_width(h, HEAD_SIZE) + 8) for h in heads]
    labels = [tuple(wrap(row.label, LABEL_WIDTH - 8, SIZE)) for row in rows]
    label_width = max(LABEL_WIDTH, max(block_width(lines, SIZE) for lines in labels) + 8)
    xs = []
    x = EDGE + label_width
    for w in widths:
        xs.append(x)
        x += w
    width = round(x + EDGE, 1)
    shapes: list = []
    head_height = max(block_height(len(h), HEAD_SIZE) for h in heads)
    for x0, w, head in zip(xs, widths, heads):
        shapes.append(
            Text(round(x0 + w / 2, 1), round(EDGE + ASCENT * HEAD_SIZE, 1), head, size=HEAD_SIZE, anchor="middle")
        )
    y = EDGE + head_height + 6
    for row, label in zip(rows, labels):
        height = max(CELL_HEIGHT, block_height(len(label), SIZE) + 8)
        shapes.append(
            Text(EDGE, round(y + (height - block_height(len(label), SIZE)) / 2 + ASCENT * SIZE, 1), label, size=SIZE)
        )
        for x0, w, value in zip(xs, widths, row.values):
            if value is None:
                shapes.append(Rect(x0 + 1, y + 1, w - 2, height - 2, fill=WHITE, stroke="#b1b4b6"))
                continue
            fill, ink = shade(value, levels)
            below = row.mark is not None and value < row.mark
            shapes.append(Rect(x0 + 1, y + 1, w - 2, height - 2, fill=fill, stroke=INK if below else "none"))
            if below:
                shapes.append(Rect(x0 + 3, y + 3, w - 6, 2, fill=INK))
            shapes.append(
                Text(
                    round(x0 + w / 2, 1),
                    round(y + height / 2 + ASCENT * SIZE / 2 - 1, 1),
                    (str(value),),
                    size=SIZE,
                    anchor="middle",
                    fill=ink,
                    bold=True,
                )
            )
        y += height
    key = [
        KeyItem(level_text(level, level_names), rect=True, fill=shade(level, levels)[0], stroke=shade(level, levels)[0])
        for level in levels
    ]
    key.append(KeyItem(_("No figure: %(empty)s") % {"empty": empty}, rect=True, fill=WHITE, stroke="#b1b4b6"))
    if mark_name:
        key.append(
            KeyItem(
                _("Outlined, with a bar along the top: below %(mark)s") % {"mark": mark_name},
                rect=True,
                fill=SHADES[0][0],
                stroke=INK,
            )
        )
    head = (_("Area"), *columns) + ((mark_name[0].upper() + mark_name[1:],) if mark_name else ())
    table_rows = tuple(
        (
            row.label,
            *(_cell_text(v, row.mark, level_names, empty) for v in row.values),
            *((level_text(row.mark, level_names, _("None set")),) if mark_name else ()),
        )
        for row in rows
    )
    chart = Chart(
        "heatmap",
        id,
        title,
        description,
        width,
        round(y + EDGE, 1),
        Table(table_caption, head, table_rows),
        shapes,
        key,
        list(notes or []),
    )
    return checked(chart)


def _cell_text(value: int | None, mark: int | None, names: dict[int, str], empty: str) -> str:
    if value is None:
        return empty[0].upper() + empty[1:]
    text = level_text(value, names)
    return _("%(level)s (below target)") % {"level": text} if mark is not None and value < mark else text
