"""An assessment reached through the organisation the user may see (organisations.access)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from maturity.assessments.models import Assessment
from maturity.organisations.access import Access


def assessment_for(access: Access, pk: int) -> Assessment:
    return get_object_or_404(
        access.organisation.assessments.select_related("framework__extends", "organisation"), pk=pk
    )
