"""The browser suite's fixtures and checks (tests/browser), for the rounds journeys: one Chromium
for this folder, a page per test, axe-core on every page visited, and the teardown check that no
page went unchecked."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import base_url, bcamden, blead, bnps, chromium, page  # noqa: F401 (fixtures)

HERE = Path(__file__).parent


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.browser_call_failed = report.failed
    return report


@pytest.fixture
def badmin(transactional_db):
    from tests.benchmarks.helpers import national_admin

    return national_admin("Nadia National")


@pytest.fixture
def bround(bnps, bcamden, badmin):
    from tests.benchmarks.helpers import make_round

    return make_round(bnps, [bcamden], user=badmin, name="Diagnostic review 2027")
