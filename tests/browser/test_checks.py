"""The checks the other browser tests rely on catch what they are meant to catch."""

from __future__ import annotations

import pytest

from tests.browser import support
from tests.browser.support import assert_accessible, visit


def test_the_accessibility_check_fails_on_an_axe_violation(page, bnps):
    visit(page, "/framework/")
    page.evaluate("""() => {
      const input = document.createElement('input');      // a form field without a label
      input.type = 'text';
      document.querySelector('main').append(input);
    }""")
    with pytest.raises(AssertionError, match=r"(?s)accessibility violations.*- label \(critical\)"):
        assert_accessible(page)


def test_the_accessibility_check_fails_on_a_content_security_policy_violation(page, bnps):
    visit(page, "/framework/")
    page.evaluate("""() => {
      const script = document.createElement('script');    // inline script: the CSP refuses it
      script.textContent = 'document.title = "injected"';
      document.body.append(script);
    }""")
    with pytest.raises(AssertionError, match=r"(?s)console errors.*Content Security Policy"):
        assert_accessible(page)
    assert page.title() != "injected"


def test_a_page_visited_without_a_check_fails_the_test(page, bnps):
    page.goto("/framework/")  # redirects to the framework's page, then never checked
    visit(page, "/accessibility/")
    with pytest.raises(AssertionError, match=r"never checked with assert_accessible:\n- .*/framework/nps/2018/"):
        support.check_at_teardown(page)
    for loaded in support.watch_of(page).visits:
        loaded.checked = True  # seen failing as it should: let the real teardown pass


def test_an_error_page_is_checked_like_any_other(page, bnps):
    response = page.goto("/framework/no-such-framework/2018/")
    assert response.status == 404
    assert_accessible(page)  # its own 404 status is not a console error; a missing stylesheet would be
