"""Pure functions over plain data: area status, gaps and summaries (charts: maturity.charts).

No database here, so every rule can be tested quickly (the status labels are translated lazily).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from statistics import mean

from django.utils.translation import gettext_lazy

NOT_STARTED = "not-started"
IN_PROGRESS = "in-progress"
COMPLETED = "completed"
# Copied from the last signed-off assessment and not yet confirmed: never counted as completed.
CARRIED_OVER = "carried-over"
# The one vocabulary of an area's status, for the pages and the API alike.
STATUS_LABELS = {
    NOT_STARTED: gettext_lazy("Not started"),
    IN_PROGRESS: gettext_lazy("In progress"),
    CARRIED_OVER: gettext_lazy("Carried over: confirm"),
    COMPLETED: gettext_lazy("Completed"),
}


@dataclass(frozen=True)
class Answer:
    """What has been recorded for one area (any field may still be empty)."""

    current_level: int | None = None
    target_level: int | None = None
    target_year: int | None = None
    confidence: str = ""
    evidence: str = ""
    evidence_links: Sequence[str] = ()
    carried_over: bool = False


# An area is complete when all of these are recorded (evidence is text or at least one link) and
# it is not an answer carried over that nobody has confirmed yet.
def area_status(answer: Answer) -> str:
    if answer.carried_over:
        return CARRIED_OVER
    parts = [
        answer.current_level is not None,
        answer.target_level is not None,
        answer.target_year is not None,
        bool(answer.confidence),
        bool(answer.evidence.strip() or answer.evidence_links),
    ]
    if all(parts):
        return COMPLETED
    if any(parts):
        return IN_PROGRESS
    return NOT_STARTED


def missing_for_completion(answer: Answer) -> list[str]:
    """What still has to be recorded before the area counts as completed, in form order."""
    missing = []
    if answer.current_level is None:
        missing.append("where you are now")
    if answer.target_level is None:
        missing.append("the level you aim for")
    if answer.target_year is None:
        missing.append("the year to reach it")
    if not (answer.evidence.strip() or answer.evidence_links):
        missing.append("evidence")
    if not answer.confidence:
        missing.append("your confidence")
    return missing


def gap(current: int | None, target: int | None) -> int | None:
    """Levels still to climb: target minus current (negative when the council is beyond its target)."""
    if current is None or target is None:
        return None
    return target - current


@dataclass(frozen=True)
class AreaResult:
    key: str
    title: str
    section_key: str
    section_title: str
    position: int
    current: int | None
    target: int | None

    @property
    def gap(self) -> int | None:
        return gap(self.current, self.target)


def rank_by_gap(results: Iterable[AreaResult]) -> list[AreaResult]:
    """Areas with the widest gap first; ties keep the framework's order; unanswered areas last."""
    return sorted(
        results,
        key=lambda r: (r.gap is None, -(r.gap if r.gap is not None else 0), r.position),
    )


@dataclass(frozen=True)
class SectionSummary:
    key: str
    title: str
    areas: int
    assessed: int
    mean_current: float | None
    mean_target: float | None
    total_gap: int
    meeting_target: int
    widest: list[str] = field(default_factory=list)


def section_summaries(results: Iterable[AreaResult]) -> list[SectionSummary]:
    """One summary per section, in the framework's order."""
    by_section: dict[str, list[AreaResult]] = {}
    for result in sorted(results, key=lambda r: r.position):
        by_section.setdefault(result.section_key, []).append(result)
    summaries = []
    for key, results_ in by_section.items():
        assessed = [r for r in results_ if r.gap is not None]
        gaps = [r.gap for r in assessed if r.gap is not None]
        widest_gap = max(gaps, default=0)
        summaries.append(
            SectionSummary(
                key=key,
                title=results_[0].section_title,
                areas=len(results_),
                assessed=len(assessed),
                mean_current=_mean([r.current for r in assessed]),
                mean_target=_mean([r.target for r in assessed]),
                total_gap=sum(g for g in gaps if g > 0),
                meeting_target=sum(1 for g in gaps if g <= 0),
                widest=[r.title for r in assessed if widest_gap > 0 and r.gap == widest_gap],
            )
        )
    return summaries


def _mean(values: list[int | None]) -> float | None:
    numbers = [v for v in values if v is not None]
    return round(mean(numbers), 1) if numbers else None


def count_statuses(statuses: Iterable[str]) -> dict[str, int]:
    """How many areas are not started, in progress (carried-over answers among them) and completed."""
    counts = {NOT_STARTED: 0, IN_PROGRESS: 0, COMPLETED: 0}
    for status in statuses:
        counts[IN_PROGRESS if status == CARRIED_OVER else status] += 1
    return counts
