"""Reading a page in a test as HTML, not as a string.

A check such as `'<td class="govuk-table__cell">3</td>' in page` depends on how the template orders
attributes, spaces its tags and escapes its text: it fails on a page that reads the same, and passes
on one where the markup is right but in the wrong place. These helpers parse the page instead.

- `contains_html(page, fragment)` / `count_html`: the fragment occurs as elements, compared the way
  Django's `assertContains(..., html=True)` compares them (attribute order, quoting and whitespace do
  not matter; entities are read as the characters they stand for).
- `text_of(page)`: the text a person reads (no script, style or head), entities read as characters and
  whitespace collapsed, so that a check can cross inline tags: "Signed off by Lena Lead, Head of ...".
- `title_of(page)`: the text of the page's <title>.
- `lang_of(page)`: the language the page says it is in, its <html> element's lang ("cy", "en-GB").
- `elements(page, tag, text=..., **attrs)`: the elements with that tag and those attributes, for
  inputs, links and table cells. `aria_current="page"` is the attribute aria-current; `class_` matches
  one or more of the element's classes; a value of True asks only that the attribute is there.
  Attributes that are not Python names go in `attrs={"data-i18n.show-password": "Dangos"}`.

`page` is a string, bytes, a response from Django's test client or an `Element` already found.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from django.test.html import parse_html

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
# Their content is not text a person reads on the page.
UNREAD = frozenset({"head", "script", "style", "template"})
# A line break or a cell boundary in a browser: their text does not run into the next element's.
BLOCK = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "caption",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "label",
        "legend",
        "li",
        "main",
        "nav",
        "ol",
        "option",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "svg",
        "title",
        "desc",
        "text",
        "input",
        "select",
        "textarea",
    }
)


@dataclass
class Element:
    """One element of a parsed page: its tag, attributes (a valueless one maps to "") and children."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)

    def get(self, name: str, default: str | None = None) -> str | None:
        return self.attrs.get(name, default)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    @property
    def text(self) -> str:
        return text_of(self)

    def __repr__(self) -> str:
        attributes = "".join(f' {k}="{v}"' for k, v in self.attrs.items())
        return f"<{self.tag}{attributes}>{self.text[:60]}</{self.tag}>"


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document")
        self.open: list[Element] = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.open[-1].children.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_startendtag(self, tag, attrs):
        self.open[-1].children.append(Element(tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag):
        # An end tag closes the nearest open element of its name and any left open inside it (an
        # unclosed <p> or <li>); an end tag with nothing to close is ignored, as a browser does.
        for i in range(len(self.open) - 1, 0, -1):
            if self.open[i].tag == tag:
                del self.open[i:]
                return

    def handle_data(self, data):
        self.open[-1].children.append(data)


def _markup(page: Any) -> str:
    if hasattr(page, "content"):  # a response from the test client
        page = page.content
    if isinstance(page, bytes):
        page = page.decode()
    return page


def parse(page: Any) -> Element:
    """The page as a tree of `Element`s under a root named "#document"."""
    if isinstance(page, Element):
        return page
    tree = _Tree()
    tree.feed(_markup(page))
    tree.close()
    return tree.root


def _texts(element: Element, out: list[str]) -> None:
    for child in element.children:
        if isinstance(child, str):
            out.append(child)
        elif child.tag not in UNREAD:
            gap = child.tag in BLOCK
            if gap:
                out.append(" ")
            _texts(child, out)
            if gap:
                out.append(" ")


def text_of(page: Any) -> str:
    """What a person reads: the text outside script, style and head, with whitespace collapsed.

    Of an `Element` that is itself a <title>, <script> or the like, its own text."""
    root = parse(page)
    out: list[str] = []
    _texts(root, out)
    return " ".join("".join(out).split())


def title_of(page: Any) -> str:
    """The text of the page's <title>."""
    titles = elements(page, "title")
    assert titles, "the page has no <title>"
    return text_of(titles[0])


def lang_of(page: Any) -> str | None:
    """The lang of the page's one <html> element (None when it has none): what a screen reader speaks it in."""
    return element(page, "html").get("lang")


def _wanted(name: str) -> str:
    return "class" if name == "class_" else name.rstrip("_").replace("_", "-")


def _matches(element: Element, tag: str | None, text: str | None, attrs: dict[str, Any]) -> bool:
    if tag is not None and element.tag != tag:
        return False
    for name, value in attrs.items():
        if value is None:
            if name in element.attrs:
                return False
        elif name not in element.attrs:
            return False
        elif value is True:
            continue
        elif name == "class":
            if not set(str(value).split()) <= element.classes:
                return False
        elif element.attrs[name] != str(value):
            return False
    return text is None or text_of(element) == " ".join(text.split())


def _walk(element: Element):
    for child in element.children:
        if isinstance(child, Element):
            yield child
            yield from _walk(child)


def elements(
    page: Any, tag: str | None = None, *, text: str | None = None, attrs: dict[str, Any] | None = None, **named: Any
) -> list[Element]:
    """The elements of `page` (in document order) with that tag, that text and those attributes.

    An attribute asked for as None must be absent; as True, present with any value."""
    wanted = {**{_wanted(k): v for k, v in named.items()}, **(attrs or {})}
    return [e for e in _walk(parse(page)) if _matches(e, tag, text, wanted)]


def element(page: Any, tag: str | None = None, **kwargs: Any) -> Element:
    """The one element that matches, as `elements` finds them; fails the test if there is not exactly one."""
    found = elements(page, tag, **kwargs)
    assert len(found) == 1, f"{len(found)} elements match {tag} {kwargs}: {found[:5]}"
    return found[0]


def count_html(page: Any, fragment: str) -> int:
    """How many times `fragment` occurs in `page`, compared as HTML (Django's assertContains(html=True))."""
    return parse_html(_markup(page)).count(parse_html(fragment))


def contains_html(page: Any, fragment: str) -> bool:
    return count_html(page, fragment) > 0


def has_script(page: Any, containing: str) -> bool:
    """True when a <script> element of the page holds `containing`: what an escaping check must rule out."""
    return any(containing in "".join(c for c in s.children if isinstance(c, str)) for s in elements(page, "script"))
