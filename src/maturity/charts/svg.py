"""The drawing: a few shapes, the chart that holds them with its words and its table, and one
function that writes it as SVG. Every chart of the product (pages and PDFs) goes through here, so
the text alternative, the colours and the checks on labels are decided once.

Colours are GOV.UK Design System colours that pass contrast on white (text 4.5:1, lines and marks
3:1); meaning is never in colour alone: each series has its own marker shape and line style,
which the key repeats in words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise
from markupsafe import Markup, escape

from maturity.charts.text import ASCENT, DESCENT, LINE_HEIGHT, block_width

INK = "#0b0c0c"  # text, target series (21:1)
SECONDARY = "#484949"  # secondary text (9:1)
BLUE = "#1d70b8"  # current series (5.2:1)
GRID = "#b1b4b6"  # gridlines: decoration, the figures are in the labels and the table
BAND = "#cbd9e6"  # middle half: a fill with a darker outline that carries the contrast
BAND_EDGE = "#505a5f"
WHITE = "#ffffff"
RED = "#d4351c"
GREEN = "#00703c"
FONT = "Arial, 'Liberation Sans', Helvetica, sans-serif"
# Shown this many times its drawing units on a wide screen; narrower screens scale it down to fit.
DISPLAY_SCALE = 1.25


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: Box) -> bool:
        return (
            self.left < other.right and other.left < self.right and self.top < other.bottom and other.top < self.bottom
        )

    def inside(self, width: float, height: float) -> bool:
        return self.left >= 0 and self.top >= 0 and self.right <= width and self.bottom <= height


@dataclass(frozen=True)
class Text:
    """One label of one or more lines; `y` is the baseline of the first line."""

    x: float
    y: float
    lines: tuple[str, ...]
    size: float = 14
    anchor: str = "start"
    bold: bool = False
    fill: str = INK
    scale: bool = False  # a number of the scale (a level), not a figure of the data

    @cached_property
    def box(self) -> Box:
        width = block_width(self.lines, self.size, bold=self.bold)
        left = {"start": self.x, "middle": self.x - width / 2, "end": self.x - width}[self.anchor]
        top = self.y - ASCENT * self.size
        bottom = self.y + (len(self.lines) - 1) * LINE_HEIGHT * self.size + DESCENT * self.size
        return Box(left, top, left + width, bottom)


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    stroke: str = GRID
    width: float = 1
    dash: str = ""


@dataclass(frozen=True)
class Path:
    """A polyline, or a polygon when `closed`."""

    points: tuple[tuple[float, float], ...]
    stroke: str = INK
    width: float = 2
    dash: str = ""
    fill: str = "none"
    fill_opacity: float = 1
    closed: bool = False


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    fill: str = BLUE
    stroke: str = "none"
    pattern: str = ""  # "hatch": diagonal lines over the fill, so a series differs in more than colour


@dataclass(frozen=True)
class Marker:
    """A point: `shape` circle, square, diamond or triangle; hollow when `fill` is white."""

    x: float
    y: float
    shape: str = "circle"
    size: float = 6  # half the width
    fill: str = BLUE
    stroke: str = BLUE


Shape = Text | Line | Path | Rect | Marker


@dataclass(frozen=True)
class KeyItem:
    """One entry of the key: a sample of the mark and what it means, in words."""

    text: str
    marker: str = ""  # a Marker shape
    fill: str = BLUE
    stroke: str = BLUE
    line_dash: str | None = None  # a line sample when not None
    rect: bool = False
    pattern: str = ""


@dataclass(frozen=True)
class Table:
    """The same figures as the chart: `rows` of text, the first cell of each a row header."""

    caption: str
    head: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    @property
    def govuk_head(self) -> list[dict[str, str]]:
        """For the GOV.UK table macro: the figures' columns right-aligned as numbers."""
        return [{"text": text, **({"format": "numeric"} if i else {})} for i, text in enumerate(self.head)]

    @property
    def govuk_rows(self) -> list[list[dict[str, str]]]:
        return [
            [{"text": text, **({"format": "numeric"} if i else {})} for i, text in enumerate(row)] for row in self.rows
        ]


@dataclass
class Chart:
    kind: str
    id: str
    title: str
    description: str
    width: float
    height: float
    table: Table
    shapes: list[Shape] = field(default_factory=list)
    key: list[KeyItem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # in words: what is withheld and why, what is not drawn

    def labels(self) -> list[Text]:
        return [shape for shape in self.shapes if isinstance(shape, Text)]

    @property
    def svg(self) -> Markup:
        return render(self)

    @property
    def key_svgs(self) -> list[tuple[Markup, str]]:
        return [(render_key_sample(item), item.text) for item in self.key]


def render(chart: Chart) -> Markup:
    """The chart as an SVG element: role img, named by its title and described by its
    description (which points to the table with the same figures)."""
    title_id, desc_id = f"{chart.id}-title", f"{chart.id}-desc"
    width, height = _n(chart.width), _n(chart.height)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="app-chart__svg app-chart__svg--{_a(chart.kind)}" '
        f'viewBox="0 0 {width} {height}" width="{_n(chart.width * DISPLAY_SCALE)}" '
        f'height="{_n(chart.height * DISPLAY_SCALE)}" role="img" aria-labelledby="{_a(title_id)} {_a(desc_id)}" '
        f'focusable="false" font-family="{FONT}">',
        f'<title id="{_a(title_id)}">{escape(chart.title)}</title>',
        f'<desc id="{_a(desc_id)}">{escape(chart.description)}</desc>',
    ]
    if any(isinstance(s, Rect) and s.pattern for s in chart.shapes):
        parts.append(_hatch(chart.id))
    parts.extend(_shape(shape, chart.id) for shape in chart.shapes)
    parts.append("</svg>")
    return Markup("".join(parts))


def render_key_sample(item: KeyItem) -> Markup:
    """A small picture of a key entry, hidden from screen readers (its words say it all)."""
    shapes: list[Shape] = []
    if item.rect:
        shapes.append(Rect(2, 3, 24, 12, fill=item.fill, stroke=item.stroke, pattern=item.pattern))
    if item.line_dash is not None:
        shapes.append(Line(1, 9, 27, 9, stroke=item.stroke, width=2.5, dash=item.line_dash))
    if item.marker:
        shapes.append(Marker(14, 9, item.marker, size=5.5, fill=item.fill, stroke=item.stroke))
    body = "".join(_shape(shape, "key") for shape in shapes)
    pattern = _hatch("key") if item.pattern else ""
    return Markup(
        f'<svg class="app-chart__key-sample" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 28 18" '
        f'width="28" height="18" aria-hidden="true" focusable="false">{pattern}{body}</svg>'
    )


def _hatch(prefix: str) -> str:
    return (
        f'<defs><pattern id="{_a(prefix)}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="{WHITE}"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{INK}" stroke-width="2.5"/></pattern></defs>'
    )


def _shape(shape: Shape, prefix: str) -> str:
    if isinstance(shape, Text):
        return _text(shape)
    if isinstance(shape, Line):
        dash = f' stroke-dasharray="{shape.dash}"' if shape.dash else ""
        return (
            f'<line x1="{_n(shape.x1)}" y1="{_n(shape.y1)}" x2="{_n(shape.x2)}" y2="{_n(shape.y2)}" '
            f'stroke="{shape.stroke}" stroke-width="{_n(shape.width)}"{dash}/>'
        )
    if isinstance(shape, Path):
        tag = "polygon" if shape.closed else "polyline"
        points = " ".join(f"{_n(x)},{_n(y)}" for x, y in shape.points)
        dash = f' stroke-dasharray="{shape.dash}"' if shape.dash else ""
        opacity = f' fill-opacity="{_n(shape.fill_opacity)}"' if shape.fill_opacity != 1 else ""
        return (
            f'<{tag} points="{points}" fill="{shape.fill}"{opacity} stroke="{shape.stroke}" '
            f'stroke-width="{_n(shape.width)}" stroke-linejoin="round"{dash}/>'
        )
    if isinstance(shape, Rect):
        fill = f"url(#{_a(prefix)}-hatch)" if shape.pattern else shape.fill
        stroke = f' stroke="{shape.stroke}" stroke-width="1"' if shape.stroke != "none" else ""
        return (
            f'<rect x="{_n(shape.x)}" y="{_n(shape.y)}" width="{_n(shape.width)}" height="{_n(shape.height)}" '
            f'fill="{fill}"{stroke}/>'
        )
    return _marker(shape)


def _text(text: Text) -> str:
    weight = (' font-weight="bold"' if text.bold else "") + (' class="scale"' if text.scale else "")
    spans = "".join(
        f'<tspan x="{_n(text.x)}" dy="{0 if i == 0 else _n(LINE_HEIGHT * text.size)}">{escape(line)}</tspan>'
        for i, line in enumerate(text.lines)
    )
    return (
        f'<text x="{_n(text.x)}" y="{_n(text.y)}" font-size="{_n(text.size)}" text-anchor="{text.anchor}" '
        f'fill="{text.fill}"{weight}>{spans}</text>'
    )


def _marker(m: Marker) -> str:
    s = m.size
    common = f'fill="{m.fill}" stroke="{m.stroke}" stroke-width="2"'
    if m.shape == "square":
        return f'<rect x="{_n(m.x - s * 0.85)}" y="{_n(m.y - s * 0.85)}" width="{_n(s * 1.7)}" height="{_n(s * 1.7)}" {common}/>'
    if m.shape == "diamond":
        points = [(m.x, m.y - s * 1.15), (m.x + s * 1.15, m.y), (m.x, m.y + s * 1.15), (m.x - s * 1.15, m.y)]
        return f'<polygon points="{" ".join(f"{_n(x)},{_n(y)}" for x, y in points)}" {common}/>'
    if m.shape == "triangle":
        points = [(m.x, m.y - s * 1.1), (m.x + s, m.y + s * 0.75), (m.x - s, m.y + s * 0.75)]
        return f'<polygon points="{" ".join(f"{_n(x)},{_n(y)}" for x, y in points)}" {common}/>'
    return f'<circle cx="{_n(m.x)}" cy="{_n(m.y)}" r="{_n(s)}" {common}/>'


def _n(value: float) -> str:
    """A coordinate written short: 12, 12.5, never 12.000000001."""
    rounded = round(value, 1)
    whole = int(rounded)
    return str(whole) if rounded == whole else repr(rounded)


def _a(value: str) -> str:
    return str(escape(value))


def label_problems(chart: Chart) -> list[str]:
    """Labels that run off the drawing or overlap another label: none in a chart built here (the
    tests check every kind with it, and the builders check themselves before they return)."""
    problems = []
    labels = chart.labels()
    for label in labels:
        if not label.box.inside(chart.width, chart.height):
            problems.append(f"{' '.join(label.lines)!r} is outside the drawing: {label.box}")
    ordered = sorted(labels, key=lambda label: label.box.top)  # a sweep down the drawing
    for i, first in enumerate(ordered):
        for second in ordered[i + 1 :]:
            if second.box.top >= first.box.bottom:
                break  # this one and every later one start below `first`
            if first.box.overlaps(second.box):
                problems.append(f"{' '.join(first.lines)!r} overlaps {' '.join(second.lines)!r}")
    return problems


@dataclass(frozen=True)
class Style:
    """How a series is drawn: its colour, its marker's shape and its line, all three different
    from any other series'."""

    stroke: str
    fill: str
    marker: str
    dash: str = ""

    def key(self, text: str, *, line: bool = True) -> KeyItem:
        return KeyItem(
            text, marker=self.marker, fill=self.fill, stroke=self.stroke, line_dash=self.dash if line else None
        )


CURRENT = Style(BLUE, BLUE, "circle")
TARGET = Style(INK, WHITE, "square", "6 4")
MEDIAN = Style(INK, INK, "diamond")


def level_text(
    value: int | float | None, names: dict[int, str], missing: StrOrPromise = gettext_lazy("Not answered")
) -> str:
    """A level as tables write it: "3 Mature"."""
    if value is None:
        return str(missing)
    if float(value).is_integer():
        number = int(value)
        return f"{number} {names.get(number, '')}".strip()
    return f"{value:g}"


class LayoutError(ValueError):
    """A chart whose labels could not be placed without overlapping or running off the drawing."""


def checked(chart: Chart) -> Chart:
    problems = label_problems(chart)
    if problems:
        raise LayoutError("; ".join(problems))
    return chart
