"""The written summary at the top of the committee report, generated from the results.

A pure function over plain data (no Django): the organisation's name, one `AreaResult` per area
and the framework's level names. Every name in the text comes from that data. The threshold of
the first sentence ("Leader or above" in the 2018 strategy) is the framework's second-highest
level, the level from which an organisation can be an exemplar.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from maturity.scoring import AreaResult, rank_by_gap
from maturity.words import join_words, plural

MAX_NAMED = 3


def _name(level_names: Mapping[int, str], number: int) -> str:
    return level_names.get(number, f"level {number}")


def _by_level(counts: Counter, level_names: Mapping[int, str], *, of_total: int | None,
              threshold: int | None = None) -> str:
    """'Leader or above in 6 of 14 areas, Mature in 5 and Developing in 3'."""
    parts: list[tuple[str, int]] = []
    if threshold is not None:
        high = sum(n for level, n in counts.items() if level >= threshold)
        if high:
            top = max(level_names, default=threshold)
            label = _name(level_names, threshold) + ("" if threshold >= top else " or above")
            parts.append((label, high))
        counts = Counter({level: n for level, n in counts.items() if level < threshold})
    parts.extend((_name(level_names, level), n) for level, n in sorted(counts.items(), reverse=True) if n)
    words = []
    for index, (label, n) in enumerate(parts):
        if index == 0:
            of = f" of {of_total}" if of_total is not None else ""
            words.append(f"{label} in {n}{of} {'area' if n == 1 and not of else 'areas'}")
        else:
            words.append(f"{label} in {n}")
    return join_words(words)


def ambition(organisation: str, results: Sequence[AreaResult], level_names: Mapping[int, str]) -> str:
    total = len(results)
    targets = Counter(r.target for r in results if r.target is not None)
    if not targets:
        return f"{organisation} has not yet set a target level in any of its {plural(total, 'area')}."
    numbers = sorted(level_names) or sorted(targets)
    threshold = numbers[-2] if len(numbers) >= 2 else numbers[-1]
    text = f"{organisation} aims for {_by_level(targets, level_names, of_total=total, threshold=threshold)}."
    missing = total - sum(targets.values())
    if missing:
        text += f" {plural(missing, 'area')} {'has' if missing == 1 else 'have'} no target level yet."
    return text


def position(results: Sequence[AreaResult], level_names: Mapping[int, str]) -> str:
    sentences = []
    current = Counter(r.current for r in results if r.current is not None)
    if current:
        sentences.append(f"It currently stands at {_by_level(current, level_names, of_total=None)}.")
    else:
        sentences.append("No current level has been recorded yet.")
    gaps = [r.gap for r in results if r.gap is not None]
    if gaps:
        met = sum(1 for gap in gaps if gap <= 0)
        partial = len(gaps) < len(results)
        recorded = f"{plural(len(gaps), 'area')} with both levels recorded"
        if met == len(gaps):
            where = f"every one of the {recorded}" if partial else "every area"
            sentences.append(f"It is at or above its target in {where}.")
        elif met == 0:
            where = f"any of the {recorded}" if partial else "any area"
            sentences.append(f"It has not yet reached its target in {where}.")
        else:
            where = f" of the {recorded}" if partial else ""
            sentences.append(f"It is at or above its target in {plural(met, 'area')}{where}.")
        sentences.extend(_widest(results))
    return " ".join(sentences)


def _widest(results: Sequence[AreaResult]) -> list[str]:
    ranked = [r for r in rank_by_gap(results) if r.gap is not None and r.gap > 0]
    if not ranked:
        return []
    widest = ranked[0].gap
    assert widest is not None
    titles = [r.title for r in ranked if r.gap == widest]
    size = plural(widest, "level")
    if len(titles) == 1:
        return [f"The widest gap is in {titles[0]} ({size})."]
    named = titles[:MAX_NAMED]
    if len(titles) > MAX_NAMED:
        named.append(plural(len(titles) - MAX_NAMED, "other area"))
    return [f"The widest gaps, of {size} each, are in {join_words(named)}."]


def summary(*, organisation: str, results: Sequence[AreaResult], level_names: Mapping[int, str]) -> list[str]:
    """Two paragraphs in plain British English: the ambition, then the current position."""
    return [ambition(organisation, results, level_names), position(results, level_names)]
