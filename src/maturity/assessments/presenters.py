"""What the assessment pages show, prepared in one place so that templates stay dumb."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from maturity import scoring
from maturity.assessments.models import Assessment, Response
from maturity.assessments.services import answer_of
from maturity.frameworks.models import Area, Section

STATUS_TAG_CLASSES = {
    scoring.NOT_STARTED: "govuk-tag--grey",
    scoring.IN_PROGRESS: "govuk-tag--light-blue",
    scoring.COMPLETED: "",
}


def assessment_url(name: str, assessment: Assessment, **kwargs) -> str:
    return reverse(
        f"assessments:{name}",
        kwargs={"slug": assessment.organisation.slug, "pk": assessment.pk, **kwargs},
    )


def responses_in_order(assessment: Assessment) -> list[Response]:
    return list(
        assessment.responses.select_related("area__section", "updated_by").order_by("area__position")
    )


@dataclass(frozen=True)
class AreaRow:
    response: Response
    area: Area
    status: str
    url: str

    @property
    def status_label(self) -> str:
        return scoring.STATUS_LABELS[self.status]


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


def task_list(assessment: Assessment) -> dict[str, Any]:
    rows = area_rows(assessment, responses_in_order(assessment))
    counts = scoring.count_statuses(row.status for row in rows)
    sections = [
        {
            "section": section,
            "items": [
                {
                    "title": {"text": row.area.label},
                    "href": row.url,
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
        "check_url": assessment_url("check", assessment),
        "results_url": assessment_url("results", assessment),
    }


def level_label(assessment: Assessment, number: int | None) -> str:
    if number is None:
        return "Not answered"
    return f"{number} – {assessment.framework.level_names.get(number, '?')}"


def answer_rows(assessment: Assessment, response: Response, change_url: str | None) -> list[dict[str, Any]]:
    """Summary list rows for one area's answer (check answers page, conflicts, read-only view)."""
    confidence = response.get_confidence_display() if response.confidence else "Not answered"
    links = response.evidence_links or []
    rows = [
        ("Where your council is now", level_label(assessment, response.current_level)),
        ("The level it aims for", level_label(assessment, response.target_level)),
        ("By", str(response.target_year) if response.target_year else "Not answered"),
        ("Evidence", response.evidence or "Not answered"),
        ("Links", "\n".join(links) if links else "None"),
        ("Confidence", confidence),
    ]
    result = []
    for key, value in rows:
        row: dict[str, Any] = {"key": {"text": key}, "value": {"text": value, "classes": "app-preserve-lines"}}
        if change_url:
            row["actions"] = {
                "items": [{"href": change_url, "text": "Change", "visuallyHiddenText": f"{key.lower()} for {response.area.label}"}]
            }
        result.append(row)
    return result


def check_answers(assessment: Assessment, *, can_edit: bool) -> dict[str, Any]:
    rows = area_rows(assessment, responses_in_order(assessment))
    return {
        "assessment": assessment,
        "sections": [
            {
                "section": section,
                "areas": [
                    {
                        "row": row,
                        "summary": answer_rows(assessment, row.response, row.url if can_edit else None),
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
        return "Not answered"
    if gap == 0:
        return "At target"
    if gap < 0:
        return f"{-gap} above target"
    return f"{gap} {'level' if gap == 1 else 'levels'}"


def results(assessment: Assessment) -> dict[str, Any]:
    responses = responses_in_order(assessment)
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
    levels = len(names)
    chart = scoring.radar(
        [r.title for r in area_results_],
        [r.current for r in area_results_],
        [r.target for r in area_results_],
        levels=levels,
    )
    return {
        "assessment": assessment,
        "table": table,
        "ranked": [{"result": r, "gap": gap_text(r.gap)} for r in ranked],
        "summaries": scoring.section_summaries(area_results_),
        "chart": chart,
        "chart_current": scoring.points_attr(chart.current),
        "chart_target": scoring.points_attr(chart.target),
        "chart_rings": [scoring.points_attr(ring) for ring in chart.rings],
        "level_names": [names[n] for n in sorted(names)],
        "answered": sum(1 for r in area_results_ if r.gap is not None),
        "total": len(area_results_),
    }


def assessment_summaries(organisation) -> list[dict[str, Any]]:
    """The organisation's assessments, newest first, with how many areas each has completed."""
    assessments = list(
        organisation.assessments.select_related("framework", "organisation").prefetch_related("responses")
    )
    summaries = []
    for assessment in assessments:
        responses = list(assessment.responses.all())
        done = sum(1 for r in responses if scoring.area_status(answer_of(r)) == scoring.COMPLETED)
        summaries.append({
            "assessment": assessment,
            "progress": f"{done} of {len(responses)}",
            "url": assessment_url("task-list", assessment),
        })
    return summaries
