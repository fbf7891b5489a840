"""The national team's preview of a round's results before they are published (ADR 0008).

Computing a round's figures takes tens of milliseconds at national size (a GROUP BY query,
then suppression in Python), so the preview keeps the last figures computed in `PreviewResults`
with a fingerprint of everything they were computed from. Each request reads the fingerprint
with a few small queries (their number does not depend on the number of organisations) and
computes the figures again only when it has changed:

- the round itself, and its framework (when it was last loaded);
- the round's participants by answer, region and council type, and by the status of their
  assessment: how many, which organisations and which assessments (sums of their ids) and the
  latest sign-off. The responses of a signed-off assessment cannot change (every write refuses
  one that is not editable); changing them means reopening it, which changes its status, and
  signing it off again, which changes its sign-off time;
- the groups of the organisations that submitted: their names, how many of those organisations
  each has and which (the sum of their ids);
- the published round the change is measured from;
- the names of the respondents who agreed to be named (the results page lists them);
- the suppression rule, by its text: figures kept from before a change to the rule are computed
  again under the new one;
- the ledger of populations published by rounds (rule 5: how many, and the latest), which
  changes when any round is published.

The figures are computed after the fingerprint is read, so they are never older than it: a
change made meanwhile gives the next request a new fingerprint, and so new figures. Kept in the
database rather than in a process's memory, so that every app server shares them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q, Sum
from django.utils import timezone

from maturity import suppression
from maturity.benchmarks import ledger, selectors, serialise
from maturity.benchmarks.aggregates import RoundBenchmark
from maturity.benchmarks.models import Participant, PreviewResults, Round
from maturity.groups.models import GroupMember


@dataclass(frozen=True)
class Preview:
    """A round's preview as it stands: the fingerprint of its inputs, and the two things its
    pages show that are not figures."""

    fingerprint: str
    invited: int
    named: list[str]


def read(round_: Round) -> Preview:
    """The round's preview as it stands now: five small queries."""
    answers = _answers(round_)
    named = selectors.named_respondents(round_)
    inputs = (
        _round(round_),
        answers,
        _groups(round_),
        _previous(round_),
        named,
        suppression.RULE_TEXT,
        ledger.state(ledger.ROUNDS),
    )
    invited = sum(participants for *_, participants, _, _, _ in answers)
    return Preview(fingerprint=_digest(inputs), invited=invited, named=named)


def benchmark(round_: Round, preview: Preview) -> RoundBenchmark:
    """The round's figures: those kept, if they were computed from the same inputs; otherwise
    computed now, and kept for the next request."""
    kept = (
        PreviewResults.objects.filter(round=round_, fingerprint=preview.fingerprint)
        .values_list("figures", flat=True)
        .first()
    )
    if kept is not None:
        return serialise.from_data(kept)
    computed = selectors.live_benchmark(round_)
    _keep(round_, preview.fingerprint, computed)
    return computed


def forget(round_: Round) -> None:
    """Once a round is published its frozen figures are read instead."""
    PreviewResults.objects.filter(round=round_).delete()


def _keep(round_: Round, fingerprint: str, computed: RoundBenchmark) -> None:
    values = {"fingerprint": fingerprint, "figures": serialise.to_data(computed), "computed_at": timezone.now()}
    if PreviewResults.objects.filter(round=round_).update(**values):
        return
    try:
        with transaction.atomic():
            PreviewResults.objects.create(round=round_, **values)
    except IntegrityError:  # another request kept its figures first: the next one compares fingerprints
        pass


# --- The fingerprint's inputs ---------------------------------------------------------------------


def _round(round_: Round) -> tuple:
    framework = round_.framework
    return (
        round_.pk,
        round_.created_at,
        round_.name,
        round_.status,
        round_.opens_on,
        round_.closes_on,
        round_.published_at,
        framework.pk,
        framework.title,
        framework.version,
        framework.loaded_at,
    )


def _answers(round_: Round) -> list[tuple]:
    """(answer, region, council type, assessment status, participants, sum of organisation ids,
    sum of assessment ids, latest sign-off), grouped by the first four."""
    return list(
        round_.participants.values_list(
            "status",
            "organisation__region",
            "organisation__type",
            "assessment__status",
        )
        .annotate(
            n=Count("pk"),
            organisations=Sum("organisation_id"),
            assessments=Sum("assessment_id"),
            signed_off=Max("assessment__signed_off_at"),
        )
        .order_by("status", "organisation__region", "organisation__type", "assessment__status")
    )


def _groups(round_: Round) -> list[tuple]:
    """(group, its name, organisations that submitted, sum of their ids), by group."""
    submitted = Q(
        organisation__round_participations__round=round_,
        organisation__round_participations__status=Participant.Status.SUBMITTED,
    )
    return list(
        GroupMember.objects.filter(submitted, accepted_at__isnull=False)
        .values_list("group_id", "group__name")
        .annotate(n=Count("pk"), organisations=Sum("organisation_id"))
        .order_by("group_id")
    )


def _previous(round_: Round) -> tuple | None:
    return selectors.earlier_published(round_).values_list("pk", "published_at").first()


def _digest(inputs: Any) -> str:
    # repr() of ints, strings, dates and datetimes is the same in every process.
    return hashlib.sha256(repr(inputs).encode()).hexdigest()
