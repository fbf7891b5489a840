"""Small-number suppression: the one rule for every benchmark figure, on pages, in the CSV and
JSON downloads and in the API (docs/adr/0008-rounds-and-benchmarks.md).

No Django imports: the rule is tested on hand-computed tables, without a database.

A benchmark table is a set of counts of organisations ("cells") and of "lines": a total and the
cells that add up to it. A population's respondents are the total of its counts at each level;
the respondents at a level across the regions add up to all respondents at that level; and so
on. The rule, with MINIMUM = 5:

1. Primary suppression. A population of fewer than MINIMUM respondents shows nothing, and any
   count of 1 to MINIMUM - 1 organisations is withheld. A zero is shown.
2. Secondary suppression. In every line whose total is shown, the withheld cells are either
   none, or at least two that together count at least MINIMUM organisations, so that no
   withheld count can be worked out by subtraction and the subtraction never gives a small
   number. When a line breaks this, its smallest shown cell is withheld too (positive counts
   before zeros, ties to the first in order); when none of its cells is shown, its total is
   withheld. This repeats until no line breaks it.
3. Ties. Cells that always hold the same number (two populations with the same respondents)
   are shown or withheld together, and a population whose size is withheld shows nothing.

Populations that are nested (a group inside a region, a region that is all of one council
type) and differ by fewer than MINIMUM respondents are a further disclosure risk (subtracting
one from the other describes the few in between): `nested_pairs` finds them, and the lesser
one's figures are withheld as primary suppression (`protect_nested`).

4. Chains. Adding and subtracting whole populations can describe a few organisations where no
   two populations nest (a region, minus a council type, plus another region...): no sum or
   difference of the populations shown may describe 1 to MINIMUM - 1 organisations, or a
   population taking part in it is withheld whole (`chain_withheld`). `suppress_with_chains`
   applies rules 1 to 4 together: the one entry point for a table of populations.
"""

from __future__ import annotations

import math
from collections import defaultdict, deque
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

MINIMUM = 5

# The rule as stated with the figures of rounds published before rule 4 (their frozen figures
# were suppressed under rules 1 to 3 only, and keep this text: aggregates.from_data).
PAIRWISE_RULE_TEXT = (
    f"A figure is withheld when it describes fewer than {MINIMUM} organisations: no figure is given for a "
    f"population of fewer than {MINIMUM} respondents, and a count of 1 to {MINIMUM - 1} organisations is withheld. "
    "Further figures are withheld so that no withheld figure can be worked out by subtracting the figures "
    f"shown: wherever figures add up to a total that is shown, at least two are withheld, together counting at "
    f"least {MINIMUM} organisations. Populations that differ by fewer than {MINIMUM} respondents are not both shown."
)
# The rule as stated with the figures of rounds published under rules 1 to 4 (before rule 5).
CHAINS_RULE_TEXT = (
    f"{PAIRWISE_RULE_TEXT} No sum or difference of the populations shown (a region, minus a council type, plus "
    f"another region...) describes fewer than {MINIMUM} organisations: where one would, a population is withheld "
    "whole, showing no figure at all."
)
# The median's one rule, stated wherever a median is shown (median_level computes it).
MEDIAN_TEXT = (
    "A median is a level: the level of the middle organisation, or for an even number the lower of the "
    "two middle levels, never a value between two levels."
)
RULE_TEXT = (
    f"{CHAINS_RULE_TEXT} Nor does any comparison with rounds published before (a council that responded to only "
    f"one, or signed off again) describe fewer than {MINIMUM} organisations. Where all respondents gave one level, "
    "that count and the median are withheld. A median is a level: for an even number, the lower middle one."
)

Key = Hashable


@dataclass(frozen=True)
class Line:
    """`total` is the sum of `members`."""

    total: Key
    members: tuple[Key, ...]


@dataclass
class Table:
    """The cells and lines of one benchmark (one area of a round), before suppression."""

    values: dict[Key, int] = field(default_factory=dict)
    lines: list[Line] = field(default_factory=list)
    # A population's size, and every other cell of that population.
    populations: dict[Key, tuple[Key, ...]] = field(default_factory=dict)
    # Groups of cells that hold the same number and so must be shown or withheld together.
    ties: list[tuple[Key, ...]] = field(default_factory=list)
    # Cells withheld whatever their value (a population at risk of differencing).
    forced: set[Key] = field(default_factory=set)

    def add_line(self, total: Key, members: Iterable[Key]) -> None:
        members = tuple(members)
        if members:
            self.lines.append(Line(total, members))


def median_level(values: Iterable[int]) -> int | None:
    """The median of some organisations' levels by the one rule for every median the product
    shows (rounds, group dashboards: MEDIAN_TEXT): a level, the lower of the two
    middle ones for an even number, never "4.5"."""
    ordered = sorted(values)
    return ordered[(len(ordered) - 1) // 2] if ordered else None


def primary(table: Table, *, minimum: int = MINIMUM) -> set[Key]:
    """Rule 1: small populations and small counts."""
    withheld = {key for key, value in table.values.items() if 0 < value < minimum}
    withheld |= table.forced
    for size, _ in table.populations.items():
        if table.values[size] < minimum:
            withheld.add(size)
    return withheld


def line_is_safe(
    line: Line, values: Mapping[Key, int], withheld: set[Key], *, minimum: int = MINIMUM, extra: Key | None = None
) -> bool:
    """Rule 2 for one line (as if `extra` were withheld too)."""
    hidden = [m for m in line.members if m in withheld or m == extra]
    if line.total in withheld or line.total == extra:
        # A withheld total is the sum of its cells: one of them must be withheld too.
        return bool(hidden)
    return not hidden or (len(hidden) >= 2 and sum(values[m] for m in hidden) >= minimum)


def suppress(table: Table, *, minimum: int = MINIMUM) -> set[Key]:
    """The keys of every cell withheld under the rule (primary, secondary and ties).

    A worklist: only the lines touching a newly withheld cell are checked again, and each line
    keeps its count and sum of withheld cells as cells are withheld. To repair a line, the shown
    cell chosen is one that makes the line safe if any does, then the one that breaks the fewest
    other lines, then the smallest (positive counts before zeros), then the first in the line's
    order.
    """
    values = table.values
    lines = table.lines
    members_of = [set(line.members) for line in lines]
    lines_of: dict[Key, list[int]] = defaultdict(list)
    for index, line in enumerate(lines):
        lines_of[line.total].append(index)
        for member in line.members:
            lines_of[member].append(index)
    ties_of: dict[Key, list[tuple[Key, ...]]] = defaultdict(list)
    for tied in table.ties:
        for key in tied:
            ties_of[key].append(tied)

    withheld: set[Key] = set()
    hidden_count = [0] * len(lines)
    hidden_sum = [0] * len(lines)
    total_hidden = [False] * len(lines)
    queue: deque[int] = deque()
    queued: set[int] = set()

    def safe(index: int, extra: Key | None = None) -> bool:
        count, amount = hidden_count[index], hidden_sum[index]
        if extra is not None and extra in members_of[index]:
            count, amount = count + 1, amount + values[extra]
        if total_hidden[index] or extra == lines[index].total:
            return count > 0  # a withheld total is the sum of its cells: one must be withheld too
        return count == 0 or (count >= 2 and amount >= minimum)

    def withhold(key: Key) -> None:
        pending = [key]
        while pending:
            k = pending.pop()
            if k in withheld:
                continue
            withheld.add(k)
            pending.extend(table.populations.get(k, ()))
            for tied in ties_of.get(k, ()):
                pending.extend(tied)
            for index in lines_of.get(k, ()):
                if k == lines[index].total:
                    total_hidden[index] = True
                if k in members_of[index]:
                    hidden_count[index] += 1
                    hidden_sum[index] += values[k]
                if index not in queued:
                    queued.add(index)
                    queue.append(index)

    # Lines touched by primary suppression are repaired first, then every other line in order.
    for key in sorted(primary(table, minimum=minimum), key=repr):
        withhold(key)
    for index in range(len(lines)):
        if index not in queued:
            queued.add(index)
            queue.append(index)

    while queue:
        index = queue.popleft()
        queued.discard(index)
        if safe(index):
            continue
        line = lines[index]
        shown = [m for m in line.members if m not in withheld]
        if not shown:  # (never when the total is withheld: then no member is)
            withhold(line.total)
            continue

        def cost(pair: tuple[int, Key], index: int = index) -> tuple:  # this line's, bound now
            position, m = pair
            broken = sum(1 for other in lines_of[m] if other != index and safe(other) and not safe(other, m))
            return (not safe(index, m), broken, values[m] == 0, values[m], position)

        withhold(min(enumerate(shown), key=cost)[1])
        if index not in queued:  # check this line again: one more cell may be needed
            queued.add(index)
            queue.append(index)
    return withheld


def nested_pairs(sizes: Mapping[Key, int], overlaps: Mapping[tuple[Key, Key], int]) -> list[tuple[Key, Key]]:
    """(outer, inner) for every two populations where all of inner's respondents are in outer.

    `sizes` gives each population's respondents and `overlaps[(a, b)]` (or `[(b, a)]`) the
    respondents the two share; a pair missing from `overlaps` shares none.
    """
    keys = list(sizes)
    pairs = []
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            shared = overlaps.get((a, b), overlaps.get((b, a), 0))
            if not shared or shared != min(sizes[a], sizes[b]):
                continue
            pairs.append((a, b) if sizes[a] >= sizes[b] else (b, a))
    return pairs


def protect_nested(
    table: Table, pairs: Iterable[tuple[Key, Key]], cells: Mapping[Key, Sequence[Key]], *, minimum: int = MINIMUM
) -> None:
    """Rule 3 for nested populations. `cells[population]` lists a population's cells in the same
    order for every population, its size first. The same respondents are tied cell by cell;
    otherwise, where outer minus inner would leave a count of 1 to minimum - 1 organisations,
    inner's cell is withheld (so the subtraction cannot be made)."""
    values = table.values
    for outer, inner in pairs:
        outer_cells, inner_cells = cells[outer], cells[inner]
        if values[outer_cells[0]] == values[inner_cells[0]]:
            table.ties.extend(zip(outer_cells, inner_cells))
            continue
        for a, b in zip(outer_cells, inner_cells):
            if 0 < values[a] - values[b] < minimum:
                table.forced.add(b)


def shown(values: Mapping[Key, int], withheld: set[Key]) -> dict[Key, int | None]:
    """Every cell's value, or None where it is withheld."""
    return {key: (None if key in withheld else value) for key, value in values.items()}


# --- Rule 4: sums and differences of whole populations ------------------------------------------------
#
# A population's figures (its respondents, its count at each level) are sums over "atoms": the
# organisations that belong to exactly the same populations (for a round: the same region, council
# type and groups). Any sum or difference of the populations shown, with any coefficients, is the
# same sum or difference of atoms, and it describes the organisations of the atoms it does not
# cancel out. The pairwise rule above misses chains (a region, minus a council type, plus another
# region...) and differences of two small atoms (a region minus a type that share all but one
# council each gives one council's levels against another's). Rule 4: no combination of the
# populations shown describes 1 to MINIMUM - 1 organisations.


def chain_withheld(
    sizes: Mapping[Key, int],
    populations: Mapping[Key, Iterable[Key]],
    withheld: Iterable[Key] = (),
    *,
    known: Iterable[Key] = (),
    earlier: Mapping[Key, Iterable[Key]] | None = None,
    earlier_exposed: bool = True,
    minimum: int = MINIMUM,
) -> list[Key]:
    """The populations to withhold, besides `withheld`, so that no sum or difference of the
    populations shown describes 1 to minimum - 1 organisations.

    `sizes` gives each atom's organisations; `populations` each population's atoms, in the order
    that breaks ties. Atoms in `known` (organisations that agreed to be seen by name) protect
    nobody and are left out. While some combination describes fewer than `minimum` organisations
    (`revealed`), one population taking part in it is withheld: one whose withholding stops it if
    any does, else one that the other populations shown do not add up to (withholding one that
    they do changes nothing), else any; of those, the smallest, then the first in `populations`.
    Exact (integers only) and deterministic; pure.

    Rule 5: `earlier` holds the populations shown before (in earlier releases of the same kind of
    figure, by their atoms), which the attacker keeps and which cannot be withheld any more: they
    take part in every combination, and only populations of `populations` are withheld. Atoms
    that the earlier populations already describe on their own (a release made before this rule)
    are as good as known, and are left out like `known` ones (`earlier_exposed=False`: the caller
    left them out already, `exposed_records`)."""
    fixed = {("earlier", key): frozenset(holds) for key, holds in (earlier or {}).items()}
    known = _exposed(sizes, fixed, set(known), minimum) if fixed and earlier_exposed else set(known)
    atoms = tuple(atom for atom, size in sizes.items() if size > 0 and atom not in known)
    members = {population: frozenset(holds) for population, holds in populations.items()}
    order = {population: position for position, population in enumerate(members)}
    size_of = {population: sum(sizes.get(atom, 0) for atom in holds) for population, holds in members.items()}
    hidden = set(withheld)
    extra: list[Key] = []
    index = {atom: j for j, atom in enumerate(atoms)}
    every_row = {population: _row(holds, index) for population, holds in fixed.items()}
    every_row.update({population: _row(holds, index) for population, holds in members.items()})
    weights = tuple(sizes[atom] for atom in atoms)
    while True:
        rows = {population: row for population, row in every_row.items() if population not in hidden}
        found = revealed(weights, tuple(rows.values()), minimum=minimum)
        if not found:
            return extra
        by_size = sorted(
            (p for p in rows if p not in fixed), key=lambda population: (size_of[population], order[population])
        )
        if not by_size:
            return extra  # (cannot happen: what the earlier populations describe alone is known)
        choice = _to_withhold(rows, by_size, set(found))
        hidden.add(choice)
        extra.append(choice)


def _row(holds: Iterable[Key], index: Mapping[Key, int]) -> tuple[int, ...]:
    """A population's 0/1 vector over the atoms (`index`: each atom's position)."""
    row = [0] * len(index)
    for atom in holds:
        j = index.get(atom)
        if j is not None:
            row[j] = 1
    return tuple(row)


def _exposed(sizes: Mapping[Key, int], fixed: Mapping[Key, frozenset[Key]], known: set[Key], minimum: int) -> set[Key]:
    """`known`, and the atoms that the `fixed` populations describe on their own, whatever is
    withheld now (found one set at a time until none is left)."""
    known = set(known)
    while True:
        atoms = tuple(atom for atom, size in sizes.items() if size > 0 and atom not in known)
        index = {atom: j for j, atom in enumerate(atoms)}
        rows = tuple(_row(holds, index) for holds in fixed.values())
        found = revealed(tuple(sizes[atom] for atom in atoms), rows, minimum=minimum)
        if not found:
            return known
        known |= {atoms[j] for j in found}


def _to_withhold(rows: Mapping[Key, tuple[int, ...]], candidates: list[Key], found: set[int]) -> Key:
    """The first of `candidates` whose withholding stops the rows describing the atoms `found`;
    else the first that takes part in describing them and that the other rows do not add up to;
    else the first that takes part.

    In terms of the combinations of the rows: those that add up to nothing (Z) lie among those
    that are zero off the atoms found (Y), and there are more of the latter. Withholding row c
    keeps only the combinations that do not use it: it stops the description when Y has one
    dimension more than Z, and c is used in Y but not in Z."""
    positions = {population: i for i, population in enumerate(rows)}
    matrix = [list(row) for row in rows.values()]
    columns = [list(column) for column in zip(*matrix)]
    nothing = _kernel(columns, len(matrix))
    describing = _kernel([column for j, column in enumerate(columns) if j not in found], len(matrix))
    used, used_by_nothing = _support(describing), _support(nothing)
    involved = [c for c in candidates if positions[c] in used]
    if len(describing) == len(nothing) + 1:
        stopping = [c for c in involved if positions[c] not in used_by_nothing]
        if stopping:
            return stopping[0]
    independent = [c for c in involved if positions[c] not in used_by_nothing]
    return (independent or involved or candidates)[0]


def _support(basis: list[list[int]]) -> set[int]:
    """The positions where some vector of the space `basis` spans is not zero."""
    return {i for vector in basis for i, value in enumerate(vector) if value}


@lru_cache(maxsize=128)  # the areas of a round mostly share their atoms, so the same search recurs
def revealed(sizes: tuple[int, ...], rows: tuple[tuple[int, ...], ...], *, minimum: int = MINIMUM) -> tuple[int, ...]:
    """The atoms (by position) that some combination of `rows` (the populations shown, each a 0/1
    vector over the atoms) describes on its own, when they hold 1 to minimum - 1 organisations in
    all; () when there is no such combination.

    Such a combination is zero on every atom of `minimum` organisations or more, so it is a
    combination of the rows of the echelon form (those atoms first) whose pivot is a small atom.
    Each row it uses puts its pivot in what is described, so it uses at most minimum - 1 of them:
    sets of rows are tried, fewest first, skipping those where an atom that only one of them
    holds (which nothing can cancel) already weighs too much; for each set, `_cancel` looks for
    coefficients that cancel all but a few of the other atoms."""
    small = [j for j, size in enumerate(sizes) if size < minimum]
    large = [j for j, size in enumerate(sizes) if size >= minimum]
    echelon = _echelon([[row[j] for j in large + small] for row in rows])
    basis = [row[len(large) :] for row in echelon if _pivot(row) >= len(large)]
    search = _Search(basis, [sizes[j] for j in small], minimum)
    for count in range(1, min(len(basis), minimum - 1) + 1):
        found = search.extend((), 0, 0, 0, 0, count)
        if found:
            return tuple(sorted(small[j] for j in found))
    return ()


class _Search:
    """Sets of rows of `basis` (in echelon form, over the small atoms) and what they describe."""

    def __init__(self, basis: list[list[int]], weights: list[int], minimum: int):
        self.basis, self.weights, self.minimum = basis, weights, minimum
        self.pivots = [_pivot(row) for row in basis]
        # Each row's atoms other than its pivot (bit j: atom j), and those of the rows after it.
        self.others = [
            _mask(j for j, value in enumerate(row) if value and j != self.pivots[i]) for i, row in enumerate(basis)
        ]
        self.later = [0] * (len(basis) + 1)
        for i in reversed(range(len(basis))):
            self.later[i] = self.later[i + 1] | self.others[i]
        self.by_weight = {w: _mask(j for j, v in enumerate(weights) if v == w) for w in set(weights)}

    def weigh(self, mask: int) -> int:
        return sum(w * (mask & atoms).bit_count() for w, atoms in self.by_weight.items())

    def extend(self, chosen: tuple[int, ...], start: int, described: int, once: int, more: int, count: int) -> set[int]:
        """The atoms described by a set of `count` rows starting with `chosen`, or an empty set.
        `once` and `more`: the other atoms held by one of the chosen rows, and by several."""
        for i in range(start, len(self.basis)):
            weight = described + self.weights[self.pivots[i]]
            more_ = more | (once & self.others[i])
            once_ = (once ^ self.others[i]) & ~more_
            # An atom in only one chosen row, and in no row still to come, can never cancel out.
            if weight + self.weigh(once_ & ~self.later[i + 1]) >= self.minimum:
                continue
            if len(chosen) + 1 < count:
                found = self.extend((*chosen, i), i + 1, weight, once_, more_, count)
            elif weight + self.weigh(once_) < self.minimum:
                found = self.described((*chosen, i), once_ | more_, self.minimum - 1 - weight)
            else:
                continue
            if found:
                return found
        return set()

    def described(self, chosen: tuple[int, ...], held: int, budget: int) -> set[int]:
        """The atoms that a combination of the `chosen` rows (every one used) describes, when all
        but atoms weighing at most `budget` cancel out; an empty set when no combination does."""
        columns = [(j, tuple(self.basis[i][j] for i in chosen)) for j in _bits(held)]
        coefficients = _cancel(columns, self.weights, len(chosen), budget)
        if coefficients is None or not all(coefficients):
            return set()  # (then fewer rows do it: found with them)
        return {self.pivots[i] for i in chosen} | {j for j, column in columns if _dot(coefficients, column)}


def _cancel(
    columns: list[tuple[int, tuple[int, ...]]], weights: Sequence[int], width: int, budget: int
) -> tuple[int, ...] | None:
    """Coefficients orthogonal to every column except some weighing at most `budget` in all, or
    None. If the columns do not span everything, their normal will do; otherwise one of any `width`
    independent columns must be left over (they cannot all lie in one hyperplane): try each."""
    independent = _independent(columns, width)
    if len(independent) < width:
        return _normal([column for _, column in independent], width)
    for j, _ in independent:
        if weights[j] <= budget:
            found = _cancel([c for c in columns if c[0] != j], weights, width, budget - weights[j])
            if found is not None:
                return found
    return None


def _independent(columns: list[tuple[int, tuple[int, ...]]], width: int) -> list[tuple[int, tuple[int, ...]]]:
    """The first columns that are independent of those before them, up to `width` of them: a
    basis of the space the columns span."""
    chosen: list[tuple[int, tuple[int, ...]]] = []
    reduced: list[list[int]] = []
    for j, column in columns:
        rest = _reduce(list(column), reduced)
        if any(rest):
            chosen.append((j, column))
            reduced.append(rest)
            if len(chosen) == width:
                break
    return chosen


def _reduce(vector: list[int], reduced: list[list[int]]) -> list[int]:
    """`vector` less its part in the span of `reduced` (each zero at the pivots before it)."""
    for row in reduced:
        p = _pivot(row)
        if vector[p]:
            vector = [row[p] * x - vector[p] * y for x, y in zip(vector, row)]
    return vector


def _normal(vectors: list[tuple[int, ...]], width: int) -> tuple[int, ...]:
    """A nonzero vector orthogonal to each of `vectors` (fewer than `width` independent ones)."""
    return tuple(_kernel([list(v) for v in vectors], width)[0])


def _kernel(rows: list[list[int]], width: int) -> list[list[int]]:
    """A basis of the vectors x, of `width` integers, with row . x = 0 for every one of `rows`."""
    echelon = _echelon(rows)
    pivots = [_pivot(row) for row in echelon]
    scale = math.lcm(*(row[p] for row, p in zip(echelon, pivots))) if echelon else 1
    basis = []
    for free in (c for c in range(width) if c not in pivots):
        vector = [0] * width
        vector[free] = scale
        for row, p in zip(echelon, pivots):
            vector[p] = -row[free] * scale // row[p]
        basis.append(vector)
    return basis


def _echelon(rows: list[list[int]]) -> list[list[int]]:
    """The nonzero rows of the reduced row echelon form of `rows`, in integers: each row divided
    by the greatest common divisor of its entries. Exact, unlike floating point, and much quicker
    than fractions."""
    rows = [row for row in rows if any(row)]
    done = 0
    for column in range(len(rows[0]) if rows else 0):
        found = next((i for i in range(done, len(rows)) if rows[i][column]), None)
        if found is None:
            continue
        rows[done], rows[found] = rows[found], rows[done]
        pivot = rows[done]
        a = pivot[column]
        for i, row in enumerate(rows):
            b = row[column]
            if i != done and b:
                rows[i] = _primitive([a * x - b * y for x, y in zip(row, pivot)])
        done += 1
        if done == len(rows):
            break
    return [_primitive(row) for row in rows[:done]]


def _primitive(row: list[int]) -> list[int]:
    divisor = math.gcd(*row)
    return [value // divisor for value in row] if divisor > 1 else row


def _pivot(row: Sequence[int]) -> int:
    return next(j for j, value in enumerate(row) if value)


def _dot(a: Sequence[int], b: Sequence[int]) -> int:
    return sum(x * y for x, y in zip(a, b))


def _mask(positions: Iterable[int]) -> int:
    mask = 0
    for j in positions:
        mask |= 1 << j
    return mask


def _bits(mask: int) -> list[int]:
    bits = []
    while mask:
        lowest = mask & -mask
        bits.append(lowest.bit_length() - 1)
        mask ^= lowest
    return bits


# --- Rule 5: across publications ------------------------------------------------------------------
#
# An attacker keeps every release and knows who joined or left: a population shown now and one
# shown before are two rows of the same system, and their difference describes the records that
# came or went. So rule 4 runs over the populations shown now together with every population of
# the same kind of figure shown before (the ledger: benchmarks.ledger), over atoms of *records*
# (an organisation's answers as published: one assessment as signed off, one import), so that a
# council re-signing its assessment or re-importing its spend counts as one record leaving and
# another joining. Earlier populations cannot be withdrawn; only those shown now are withheld.


def record_atoms(
    now: Mapping[Key, Iterable[Hashable]], earlier: Mapping[Key, Iterable[Hashable]] | None = None
) -> tuple[dict[Key, int], dict[Key, list[Key]], dict[Key, list[Key]]]:
    """Atoms from records: the records held by exactly the same populations (`now` and
    `earlier`, each a set of records) are one atom. Returns each atom's number of records, and the
    atoms of each population now and of each earlier one, for `chain_withheld`. Atoms are
    numbered in a stable order (by the populations holding them, in the order given), so the same
    input always gives the same choice."""
    earlier = earlier or {}
    keys = [("now", key) for key in now] + [("earlier", key) for key in earlier]
    sets = [frozenset(now[key]) for key in now] + [frozenset(earlier[key]) for key in earlier]
    signature: dict[Hashable, list[int]] = defaultdict(list)
    for position, records in enumerate(sets):
        for record in records:
            signature[record].append(position)
    sizes_by_signature: dict[tuple[int, ...], int] = defaultdict(int)
    for positions in signature.values():
        sizes_by_signature[tuple(positions)] += 1
    ordered = sorted(sizes_by_signature)
    sizes = {atom: sizes_by_signature[positions] for atom, positions in enumerate(ordered)}
    holds: list[list[Key]] = [[] for _ in keys]
    for atom, positions in enumerate(ordered):
        for position in positions:
            holds[position].append(atom)
    now_atoms = {key[1]: holds[i] for i, key in enumerate(keys) if key[0] == "now"}
    earlier_atoms = {key[1]: holds[i] for i, key in enumerate(keys) if key[0] == "earlier"}
    return sizes, now_atoms, earlier_atoms


def exposed_records(earlier: Mapping[Key, Iterable[Hashable]], *, minimum: int = MINIMUM) -> frozenset:
    """The records that the populations shown before describe on their own, with nothing shown
    now (releases made before rule 5): they are out, and are left out of every check after. Does
    not depend on what is shown now, so callers work it out once per state of the ledger."""
    sizes, _, atoms = record_atoms({}, earlier)
    fixed = {key: frozenset(held) for key, held in atoms.items()}
    found = _exposed(sizes, fixed, set(), minimum)
    if not found:
        return frozenset()
    signature: dict[Hashable, list[int]] = defaultdict(list)
    for position, records in enumerate(frozenset(r) for r in earlier.values()):
        for record in records:
            signature[record].append(position)
    number = {positions: atom for atom, positions in enumerate(sorted({tuple(p) for p in signature.values()}))}
    return frozenset(record for record, positions in signature.items() if number[tuple(positions)] in found)


def withheld_over_time(
    now: Mapping[Key, Iterable[Hashable]],
    earlier: Mapping[Key, Iterable[Hashable]] | None = None,
    withheld: Iterable[Key] = (),
    *,
    known: Iterable[Hashable] = (),
    minimum: int = MINIMUM,
) -> list[Key]:
    """Rules 4 and 5 over populations given by their records: the populations of `now` to withhold,
    besides `withheld`, so that no sum or difference of those shown now and those shown before
    (`earlier`) describes 1 to minimum - 1 records that are not `known` (seen by name anyway)."""
    known = frozenset(known)
    now = {key: [r for r in records if r not in known] for key, records in now.items()}
    earlier = {key: [r for r in records if r not in known] for key, records in (earlier or {}).items()}
    sizes, now_atoms, earlier_atoms = record_atoms(now, earlier)
    return chain_withheld(sizes, now_atoms, withheld, earlier=earlier_atoms, minimum=minimum)


def unanimous(counts: Sequence[int | None]) -> bool:
    """Every respondent of a population gives the same answer: its count at that level is its
    size, which tells each respondent's level to anyone who knows who responded. Such a
    distribution (and its median and spread, which say the same) is withheld (the unanimity
    guard of rule 1), unless nobody answered."""
    known = [count for count in counts if count]
    return len(known) == 1 and all(count is not None for count in counts)


def suppress_with_chains(
    table: Table,
    *,
    sizes: Mapping[Key, int],
    populations: Mapping[Key, Iterable[Key]],
    size_cells: Mapping[Key, Key],
    earlier: Mapping[Key, Iterable[Key]] | None = None,
    earlier_exposed: bool = True,
    minimum: int = MINIMUM,
) -> set[Key]:
    """The whole rule: rules 1 to 3 on the table's cells (`suppress`), then rule 4 on its
    populations (`chain_withheld`); a population rule 4 withholds has its size cell forced, so
    shows nothing, and rules 1 to 3 run again (their complements may change), until rule 4
    withholds nothing more. `size_cells[population]` is the cell of its respondents. `earlier`:
    the populations shown before (rule 5, `chain_withheld`)."""
    populations = {population: tuple(holds) for population, holds in populations.items()}
    chained: list[Key] = []
    while True:
        withheld = suppress(replace(table, forced=table.forced | {size_cells[p] for p in chained}), minimum=minimum)
        hidden = [population for population in populations if size_cells[population] in withheld]
        extra = chain_withheld(
            sizes, populations, hidden, earlier=earlier, earlier_exposed=earlier_exposed, minimum=minimum
        )
        if not extra:
            return withheld
        chained += extra
