"""The ledger of disclosure: every population a figure was shown or published for (rule 5 of the
one suppression rule, `suppression.withheld_over_time`; ADR 0016).

An attacker keeps every release. Before anything is shown, the populations it would show are
checked, with rule 4, against every population of the same kind shown before; what is shown is
then remembered here. Rows are never deleted: what was published stays published.
"""

from __future__ import annotations

import hashlib
from collections.abc import Hashable, Iterable, Mapping
from functools import lru_cache

from django.db.models import Count, Max, Min

from maturity import suppression
from maturity.benchmarks.models import ShownPopulation

ROUNDS = "round"  # every round's benchmarks, all areas: one kind, as an area's figures are over its respondents


def record(*parts: object) -> str:
    """One organisation's data as shown: its id, then what identifies the version of its data
    (an assessment and its sign-off time, an import...). A new version is a new record."""
    return ":".join(str(part) for part in parts)


def digest(records: Iterable[Hashable]) -> str:
    return hashlib.sha256("\n".join(sorted(str(r) for r in records)).encode()).hexdigest()


def earlier(kind: str) -> dict[int, frozenset[str]]:
    """Every population of `kind` shown before, by its ledger id. Rows are only ever added, so
    the populations read are kept by the process under the ledger's state (`state`: one small
    query) and read again only when it has grown."""
    return _read(kind, *state(kind))


@lru_cache(maxsize=64)
def _read(kind: str, count: int, last: int | None, *digests: str | None) -> dict[int, frozenset[str]]:
    return {
        pk: frozenset(records)
        for pk, records in ShownPopulation.objects.filter(kind=kind, pk__lte=last or 0)
        .order_by("pk")
        .values_list("pk", "records")
    }


def state(kind: str) -> tuple:
    """How many populations of `kind` the ledger holds, the latest, and the first and last of
    their digests: a cheap fingerprint of what it holds (rows are only ever added)."""
    found = ShownPopulation.objects.filter(kind=kind).aggregate(
        n=Count("pk"), last=Max("pk"), low=Min("digest"), high=Max("digest")
    )
    return found["n"], found["last"], found["low"], found["high"]


def remember(kind: str, populations: Mapping[str, Iterable[Hashable]], *, source: str = "") -> int:
    """Add the populations shown (label: records) that the ledger does not hold yet; how many."""
    rows: dict[str, ShownPopulation] = {}
    for label, records in populations.items():
        records = sorted({str(r) for r in records})
        if records:
            key = digest(records)
            rows.setdefault(
                key, ShownPopulation(kind=kind, digest=key, records=records, source=source, label=label[:300])
            )
    held = set(ShownPopulation.objects.filter(kind=kind, digest__in=list(rows)).values_list("digest", flat=True))
    new = [row for key, row in rows.items() if key not in held]
    ShownPopulation.objects.bulk_create(new, ignore_conflicts=True)  # another request may have added one meanwhile
    return len(new)


def earlier_checked(kind: str) -> tuple[dict[int, frozenset[str]], frozenset[str]]:
    """`earlier(kind)` less the records that those populations describe on their own (releases
    made before rule 5), and those records: worked out once per state of the ledger, as it does
    not depend on what is about to be shown."""
    return _checked(kind, *state(kind))


@lru_cache(maxsize=16)
def _checked(kind: str, *state_: object) -> tuple[dict[int, frozenset[str]], frozenset[str]]:
    held = _read(kind, *state_)
    exposed = suppression.exposed_records(held)
    if exposed:
        held = {pk: records - exposed for pk, records in held.items()}
    return held, exposed
