"""The Welsh catalogue is complete and compiled (docs/adr/0025-cymraeg.md).

Every text marked for translation in the code and templates (found as `make messages` finds them)
has its Welsh, in every plural form, with the same placeholders as the English; and the compiled
catalogue the product reads is the one written from it. A text added without its Welsh fails here:
run `make messages`, translate what it adds to src/maturity/locale/cy/LC_MESSAGES/django.po, and run
`make messages` again to compile it.
"""

from __future__ import annotations

import gettext
import re
import shlex
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = ROOT / "src" / "maturity" / "locale" / "cy" / "LC_MESSAGES" / "django.po"
COMPILED = CATALOGUE.with_suffix(".mo")
PLACEHOLDER = re.compile(r"%\((\w+)\)s|%%")


def keywords() -> dict:
    """The extra keywords of `make messages`, read from the Makefile so that the two agree."""
    (line,) = [line for line in (ROOT / "Makefile").read_text().splitlines() if line.startswith("MESSAGE_KEYWORDS")]
    found = dict(DEFAULT_KEYWORDS)
    for spec in shlex.split(line.split(":=", 1)[1]):
        name, _, places = spec.partition(":")
        found[name] = (
            None if not places else tuple((int(p[:-1]), "c") if p.endswith("c") else int(p) for p in places.split(","))
        )
    return found


@pytest.fixture(scope="module")
def marked() -> set[tuple[str | None, str]]:
    with open(ROOT / "babel.cfg") as config:
        method_map, options_map = parse_mapping_cfg(config)
    return {
        (context, message[0] if isinstance(message, tuple) else message)
        for _, _, message, _, context in extract_from_dir(
            str(ROOT / "src"), method_map, options_map, keywords=keywords(), comment_tags=("TRANSLATORS:",)
        )
    }


@pytest.fixture(scope="module")
def catalogue():
    with open(CATALOGUE, "rb") as f:
        return read_po(f, locale="cy")


def key(message) -> tuple[str | None, str]:
    return message.context, message.id[0] if isinstance(message.id, tuple) else message.id


def test_every_marked_text_has_its_welsh(marked, catalogue):
    translated = {
        key(m)
        for m in catalogue
        if m.id and "fuzzy" not in m.flags and (all(m.string) if isinstance(m.string, tuple) else m.string)
    }
    missing = sorted(marked - translated, key=lambda k: k[1])
    assert not missing, f"{len(missing)} texts have no Welsh (run `make messages` and translate them): " + "; ".join(
        repr(text) for _, text in missing[:20]
    )


def test_welsh_has_six_plural_forms(catalogue):
    assert catalogue.num_plurals == 6
    with open(COMPILED, "rb") as compiled:
        forms = gettext.GNUTranslations(compiled).plural
    assert [forms(n) for n in (0, 1, 2, 3, 4, 5, 6, 7, 11, 100)] == [0, 1, 2, 3, 5, 5, 4, 5, 5, 5]


def test_every_translation_keeps_the_placeholders_of_the_english(catalogue):
    wrong = []
    for message in catalogue:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set(PLACEHOLDER.findall(ids[-1])) | set(PLACEHOLDER.findall(ids[0]))
        for string in strings:
            # A plural form may leave the number out ("un maes" for 1), but never add or misspell one.
            if string and not set(PLACEHOLDER.findall(string)) <= expected:
                wrong.append(f"{ids[0]!r} -> {string!r}")
    assert not wrong, "; ".join(wrong[:20])


def test_the_compiled_catalogue_is_written_from_the_current_one(catalogue):
    with open(COMPILED, "rb") as file:
        compiled = gettext.GNUTranslations(file)._catalog
    for message in catalogue:
        if not message.id or "fuzzy" in message.flags:
            continue
        context = f"{message.context}\x04" if message.context else ""
        if isinstance(message.id, tuple):
            for form, string in enumerate(message.string):
                assert compiled.get((context + message.id[0], form)) == string, (
                    f"{message.id[0]!r} is not compiled as written: run `make messages`"
                )
        else:
            assert compiled.get(context + message.id) == message.string, (
                f"{message.id!r} is not compiled as written: run `make messages`"
            )


# `_()` in a template trusts its text as HTML (a message may hold a link), so it takes only text
# written there: a value from the code or from people goes through the `translate` filter, escaped.
TRANSLATED_VALUE = re.compile(r"\b(?:_|gettext|ngettext|pgettext)\(\s*(?![\"'])")


def test_templates_translate_only_the_texts_written_in_them():
    templates = ROOT / "src" / "maturity" / "templates"
    found = [
        f"{path.relative_to(templates)}: {text[max(0, m.start() - 30) : m.end() + 30]!r}"
        for path in sorted(templates.rglob("*.html")) + sorted(templates.rglob("*.txt"))
        for text in [path.read_text(encoding="utf-8")]
        for m in TRANSLATED_VALUE.finditer(text)
    ]
    assert not found, "use |translate for a value, not _(): " + "; ".join(found)
