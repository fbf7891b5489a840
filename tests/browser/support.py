"""What every browser test uses: the accessibility check, the page watch that makes sure every page
visited gets that check, and small steps (visit, sign in, keyboard focus) written once.

How "every page is checked" works (docs/adr/0006-browser-tests.md):

- `watch(page)` (done by the `page` fixtures) records each new document the page loads (Playwright's
  "load" event fires once per document, not for #fragment jumps) and every console error, including
  the "Refused to ... Content Security Policy" errors the browser logs when a page breaks its CSP.
- `assert_accessible(page)` runs axe-core on the current document, fails on any violation or console
  error, and marks that document as checked. Tests call it after each step that lands
  on a new page (`visit` and `submit` do it for them).
- At teardown the fixture checks the last page if the test did not, and fails the test if any other
  page it loaded was never checked: a test cannot pass by visiting a page and forgetting the check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import ConsoleMessage, Locator, Page

AXE_PATH = Path(__file__).parent / "vendor" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
FOCUS_YELLOW = "rgb(255, 221, 0)"  # GOV.UK focus colour #ffdd00

_axe_source: str | None = None


def axe_source() -> str:
    global _axe_source
    if _axe_source is None:
        _axe_source = AXE_PATH.read_text(encoding="utf-8")
    return _axe_source


@dataclass
class Visit:
    url: str
    checked: bool = False


@dataclass
class PageWatch:
    """What one page did during a test: the documents it loaded and the console errors it logged."""

    page: Page
    # False for a page whose browser runs no script of the page's (tests of pages without JavaScript).
    scripts: bool = True
    visits: list[Visit] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def on_load(self, page: Page) -> None:
        self.visits.append(Visit(page.url))

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        where = message.location.get("url", "") if message.location else ""
        if message.text.startswith("Failed to load resource") and where == self.page.url:
            return  # the page itself is an error page (404, 403): its status is the test's business
        self.console_errors.append(f"{message.text} ({where or self.page.url})")

    def on_page_error(self, error) -> None:
        self.console_errors.append(f"uncaught {error} ({self.page.url})")

    def unchecked(self) -> list[str]:
        return [visit.url for visit in self.visits if not visit.checked]


_watches: dict[int, PageWatch] = {}


def watch(page: Page, *, scripts: bool = True) -> PageWatch:
    page_watch = PageWatch(page, scripts=scripts)
    page.on("load", page_watch.on_load)
    page.on("console", page_watch.on_console)
    page.on("pageerror", page_watch.on_page_error)
    _watches[id(page)] = page_watch
    return page_watch


def unwatch(page: Page) -> None:
    _watches.pop(id(page), None)


def watch_of(page: Page) -> PageWatch:
    return _watches[id(page)]


# --- the accessibility check ------------------------------------------------------------------

_RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    targets: v.nodes.slice(0, 3).map(n => n.target.join(' ')),
    count: v.nodes.length,
  }));
}"""


def axe_violations(page: Page) -> list[dict]:
    """axe-core's WCAG 2.2 A and AA violations on the current document.

    axe is injected with `page.evaluate`, which runs through the DevTools protocol and so is not
    subject to the page's Content-Security-Policy: the page is tested under the same policy that
    real users get (no `bypass_csp`).

    A page loaded without JavaScript cannot run axe (it needs timers): its document, as that browser
    built it, is checked in a second page that does run script, with the document's own scripts
    taken out so that it stays exactly as a browser without JavaScript shows it."""
    page_watch = _watches.get(id(page))
    if page_watch is not None and not page_watch.scripts:
        return _axe_without_scripts(page)
    return _run_axe(page)


_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.IGNORECASE | re.DOTALL)


def _axe_without_scripts(page: Page) -> list[dict]:
    document = _SCRIPT.sub("", page.content())
    context = page.context.browser.new_context(viewport=page.viewport_size, locale="en-GB")
    try:
        checker = context.new_page()
        checker.route(
            page.url, lambda route: route.fulfill(status=200, content_type="text/html; charset=utf-8", body=document)
        )
        checker.goto(page.url)
        return _run_axe(checker)
    finally:
        context.close()


def _run_axe(page: Page) -> list[dict]:
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    return page.evaluate(_RUN_AXE, WCAG_TAGS)


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} [{v['count']} element(s)] {v['helpUrl']}")
        lines.extend(f"    at {target}" for target in v["targets"])
    return "\n".join(lines)


def assert_accessible(page: Page) -> None:
    """Fail unless the current page has no axe WCAG 2.2 A/AA violation and has logged no console
    error (CSP violations included) since the previous check."""
    page.wait_for_load_state("load")
    page_watch = watch_of(page)
    errors, page_watch.console_errors[:] = list(page_watch.console_errors), []
    assert not errors, f"console errors on {page.url}:\n" + "\n".join(f"- {e}" for e in errors)
    violations = axe_violations(page)
    assert not violations, f"accessibility violations on {page.url} ({page.title()}):\n{describe(violations)}"
    if page_watch.visits:
        page_watch.visits[-1].checked = True  # this document only: an earlier one left unchecked stays so


def check_at_teardown(page: Page) -> None:
    """The last check of a test: the current page, then every page the test loaded."""
    if page.is_closed() or page.url == "about:blank":
        return
    page_watch = watch_of(page)
    if page_watch.unchecked() or page_watch.console_errors:
        unchecked_before = [v.url for v in page_watch.visits[:-1] if not v.checked]
        assert_accessible(page)
        assert not unchecked_before, "pages loaded but never checked with assert_accessible:\n" + "\n".join(
            f"- {u}" for u in unchecked_before
        )


# --- steps ---------------------------------------------------------------------------------------


def visit(page: Page, path: str) -> None:
    response = page.goto(path)
    assert response is not None and response.ok, f"{path} answered {response.status if response else 'nothing'}"
    assert_accessible(page)


def submit(page: Page, button: Locator) -> None:
    """Click a button or link that loads a new page, wait for it, and check it."""
    with page.expect_navigation():
        button.click()
    assert_accessible(page)


def sign_in_with_form(page: Page, email: str, password: str) -> None:
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    submit(page, page.get_by_role("button", name="Sign in", exact=True))


def sign_in_with_cookie(page: Page, base_url: str, user) -> None:
    """Sign in without the form (which the journey test covers): a session made by Django's test
    client, handed to the browser as its cookie."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])


def page_and_window_widths(page: Page) -> tuple[int, int]:
    """The page's full width and the window's. The window is the narrower of innerWidth and the
    layout viewport: with mobile emulation Chromium zooms out to show content wider than the screen,
    and innerWidth then grows with the content, so on its own it would hide the overflow."""
    return tuple(
        page.evaluate(
            "() => [document.scrollingElement.scrollWidth, Math.min(window.innerWidth, document.documentElement.clientWidth)]"
        )
    )


def wider_than_window(page: Page) -> list[str]:
    """The elements that stick out of the window on the right: what makes a page scroll sideways."""
    return page.evaluate("""() => {
      const width = document.documentElement.clientWidth;
      return [...document.querySelectorAll('main *')]
        .filter(el => el.getBoundingClientRect().right > width + 1)
        .slice(0, 3).map(el => `${el.tagName.toLowerCase()}.${el.className} (${Math.round(el.getBoundingClientRect().right)}px)`);
    }""")


def assert_no_horizontal_scroll(page: Page) -> None:
    page_width, window_width = page_and_window_widths(page)
    assert page_width <= window_width, (
        f"{page.url} scrolls sideways: {page_width}px of page in a {window_width}px window, "
        f"because of {wider_than_window(page)}"
    )


# --- keyboard focus ------------------------------------------------------------------------------

_FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  let styled = el, pseudo = null;
  if (el.matches('.govuk-radios__input, .govuk-checkboxes__input') && el.labels && el.labels.length) {
    styled = el.labels[0]; pseudo = '::before';   // the design system draws the ring on the label
  }
  const s = getComputedStyle(styled, pseudo);
  return {
    tag: el.tagName.toLowerCase(), type: el.getAttribute('type') || '', name: el.getAttribute('name') || '',
    value: el.value || '', id: el.id, checked: !!el.checked,
    text: (el.innerText || el.textContent || '').replace(/\\s+/g, ' ').trim().slice(0, 100),
    outline: [s.outlineStyle, s.outlineWidth, s.outlineColor].join(' '),
    outlineVisible: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0
      && !/rgba\\(.*, 0\\)$/.test(s.outlineColor) && s.outlineColor !== 'transparent',
    boxShadow: s.boxShadow, background: s.backgroundColor,
  };
}"""


def focused(page: Page) -> dict | None:
    return page.evaluate(_FOCUSED)


def focus_is_visible(info: dict) -> bool:
    return info["outlineVisible"] or info["boxShadow"] not in ("", "none")


def focus_is_govuk_yellow(info: dict) -> bool:
    return (
        FOCUS_YELLOW in info["boxShadow"]
        or FOCUS_YELLOW in info["background"]
        or (info["outlineVisible"] and FOCUS_YELLOW in info["outline"])
    )


def tab_until(page: Page, matches, *, key: str = "Tab", limit: int = 80) -> dict:
    """Press Tab (or Shift+Tab) until the focused element matches; every stop on the way must show
    the GOV.UK focus style."""
    stops = []
    for _ in range(limit):
        page.keyboard.press(key)
        info = focused(page)
        assert info is not None, f"focus left the page after {stops}"
        stops.append(f"{info['tag']} {info['name'] or info['text'][:40]!r}")
        assert focus_is_visible(info) and focus_is_govuk_yellow(info), (
            f"no visible GOV.UK focus style on {info} (on {page.url})"
        )
        if matches(info):
            return info
    raise AssertionError(f"never reached the element with {key}; stops were: {stops}")


def is_link(text: str):
    return lambda info: info["tag"] == "a" and info["text"] == text


def is_field(name: str):
    return lambda info: info["name"] == name


def is_button(text: str):
    return lambda info: info["tag"] == "button" and info["text"] == text
