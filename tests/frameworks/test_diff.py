"""The word-level diff and the list of changes between two versions: pure, no database."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given
from hypothesis import strategies as st

from maturity.frameworks.diff import (
    DELETE,
    EQUAL,
    INSERT,
    Segment,
    as_text,
    compare,
    marked,
    new_text,
    old_text,
    word_diff,
)


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("the same words", "the same words", [Segment(EQUAL, "the same words")]),
        ("", "", []),
        ("", "all new", [Segment(INSERT, "all new")]),
        ("all gone", "", [Segment(DELETE, "all gone")]),
        (
            "councillors are briefed annually",
            "councillors are briefed every year",
            [Segment(EQUAL, "councillors are briefed"), Segment(DELETE, "annually"), Segment(INSERT, "every year")],
        ),
        (
            "a clear strategy",
            "a clear and published strategy",
            [Segment(EQUAL, "a clear"), Segment(INSERT, "and published"), Segment(EQUAL, "strategy")],
        ),
        (
            "staff are trained and supported",
            "staff are supported",
            [Segment(EQUAL, "staff are"), Segment(DELETE, "trained and"), Segment(EQUAL, "supported")],
        ),
        (
            "Risk is managed.",
            "Risk is managed,",
            [Segment(EQUAL, "Risk is"), Segment(DELETE, "managed."), Segment(INSERT, "managed,")],
        ),
        ("one  two\nthree", "one two three", [Segment(EQUAL, "one two three")]),
        ("Leader", "leader", [Segment(DELETE, "Leader"), Segment(INSERT, "leader")]),
    ],
)
def test_word_diff_gives_equal_deleted_and_inserted_runs(old, new, expected):
    assert word_diff(old, new) == expected


def test_a_change_prints_in_word_diff_style():
    assert marked(word_diff("briefed annually", "briefed every year")) == "briefed [-annually-] {+every year+}"


words = st.lists(
    st.sampled_from(["the", "council", "has", "a", "strategy", "clear", "and", "published", "."]), max_size=12
)


@given(words, words)
def test_the_old_and_new_texts_come_back_from_the_segments(a, b):
    old, new = " ".join(a), " ".join(b)
    segments = word_diff(old, new)
    assert old_text(segments) == old and new_text(segments) == new
    assert all(s.text for s in segments)
    assert all(x.op != y.op for x, y in zip(segments, segments[1:]))


# --- two versions -------------------------------------------------------------------------------


def area(key, title, descriptor="At this level the council does a thing.", **extra):
    return {
        "key": key,
        "title": title,
        "levels": [{"number": n, "descriptor": f"{descriptor} ({n})"} for n in (1, 2)],
        **extra,
    }


def document(version, areas, levels=("Low", "High")):
    return {
        "key": "demo",
        "version": version,
        "title": "Demo",
        "levels": [{"number": n, "name": name} for n, name in enumerate(levels, start=1)],
        "sections": [{"key": "only", "title": "Only section", "kind": "theme", "areas": areas}],
    }


@pytest.fixture
def old():
    return document(
        "1", [area("kept", "Kept"), area("dropped", "Dropped"), area("split", "Split"), area("renamed", "Old name")]
    )


def test_no_change_is_empty(old):
    changes = compare(old, copy.deepcopy(old))
    assert changes.is_empty
    assert "No changes." in as_text(changes)


def test_added_removed_renamed_replaced_and_descriptors_changed(old):
    new = document(
        "2",
        [
            area("kept", "Kept", "At this level the council does two things."),
            area("split-a", "Split A", replaces=["split"]),
            area("split-b", "Split B", replaces=["split"]),
            area("renamed", "New name"),
            area("brand-new", "Brand new"),
        ],
        levels=("Low", "Highest"),
    )
    changes = compare(old, new)
    assert [a.key for a in changes.added] == ["brand-new"]
    assert [a.key for a in changes.removed] == ["dropped"]
    assert [(r.key, r.old_title, r.new_title) for r in changes.renamed] == [("renamed", "Old name", "New name")]
    assert [(r.area.key, [o.key for o in r.replaces]) for r in changes.replaced] == [
        ("split-a", ["split"]),
        ("split-b", ["split"]),
    ]
    assert [(c.number, c.old_name, c.new_name) for c in changes.levels_renamed] == [(2, "High", "Highest")]
    [kept] = changes.changed
    assert kept.key == "kept" and [d.level for d in kept.descriptors] == [1, 2]
    assert marked(kept.descriptors[0].segments) == "At this level the council does [-a thing.-] {+two things.+} (1)"
    text = as_text(changes)
    assert "Areas removed (their trend ends with version 1):" in text and "- dropped: Dropped" in text
    assert "split-a (Split A) replaces split (Split)" in text
    assert "renamed: [-Old-] {+New+} name" in text


def test_a_merge_lists_every_replaced_area_and_removes_none(old):
    new = document(
        "2",
        [area("kept", "Kept"), area("merged", "Merged", replaces=["dropped", "split"]), area("renamed", "Old name")],
    )
    changes = compare(old, new)
    assert changes.removed == [] and changes.added == []
    assert [o.key for o in changes.replaced[0].replaces] == ["dropped", "split"]


def test_help_text_changes_are_listed_too(old):
    new = copy.deepcopy(old)
    new["version"] = "2"
    new["sections"][0]["areas"][0]["description"] = ["A paragraph.", {"bullets": ["one", "two"]}]
    [changed] = compare(old, new).changed
    assert [t.label for t in changed.texts] == ["Description"] and changed.descriptors == []
    assert new_text(changed.texts[0].segments) == "A paragraph. • one • two"


def test_a_change_to_who_an_area_applies_to_is_listed():
    """Issue 15: the diff left out changes to the organisation types an area applies to."""
    old = document("1", [area("kept", "Kept", not_applicable_to=["district"]), area("same", "Same")])
    new = document(
        "2", [area("kept", "Kept", not_applicable_to=["combined-authority", "county"]), area("same", "Same")]
    )
    changes = compare(old, new)
    assert not changes.is_empty and changes.changed == []
    [change] = changes.applicability
    assert (change.key, change.now_excluded, change.now_included) == (
        "kept",
        ["combined-authority", "county"],
        ["district"],
    )
    text = as_text(
        changes,
        {"district": "district councils", "county": "county councils", "combined-authority": "combined authorities"},
    )
    assert "Who areas apply to:" in text
    assert (
        "kept: no longer applies to combined authorities and county councils; applies again to district councils"
        in text
    )
