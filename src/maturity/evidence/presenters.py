"""Evidence from open data shown beside the self-assessment. (Filled in by the evidence work.)"""

from __future__ import annotations

from typing import Any


def area_evidence(organisation, area) -> list[dict[str, Any]]:
    """Indicators from the organisation's published data that speak to `area` (never a level)."""
    return []


def results_evidence(organisation, areas) -> dict[str, list[dict[str, Any]]]:
    """Indicators per area key, for the results page."""
    return {}
