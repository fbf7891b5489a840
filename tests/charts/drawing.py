"""Reading a chart's SVG back as a person's browser would lay it out: each label's box from its
attributes and the font's metrics, the numbers it shows, its name and description."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from maturity.charts.svg import Box
from maturity.charts.text import ASCENT, DESCENT, LINE_HEIGHT, measure

SVG = "{http://www.w3.org/2000/svg}"


@dataclass
class Drawing:
    root: ET.Element
    width: float
    height: float

    @property
    def title(self) -> str:
        return self.root.find(f"{SVG}title").text or ""

    @property
    def description(self) -> str:
        return self.root.find(f"{SVG}desc").text or ""

    def labels(self) -> list[tuple[list[str], Box]]:
        found = []
        for text in self.root.iter(f"{SVG}text"):
            lines = [span.text or "" for span in text.iter(f"{SVG}tspan")]
            size = float(text.get("font-size"))
            bold = text.get("font-weight") == "bold"
            width = max(measure(line, size, bold=bold) for line in lines)
            x, y = float(text.get("x")), float(text.get("y"))
            left = {"start": x, "middle": x - width / 2, "end": x - width}[text.get("text-anchor")]
            box = Box(left, y - ASCENT * size, left + width, y + (len(lines) - 1) * LINE_HEIGHT * size + DESCENT * size)
            found.append((lines, box))
        return found

    def words(self) -> list[str]:
        """Each label's text as written before it was wrapped (a line broken at a hyphen joins up)."""
        return [" ".join(lines).replace("- ", "-") for lines, _ in self.labels()]

    def numbers(self) -> list[str]:
        """The figures drawn (not the numbers of the scale)."""
        figures = [
            " ".join(span.text or "" for span in text.iter(f"{SVG}tspan"))
            for text in self.root.iter(f"{SVG}text")
            if text.get("class") != "scale"
        ]
        return [word for word in figures if re.fullmatch(r"[−+-]?\d+%?( points)?", word)]

    def scale(self) -> list[str]:
        return [
            " ".join(span.text or "" for span in text.iter(f"{SVG}tspan"))
            for text in self.root.iter(f"{SVG}text")
            if text.get("class") == "scale"
        ]

    def count(self, tag: str) -> int:
        return sum(1 for _ in self.root.iter(f"{SVG}{tag}"))


def read(svg: str) -> Drawing:
    root = ET.fromstring(svg)
    _, _, width, height = (float(v) for v in root.get("viewBox").split())
    return Drawing(root, width, height)


def assert_well_made(chart) -> Drawing:
    """What every chart must be: an image named by its title and described, pointing to the
    table of the same figures, every label inside the drawing and none overlapping another."""
    drawing = read(str(chart.svg))
    root = drawing.root
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root.find(f"{SVG}title").get("id") == title_id and drawing.title.strip()
    assert root.find(f"{SVG}desc").get("id") == desc_id and drawing.description.strip()
    labels = drawing.labels()
    for lines, box in labels:
        assert box.inside(drawing.width, drawing.height), f"{lines} runs off the drawing: {box}"
    for i, (lines, box) in enumerate(labels):
        for other_lines, other in labels[i + 1 :]:
            assert not box.overlaps(other), f"{lines} overlaps {other_lines}"
    cells = {cell for row in chart.table.rows for cell in row}
    for number in drawing.numbers():
        assert any(number in cell for cell in cells), f"{number} is drawn but is not in the table"
    assert chart.table.caption and chart.table.head and chart.table.rows
    return drawing
