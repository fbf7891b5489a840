"""The framework's text in the language of the page (docs/adr/0025-cymraeg.md).

A framework is published in English; its file may carry translations of every text field
(`translations: {cy: {...}}`, checked by the loader). On a page in another language, each English
text of a published (or retired) framework is looked up in a dictionary, English -> translation,
built from the stored translations. A text with no translation stays English (the filters in
`maturity.language` mark it `lang="en"`).

The dictionary is built once per process and language, and rebuilt when the public frameworks
change: it is named by their number and latest save, read again at most every few seconds, and
at once in this process when a framework is saved (the signal in `frameworks.apps`).
"""

from __future__ import annotations

import json
import threading
import time
from typing import Any

from django.utils import translation
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString
from markupsafe import Markup

from maturity.language import block_in_english, is_welsh
from maturity.text import blocks_html

RECHECK_SECONDS = 5.0

_lock = threading.Lock()
_kept: dict[str, Any] = {"checked": 0.0, "token": None, "words": {}}


def _key(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return None


def _pairs(english: Any, translated: Any):
    if _key(english) is not None and translated not in (None, "", []):
        yield _key(english), translated


def pairs_of(document: dict[str, Any], translated: dict[str, Any]):
    """(English key, translation) for every text of a framework document (`loader.export`)."""
    yield from _pairs(document.get("title"), translated.get("title"))
    names = {level["number"]: level["name"] for level in translated.get("levels", [])}
    for level in document.get("levels", []):
        yield from _pairs(level["name"], names.get(level["number"]))
    sections, areas = translated.get("sections", {}), translated.get("areas", {})
    for section in document.get("sections", []):
        given = sections.get(section["key"], {})
        for field in ("title", "description"):
            yield from _pairs(section.get(field), given.get(field))
        for area in section["areas"]:
            given = areas.get(area["key"], {})
            for field in ("title", "short_title", "description", "what_it_is", "why_it_matters"):
                yield from _pairs(area.get(field), given.get(field))
            descriptors = {level["number"]: level["descriptor"] for level in given.get("levels", [])}
            for level in area["levels"]:
                yield from _pairs(level["descriptor"], descriptors.get(level["number"]))


def _token():
    from django.db.models import Count, Max

    from maturity.frameworks.models import Framework

    return tuple(
        Framework.objects.filter(status__in=[Framework.Status.PUBLISHED, Framework.Status.RETIRED])
        .aggregate(n=Count("pk"), latest=Max("loaded_at"), published=Max("published_at"))
        .values()
    )


def _build() -> dict[str, dict[str, Any]]:
    from maturity.frameworks import loader
    from maturity.frameworks.models import Framework

    words: dict[str, dict[str, Any]] = {}
    public = (
        Framework.objects.filter(status__in=[Framework.Status.PUBLISHED, Framework.Status.RETIRED])
        .exclude(translations={})
        .order_by("published_at", "pk")
    )
    for framework in public:  # the latest published wins where two translate a text differently
        document = loader.export(framework)
        for code, translated in framework.translations.items():
            words.setdefault(code, {}).update(pairs_of(document, translated))
    return words


def translations(language: str) -> dict[str, Any]:
    """English -> translation of the public frameworks' text, for `language`."""
    now = time.monotonic()
    with _lock:
        fresh = now - _kept["checked"] < RECHECK_SECONDS
        words = _kept["words"]
    if not fresh:
        try:
            token = _token()
            if token != _kept["token"]:
                words = _build()
        except Exception:
            return {}
        with _lock:
            _kept.update(checked=now, token=token, words=words)
    return words.get(language, {})


def translated(value: Any, language: str) -> Any | None:
    """The translation of a framework text (a string, or blocks), or None."""
    key = _key(value)
    return translations(language).get(key) if key is not None else None


def forget(**kwargs) -> None:
    """A framework was saved: read the translations again on the next look-up in this process."""
    with _lock:
        _kept.update(checked=0.0, token=None, words={})


# The filters that show the framework's text on a page (`|in_english`, `|blocks`), here beside the
# translations they look up; `maturity.language` keeps what knows nothing of frameworks.
def in_english(value) -> SafeString:
    """Text that exists only in English (the framework's, an organisation's answer), on a page in
    another language: marked so that screen readers read it as English. The framework's text is
    shown translated where its file gives a translation (`maturity.frameworks.text`)."""
    if value is None or value == "" or not is_welsh():
        return escape(value if value is not None else "")
    translated = _framework_translation(value)
    if isinstance(translated, str):
        return escape(translated)
    return format_html('<span lang="en">{}</span>', value)


def _framework_translation(value):
    return translated(value, translation.get_language())


def framework_blocks(value, paragraph_class: str = "govuk-body") -> Markup:
    """The framework's paragraphs and lists (`|blocks`), marked as English on a page in another language."""
    if value and is_welsh() and (translated := _framework_translation(value)):
        return blocks_html(translated, paragraph_class)
    return block_in_english(blocks_html(value, paragraph_class))
