"""Each kind of chart, drawn from plain data and read back: an image with a title, a description
and the same figures in its table; every label inside the drawing and none on another; withheld
figures never drawn, said in words instead; nothing to draw, no chart."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from maturity import charts
from maturity.charts import text
from maturity.charts.radar import _separate
from maturity.frameworks import loader
from tests.charts.drawing import SVG, assert_well_made, read

NAMES = {1: "Minimum", 2: "Developing", 3: "Mature", 4: "Leader", 5: "Innovator"}
PHONE_CONTENT_WIDTH = 290  # a 320 px screen less the page's margins


def nps_areas() -> list[dict]:
    data = yaml.safe_load(loader.bundled_path().read_text(encoding="utf-8"))
    return [area for section in data["sections"] for area in section["areas"]]


LABELS = [area.get("short_title") or area["title"] for area in nps_areas()]
FULL_TITLES = [area["title"] for area in nps_areas()]


def on_a_phone(drawing, size: float) -> float:
    """The height in CSS pixels of text of `size` units when the chart fills a phone's column."""
    return size * min(1.0, PHONE_CONTENT_WIDTH / drawing.width)


def radar(labels, current, target):
    return charts.radar(
        id="radar",
        title="Current and target levels",
        description="Each spoke is an area.",
        labels=labels,
        series=[
            charts.RadarSeries("Now", current, charts.CURRENT),
            charts.RadarSeries("Target", target, charts.TARGET),
        ],
        level_names=NAMES,
        table_caption="Current and target level in each area",
    )


# --- Radar ---------------------------------------------------------------------------------------


def test_the_radar_of_fourteen_areas_fits_a_phone_with_every_label_whole_and_readable():
    current = [2, 3, 1, 4, 2, 3, None, 5, 2, 1, 3, 2, 4, 3]
    target = [4, 4, 3, 5, 3, 4, 3, 5, 3, 3, 4, 3, 5, 4]
    chart = radar(LABELS, current, target)
    drawing = assert_well_made(chart)
    assert drawing.width <= 360  # not 960 px square: 450 px wide on a desktop, the column's width on a phone
    sizes = [float(t.get("font-size")) for t in drawing.root.iter(f"{SVG}text") if t.get("class") != "scale"]
    assert min(on_a_phone(drawing, size) for size in sizes) >= 11
    assert sorted(drawing.words()) == sorted([*LABELS, *map(str, range(1, 6))])
    assert chart.table.rows[6] == (LABELS[6], "Not answered", "3 Mature")
    assert drawing.count("circle") == 13 and drawing.count("rect") == 14  # a marker per answered level


def test_the_radar_keeps_long_area_titles_inside_the_drawing():
    assert_well_made(radar(FULL_TITLES, [3] * 14, [4] * 14))


def test_the_first_spoke_points_straight_up_and_its_label_sits_above_the_rings():
    drawing = read(str(radar(LABELS[:5], [1, 2, 3, 4, 5], [5] * 5).svg))
    first = next(box for lines, box in drawing.labels() if " ".join(lines) == LABELS[0])
    centre = float(next(drawing.root.iter(f"{SVG}line")).get("x1"))  # where the spokes start
    assert (first.left + first.right) / 2 == pytest.approx(centre, abs=0.5)
    rings = list(drawing.root.iter(f"{SVG}polygon"))
    top_of_rings = min(float(pt.split(",")[1]) for p in rings for pt in p.get("points").split())
    assert first.bottom <= top_of_rings


def test_a_radar_with_nothing_answered_is_not_drawn():
    assert radar(LABELS, [None] * 14, [None] * 14) is None


words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzŵÂ()-", min_size=1, max_size=14)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(words, min_size=1, max_size=6).map(" ".join), min_size=3, max_size=16))
def test_any_labels_are_placed_without_overlap_or_clipping(labels):
    assert_well_made(radar(labels, [3] * len(labels), [4] * len(labels)))


# Label boxes (left, top, right, bottom) from a radar whose labels hypothesis chose: the fourth,
# moving up, met the fifth a hair short of clearing it, and moved by 0.0 for ever (a page that
# never answered). Now each label is placed past what it hits, and none overlaps another.
HUNG = [
    (-42.07755999999999, -122.43799999999999, 42.077560000000005, -89.99999999999999),
    (13.166434189202066, -130.51314813691118, 82.09403418920206, -81.27514813691118),
    (51.551895450629345, -76.98747822888689, 134.09197545062935, -61.34947822888689),
    (80.34299744457061, -103.3254148298545, 154.0724574445706, -3.6874148298544895),
    (90.0, -7.819, 132.4669, 7.819),
    (82.69198372671131, 29.614710670520722, 94.70384372671131, 45.25271067052072),
    (51.90455938860606, 58.889175190853884, 132.03649938860605, 91.3271751908539),
    (31.966834949185962, 82.55397199072155, 39.98435494918596, 98.19197199072156),
    (-2.400929999999995, 90.0, 2.4009300000000056, 105.638),
    (-97.59605862533488, 79.35691235619561, -6.245358625334873, 178.9949123561956),
    (-87.56682865752741, 61.349478228886895, -59.5343486575274, 76.9874782288869),
    (-115.51060087082087, 29.61471067052077, -81.86874087082086, 45.25271067052077),
    (-154.90442000000002, -41.41899999999998, -90.00000000000001, 41.419000000000025),
    (-177.22344256024985, -45.25271067052075, -79.42700256024986, -29.61471067052075),
    (-132.04880762849842, -120.00656911478788, -51.90244762849842, -53.96856911478788),
    (-94.82463560717103, -114.35256006381634, -7.482695607171024, -81.91456006381634),
]


def test_labels_a_hair_short_of_clearing_each_other_are_still_separated():
    placed = _separate(HUNG)
    for n, (left, top, right, bottom) in enumerate(placed):
        assert right - left == pytest.approx(HUNG[n][2] - HUNG[n][0]) and bottom - top == pytest.approx(
            HUNG[n][3] - HUNG[n][1]
        )
        for other in placed[n + 1 :]:
            assert not (left < other[2] and other[0] < right and top < other[3] and other[1] < bottom), (n, other)


# --- Strip: where a council stands among similar councils ------------------------------------------


def strip_rows():
    return [
        charts.StripRow(LABELS[0], 3, 2, 4, own=2),
        charts.StripRow(LABELS[1], None, None, None, own=3),  # withheld
        charts.StripRow(LABELS[2], 2, None, None, own=5),  # too few for quartiles
        charts.StripRow(LABELS[3], 4, 3, 5, own=None),
    ]


def strip(rows):
    return charts.strip(
        id="standing",
        title="Where you stand",
        description="A strip per area.",
        rows=rows,
        level_names=NAMES,
        table_caption="Your level against similar councils",
        population="similar councils",
        own="Your council now",
        withheld_reason=" (too few)",
    )


def test_the_strip_draws_only_what_is_shown_and_says_in_words_what_is_withheld():
    chart = strip(strip_rows())
    drawing = assert_well_made(chart)
    assert LABELS[1] not in drawing.words()
    assert chart.notes == [f"Not drawn, as their figures are withheld (too few): {LABELS[1]}."]
    assert drawing.count("polygon") == 3  # a median diamond per row drawn
    assert drawing.count("circle") == 2  # the council's own level where it answered
    assert drawing.scale() == ["1", "2", "3", "4", "5"]
    assert chart.table.rows[1] == (LABELS[1], "3 Mature", "Withheld", "Withheld")
    assert chart.table.rows[2][3] == "Not given for so few"


def test_a_strip_whose_every_figure_is_withheld_is_not_drawn():
    assert strip([charts.StripRow(label, None, own=3) for label in LABELS]) is None


# --- Lines: levels over assessments --------------------------------------------------------------


def test_the_trend_has_a_panel_per_area_and_breaks_the_line_at_a_gap():
    chart = charts.lines(
        id="trend",
        title="Over time",
        description="A panel per area.",
        columns=["Self-assessment 2022 (1 March 2022)", "Self-assessment 2024 (3 April 2024)", "This one"],
        rows=[
            charts.LinesRow(LABELS[0], (1, 2, 3)),
            charts.LinesRow(LABELS[4], (2, None, 4)),
            charts.LinesRow(FULL_TITLES[4], (None, None, 5)),
        ],
        level_names=NAMES,
        table_caption="Current level across assessments",
    )
    drawing = assert_well_made(chart)
    assert drawing.count("polyline") == 1  # a gap breaks the line: only the first area joins points
    assert sorted(drawing.numbers()) == ["1", "2", "2", "3", "4", "5"]
    assert chart.table.rows[1] == (LABELS[4], "2 Developing", "–", "4 Leader")


def test_a_trend_of_many_assessments_numbers_its_columns_and_explains_the_numbers_above():
    columns = [f"Self-assessment {year} (6 December {year})" for year in (2018, 2020, 2022, 2024)] + [
        "Self-assessment 2027 (this assessment)"
    ]
    chart = charts.lines(
        id="trend",
        title="Over time",
        description="A panel per area.",
        columns=columns,
        rows=[charts.LinesRow(LABELS[0], (1, 2, 2, 3, 4)), charts.LinesRow(LABELS[1], (2, 2, 3, 3, 3))],
        level_names=NAMES,
        table_caption="Current level across assessments",
    )
    drawing = assert_well_made(chart)
    texts = drawing.words()
    for number, heading in enumerate(columns, 1):
        assert f"{number}. {heading}" in texts  # each heading whole, on a line of its own
        assert str(number) in texts  # and its number above its column
    assert chart.table.head == ("Area", *(f"{n}. {c}" for n, c in enumerate(columns, 1)))


def test_a_trend_needs_two_assessments():
    assert (
        charts.lines(
            id="t",
            title="t",
            description="d",
            columns=["Only one"],
            rows=[charts.LinesRow("a", (3,))],
            level_names=NAMES,
            table_caption="c",
        )
        is None
    )


# --- Bars ---------------------------------------------------------------------------------------


def bars(rows, **options):
    return charts.bars(
        id="levels",
        title="Respondents at each level",
        description="Bars per level.",
        rows=rows,
        series=[charts.BarsSeries("Now"), charts.BarsSeries("Target", hatched=True)],
        table_caption="Respondents at each level",
        row_header="Level",
        withheld_reason=" (fewer than 5)",
        **options,
    )


def test_a_withheld_count_has_no_bar_but_the_word_withheld():
    chart = bars(
        [
            charts.BarsRow("1 Minimum", (7, None)),
            charts.BarsRow("2 Developing", (None, None)),
            charts.BarsRow("3 Mature", (19, 14)),
        ]
    )
    drawing = assert_well_made(chart)
    bars_drawn = [r for r in drawing.root.iter(f"{SVG}rect") if r.get("height") == "16"]
    assert len(bars_drawn) == 3  # 7, 19 and 14: none for the withheld counts
    assert sorted(drawing.numbers()) == ["14", "19", "7"]
    assert drawing.words().count("withheld") == 1
    assert "2 Developing" not in drawing.words()
    assert chart.notes[0] == "Not drawn, as every figure is withheld (fewer than 5): 2 Developing."
    assert chart.table.rows[1] == ("2 Developing", "Withheld", "Withheld")


def test_a_bar_chart_with_every_figure_withheld_is_not_drawn():
    assert bars([charts.BarsRow(f"{n} {name}", (None, None)) for n, name in NAMES.items()]) is None


def test_a_fall_runs_left_from_zero_with_its_figure_outside_the_bar():
    chart = charts.bars(
        id="change",
        title="Change",
        description="Change per area.",
        rows=[charts.BarsRow(LABELS[0], (12,)), charts.BarsRow(LABELS[1], (-8,)), charts.BarsRow(LABELS[2], (0,))],
        series=[charts.BarsSeries("Change")],
        table_caption="Change since the last round",
        row_header="Area",
        withheld_reason="",
        text=lambda v: f"{v:+d} points",
    )
    drawing = assert_well_made(chart)
    rects = [r for r in drawing.root.iter(f"{SVG}rect") if r.get("height") == "16"]
    zero = float(rects[0].get("x"))
    assert float(rects[1].get("x")) < zero and float(rects[1].get("x")) + float(rects[1].get("width")) == pytest.approx(
        zero
    )
    assert sorted(drawing.numbers()) == ["+0 points", "+12 points", "-8 points"]


# --- Heat map -------------------------------------------------------------------------------------


def test_the_heat_map_writes_every_level_and_marks_cells_below_the_target():
    chart = charts.heatmap(
        id="members",
        title="Members by area",
        description="Areas down, members across.",
        columns=["Buckinghamshire Council", "Ynys Môn", "Other members (median of 6)"],
        rows=[charts.HeatmapRow(LABELS[0], (2, 4, 3), mark=3), charts.HeatmapRow(FULL_TITLES[4], (None, 5, None))],
        level_names=NAMES,
        table_caption="Current level of each member",
        empty="not answered yet",
        mark_name="the group's target",
    )
    drawing = assert_well_made(chart)
    assert sorted(drawing.numbers()) == ["2", "3", "4", "5"]
    assert chart.table.rows[0] == (LABELS[0], "2 Developing (below target)", "4 Leader", "3 Mature", "3 Mature")
    assert chart.table.rows[1][1] == "Not answered yet"
    outlined = [r for r in drawing.root.iter(f"{SVG}rect") if r.get("stroke") == "#0b0c0c"]
    assert len(outlined) == 1  # the one cell below the target


def test_a_heat_map_without_a_figure_is_not_drawn():
    assert (
        charts.heatmap(
            id="h",
            title="t",
            description="d",
            columns=["A"],
            rows=[charts.HeatmapRow("a", (None,))],
            level_names=NAMES,
            table_caption="c",
            empty="withheld",
        )
        is None
    )


# --- Text -----------------------------------------------------------------------------------------


def test_wrapping_keeps_lines_within_the_width_and_breaks_long_words_at_hyphens():
    lines = text.wrap("Enabling voluntary, community and social enterprise (VCSE) engagement", 90, 14)
    assert all(text.measure(line, 14) <= 90 for line in lines)
    assert " ".join(lines) == "Enabling voluntary, community and social enterprise (VCSE) engagement"
    lines = text.wrap("Stockton-on-Tees", 60, 14)
    assert len(lines) > 1 and "".join(lines) == "Stockton-on-Tees" and all(line.endswith("-") for line in lines[:-1])


def test_text_is_measured_with_the_fonts_own_widths():
    assert text.measure("iiii", 14) < text.measure("MMMM", 14)
    assert text.measure("Mature", 14, bold=True) > text.measure("Mature", 14)
