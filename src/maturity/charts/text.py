"""Measuring and wrapping chart labels with the font's own metrics (Liberation Sans, the metrics
of Arial, which the pages and the PDFs both use), so a label's box is known before it is drawn
and none can overlap another or run off the drawing."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

# Liberation Sans: ascender and descender in ems (the box of a line of text).
ASCENT = 0.905
DESCENT = 0.212
LINE_HEIGHT = 1.2
# Kerning and a browser's rounding can make a line a little wider than the sum of its advances.
SAFETY = 1.03
# A character the table does not cover is taken as wide as the widest common one.
UNKNOWN = 1000


@lru_cache(maxsize=1)
def _widths() -> dict[str, dict[str, int]]:
    data = json.loads((Path(__file__).parent / "data" / "liberation-sans.json").read_text(encoding="utf-8"))
    return {"regular": data["regular"], "bold": data["bold"]}


def measure(text: str, size: float, *, bold: bool = False) -> float:
    """The width of one line of `text` at `size` (in the drawing's units)."""
    return _em_width(text, bold) * size / 1000 * SAFETY


@lru_cache(maxsize=4096)
def _em_width(text: str, bold: bool) -> int:
    """In thousandths of an em: kept, as the same labels and words are measured again and again
    while a chart is laid out (a radar tries each radius) and checked."""
    table = _widths()["bold" if bold else "regular"]
    return sum(table.get(ch, UNKNOWN) for ch in text)


def wrap(text: str, width: float, size: float, *, bold: bool = False) -> list[str]:
    """`text` broken at spaces into lines no wider than `width`; a word wider than that on its
    own is broken after a hyphen if it has one, otherwise it keeps its line (the caller's layout
    then makes room for it, as it measures every line)."""
    lines: list[str] = []
    for piece, joiner in _pieces(text, width, size, bold=bold):
        if lines and measure(f"{lines[-1]}{joiner}{piece}", size, bold=bold) <= width:
            lines[-1] = f"{lines[-1]}{joiner}{piece}"
        else:
            lines.append(piece)
    return lines or [""]


def _pieces(text: str, width: float, size: float, *, bold: bool) -> list[tuple[str, str]]:
    """The words, each with what joins it to the one before on the same line: a space, or
    nothing for the parts of a long hyphenated word ("Stockton-" "on-" "Tees")."""
    pieces = []
    for word in text.split():
        if measure(word, size, bold=bold) > width and "-" in word.strip("-"):
            parts = word.split("-")
            pieces.append((f"{parts[0]}-", " "))
            pieces.extend((f"{part}-", "") for part in parts[1:-1])
            pieces.append((parts[-1], ""))
        else:
            pieces.append((word, " "))
    return pieces


def block_width(lines: list[str] | tuple[str, ...], size: float, *, bold: bool = False) -> float:
    return max((measure(line, size, bold=bold) for line in lines), default=0.0)


def block_height(count: int, size: float) -> float:
    """From the top of the first line to the bottom of the last."""
    return (ASCENT + DESCENT) * size + (count - 1) * LINE_HEIGHT * size
