"""CSV exports of an assessment's responses and of its action plan, written by the one CSV writer
(maturity.spreadsheets: UTF-8 with a byte order mark for Excel, no cell that can run as a formula).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from maturity.assessments.models import AREA_ORDER, ActionNote, Assessment
from maturity.spreadsheets import csv_bytes

RESPONSE_COLUMNS = [
    "Area",
    "Area key",
    "Section",
    "Current level",
    "Current level name",
    "Target level",
    "Target level name",
    "Gap",
    "Target year",
    "Confidence",
    "Evidence",
    "Links",
]
ACTION_COLUMNS = [
    "Area",
    "Title",
    "Description",
    "Owner",
    "Owner email",
    "Due date",
    "Status",
    "Overdue",
    "Latest note",
]


def responses_csv(assessment: Assessment) -> bytes:
    names = assessment.framework.level_names
    responses = assessment.responses.select_related("area__section").order_by(*AREA_ORDER)

    def row(r) -> list[Any]:
        gap = r.target_level - r.current_level if r.current_level is not None and r.target_level is not None else None
        return [
            r.area.label,
            r.area.key,
            r.area.section.title,
            r.current_level,
            names.get(r.current_level, "") if r.current_level is not None else "",
            r.target_level,
            names.get(r.target_level, "") if r.target_level is not None else "",
            gap,
            r.target_year,
            r.get_confidence_display() if r.confidence else "",
            r.evidence,
            "\n".join(r.evidence_links or []),
        ]

    return csv_bytes(RESPONSE_COLUMNS, (row(r) for r in responses))


def actions_csv(assessment: Assessment, *, today: datetime.date | None = None) -> bytes:
    today = today or timezone.localdate()
    actions = (
        assessment.actions.select_related("area")
        .prefetch_related(Prefetch("notes", queryset=ActionNote.objects.order_by("-date", "-pk")))
        .order_by(*AREA_ORDER, "due_date", "pk")
    )

    def row(action) -> list[Any]:
        notes = list(action.notes.all())
        latest = f"{notes[0].date.isoformat()}: {notes[0].text}" if notes else ""
        return [
            action.area.label,
            action.title,
            action.description,
            action.owner_name,
            action.owner_email,
            action.due_date.isoformat() if action.due_date else "",
            action.get_status_display(),
            "Yes" if action.is_overdue(today) else "No",
            latest,
        ]

    return csv_bytes(ACTION_COLUMNS, (row(a) for a in actions))
