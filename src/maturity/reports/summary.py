"""The written summary at the top of the committee report, generated from the results.

A pure function over plain data (no database; its words are in the active language): the organisation's name, one `AreaResult` per area
and the framework's level names. Every name in the text comes from that data. The threshold of
the first sentence ("Leader or above" in the 2018 strategy) is the framework's second-highest
level, the level from which an organisation can be an exemplar.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from maturity.scoring import AreaResult, rank_by_gap
from maturity.words import counted, join_words, number

MAX_NAMED = 3


def _name(level_names: Mapping[int, str], number: int) -> str:
    return level_names.get(number, _("level %(number)s") % {"number": number})


def _by_level(
    counts: Counter, level_names: Mapping[int, str], *, of_total: int | None, threshold: int | None = None
) -> str:
    """'Leader or above in 6 of 14 areas, Mature in 5 and Developing in 3'."""
    parts: list[tuple[str, int]] = []
    if threshold is not None:
        high = sum(n for level, n in counts.items() if level >= threshold)
        if high:
            top = max(level_names, default=threshold)
            name = _name(level_names, threshold)
            label = name if threshold >= top else _("%(level)s or above") % {"level": name}
            parts.append((label, high))
        counts = Counter({level: n for level, n in counts.items() if level < threshold})
    parts.extend((_name(level_names, level), n) for level, n in sorted(counts.items(), reverse=True) if n)
    words = []
    for index, (label, n) in enumerate(parts):
        values = {"level": label, "num": number(n)}
        if index == 0 and of_total is not None:
            words.append(
                ngettext("%(level)s in %(num)s of %(total)s areas", "%(level)s in %(num)s of %(total)s areas", of_total)
                % {**values, "total": number(of_total)}
            )
        elif index == 0:
            words.append(ngettext("%(level)s in %(num)s area", "%(level)s in %(num)s areas", n) % values)
        else:
            words.append(_("%(level)s in %(num)s") % values)
    return join_words(words)


def ambition(organisation: str, results: Sequence[AreaResult], level_names: Mapping[int, str]) -> str:
    total = len(results)
    targets = Counter(r.target for r in results if r.target is not None)
    if not targets:
        return ngettext(
            "%(organisation)s has not yet set a target level in any of its %(num)s area.",
            "%(organisation)s has not yet set a target level in any of its %(num)s areas.",
            total,
        ) % {"organisation": organisation, "num": number(total)}
    numbers = sorted(level_names) or sorted(targets)
    threshold = numbers[-2] if len(numbers) >= 2 else numbers[-1]
    text = _("%(organisation)s aims for %(levels)s.") % {
        "organisation": organisation,
        "levels": _by_level(targets, level_names, of_total=total, threshold=threshold),
    }
    missing = total - sum(targets.values())
    if missing:
        text += " " + counted(
            missing, "%(num)s area has no target level yet.", "%(num)s areas have no target level yet."
        )
    return text


def position(results: Sequence[AreaResult], level_names: Mapping[int, str]) -> str:
    sentences = []
    current = Counter(r.current for r in results if r.current is not None)
    if current:
        sentences.append(
            _("It currently stands at %(levels)s.") % {"levels": _by_level(current, level_names, of_total=None)}
        )
    else:
        sentences.append(_("No current level has been recorded yet."))
    gaps = [r.gap for r in results if r.gap is not None]
    if gaps:
        met = sum(1 for gap in gaps if gap <= 0)
        partial = len(gaps) < len(results)
        recorded = len(gaps)
        if met == len(gaps):
            sentences.append(
                counted(
                    recorded,
                    "It is at or above its target in every one of the %(num)s area with both levels recorded.",
                    "It is at or above its target in every one of the %(num)s areas with both levels recorded.",
                )
                if partial
                else _("It is at or above its target in every area.")
            )
        elif met == 0:
            sentences.append(
                counted(
                    recorded,
                    "It has not yet reached its target in any of the %(num)s area with both levels recorded.",
                    "It has not yet reached its target in any of the %(num)s areas with both levels recorded.",
                )
                if partial
                else _("It has not yet reached its target in any area.")
            )
        else:
            areas = counted(met, "%(num)s area", "%(num)s areas")
            if partial:
                sentences.append(
                    _("It is at or above its target in %(areas)s of the %(recorded)s.")
                    % {
                        "areas": areas,
                        "recorded": counted(
                            recorded,
                            "%(num)s area with both levels recorded",
                            "%(num)s areas with both levels recorded",
                        ),
                    }
                )
            else:
                sentences.append(_("It is at or above its target in %(areas)s.") % {"areas": areas})
        sentences.extend(_widest(results))
    return " ".join(sentences)


def _widest(results: Sequence[AreaResult]) -> list[str]:
    ranked = [r for r in rank_by_gap(results) if r.gap is not None and r.gap > 0]
    if not ranked:
        return []
    widest = ranked[0].gap
    assert widest is not None
    titles = [r.title for r in ranked if r.gap == widest]
    size = counted(widest, "%(num)s level", "%(num)s levels")
    if len(titles) == 1:
        return [_("The widest gap is in %(area)s (%(size)s).") % {"area": titles[0], "size": size}]
    named = titles[:MAX_NAMED]
    if len(titles) > MAX_NAMED:
        named.append(counted(len(titles) - MAX_NAMED, "%(num)s other area", "%(num)s other areas"))
    return [_("The widest gaps, of %(size)s each, are in %(areas)s.") % {"size": size, "areas": join_words(named)}]


def summary(*, organisation: str, results: Sequence[AreaResult], level_names: Mapping[int, str]) -> list[str]:
    """Two paragraphs in plain language (British English or Welsh): the ambition, then the current position."""
    return [ambition(organisation, results, level_names), position(results, level_names)]
