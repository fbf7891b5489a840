"""Reads for exemplars: who is eligible, what an organisation may see, and the national figures.

The privacy rules live here, in one place:
- An offer is shown only while it is current (not withdrawn) and its organisation is still at the
  exemplar level in the area in its latest signed-off assessment (checked on every read).
- An offer open to "every participating organisation" is shown only to members of participating
  organisations: those with at least one signed-off assessment. A "national team only" offer is
  never shown to an organisation, only on the national pages.
- An organisation never sees itself among the suggestions.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from maturity.assessments.models import Assessment, Response
from maturity.exemplars import ranking
from maturity.exemplars.models import HelpWanted, IntroductionRequest, Offer
from maturity.frameworks.models import Area, Framework
from maturity.organisations.models import Organisation

SUGGESTIONS_PER_AREA = 5

OPEN = IntroductionRequest.Status.OPEN


# --- Participation and eligibility --------------------------------------------------------------


def participating_organisations() -> QuerySet[Organisation]:
    """Participating organisations: those with at least one signed-off assessment."""
    signed_off = Assessment.objects.filter(organisation=OuterRef("pk"), status=Assessment.Status.SIGNED_OFF)
    return Organisation.objects.filter(Exists(signed_off))


def is_participating(organisation: Organisation) -> bool:
    return organisation.assessments.filter(status=Assessment.Status.SIGNED_OFF).exists()


def latest_signed_off(organisation: Organisation) -> Assessment | None:
    return (
        organisation.assessments.filter(status=Assessment.Status.SIGNED_OFF)
        .select_related("framework")
        .order_by("-signed_off_at", "-pk")
        .first()
    )


def reference_assessment(organisation: Organisation) -> Assessment | None:
    """The assessment gaps are read from: the latest signed-off one, else the latest one."""
    return latest_signed_off(organisation) or (
        organisation.assessments.select_related("framework").order_by("-created_at", "-pk").first()
    )


@dataclass(frozen=True)
class Standing:
    """Where an organisation stands in an area according to its latest signed-off assessment."""

    level: int | None
    level_name: str

    @property
    def is_eligible(self) -> bool:
        return ranking.is_eligible(self.level)


def standings(
    organisation_ids: Iterable[int], area_keys: Iterable[str] | None = None
) -> dict[tuple[int, str], Standing]:
    """{(organisation id, area key): Standing} from each organisation's latest signed-off
    assessment, in two queries whatever the number of organisations."""
    latest = (
        Assessment.objects.filter(organisation=OuterRef("pk"), status=Assessment.Status.SIGNED_OFF)
        .order_by("-signed_off_at", "-pk")
        .values("pk")[:1]
    )
    assessments = (
        Organisation.objects.filter(pk__in=list(organisation_ids))
        .annotate(latest=Subquery(latest))
        .exclude(latest=None)
        .values("latest")
    )
    responses = Response.objects.filter(assessment__in=assessments)
    if area_keys is not None:
        responses = responses.filter(area__key__in=list(area_keys))
    rows = list(
        responses.values_list("assessment__organisation_id", "area__key", "current_level", "assessment__framework_id")
    )
    names = {
        pk: {level["number"]: level["name"] for level in levels}
        for pk, levels in Framework.objects.filter(pk__in={row[3] for row in rows}).values_list("pk", "levels")
    }
    return {
        (org_id, key): Standing(level=level, level_name=names[framework_id].get(level, "") if level else "")
        for org_id, key, level, framework_id in rows
    }


def eligible_areas(organisation: Organisation) -> list[tuple[Area, Standing]]:
    """The areas where the organisation may offer itself: its latest signed-off assessment puts
    it at the exemplar level or above."""
    assessment = latest_signed_off(organisation)
    if assessment is None:
        return []
    names = assessment.framework.level_names
    return [
        (r.area, Standing(level=r.current_level, level_name=names.get(r.current_level, "")))
        for r in assessment.responses.select_related("area").order_by("area__position")
        if ranking.is_eligible(r.current_level)
    ]


def exemplar_level_name(framework: Framework | None = None) -> str:
    """The name of the exemplar level in the framework's data ("Leader" in NPS 2018)."""
    framework = framework or national_framework()
    if framework is None:
        return _("level %(number)s") % {"number": ranking.EXEMPLAR_LEVEL}
    return framework.level_names.get(ranking.EXEMPLAR_LEVEL) or _("level %(number)s") % {
        "number": ranking.EXEMPLAR_LEVEL
    }


def national_framework() -> Framework | None:
    return (
        Framework.objects.filter(group__isnull=True, status=Framework.Status.PUBLISHED)
        .order_by(F("published_at").desc(nulls_last=True), "-pk")
        .first()
    )


def area_by_key(area_key: str) -> Area | None:
    """The area with this key, from the most recently published framework that has it."""
    return Area.objects.filter(key=area_key).order_by(F("framework__published_at").desc(nulls_last=True), "-pk").first()


# --- Offers ----------------------------------------------------------------------------------


def current_offers() -> QuerySet[Offer]:
    return (
        Offer.objects.filter(withdrawn_at__isnull=True)
        .select_related("organisation", "area")
        .annotate(open_requests=Count("requests", filter=Q(requests__status=OPEN)))
    )


def offers_of(organisation: Organisation) -> QuerySet[Offer]:
    return current_offers().filter(organisation=organisation).order_by("area__position")


def current_offer(organisation: Organisation, area_key: str) -> Offer | None:
    return offers_of(organisation).filter(area__key=area_key).first()


def council(organisation: Organisation) -> ranking.Council:
    return ranking.Council(
        id=organisation.pk,
        name=organisation.name,
        type=organisation.type,
        type_label=organisation.type_name(),
        region=organisation.region or "",
        population=organisation.population,
    )


@dataclass(frozen=True)
class Suggested:
    suggestion: ranking.Suggestion
    offer: Offer
    standing: Standing


def suggestions(
    organisation: Organisation, area_keys: Iterable[str], *, limit: int | None = SUGGESTIONS_PER_AREA
) -> dict[str, list[Suggested]]:
    """{area key: exemplars suggested to `organisation`, best first}. Empty for an organisation
    that does not participate yet (no signed-off assessment)."""
    keys = list(area_keys)
    result: dict[str, list[Suggested]] = {key: [] for key in keys}
    if not keys or not is_participating(organisation):
        return result
    offers = list(
        current_offers()
        .filter(visibility=Offer.Visibility.PARTICIPATING, area__key__in=keys)
        .exclude(organisation=organisation)
    )
    if not offers:
        return result
    levels = standings({o.organisation_id for o in offers}, keys)
    asked = set(organisation.exemplar_requests.filter(status=OPEN).values_list("offer_id", flat=True))
    by_id = {o.pk: o for o in offers}
    requester = council(organisation)
    for key in keys:
        candidates = []
        for offer in offers:
            if offer.area.key != key:
                continue
            standing = levels.get((offer.organisation_id, key), Standing(None, ""))
            candidates.append(
                ranking.Candidate(
                    offer_id=offer.pk,
                    council=council(offer.organisation),
                    level=standing.level,
                    level_name=standing.level_name,
                    open_requests=offer.open_requests,
                    asked_by_requester=offer.pk in asked,
                )
            )
        for suggestion in ranking.suggest(requester, candidates, limit=limit):
            offer = by_id[suggestion.candidate.offer_id]
            result[key].append(Suggested(suggestion, offer, levels[(offer.organisation_id, key)]))
    return result


def suggested_offer(organisation: Organisation, area_key: str, offer_id: int) -> Suggested | None:
    """The offer, if it is among what `organisation` may be suggested for the area now."""
    for item in suggestions(organisation, [area_key], limit=None)[area_key]:
        if item.offer.pk == offer_id:
            return item
    return None


# --- Requests ----------------------------------------------------------------------------------


def requests_sent(organisation: Organisation) -> QuerySet[IntroductionRequest]:
    return organisation.exemplar_requests.select_related("offer__organisation", "offer__area")


def requests_received(organisation: Organisation) -> QuerySet[IntroductionRequest]:
    return IntroductionRequest.objects.filter(offer__organisation=organisation).select_related(
        "offer__organisation", "offer__area", "organisation"
    )


def request_of(organisation: Organisation, request_id: int) -> IntroductionRequest | None:
    """A request the organisation sent or received, or None."""
    return (
        IntroductionRequest.objects.filter(Q(organisation=organisation) | Q(offer__organisation=organisation))
        .select_related("offer__organisation", "offer__area", "organisation")
        .filter(pk=request_id)
        .first()
    )


def open_request(organisation: Organisation, offer: Offer) -> IntroductionRequest | None:
    return organisation.exemplar_requests.filter(offer=offer, status=OPEN).first()


# --- Help wanted ------------------------------------------------------------------------------


def wanted_keys(organisation: Organisation) -> set[str]:
    return set(organisation.exemplar_help_wanted.values_list("area__key", flat=True))


# --- The national view -------------------------------------------------------------------------


def area_titles() -> dict[str, tuple[str, int]]:
    """{area key: (label, position)} from the national framework, plus any other area an offer
    or a wish for help points at (a group's area, an area of an earlier version)."""
    titles: dict[str, tuple[str, int]] = {}
    framework = national_framework()
    if framework is not None:
        titles.update({a.key: (a.label, a.position) for a in framework.areas.all()})
    extra_ids = set(Offer.objects.filter(withdrawn_at__isnull=True).values_list("area_id", flat=True))
    extra_ids |= set(HelpWanted.objects.values_list("area_id", flat=True))
    for area in Area.objects.filter(pk__in=extra_ids).exclude(key__in=list(titles)).order_by("position"):
        titles.setdefault(area.key, (area.label, 1000 + area.position))
    return titles


def demand_by_area() -> dict[str, int]:
    """{area key: number of organisations that want help there} (grouped by the database)."""
    rows = HelpWanted.objects.values("area__key").annotate(n=Count("organisation", distinct=True))
    return {row["area__key"]: row["n"] for row in rows}


def eligible_offers() -> list[tuple[Offer, Standing]]:
    """Every current offer with its organisation's standing in the area now."""
    offers = list(current_offers().order_by("area__position", "organisation__name"))
    levels = standings({o.organisation_id for o in offers})
    return [(o, levels.get((o.organisation_id, o.area.key), Standing(None, ""))) for o in offers]


def request_counts() -> dict[str, int]:
    rows = IntroductionRequest.objects.values("status").annotate(n=Count("pk"))
    counts = dict.fromkeys(IntroductionRequest.Status.values, 0)
    counts.update({row["status"]: row["n"] for row in rows})
    return counts


def long_open_requests(now: datetime.datetime | None = None) -> QuerySet[IntroductionRequest]:
    """Open requests older than WAITING_DAYS days, oldest first."""
    since = (now or timezone.now()) - datetime.timedelta(days=ranking.WAITING_DAYS)
    return (
        IntroductionRequest.objects.filter(status=OPEN, created_at__lt=since)
        .select_related("organisation", "offer__organisation", "offer__area")
        .order_by("created_at")
    )


def wanted_without_suggestion(offers: list[tuple[Offer, Standing]]) -> list[tuple[HelpWanted, str]]:
    """Wishes for help for which the organisation is shown no exemplar, with the reason."""
    participating = set(participating_organisations().values_list("pk", flat=True))
    open_to_organisations: dict[str, list[Offer]] = {}
    for offer, standing in offers:
        if offer.visibility == Offer.Visibility.PARTICIPATING and standing.is_eligible:
            open_to_organisations.setdefault(offer.area.key, []).append(offer)
    asked = set(IntroductionRequest.objects.filter(status=OPEN).values_list("organisation_id", "offer_id"))
    result = []
    for wanted in HelpWanted.objects.select_related("organisation", "area").order_by("created_at"):
        if wanted.organisation_id not in participating:
            result.append((wanted, _("No signed-off assessment yet, so no suggestions are shown")))
            continue
        others = [
            o for o in open_to_organisations.get(wanted.area.key, []) if o.organisation_id != wanted.organisation_id
        ]
        if not others:
            result.append((wanted, _("No exemplar offers help here to organisations")))
        elif not any(
            (wanted.organisation_id, o.pk) in asked or o.open_requests < ranking.MAX_OPEN_REQUESTS for o in others
        ):
            result.append((wanted, _("Every exemplar here has as many open requests as it can take")))
    return result
