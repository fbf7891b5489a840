"""The group dashboard's heat map: members by area, named only where they agreed, the group's
targets marked, and the median of all members only where the one rule lets it be shown."""

from __future__ import annotations

from maturity.groups.models import GroupTarget
from tests.charts.drawing import SVG, assert_well_made, read
from tests.groups.conftest import councils, join, submitted
from tests.html import elements

AREA = "engaging-councillors"


def test_named_members_are_columns_with_their_levels_and_cells_below_the_target_are_marked(
    client, consortium, group_lead, nps
):
    members = councils(3)
    for (organisation, user), current in zip(members, (1, 2, 4)):
        join(consortium, organisation, "named")
        submitted(organisation, user, nps, {AREA: (current, 4)})
    GroupTarget.objects.create(group=consortium, area_key=AREA, level=3)
    client.force_login(group_lead)
    page = client.get("/groups/test-consortium/").content.decode()
    svg = page[page.index('<svg xmlns="http://www.w3.org/2000/svg" class="app-chart__svg app-chart__svg--heatmap"') :]
    drawing = read(svg[: svg.index("</svg>") + len("</svg>")])
    assert {"Council A", "Council B", "Council C"} <= set(drawing.words())
    outlined = [r for r in drawing.root.iter(f"{SVG}rect") if r.get("stroke") == "#0b0c0c"]
    assert len(outlined) == 3  # councils A (1) and B (2), and their median (2), are below the target of 3
    assert "1 Minimum (below target)" in page and "The figures of this chart as a table" in page
    assert any(
        region.get("aria-label").startswith("Current level of each member sharing named results")
        for region in elements(page, role="region", attrs={"aria-label": True})
    )


def test_members_sharing_only_aggregates_are_never_named_and_a_small_median_is_not_drawn(
    client, consortium, group_lead, nps
):
    members = councils(4)
    for i, ((organisation, user), current) in enumerate(zip(members, (1, 2, 4, 5))):
        join(consortium, organisation, "named" if i < 2 else "aggregates")
        submitted(organisation, user, nps, {AREA: (current, 4)})
    client.force_login(group_lead)
    page = client.get("/groups/test-consortium/").content.decode()
    chart_part = page[page.index("Members by area") : page.index("Members behind the group")]
    assert "Council A" in chart_part and "Council B" in chart_part
    assert "Council C" not in chart_part and "Council D" not in chart_part
    assert "the 2 members sharing only aggregates are counted in the median alone" in chart_part
    assert "Median of all members answering" in chart_part
    # 2 named and 2 sharing only aggregates: the median could give the others away, so its cell
    # is empty and says why in the table.
    assert "Not answered yet, or (for the median) not shown" in chart_part


def test_the_heat_map_of_many_areas_is_well_made(consortium, nps):
    from maturity.groups import figures
    from maturity.workplace import group_presenters as presenters

    areas = list(nps.areas.order_by("position"))
    rows = [
        {
            "area": area,
            "target": 3,
            "current": figures.spread([2, 3, 4, 3, 2], all_named=True),
            "members": [
                figures.MemberLevel(f"Member {n} of the Westmorland and Furness consortium", True, (n + i) % 5 + 1, 4)
                for n in range(5)
            ],
        }
        for i, area in enumerate(areas)
    ]
    chart = presenters.members_heatmap(rows, nps.level_names)
    assert_well_made(chart)
    assert len(chart.table.rows) == len(areas)
