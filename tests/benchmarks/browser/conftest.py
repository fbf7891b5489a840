"""Personas for the rounds journeys in Chromium (the browser fixtures are tests/browser/plugin.py's)."""

from __future__ import annotations

import pytest


@pytest.fixture
def badmin(transactional_db):
    from tests.benchmarks.helpers import national_admin

    return national_admin("Nadia National")


@pytest.fixture
def bround(bnps, bcamden, badmin):
    from tests.benchmarks.helpers import make_round

    return make_round(bnps, [bcamden], user=badmin, name="Diagnostic review 2027")
