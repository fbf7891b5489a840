"""Writes src/maturity/charts/data/liberation-sans.json: the advance width of each character of
Liberation Sans (Arial's metrics), regular and bold, in thousandths of an em, which the charts
use to measure their labels. Run again only if the characters covered should change:

    .venv/bin/python assets/font_metrics.py /usr/share/fonts/truetype/liberation2
"""

import json
import pathlib
import sys

from fontTools.ttLib import TTFont

# Basic Latin, Latin-1 and Latin Extended-A (Welsh and other names), and the typographic marks
# the interface writes (dashes, curly quotes, ellipsis, minus, bullet, pound and euro).
CHARACTERS = [*range(0x20, 0x7F), *range(0xA0, 0x180), 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D,
              0x2026, 0x2022, 0x2212, 0x20AC, 0x2264, 0x2265]


def widths(path: pathlib.Path) -> dict[str, int]:
    font = TTFont(path)
    per_em = font["head"].unitsPerEm
    cmap = font.getBestCmap()
    metrics = font["hmtx"]
    return {chr(c): round(metrics[cmap[c]][0] * 1000 / per_em) for c in CHARACTERS if c in cmap}


def main(folder: str) -> None:
    fonts = pathlib.Path(folder)
    data = {
        "font": "Liberation Sans 2 (metrics of Arial)",
        "regular": widths(fonts / "LiberationSans-Regular.ttf"),
        "bold": widths(fonts / "LiberationSans-Bold.ttf"),
    }
    out = pathlib.Path(__file__).resolve().parent.parent / "src/maturity/charts/data/liberation-sans.json"
    out.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/truetype/liberation2")
