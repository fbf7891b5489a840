"""An attacker who keeps every figure the product ever showed, and knows who responded to each
release (the list of respondents, who joined or left a group, who imported a file, who signed off
again). It tries to work out one organisation's answer exactly, by differencing and by solving:

- a *fact* is "the records of this population, at this level (or with this value), count or add
  up to this": one per figure shown;
- differencing: a record's own value is a combination of facts when its indicator lies in the
  span of the populations whose figure is shown (exact, in fractions: Gaussian elimination);
- solving: a count of 0 says no record of the population is at that level; a count equal to the
  population's size says every record is (unanimity); and likewise for what two counts differ by
  (round 1 less round 2 = 2 at a level, with two councils gone: both were at it).

It is independent of the product's rule (no import of maturity.suppression): the tests that use
it assert that nothing is pinned, and one of them that it does pin an organisation when the
figures are not suppressed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import combinations

Record = Hashable


@dataclass
class Attacker:
    # (question, population's records, value): "question" is what the figure measures (an area,
    # a measure and a level: ("engaging-councillors", "current", 3)), or a sum ("spend-2024").
    facts: list[tuple[Hashable, frozenset[Record], Fraction]] = field(default_factory=list)
    sizes: list[tuple[frozenset[Record], int]] = field(default_factory=list)

    def learn(self, question: Hashable, records: Iterable[Record], value: int | float | None) -> None:
        """A figure shown (None: withheld, which says nothing)."""
        if value is not None:
            self.facts.append((question, frozenset(records), Fraction(value)))

    def learn_size(self, records: Iterable[Record], size: int | None) -> None:
        if size is not None:
            self.sizes.append((frozenset(records), size))

    def pinned(self) -> dict[Hashable, dict[Record, Fraction]]:
        """For each question, the records whose own value the attacker can work out exactly."""
        by_question: dict[Hashable, list[tuple[frozenset[Record], Fraction]]] = defaultdict(list)
        for question, records, value in self.facts:
            by_question[question].append((records, value))
        found: dict[Hashable, dict[Record, Fraction]] = {}
        for question, facts in by_question.items():
            known = _solved(facts)
            # Solving: nobody at this level, or everybody; and the same for what two figures
            # differ by (a count of 0 or 1 for each record, so a difference at its bound is exact).
            for records, value in facts:
                if value == 0:
                    known.update({r: Fraction(0) for r in records})
                elif value == len(records) and any(size == len(records) and rs == records for rs, size in self.sizes):
                    known.update({r: Fraction(1) for r in records})
            if isinstance(question, tuple) and len(question) == 3:
                for (a, va), (b, vb) in combinations(facts, 2):
                    only_a, only_b, difference = a - b, b - a, va - vb
                    if difference == len(only_a):
                        known.update({r: Fraction(1) for r in only_a} | {r: Fraction(0) for r in only_b})
                    elif difference == -len(only_b):
                        known.update({r: Fraction(0) for r in only_a} | {r: Fraction(1) for r in only_b})
            if known:
                found[question] = known
        return found

    def levels_pinned(self) -> dict[tuple[Hashable, Hashable], Record]:
        """(area, measure) -> a record whose level there is known exactly: it is known to be at a
        level, or known not to be at every level but one."""
        pinned = self.pinned()
        levels: dict[tuple, dict[Record, dict[int, Fraction]]] = defaultdict(lambda: defaultdict(dict))
        for question, known in pinned.items():
            if isinstance(question, tuple) and len(question) == 3:
                area, measure, level = question
                for record, value in known.items():
                    levels[(area, measure)][record][level] = value
        found = {}
        all_levels = {q[2] for q in pinned if isinstance(q, tuple) and len(q) == 3}
        all_levels |= {f[0][2] for f in self.facts if isinstance(f[0], tuple) and len(f[0]) == 3}
        for key, records in levels.items():
            for record, values in records.items():
                at = [level for level, value in values.items() if value == 1]
                not_at = {level for level, value in values.items() if value == 0}
                if at or (all_levels and len(all_levels - not_at) == 1):
                    found[key] = record
        return found

    def sums_pinned(self) -> dict[Hashable, Record]:
        """Questions about amounts (not levels), and a record whose own value is known."""
        return {
            question: next(iter(known))
            for question, known in self.pinned().items()
            if known and not (isinstance(question, tuple) and len(question) == 3)
        }


def _solved(facts: list[tuple[frozenset[Record], Fraction]]) -> dict[Record, Fraction]:
    """The records whose value the facts (sums over populations) determine, with that value."""
    records = sorted({r for population, _ in facts for r in population}, key=repr)
    index = {r: j for j, r in enumerate(records)}
    width = len(records)
    rows: list[list[Fraction]] = []
    for population, value in facts:
        row = [Fraction(0)] * (width + 1)
        for r in population:
            row[index[r]] = Fraction(1)
        row[width] = value
        rows.append(row)
    echelon = _rref(rows, width)
    known = {}
    for r in records:
        vector = [Fraction(0)] * (width + 1)
        vector[index[r]] = Fraction(1)
        for pivot, row in echelon:
            if vector[pivot]:
                factor = vector[pivot]
                vector = [a - factor * b for a, b in zip(vector, row)]
        if not any(vector[:width]):
            known[r] = -vector[width]
    return known


def _rref(rows: list[list[Fraction]], width: int) -> list[tuple[int, list[Fraction]]]:
    done: list[tuple[int, list[Fraction]]] = []
    rows = [row[:] for row in rows]
    for column in range(width):
        found = next((row for row in rows if row[column]), None)
        if found is None:
            continue
        rows.remove(found)
        pivot = [value / found[column] for value in found]
        rows = [[a - row[column] * b for a, b in zip(row, pivot)] for row in rows]
        done = [(p, [a - r[column] * b for a, b in zip(r, pivot)]) for p, r in done]
        done.append((column, pivot))
    return done


def read_round(attacker: Attacker, round_) -> None:
    """What a published round shows, with its respondents as the attacker knows them (each
    organisation with the edition of the assessment it submitted, its region, type and groups)."""
    from maturity.benchmarks import serialise
    from maturity.benchmarks.models import Participant
    from maturity.groups.models import GroupMember

    figures = serialise.from_data(round_.published_results.figures)
    respondents = []
    for p in round_.participants.filter(status=Participant.Status.SUBMITTED).select_related(
        "organisation", "assessment"
    ):
        groups = set(GroupMember.objects.filter(organisation=p.organisation).values_list("group_id", flat=True))
        record = (p.organisation_id, p.assessment_id, p.assessment.signed_off_at.isoformat())
        respondents.append((record, p.organisation.region, p.organisation.type, {str(g) for g in groups}))
    areas = {a.key: set(a.not_applicable_to or ()) for a in round_.framework.areas.all()}
    for area in figures.areas:
        for population in area.populations:
            records = [
                r
                for r, region, type_, groups in respondents
                if type_ not in areas[area.key]
                and (
                    population.dimension == "all"
                    or (population.dimension == "region" and region == population.key)
                    or (population.dimension == "type" and type_ == population.key)
                    or (population.dimension == "group" and population.key in groups)
                )
            ]
            attacker.learn_size(records, population.respondents)
            for name in ("current", "target"):
                measure = population.measure(name)
                for level, count in zip(figures.levels, measure.counts):
                    attacker.learn((area.key, name, level), records, count)
