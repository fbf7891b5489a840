"""Reads over framework versions: the chain of versions, its crosswalk, and the changes between two."""

from __future__ import annotations

from django.db.models import QuerySet

from maturity.frameworks import crosswalk, diff, loader
from maturity.frameworks.models import Framework

PUBLIC_STATUSES = (Framework.Status.PUBLISHED, Framework.Status.RETIRED)


def national() -> QuerySet[Framework]:
    """National frameworks (not a group's variant), every status."""
    return Framework.objects.filter(group__isnull=True)


def published_national() -> QuerySet[Framework]:
    return national().filter(status=Framework.Status.PUBLISHED).order_by("key", "-version")


def version_chain(framework: Framework) -> list[crosswalk.VersionAreas]:
    """`framework` and the versions it follows, oldest first, as the crosswalk needs them."""
    chain, seen, step = [], set(), framework
    while step is not None and step.pk not in seen:
        seen.add(step.pk)
        chain.append(
            crosswalk.VersionAreas(
                version=step.version,
                areas={key: tuple(replaces or ()) for key, replaces in step.areas.values_list("key", "replaces")},
            )
        )
        step = step.follows
    return list(reversed(chain))


def lineage(framework: Framework) -> dict[str, set[str]]:
    """For each area of `framework`, the keys of areas of earlier versions whose trend it continues."""
    return crosswalk.lineage(version_chain(framework))


def trend_key_map(framework: Framework) -> dict[str, frozenset[str]]:
    return crosswalk.trend_key_map(version_chain(framework))


def changes(old: Framework, new: Framework) -> diff.FrameworkChanges:
    return diff.compare(loader.export(old), loader.export(new))
