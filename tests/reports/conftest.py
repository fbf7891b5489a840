"""Fixtures of the report tests: a full assessment, and the clients of its people."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.reports.helpers import full_assessment


@pytest.fixture
def full(assessment):
    """Camden's draft with every area answered and 50 actions."""
    return full_assessment(assessment, actions=50)


def report_url(name: str, assessment, **kwargs) -> str:
    return reverse(f"reports:{name}", kwargs={"slug": assessment.organisation.slug, "pk": assessment.pk, **kwargs})
