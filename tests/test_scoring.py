"""The pure scoring rules: area status, gaps, ranking, summaries and chart geometry."""

from __future__ import annotations

import pytest

from maturity import scoring
from maturity.scoring import Answer, AreaResult


def result(key, current, target, section="lead", position=0, title=None):
    return AreaResult(
        key=key,
        title=title or key,
        section_key=section,
        section_title=section.title(),
        position=position,
        current=current,
        target=target,
    )


def test_an_empty_answer_is_not_started():
    assert scoring.area_status(Answer()) == scoring.NOT_STARTED


def test_any_recorded_field_makes_an_area_in_progress():
    assert scoring.area_status(Answer(current_level=2)) == scoring.IN_PROGRESS
    assert scoring.area_status(Answer(evidence="Minutes")) == scoring.IN_PROGRESS


def test_an_area_is_completed_with_levels_year_confidence_and_evidence():
    answer = Answer(current_level=2, target_level=3, target_year=2028, confidence="low", evidence="Minutes")
    assert scoring.area_status(answer) == scoring.COMPLETED


def test_a_link_counts_as_evidence_but_blank_text_does_not():
    base = dict(current_level=2, target_level=3, target_year=2028, confidence="low")
    assert scoring.area_status(Answer(**base, evidence_links=("https://x.example",))) == scoring.COMPLETED
    assert scoring.area_status(Answer(**base, evidence="   ")) == scoring.IN_PROGRESS


def test_missing_for_completion_names_what_is_left_in_form_order():
    assert scoring.missing_for_completion(Answer(current_level=1, confidence="high")) == [
        "the level you aim for",
        "the year to reach it",
        "evidence",
    ]


@pytest.mark.parametrize(
    "current, target, expected", [(1, 5, 4), (3, 3, 0), (4, 3, -1), (None, 3, None), (2, None, None)]
)
def test_the_gap_is_target_minus_current(current, target, expected):
    assert scoring.gap(current, target) == expected


def test_ranking_puts_the_widest_gap_first_keeps_framework_order_for_ties_and_unanswered_last():
    results = [
        result("a", 2, 3, position=1),
        result("b", None, 4, position=2),
        result("c", 1, 5, position=3),
        result("d", 3, 4, position=4),
        result("e", 4, 4, position=5),
    ]
    assert [r.key for r in scoring.rank_by_gap(results)] == ["c", "a", "d", "e", "b"]


def test_section_summaries_average_and_count_by_hand():
    results = [
        result("a", 1, 3, section="lead", position=1),
        result("b", 2, 2, section="lead", position=2),
        result("c", 3, 5, section="lead", position=3),
        result("d", None, None, section="lead", position=4),
        result("e", 4, 5, section="enablers", position=5),
    ]
    lead, enablers = scoring.section_summaries(results)
    assert (lead.key, lead.areas, lead.assessed) == ("lead", 4, 3)
    assert lead.mean_current == 2.0  # (1 + 2 + 3) / 3
    assert lead.mean_target == 3.3  # (3 + 2 + 5) / 3 = 3.33
    assert lead.total_gap == 4 and lead.meeting_target == 1
    assert lead.widest == ["a", "c"]
    assert (enablers.assessed, enablers.total_gap, enablers.widest) == (1, 1, ["e"])


def test_a_section_with_nothing_answered_has_no_averages():
    (summary,) = scoring.section_summaries([result("a", None, 2)])
    assert summary.mean_current is None and summary.assessed == 0 and summary.widest == []


def test_status_counts_cover_every_status():
    assert scoring.count_statuses(["completed", "not-started", "completed"]) == {
        "not-started": 1,
        "in-progress": 0,
        "completed": 2,
    }


def test_a_carried_over_answer_is_never_completed_until_confirmed():
    complete = scoring.Answer(current_level=2, target_level=3, target_year=2030, confidence="high", evidence="Minutes")
    carried = scoring.Answer(**{**complete.__dict__, "carried_over": True})
    assert scoring.area_status(complete) == scoring.COMPLETED
    assert scoring.area_status(carried) == scoring.CARRIED_OVER
    assert scoring.STATUS_LABELS[scoring.CARRIED_OVER] == "Carried over: confirm"
    assert scoring.count_statuses([scoring.area_status(carried), scoring.COMPLETED]) == {
        scoring.NOT_STARTED: 0,
        scoring.IN_PROGRESS: 1,
        scoring.COMPLETED: 1,
    }
