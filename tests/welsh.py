"""Finding English left on a Welsh page (docs/adr/0025-cymraeg.md).

`english_in(html)` returns the texts of a page, and of its `alt`, `title`, `aria-label` and
`placeholder` attributes, that read as English although they are not inside an element marked
`lang="en"` (the framework's text, which is published in English only). A text reads as English
when it has at least two of a few short English words that Welsh never uses; names of places and
organisations do not. Text that organisations wrote themselves (a test's own answers) can be
allowed by passing it in `allow`.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

ENGLISH_WORDS = frozenset(
    {
        "the",
        "and",
        "your",
        "you",
        "of",
        "is",
        "are",
        "for",
        "with",
        "this",
        "that",
        "not",
        "has",
        "have",
        "from",
        "will",
        "be",
        "or",
        "it",
        "there",
        "what",
        "which",
        "who",
        "was",
        "were",
        "been",
        "its",
    }
)
ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
WORD = re.compile(r"[A-Za-z']+")


def reads_as_english(text: str) -> bool:
    words = [w.lower().strip("'") for w in WORD.findall(text)]
    return sum(w in ENGLISH_WORDS for w in words) >= 2


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, inside English or code)
        self.found: list[str] = []

    def _english_here(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        english = (
            self._english_here()
            or (values.get("lang") or "").lower().startswith("en")
            or tag in {"script", "style", "code", "pre", "template"}
        )
        if tag == "html":
            english = (values.get("lang") or "").lower().startswith("en")
        if not english:
            self.found.extend(v for k in ATTRIBUTES if (v := values.get(k)) and reads_as_english(v))
        if tag not in VOID:
            self.stack.append((tag, english))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        text = " ".join(data.split())
        if text and not self._english_here() and reads_as_english(text):
            self.found.append(text)


def english_in(html: str, allow: tuple[str, ...] = ()) -> list[str]:
    page = _Page()
    page.feed(html)
    return [text for text in page.found if not any(a in text for a in allow)]
