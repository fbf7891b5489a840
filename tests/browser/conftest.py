"""The browser fixtures live in tests/browser/plugin.py, loaded for the whole suite by tests/conftest.py.

Browser tests in any folder get them without importing anything; the names below are kept so that
older imports still work (the browser itself, `chromium`, is deliberately not among them: one
browser serves the whole run).
"""

from tests.browser.plugin import (  # noqa: F401
    CHROMIUM,
    CHROMIUM_ARGS,
    base_url,
    bassessment,
    bcamden,
    bcontributor,
    blead,
    bnps,
    mobile_page,
    page,
)
