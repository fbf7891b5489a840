"""Browser-test fixtures for every app: one headless Debian Chromium for the run, a fresh context
and page per test against pytest-django's live server, and personas made inside each test.

Loaded for the whole suite by tests/conftest.py (`pytest_plugins`), so a browser test in any
folder uses the same browser. Browser tests are those in tests/browser/, in a `browser` folder,
or in a `test_browser_*.py` file; they are marked `browser` and run after all other tests.

The live server reads the database from another thread, so these tests use `transactional_db`
(committed data) rather than the `db` fixtures of tests/conftest.py: hence the browser personas
`bnps`, `bcamden`, `blead`, `bassessment` here. Every test in this folder is marked `browser`
(`make test-fast` leaves them out).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.browser import support

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
HERE = Path(__file__).parent
TIMEOUT_MS = 10_000  # for actions and expect(): generous for a busy CI machine, short enough to fail fast


def is_browser_test(item) -> bool:
    path = Path(item.path)
    return HERE in path.parents or "browser" in path.parent.name or path.name.startswith("test_browser")


def pytest_collection_modifyitems(config, items):
    """Mark browser tests and run them last: while Playwright runs, Django's async-safety check
    is switched off (see `chromium`), so no other test may run after it has started."""
    for item in items:
        if is_browser_test(item):
            item.add_marker(pytest.mark.browser)
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.browser_call_passed = report.passed  # not for a failure, an expected failure or a skip
    return report


@pytest.fixture(scope="session")
def chromium():
    """One browser for the whole run, started before the first browser test.

    Playwright's sync API keeps an asyncio event loop running in this thread while it is started,
    and Django refuses ORM calls from a thread with a running loop (SynchronousOnlyOperation). The
    tests and pytest-django's database fixtures are plain synchronous code, so the check is off
    (DJANGO_ALLOW_ASYNC_UNSAFE) while Playwright runs; browser tests run after every other test
    (pytest_collection_modifyitems), so the switched-off check never reaches them."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} not found: install it with `apt-get install -y chromium` (never `playwright install`)")
    from playwright.sync_api import sync_playwright

    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if before is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


def _open(request, chromium, live_server, **context_options):
    from playwright.sync_api import expect

    expect.set_options(timeout=TIMEOUT_MS)
    # No bypass_csp: pages are tested under the Content-Security-Policy real users get.
    context = chromium.new_context(base_url=live_server.url, locale="en-GB", **context_options)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    support.watch(page, scripts=context_options.get("java_script_enabled", True))
    try:
        yield page
        if getattr(request.node, "browser_call_passed", False):
            support.check_at_teardown(page)
    finally:
        support.unwatch(page)
        context.close()


@pytest.fixture
def page(request, chromium, live_server, transactional_db):
    """A desktop page (1280x800) in a fresh browser context: no cookies from other tests."""
    yield from _open(request, chromium, live_server, viewport={"width": 1280, "height": 800})


@pytest.fixture
def page_without_javascript(request, chromium, live_server, transactional_db):
    """A desktop page whose browser runs no script of the page's (axe is still run on it, through
    the DevTools protocol): what core flows must work with."""
    yield from _open(request, chromium, live_server, viewport={"width": 1280, "height": 800}, java_script_enabled=False)


@pytest.fixture
def mobile_page(request, chromium, live_server, transactional_db):
    """A small phone's screen (375x667, touch, mobile viewport rules)."""
    yield from _open(
        request,
        chromium,
        live_server,
        viewport={"width": 375, "height": 667},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )


@pytest.fixture
def narrow_page(request, chromium, live_server, transactional_db):
    """The narrowest phone WCAG's reflow criterion asks for (320x568, touch): 320 CSS pixels wide."""
    yield from _open(
        request,
        chromium,
        live_server,
        viewport={"width": 320, "height": 568},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )


@pytest.fixture
def base_url(live_server) -> str:
    return live_server.url


# --- personas, committed so that the live server's thread sees them ------------------------------


@pytest.fixture
def bnps(transactional_db):
    """The bundled NPS 2018 framework, loaded through the one validated path."""
    from maturity.frameworks import loader

    return loader.load(loader.read(loader.bundled_path())).framework


@pytest.fixture
def bcamden(transactional_db):
    from tests.factories import make_organisation

    return make_organisation("Camden", type="london-borough", region="London")


@pytest.fixture
def blead(bcamden):
    from maturity.organisations.models import Role
    from tests.factories import make_member

    return make_member(bcamden, Role.LEAD, "Lena Lead")


@pytest.fixture
def bcontributor(bcamden):
    from maturity.organisations.models import Role
    from tests.factories import make_member

    return make_member(bcamden, Role.CONTRIBUTOR, "Connor Contributor")


@pytest.fixture
def bassessment(bnps, bcamden, blead):
    from maturity.assessments.services import start_assessment

    return start_assessment(organisation=bcamden, framework=bnps, title="Self-assessment 2026", user=blead)
