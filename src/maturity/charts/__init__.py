"""One chart module for the whole product: server-side SVG with no JavaScript, the same code for
the pages and the PDFs (ADR 0022). Each kind is a pure function over plain data that returns a
`Chart` (its drawing, title, description, key, notes on what is withheld, and the table of the
same figures) or None when there is nothing that may be drawn; `templates/includes/chart.html`
puts it on a page."""

from maturity.charts.bars import Row as BarsRow
from maturity.charts.bars import Series as BarsSeries
from maturity.charts.bars import bars
from maturity.charts.heatmap import Row as HeatmapRow
from maturity.charts.heatmap import heatmap
from maturity.charts.lines import Row as LinesRow
from maturity.charts.lines import lines
from maturity.charts.radar import Series as RadarSeries
from maturity.charts.radar import radar
from maturity.charts.strip import Row as StripRow
from maturity.charts.strip import strip
from maturity.charts.svg import CURRENT, MEDIAN, TARGET, Chart, LayoutError, Table, label_problems, level_text

__all__ = [
    "CURRENT",
    "MEDIAN",
    "TARGET",
    "BarsRow",
    "BarsSeries",
    "Chart",
    "HeatmapRow",
    "LayoutError",
    "LinesRow",
    "RadarSeries",
    "StripRow",
    "Table",
    "bars",
    "heatmap",
    "label_problems",
    "level_text",
    "lines",
    "radar",
    "strip",
]
