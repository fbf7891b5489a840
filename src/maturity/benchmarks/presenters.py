"""What the benchmark pages show. (Filled in by the rounds and benchmarks work.)"""

from __future__ import annotations

from typing import Any


def results_comparison(assessment) -> dict[str, Any] | None:
    """For an organisation's results page: its levels against the same council type, its region
    and all respondents in the latest round it took part in; None when it has taken part in none."""
    return None
