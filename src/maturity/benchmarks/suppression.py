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
one from the other describes the few in between): `nested_risks` finds them, and the lesser
one is withheld as primary suppression (see aggregates.build_area).
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

MINIMUM = 5

RULE_TEXT = (
    f"A figure is withheld when it describes fewer than {MINIMUM} organisations: no figure is given for a "
    f"population of fewer than {MINIMUM} respondents, and a count of 1 to {MINIMUM - 1} organisations is withheld. "
    "Further figures are withheld so that no withheld figure can be worked out by subtracting the figures "
    f"shown: wherever figures add up to a total that is shown, at least two are withheld, together counting at "
    f"least {MINIMUM} organisations. Populations that differ by fewer than {MINIMUM} respondents are not both shown."
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


def primary(table: Table, *, minimum: int = MINIMUM) -> set[Key]:
    """Rule 1: small populations and small counts."""
    withheld = {key for key, value in table.values.items() if 0 < value < minimum}
    withheld |= table.forced
    for size, _ in table.populations.items():
        if table.values[size] < minimum:
            withheld.add(size)
    return withheld


def line_is_safe(line: Line, values: Mapping[Key, int], withheld: set[Key], *, minimum: int = MINIMUM,
                 extra: Key | None = None) -> bool:
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

        def cost(pair: tuple[int, Key]) -> tuple:
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
        for b in keys[i + 1:]:
            shared = overlaps.get((a, b), overlaps.get((b, a), 0))
            if not shared or shared != min(sizes[a], sizes[b]):
                continue
            pairs.append((a, b) if sizes[a] >= sizes[b] else (b, a))
    return pairs


def protect_nested(table: Table, pairs: Iterable[tuple[Key, Key]], cells: Mapping[Key, Sequence[Key]], *,
                   minimum: int = MINIMUM) -> None:
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
