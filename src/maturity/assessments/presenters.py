"""What the assessment pages show, prepared in one place so that templates stay dumb."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from maturity import charts, scoring
from maturity.assessments.models import AREA_ORDER, Action, Assessment, Confidence, Response
from maturity.assessments.services import answer_of
from maturity.frameworks.crosswalk import trend_level
from maturity.frameworks.models import Area, Section
from maturity.frameworks.selectors import trend_key_map
from maturity.frameworks.text import in_english
from maturity.govuk import Cell, link
from maturity.words import counted, date_uk, join_words, number

# The statuses as the pages name them (scoring.STATUS_LABELS, in the page's language).
STATUS_LABELS = {
    scoring.NOT_STARTED: gettext_lazy("Not started"),
    scoring.IN_PROGRESS: gettext_lazy("In progress"),
    scoring.CARRIED_OVER: gettext_lazy("Carried over: confirm"),
    scoring.COMPLETED: gettext_lazy("Completed"),
}

STATUS_TAG_CLASSES = {
    scoring.NOT_STARTED: "govuk-tag--grey",
    scoring.IN_PROGRESS: "govuk-tag--light-blue",
    scoring.COMPLETED: "",
    scoring.CARRIED_OVER: "govuk-tag--yellow",
}


def assessment_url(name: str, assessment: Assessment, **kwargs) -> str:
    return reverse(
        f"assessments:{name}",
        kwargs={"slug": assessment.organisation.slug, "pk": assessment.pk, **kwargs},
    )


def responses_in_order(assessment: Assessment) -> list[Response]:
    responses = list(assessment.responses.select_related("area__section").order_by(*AREA_ORDER))
    share_frameworks(assessment, responses)
    return responses


def share_frameworks(assessment: Assessment, responses: list[Response]) -> None:
    """An area's framework is the assessment's, or the one a group's variant extends: give each
    area the one already read (the evidence beside the areas reads it), not a query per area."""
    framework = assessment.framework
    known = {f.pk: f for f in (framework, framework.extends if framework.extends_id else None) if f is not None}
    for response in responses:
        if response.area.framework_id in known:
            response.area.framework = known[response.area.framework_id]


@dataclass(frozen=True)
class AreaRow:
    response: Response
    area: Area
    status: str
    url: str

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])


def area_rows(assessment: Assessment, responses: list[Response]) -> list[AreaRow]:
    return [
        AreaRow(
            response=r,
            area=r.area,
            status=scoring.area_status(answer_of(r)),
            url=assessment_url("area", assessment, area_key=r.area.key),
        )
        for r in responses
    ]


def grouped(rows: list[AreaRow]) -> list[tuple[Section, list[AreaRow]]]:
    groups: dict[int, tuple[Section, list[AreaRow]]] = {}
    for row in rows:
        groups.setdefault(row.area.section_id, (row.area.section, []))[1].append(row)
    return sorted(groups.values(), key=lambda group: group[0].position)


def not_applicable_note(assessment: Assessment, assessed: set[int]) -> str:
    """Says which of the framework's areas are left out because they do not apply to the
    organisation's type, so that they do not disappear without a word."""
    organisation = assessment.organisation
    left_out = [
        area.label
        for area in assessment.framework.areas.order_by("position")
        if area.pk not in assessed and organisation.type in (area.not_applicable_to or [])
    ]
    if not left_out:
        return ""
    text = ngettext(
        "%(num)s area of %(framework)s does not apply to %(organisation)s's type of organisation (%(type)s), so it is "
        "not assessed: %(areas)s.",
        "%(num)s areas of %(framework)s do not apply to %(organisation)s's type of organisation (%(type)s), so they "
        "are not assessed: %(areas)s.",
        len(left_out),
    )
    return text % {
        "num": number(len(left_out)),
        "framework": assessment.framework.title,
        "organisation": organisation.name,
        "type": organisation.type_name().lower(),
        "areas": join_words(left_out),
    }


def open_comments_text(count: int) -> str:
    return counted(count, "%(num)s open comment", "%(num)s open comments")


def task_list(assessment: Assessment, comments: Mapping[int, int]) -> dict[str, Any]:
    """`comments`: {area id: comments in its open thread} (comments.selectors, read by the page)."""
    rows = area_rows(assessment, responses_in_order(assessment))
    counts = scoring.count_statuses(row.status for row in rows)
    sections = [
        {
            "section": section,
            "items": [
                {
                    "title": {"html": in_english(row.area.label)},
                    "href": row.url,
                    "hint": {"text": open_comments_text(comments[row.area.id])} if row.area.id in comments else None,
                    "status": {
                        "tag": {"text": row.status_label, "classes": STATUS_TAG_CLASSES[row.status]}
                        if row.status != scoring.COMPLETED
                        else None,
                        "text": row.status_label if row.status == scoring.COMPLETED else None,
                    },
                }
                for row in section_rows
            ],
            "completed": sum(1 for row in section_rows if row.status == scoring.COMPLETED),
            "total": len(section_rows),
        }
        for section, section_rows in grouped(rows)
    ]
    return {
        "assessment": assessment,
        "sections": sections,
        "completed": counts[scoring.COMPLETED],
        "total": len(rows),
        "all_completed": counts[scoring.COMPLETED] == len(rows),
        "not_applicable": not_applicable_note(assessment, {row.area.pk for row in rows}),
        "check_url": assessment_url("check", assessment),
        "results_url": assessment_url("results", assessment),
    }


def level_label(assessment: Assessment, number: int | None) -> str:
    if number is None:
        return _("Not answered")
    return f"{number} – {assessment.framework.level_names.get(number, '?')}"


def answer_rows(assessment: Assessment, response: Response, change_url: str | None) -> list[dict[str, Any]]:
    """Summary list rows for one area's answer (check answers page, conflicts, read-only view)."""
    not_answered = _("Not answered")
    confidence = _(response.get_confidence_display()) if response.confidence else not_answered
    links = response.evidence_links or []
    council = assessment.organisation.is_council
    # (the row's key, its value, what "Change" changes, for a screen reader)
    rows = [
        (
            _("Where your council is now") if council else _("Where your organisation is now"),
            level_label(assessment, response.current_level),
            _("where your council is now") if council else _("where your organisation is now"),
        ),
        (_("The level it aims for"), level_label(assessment, response.target_level), _("the level it aims for")),
        (
            pgettext("target year", "By"),
            str(response.target_year) if response.target_year else not_answered,
            _("the year"),
        ),
        (_("Evidence"), response.evidence or not_answered, _("the evidence")),
        (_("Links"), "\n".join(links) if links else _("None"), _("the links")),
        (_("Confidence"), confidence, _("your confidence")),
    ]
    result = []
    for key, value, hidden in rows:
        # The span keeps the user's line breaks without the macro's own indentation becoming one.
        value_html = format_html('<span class="app-preserve-lines">{}</span>', value)
        row: dict[str, Any] = {"key": {"text": key}, "value": {"html": value_html}}
        if change_url:
            row["actions"] = {
                "items": [
                    {
                        "href": change_url,
                        "text": _("Change"),
                        "visuallyHiddenText": _("%(what)s in %(area)s") % {"what": hidden, "area": response.area.label},
                    }
                ]
            }
        result.append(row)
    return result


def check_answers(assessment: Assessment, comments: Mapping[int, int], *, can_edit: bool) -> dict[str, Any]:
    rows = area_rows(assessment, responses_in_order(assessment))
    return {
        "open_comments": [
            {"row": row, "text": open_comments_text(comments[row.area.id]), "url": row.url + "#comments"}
            for row in rows
            if row.area.id in comments
        ],
        "assessment": assessment,
        "sections": [
            {
                "section": section,
                "areas": [
                    {
                        "row": row,
                        "summary": answer_rows(
                            assessment, row.response, f"{row.url}?return=check" if can_edit else None
                        ),
                    }
                    for row in section_rows
                ],
            }
            for section, section_rows in grouped(rows)
        ],
        "unfinished": [row for row in rows if row.status != scoring.COMPLETED],
    }


def area_results(assessment: Assessment, responses: list[Response]) -> list[scoring.AreaResult]:
    return [
        scoring.AreaResult(
            key=r.area.key,
            title=r.area.label,
            section_key=r.area.section.key,
            section_title=r.area.section.title,
            position=r.area.position,
            current=r.current_level,
            target=r.target_level,
        )
        for r in responses
    ]


def gap_text(gap: int | None) -> str:
    if gap is None:
        return _("Not answered")
    if gap == 0:
        return _("At target")
    if gap < 0:
        return counted(-gap, "%(num)s above target", "%(num)s above target")
    return counted(gap, "%(num)s level", "%(num)s levels")


@dataclass(frozen=True)
class Results:
    """An assessment's results page (and the committee report's results): each area's levels and
    gap, the largest gaps, the sections' summaries and the radar. The panels other apps add to the
    page (progress over time, the round's comparison, evidence from open data) are None until the
    view fills them in (dataclasses.replace)."""

    assessment: Assessment
    table: list[dict[str, Any]]  # per area: its AreaResult, levels and gap in words, its page's url
    table_rows: list[list[Cell]]
    ranked: list[dict[str, Any]]  # the areas furthest from their target first
    summaries: list[scoring.SectionSummary]
    summary_rows: list[list[Cell]]
    chart: charts.Chart | None
    level_names: list[str]
    answered: int
    total: int
    over_time: dict[str, Any] | None = None
    comparison: dict[str, Any] | None = None
    evidence: dict[str, Any] | None = None


def results(assessment: Assessment, responses: list[Response] | None = None) -> Results:
    """`responses`: the assessment's responses in order, when the caller has them already."""
    responses = responses_in_order(assessment) if responses is None else responses
    area_results_ = area_results(assessment, responses)
    names = assessment.framework.level_names
    table = [
        {
            "result": r,
            "current": level_label(assessment, r.current),
            "target": level_label(assessment, r.target),
            "gap": gap_text(r.gap),
            "url": assessment_url("area", assessment, area_key=r.key),
        }
        for r in area_results_
    ]
    ranked = [r for r in scoring.rank_by_gap(area_results_) if r.gap is not None and r.gap > 0]
    summaries = scoring.section_summaries(area_results_)
    chart = results_chart(area_results_, names)
    return Results(
        assessment=assessment,
        table=table,
        table_rows=[
            [
                Cell(html=link(item["url"], in_english(item["result"].title))),
                Cell(html=in_english(item["result"].section_title)),
                Cell(text=item["current"]),
                Cell(text=item["target"]),
                Cell(text=item["gap"]),
            ]
            for item in table
        ],
        ranked=[{"result": r, "gap": gap_text(r.gap)} for r in ranked],
        summaries=summaries,
        summary_rows=[_summary_cells(summary) for summary in summaries],
        chart=chart,
        level_names=[names[n] for n in sorted(names)],
        answered=sum(1 for r in area_results_ if r.gap is not None),
        total=len(area_results_),
    )


RESULTS_TABLE = gettext_lazy("Current level, target level and gap in each area")


def results_chart(results: list[scoring.AreaResult], names: dict[int, str]) -> charts.Chart | None:
    """The radar of current against target levels; its table is the results table beside it."""
    top = max(names)
    return charts.radar(
        id="radar",
        title=_("Radar chart of current and target maturity levels in each area"),
        description=_(
            "Each spoke is an area, from the centre to level %(top)s (%(name)s) at the edge. The solid blue "
            "shape with round markers is where the council is now; the dashed black shape with square markers "
            "is the level it aims for. The table “%(table)s” gives the same figures."
        )
        % {"top": top, "name": names[top], "table": RESULTS_TABLE},
        labels=[r.title for r in results],
        series=[
            charts.RadarSeries(_("Where the council is now"), [r.current for r in results], charts.CURRENT),
            charts.RadarSeries(_("The level it aims for"), [r.target for r in results], charts.TARGET),
        ],
        level_names=names,
        table_caption=str(RESULTS_TABLE),
    )


def _summary_cells(summary: scoring.SectionSummary) -> list[Cell]:
    return [
        Cell(html=in_english(summary.title)),
        Cell(text=_("%(part)s of %(whole)s") % {"part": summary.assessed, "whole": summary.areas}),
        Cell(text=summary.mean_current if summary.mean_current is not None else "–"),
        Cell(text=summary.mean_target if summary.mean_target is not None else "–"),
        Cell(text=_("%(part)s of %(whole)s") % {"part": summary.meeting_target, "whole": summary.assessed}),
        Cell(
            html=in_english(", ".join(summary.widest)) if summary.widest else None,
            text=None if summary.widest else _("None"),
        ),
    ]


def assessment_summaries(organisation) -> list[dict[str, Any]]:
    """The organisation's assessments, newest first, with how many areas each has completed."""
    assessments = list(
        organisation.assessments.select_related("framework", "organisation").prefetch_related("responses")
    )
    summaries = []
    for assessment in assessments:
        responses = list(assessment.responses.all())
        done = sum(1 for r in responses if scoring.area_status(answer_of(r)) == scoring.COMPLETED)
        summaries.append(
            {
                "assessment": assessment,
                "progress": _("%(part)s of %(whole)s") % {"part": done, "whole": len(responses)},
                "url": assessment_url("task-list", assessment),
            }
        )
    return summaries


# --- Area page: what the next level looks like, its actions and its history -------------------

FIELD_LABELS = {
    "current_level": gettext_lazy("Where the council is now"),
    "target_level": gettext_lazy("The level it aims for"),
    "target_year": gettext_lazy("Target year"),
    "evidence": gettext_lazy("Evidence"),
    "evidence_links": gettext_lazy("Links"),
    "confidence": gettext_lazy("Confidence"),
    "carried_over": gettext_lazy("Carried over"),
    "document": gettext_lazy("Evidence document"),
    "title": gettext_lazy("Action"),
    "description": gettext_lazy("Details"),
    "owner_name": gettext_lazy("Owner"),
    "owner_email": gettext_lazy("Owner's email"),
    "due_date": gettext_lazy("Due date"),
    "status": gettext_lazy("Status"),
    "progress note": gettext_lazy("Progress note"),
}
LEVEL_FIELDS = {"current_level", "target_level"}


def next_level(assessment: Assessment, response: Response) -> dict[str, Any] | None:
    """The descriptor of the level above where the council is now: what the next level looks like."""
    if response.current_level is None:
        return None
    following = response.current_level + 1
    descriptor = response.area.descriptor(following)
    if descriptor is None:
        return None
    return {"number": following, "name": assessment.framework.level_names[following], "descriptor": descriptor}


def show_value(assessment: Assessment, field: str, value: Any) -> str:
    if value in (None, "", []):
        return _("(blank)")
    if field in LEVEL_FIELDS:
        return level_label(assessment, value)
    if field == "evidence_links":
        return "\n".join(value)
    if field == "status":
        return _(dict(Action.Status.choices).get(value, value))
    if field == "confidence":
        return _(dict(Confidence.choices).get(value, str(value).capitalize()))
    if field == "carried_over":
        return _("Yes") if value else _("No, confirmed")
    if field == "document":
        day = datetime.date.fromisoformat(value["evidence_date"])
        return _("%(title)s\n%(filename)s, evidence from %(date)s") % {
            "title": value["title"],
            "filename": value["filename"],
            "date": date_uk(day),
        }
    return str(value)


def history(assessment: Assessment, changes) -> list[dict[str, Any]]:
    return [
        {
            "change": change,
            "who": change.user_name or _("Someone"),
            "what": _(change.get_subject_display()),
            "source": _(change.get_source_display()),
            "rows": [
                {
                    "field": str(FIELD_LABELS.get(field, field)),
                    "old": show_value(assessment, field, old),
                    "new": show_value(assessment, field, new),
                }
                for field, (old, new) in change.fields.items()
            ],
        }
        for change in changes
    ]


def action_row(assessment: Assessment, action: Action, today) -> dict[str, Any]:
    return {
        "action": action,
        "milestones": ", ".join(
            (_("%(date)s: %(title)s (done)") if m.done else _("%(date)s: %(title)s"))
            % {"date": date_uk(m.due_date), "title": m.title}
            for m in action.milestones.all()
        ),
        "overdue": action.is_overdue(today),
        "url": assessment_url("action", assessment, action_id=action.pk),
        "status_classes": ACTION_STATUS_CLASSES[action.status],
    }


ACTION_STATUS_CLASSES = {
    Action.Status.NOT_STARTED: "govuk-tag--grey",
    Action.Status.IN_PROGRESS: "govuk-tag--light-blue",
    Action.Status.DONE: "govuk-tag--green",
    Action.Status.BLOCKED: "govuk-tag--red",
}


def area_extras(assessment: Assessment, response: Response, today) -> dict[str, Any]:
    actions = assessment.actions.filter(area=response.area).prefetch_related("notes", "milestones")
    changes = assessment.changes.filter(area=response.area).select_related("user")[:50]
    return {
        "next_level": next_level(assessment, response),
        "gap": scoring.gap(response.current_level, response.target_level),
        "actions": [action_row(assessment, action, today) for action in actions],
        "history": history(assessment, changes),
        "add_action_url": assessment_url("add-action", assessment, area_key=response.area.key),
    }


# --- The action plan of the whole assessment ---------------------------------------------------


def action_plan(assessment: Assessment, actions: list[Action], filtered: list[Action], today) -> dict[str, Any]:
    sections = assessment_sections(assessment)
    summary = []
    for section in sections:
        in_section = [a for a in actions if a.area.section_id == section.pk]
        counts = {status: sum(1 for a in in_section if a.status == status) for status in Action.Status.values}
        summary.append(
            {
                "section": section,
                "total": len(in_section),
                "counts": counts,
                "overdue": sum(1 for a in in_section if a.is_overdue(today)),
                "done_share": round(100 * counts[Action.Status.DONE] / len(in_section)) if in_section else None,
            }
        )
    return {
        "assessment": assessment,
        "rows": [action_row(assessment, action, today) for action in filtered],
        "total": len(actions),
        "overdue": sum(1 for a in actions if a.is_overdue(today)),
        "summary": summary,
        "statuses": Action.Status.choices,
    }


def filter_actions(actions: list[Action], *, section: str, area: str, owner: str, status: str, today) -> list[Action]:
    def keep(action: Action) -> bool:
        return (
            (not section or action.area.section.key == section)
            and (not area or action.area.key == area)
            and (not owner or action.owner_name == owner)
            and (not status or (action.is_overdue(today) if status == "overdue" else action.status == status))
        )

    return [action for action in actions if keep(action)]


# --- Progress across an organisation's assessments -----------------------------------------


def progress_over_time(assessment: Assessment, responses: list[Response] | None = None) -> dict[str, Any] | None:
    """Current level per area in each signed-off assessment of the organisation, and this one.

    Areas are matched by key, and through the framework's crosswalk where an area replaced
    others in a later version, so that a trend carries across versions of the framework.
    """
    columns, by_column = _earlier_levels(assessment)
    if not columns:
        return None
    responses = responses_in_order(assessment) if responses is None else responses
    signed_off_at = assessment.signed_off_at
    columns.append({"title": assessment.title, "date": signed_off_at.date() if signed_off_at else None})
    by_column.append({r.area.key: r.current_level for r in responses})
    key_map: dict[str, frozenset[str]] | None = None  # the crosswalk is read only if an area needs it
    rows = []
    for response in responses:
        key = response.area.key
        cells = []
        for levels in by_column:
            if levels.get(key) is None and key_map is None:
                key_map = trend_key_map(assessment.framework)
            cells.append(trend_level(levels, key, key_map or {}))
        known = [c for c in cells if c is not None]
        change = known[-1] - known[0] if len(known) > 1 else None
        rows.append({"title": response.area.label, "cells": cells, "change": change})
    return {
        "columns": columns,
        "rows": rows,
        "table_rows": [_trend_cells(row) for row in rows],
        "chart": trend_chart(columns, rows, assessment.framework.level_names),
    }


def trend_chart(
    columns: list[dict[str, Any]], rows: list[dict[str, Any]], names: dict[int, str]
) -> charts.Chart | None:
    """The current level in each area across the organisation's signed-off assessments (and this
    one), one small panel per area; the table beside it gives the same figures."""
    headings = [
        _("%(title)s (%(date)s)") % {"title": c["title"], "date": date_uk(c["date"])}
        if c["date"]
        else _("%(title)s (this assessment)") % {"title": c["title"]}
        for c in columns
    ]
    return charts.lines(
        id="trend",
        title=_("Current level in each area across the organisation's assessments"),
        description=_(
            "One small chart per area: the assessments run from left to right, oldest first, and levels from "
            "%(lowest)s at the bottom to %(highest)s at the top; each point has its level written beside it. "
            "The table “Current level in each area across the organisation's signed-off assessments” gives the "
            "same figures."
        )
        % {"lowest": min(names), "highest": max(names)},
        columns=headings,
        rows=[charts.LinesRow(row["title"], tuple(row["cells"])) for row in rows],
        level_names=names,
        table_caption=_("Current level in each area across the organisation's signed-off assessments"),
    )


def _trend_cells(row: dict[str, Any]) -> list[Cell]:
    change = row["change"]
    return [
        Cell(text=row["title"]),
        *(Cell(text=level if level is not None else "–", format="numeric") for level in row["cells"]),
        Cell(text=(f"+{change}" if change > 0 else str(change)) if change is not None else "–", format="numeric"),
    ]


def _earlier_levels(assessment: Assessment) -> tuple[list[dict[str, Any]], list[dict[str, int | None]]]:
    """The organisation's other signed-off assessments, oldest first (title and date), and the
    current level of each in every area by key: one query."""
    rows = (
        assessment.organisation.assessments.filter(status=Assessment.Status.SIGNED_OFF)
        .exclude(pk=assessment.pk)
        .order_by("signed_off_at", "pk")
        .values_list("pk", "title", "signed_off_at", "responses__area__key", "responses__current_level")
    )
    columns: dict[int, dict[str, Any]] = {}
    levels: dict[int, dict[str, int | None]] = {}
    for pk, title, signed_off_at, key, level in rows:
        if pk not in columns:
            columns[pk] = {"title": title, "date": signed_off_at.date() if signed_off_at else None}
            levels[pk] = {}
        if key is not None:
            levels[pk][key] = level
    return list(columns.values()), list(levels.values())


def assessment_sections(assessment: Assessment) -> list[Section]:
    """The sections of the areas this assessment covers: the framework's, then any group's own."""
    return list(
        Section.objects.filter(areas__responses__assessment=assessment)
        .distinct()
        .order_by("framework__group_id", "framework_id", "position")
    )
