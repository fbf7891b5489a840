"""What the group pages show, prepared from the models so that templates stay dumb.

The dashboard's figures come from `groups.figures` (pure, with the national suppression rule: no
figure describes 1 to 4 members that share only aggregates).
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from markupsafe import Markup

from maturity import charts, scoring
from maturity.assessments.models import Assessment, Response
from maturity.assessments.services import answer_of
from maturity.benchmarks import ledger
from maturity.frameworks import crosswalk, selectors
from maturity.frameworks import presenters as framework_presenters
from maturity.frameworks.models import Area, Framework
from maturity.groups import figures
from maturity.groups.access import GroupAccess
from maturity.groups.models import Group, GroupMember

RESULT_STATUSES = (Assessment.Status.SUBMITTED, Assessment.Status.SIGNED_OFF)
ASSESSMENT_TAGS = {
    Assessment.Status.IN_PROGRESS: "govuk-tag--light-blue",
    Assessment.Status.SUBMITTED: "govuk-tag--yellow",
    Assessment.Status.SIGNED_OFF: "govuk-tag--green",
}


def nav(access: GroupAccess, current: str) -> list[dict[str, Any]]:
    """The group's own sub-navigation, the current page marked."""
    slug = access.group.slug
    items = [
        ("dashboard", _("Dashboard")),
        ("members", _("Members")),
        ("targets", _("Targets")),
        ("variant", _("Group's own areas")),
        ("leads", _("Group leads")),
    ]
    return [
        {"text": text, "href": reverse(f"groups:{name}", kwargs={"group_slug": slug}), "current": name == current}
        for name, text in items
    ]


def page(access: GroupAccess, current: str) -> dict[str, Any]:
    return {"access": access, "group": access.group, "group_nav": nav(access, current)}


def group_list(groups: list[Group]) -> list[dict[str, Any]]:
    return [
        {
            "group": group,
            "kind": group.get_kind_display(),
            "members": group.member_count,
            "link": format_html(
                '<a class="govuk-link" href="{}">{}</a>',
                reverse("groups:dashboard", kwargs={"group_slug": group.slug}),
                group.name,
            ),
        }
        for group in groups
    ]


# --- The areas of the group's strategy ------------------------------------------------------------


def national_framework() -> Framework | None:
    """The national framework the group pages work with: the latest published version."""
    return selectors.published_national().first()


def published_variant(group: Group, framework: Framework | None) -> Framework | None:
    if framework is None:
        return None
    return group.variants.filter(extends=framework, status=Framework.Status.PUBLISHED).first()


def strategy_areas(group: Group) -> tuple[Framework | None, list[Area]]:
    """The areas of the national framework, then the group's own areas (of its published variant)."""
    framework = national_framework()
    if framework is None:
        return None, []
    areas = list(framework.areas.select_related("section").order_by("position"))
    variant = published_variant(group, framework)
    if variant is not None:
        areas += list(variant.areas.select_related("section").order_by("position"))
    return framework, areas


# --- The dashboard ----------------------------------------------------------------------------------


def _latest(assessments: list[Assessment]) -> dict[int, Assessment]:
    latest: dict[int, Assessment] = {}
    for assessment in assessments:  # newest first
        latest.setdefault(assessment.organisation_id, assessment)
    return latest


def dashboard(access: GroupAccess) -> dict[str, Any]:
    group = access.group
    framework, areas = strategy_areas(group)
    everyone = list(group.members.select_related("organisation").order_by("organisation__name"))
    # Only members that accepted count: a pending one shows nothing of its own (ADR 0016).
    members = [m for m in everyone if m.is_accepted]
    assessments = list(
        Assessment.objects.filter(
            organisation__group_memberships__group=group, organisation__group_memberships__accepted_at__isnull=False
        )
        .select_related("framework")
        .order_by("-created_at", "-pk")
    )
    latest = _latest(assessments)
    latest_result = _latest([a for a in assessments if a.status in RESULT_STATUSES])
    responses = list(
        Response.objects.filter(assessment__in={*latest.values(), *latest_result.values()}).select_related("area")
    )
    completed: dict[int, int] = {}
    totals: dict[int, int] = {}
    levels: dict[int, dict[str, tuple[int | None, int | None]]] = {}
    for response in responses:
        assessment_id = response.assessment_id
        totals[assessment_id] = totals.get(assessment_id, 0) + 1
        if scoring.area_status(answer_of(response)) == scoring.COMPLETED:
            completed[assessment_id] = completed.get(assessment_id, 0) + 1
        levels.setdefault(assessment_id, {})[response.area.key] = (response.current_level, response.target_level)

    names = framework.level_names if framework else {}
    key_map = selectors.trend_key_map(framework) if framework else {}
    per_member = {
        m.organisation_id: _member_levels(levels.get(latest_result[m.organisation_id].pk, {}))
        if m.organisation_id in latest_result
        else None
        for m in members
    }
    targets = {t.area_key: t.level for t in group.targets.all()}
    rows = []
    for area in areas:
        member_levels = [
            figures.MemberLevel(
                name=m.organisation.name,
                named=m.sharing == GroupMember.Sharing.NAMED,
                current=crosswalk.trend_level(per_member[m.organisation_id][0], area.key, key_map),
                target=crosswalk.trend_level(per_member[m.organisation_id][1], area.key, key_map),
                record=_record(latest_result[m.organisation_id]),
            )
            for m in members
            if per_member[m.organisation_id] is not None
        ]
        rows.append(_area_row(area, member_levels, targets.get(area.key), names))
    _over_time(group, rows, names)
    return {
        **page(access, "dashboard"),
        "framework": framework,
        "progress": _progress(everyone, latest, completed, totals),
        "pending": sum(1 for m in everyone if not m.is_accepted),
        "member_count": len(members),
        "with_results": sum(1 for value in per_member.values() if value is not None),
        "spread_table": _spread_table(rows),
        "heatmap": members_heatmap(rows, names),
        "aggregates_only": sum(1 for m in members if m.sharing != GroupMember.Sharing.NAMED),
        "behind": [row for row in rows if row["target"] is not None],
        "threshold": figures.SUPPRESSION_THRESHOLD,
    }


def _record(assessment: Assessment) -> str:
    """A member's results as the dashboard shows them: its assessment as last submitted (signing
    it off changes no answer, so it is the same record; reopened and submitted again, another)."""
    when = assessment.submitted_at or assessment.signed_off_at
    return ledger.record(assessment.organisation_id, assessment.pk, when.isoformat() if when else "")


def _over_time(group: Group, rows: list[dict[str, Any]], names: dict[int, str]) -> None:
    """Rule 5: withhold the spreads that, compared with what the group's dashboard showed before,
    would describe fewer than 5 members sharing only aggregates; remember what is shown."""
    kind = f"group:{group.pk}"
    spreads = {
        row["area"].key: {
            "current": (row["current"], [m for m in row["members"] if m.current is not None]),
            "aims": (row["aims"], [m for m in row["members"] if m.target is not None]),
        }
        for row in rows
    }
    hidden, shown = figures.over_time(spreads, ledger.earlier(kind))
    for row in rows:
        for measure in ("current", "aims"):
            if (row["area"].key, measure) in hidden:
                row[measure] = figures.withheld(row[measure], figures.CHANGED)
                row[f"{measure}_text"] = _spread_text(row[measure], names)
        if (row["area"].key, "current") in hidden and row["behind"] is not None:
            row["behind"] = figures.Behind(row["behind"].named, None)
    ledger.remember(kind, shown, source=kind)


def _member_levels(
    levels: dict[str, tuple[int | None, int | None]],
) -> tuple[dict[str, int | None], dict[str, int | None]]:
    return ({key: pair[0] for key, pair in levels.items()}, {key: pair[1] for key, pair in levels.items()})


def _area_row(
    area: Area, members: list[figures.MemberLevel], target: int | None, names: dict[int, str]
) -> dict[str, Any]:
    # Members sharing only aggregates, of those each figure is made from (the one rule: figures.shown).
    current = figures.spread(
        [m.current for m in members], others=sum(1 for m in members if m.current is not None and not m.named)
    )
    aims = figures.spread(
        [m.target for m in members], others=sum(1 for m in members if m.target is not None and not m.named)
    )
    behind = figures.behind_target(members, target) if target is not None else None
    return {
        "area": area,
        "members": members,
        "target": target,
        "target_text": figures.level_text(target, names) if target is not None else _("None set"),
        "current": current,
        "aims": aims,
        "current_text": _spread_text(current, names),
        "aims_text": _spread_text(aims, names),
        "behind": behind,
        "behind_named": [{"name": m.name, "level": figures.level_text(m.current, names)} for m in behind.named]
        if behind
        else [],
    }


def _spread_text(spread: figures.Spread, names: dict[int, str]) -> str:
    if spread.count == 0:
        return _("No results yet")
    if spread.reason == figures.UNANIMOUS:
        return _("Not shown: every member is at one level, which would tell each member's level")
    if spread.reason == figures.CHANGED:
        return _(
            "Not shown: fewer than %(threshold)s members' results have changed since the group last saw this "
            "figure, so comparing the two would reveal theirs"
        ) % {"threshold": figures.SUPPRESSION_THRESHOLD}
    if spread.suppressed:
        return _("Not shown: fewer than %(threshold)s members who share only aggregates have results") % {
            "threshold": figures.SUPPRESSION_THRESHOLD
        }
    return _("Median %(median)s (lowest %(lowest)s, highest %(highest)s)") % {
        "median": figures.level_text(spread.median, names),
        "lowest": spread.minimum,
        "highest": spread.maximum,
    }


MEDIAN_COLUMN = gettext_lazy("Median of all members answering")


def members_heatmap(rows: list[dict[str, Any]], names: dict[int, str]) -> charts.Chart | None:
    """Areas against the members that share named results with the group (only those), and the
    median of all members answering where the one rule lets it be shown; the group's target in
    each area marks the cells below it."""
    named = sorted({m.name for row in rows for m in row["members"] if m.named}, key=str.lower)
    heat_rows = []
    for row in rows:
        levels = {m.name: m.current for m in row["members"] if m.named}
        median = row["current"].median if row["current"].shown else None
        heat_rows.append(
            charts.HeatmapRow(row["area"].label, (*(levels.get(name) for name in named), median), mark=row["target"])
        )
    return charts.heatmap(
        id="members-heatmap",
        title=_("Current level of each member sharing named results, by area, against the group's targets"),
        description=_(
            "Heat map: areas down the side, members across, each cell shaded by level with its level written in it; "
            "a cell below the group's target has a black outline and a bar along its top. The last column is the "
            "median of all members answering, where it can be shown. The table after the chart gives the same "
            "figures."
        ),
        columns=[*named, str(MEDIAN_COLUMN)],
        rows=heat_rows,
        level_names=names,
        table_caption=_("Current level of each member sharing named results, and the group's target"),
        empty=_("not answered yet, or (for the median) not shown to protect members who share only aggregates"),
        mark_name=_("the group's target"),
    )


def _spread_table(rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "caption": _("The group's targets and where its members stand"),
        "captionClasses": "govuk-table__caption--m",
        "firstCellIsHeader": True,
        "head": [
            {"text": _("Area")},
            {"text": _("Group target")},
            {"text": _("Members' current level")},
            {"text": _("Members' own targets")},
            {"text": _("Members with results"), "format": "numeric"},
        ],
        "rows": [
            [
                {
                    "text": _("%(area)s (the group's own area)") % {"area": row["area"].label}
                    if row["area"].framework.group_id
                    else row["area"].label
                },
                {"text": row["target_text"]},
                {"text": row["current_text"]},
                {"text": row["aims_text"]},
                {"text": str(row["current"].count), "format": "numeric"},
            ]
            for row in rows
        ],
    }


def _progress(
    members: list[GroupMember], latest: dict[int, Assessment], completed: dict[int, int], totals: dict[int, int]
) -> list[dict[str, Any]]:
    rows = []
    for member in members:
        if not member.is_accepted:
            rows.append(
                {
                    "name": member.organisation.name,
                    "title": _("Not shown until the organisation accepts"),
                    "tag": {"text": _("Waiting for acceptance"), "classes": "govuk-tag--grey"},
                    "progress": "",
                    "sharing": _("Not accepted yet"),
                }
            )
            continue
        assessment = latest.get(member.organisation_id)
        rows.append(
            {
                "name": member.organisation.name,
                "title": assessment.title if assessment else _("No assessment yet"),
                "tag": {"text": assessment.get_status_display(), "classes": ASSESSMENT_TAGS[assessment.status]}
                if assessment
                else {"text": _("Not started"), "classes": "govuk-tag--grey"},
                "progress": _("%(part)s of %(whole)s")
                % {"part": completed.get(assessment.pk, 0), "whole": totals.get(assessment.pk, 0)}
                if assessment
                else "",
                "sharing": _("Named results") if member.sharing == GroupMember.Sharing.NAMED else _("Aggregates only"),
            }
        )
    return rows


# --- Members, leads, targets, variant ---------------------------------------------------------------


def members_page(access: GroupAccess, found: list, query: str) -> dict[str, Any]:
    group = access.group
    members = list(group.members.select_related("organisation").order_by("organisation__name"))
    manual = group.kind != Group.Kind.REGION
    rows = []
    for member in members:
        row = [
            {"text": member.organisation.name},
            {"text": member.organisation.type_name()},
            {"text": member.organisation.region},
            {
                "html": format_html(
                    '<strong class="govuk-tag govuk-tag--{}">{}</strong>',
                    *("green", _("Accepted")) if member.is_accepted else ("grey", _("Waiting for acceptance")),
                )
            },
        ]
        if manual:
            url = reverse("groups:remove-member", kwargs={"group_slug": group.slug, "member_id": member.pk})
            row.append(
                {
                    "html": format_html(
                        '<a class="govuk-link" href="{}">{}</a>',
                        url,
                        Markup(_('Remove<span class="govuk-visually-hidden"> %(organisation)s</span>'))
                        % {"organisation": member.organisation.name},
                    )
                }
            )
        rows.append(row)
    head = [{"text": _("Organisation")}, {"text": _("Type")}, {"text": _("Region")}, {"text": _("Membership")}]
    if manual:
        head.append({"html": format_html('<span class="govuk-visually-hidden">{}</span>', _("Actions"))})
    return {
        **page(access, "members"),
        "manual": manual,
        "members_table": {
            "caption": _("Members of %(group)s (%(count)s)") % {"group": group.name, "count": len(members)},
            "captionClasses": "govuk-table__caption--m",
            "firstCellIsHeader": True,
            "head": head,
            "rows": rows,
        }
        if members
        else None,
        "found": [
            {
                "organisation": organisation,
                "button_html": Markup(_('Add<span class="govuk-visually-hidden"> %(organisation)s to the group</span>'))
                % {"organisation": organisation.name},
            }
            for organisation in found
        ],
        "query": query,
    }


def leads_page(access: GroupAccess) -> dict[str, Any]:
    group = access.group
    leads = list(group.leads.select_related("user").order_by("user__full_name", "user__email"))
    return {
        **page(access, "leads"),
        "leads": [
            {
                "lead": lead,
                "name": lead.user.full_name or lead.user.email,
                "remove_url": reverse("groups:remove-lead", kwargs={"group_slug": group.slug, "lead_id": lead.pk}),
            }
            for lead in leads
        ],
    }


def targets_sections(areas: list[Area], form) -> list[dict[str, Any]]:
    sections: dict[int, dict[str, Any]] = {}
    for area in areas:
        entry = sections.setdefault(area.section_id, {"section": area.section, "fields": []})
        entry["fields"].append(form[area.key])
    return list(sections.values())


def variant_page(access: GroupAccess) -> dict[str, Any]:
    group = access.group
    variants = list(group.variants.select_related("extends").order_by("-pk"))
    draft = next((v for v in variants if v.status == Framework.Status.DRAFT), None)
    published = [v for v in variants if v.status == Framework.Status.PUBLISHED]
    return {
        **page(access, "variant"),
        "draft": draft,
        "draft_sections": framework_presenters.full_text(draft) if draft else [],
        "published": [{"framework": v, "sections": framework_presenters.full_text(v)} for v in published],
        "retired": [v for v in variants if v.status == Framework.Status.RETIRED],
    }


# --- An organisation's groups, and what it shares with each --------------------------------------


def sharing_page(access, forms: dict[int, Any]) -> dict[str, Any]:
    organisation = access.organisation
    everyone = list(organisation.group_memberships.select_related("group").order_by("group__kind", "group__name"))
    memberships = [m for m in everyone if m.is_accepted]
    return {
        "access": access,
        "organisation": organisation,
        "is_lead": access.is_lead,
        "pending": [{"member": m} for m in everyone if not m.is_accepted],
        "memberships": [
            {
                "member": member,
                "form": forms.get(member.pk),
                "sharing": member.get_sharing_display(),
                "button_html": Markup(_('Save<span class="govuk-visually-hidden"> what %(group)s may see</span>'))
                % {"group": member.group.name},
            }
            for member in memberships
        ],
    }
