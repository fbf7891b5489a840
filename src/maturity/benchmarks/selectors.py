"""Reads for rounds and benchmarks. The database does the counting: every figure comes from one
GROUP BY query over the responses of submitted assessments, whatever the number of
organisations; aggregates.py turns the grouped counts into suppressed figures."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Aggregate, CharField, Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_noop as N_

from maturity.assessments.models import Assessment, Response
from maturity.benchmarks import aggregates, ledger, serialise, tables
from maturity.benchmarks.aggregates import AreaInfo, CountRow, RoundBenchmark
from maturity.benchmarks.models import Participant, PublishedResults, Round
from maturity.frameworks.models import Framework
from maturity.groups.models import Group, GroupMember
from maturity.organisations import models as organisation_models
from maturity.organisations.models import Invitation, Membership, Nation, Organisation, Role

# Councils invited by default (English and Welsh); combined authorities and other bodies can be added.
COUNCIL_TYPES = organisation_models.COUNCIL_TYPES
# English in the figures and the open data; pages show it in their language (gettext).
NO_REGION_LABEL = N_("Region not recorded")


# --- Choosing who to invite ----------------------------------------------------------------------


def current_organisations(today: datetime.date) -> QuerySet[Organisation]:
    return Organisation.objects.filter(Q(end_date__isnull=True) | Q(end_date__gt=today))


def invitable(
    *, types: list[str], regions: list[str], today: datetime.date, nations: list[str] | None = None
) -> QuerySet[Organisation]:
    """Current organisations of the chosen types and nations; in England, of the chosen regions
    (regions divide England only: every chosen organisation of another nation is invited).
    Without `nations`, the organisations of the chosen regions, whatever their nation."""
    chosen = current_organisations(today).filter(type__in=types)
    if nations is None:
        return chosen.filter(region__in=regions)
    return chosen.filter(nation__in=nations).filter(~Q(nation=Nation.ENGLAND) | Q(region__in=regions))


def region_choices(today: datetime.date) -> list[tuple[str, str]]:
    """The regions of England's current organisations."""
    regions = set(
        current_organisations(today).filter(nation=Nation.ENGLAND).values_list("region", flat=True).distinct()
    )
    return [(r, r or gettext(NO_REGION_LABEL)) for r in sorted(regions)]


def english_regions(today: datetime.date) -> list[str]:
    return [value for value, _ in region_choices(today)]


def round_frameworks() -> QuerySet[Framework]:
    """Frameworks a round can use: published national ones (not a group's variant)."""
    return Framework.objects.filter(status=Framework.Status.PUBLISHED, group__isnull=True).order_by("key", "-version")


# --- Rounds -------------------------------------------------------------------------------------


def rounds_with_counts() -> QuerySet[Round]:
    return (
        Round.objects.select_related("framework")
        .annotate(
            invited=Count("participants"),
            submitted=Count("participants", filter=Q(participants__status=Participant.Status.SUBMITTED)),
            declined=Count("participants", filter=Q(participants__status=Participant.Status.DECLINED)),
        )
        .order_by("-closes_on", "-pk")
    )


def published_rounds() -> QuerySet[Round]:
    return Round.objects.filter(status=Round.Status.PUBLISHED).select_related("framework").order_by("-closes_on", "-pk")


def earlier_published(round_: Round) -> QuerySet[Round]:
    """Published rounds that closed before this one, the latest first."""
    return (
        Round.objects.filter(status=Round.Status.PUBLISHED, closes_on__lt=round_.closes_on)
        .exclude(pk=round_.pk)
        .order_by("-closes_on", "-pk")
    )


def previous_published(round_: Round) -> Round | None:
    """The published round before this one (by close date), whose figures give the change."""
    return earlier_published(round_).select_related("published_results").first()


def eligible_assessments(organisation: Organisation, round_: Round) -> QuerySet[Assessment]:
    """The organisation's signed-off assessments of the round's framework (or of a group's
    variant of it), newest first."""
    return (
        organisation.assessments.filter(
            Q(framework_id=round_.framework_id) | Q(framework__extends_id=round_.framework_id),
            status=Assessment.Status.SIGNED_OFF,
        )
        .select_related("framework")
        .order_by("-signed_off_at", "-pk")
    )


def participations_of(organisation: Organisation) -> QuerySet[Participant]:
    """The rounds an organisation is invited to, once opened, most recent first."""
    return (
        organisation.round_participations.exclude(round__status=Round.Status.DRAFT)
        .select_related("round__framework", "assessment", "responded_by")
        .order_by("-round__closes_on", "-round__pk")
    )


def lead_emails(organisation_ids: list[int]) -> dict[int, list[str]]:
    emails: dict[int, list[str]] = {}
    rows = (
        Membership.objects.filter(organisation_id__in=organisation_ids, role=Role.LEAD, user__is_active=True)
        .values_list("organisation_id", "user__email")
        .order_by("organisation_id", "user__email")
    )
    for organisation_id, email in rows:
        emails.setdefault(organisation_id, []).append(email)
    return emails


def invited_lead_emails(organisation_ids: list[int]) -> dict[int, list[str]]:
    """The addresses invited to be a lead, with their invitation still waiting for an answer:
    the contacts of an organisation whose lead has not joined yet."""
    emails: dict[int, list[str]] = {}
    rows = (
        Invitation.objects.filter(
            organisation_id__in=organisation_ids,
            role=Role.LEAD,
            accepted_at__isnull=True,
            withdrawn_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .values_list("organisation_id", "email")
        .order_by("organisation_id", "email")
    )
    for organisation_id, email in rows:
        emails.setdefault(organisation_id, []).append(email.lower())
    return emails


def organisations_with_users(organisation_ids: list[int]) -> set[int]:
    return set(
        Membership.objects.filter(organisation_id__in=organisation_ids)
        .values_list("organisation_id", flat=True)
        .distinct()
    )


# --- Response tracking --------------------------------------------------------------------------


@dataclass
class TrackingRow:
    label: str
    invited: int = 0
    in_progress: int = 0
    submitted: int = 0
    declined: int = 0
    ready: int = 0  # a signed-off assessment of the round's framework, not submitted to the round yet

    @property
    def not_started(self) -> int:
        return self.invited - self.ready - self.in_progress - self.submitted - self.declined

    @property
    def outstanding(self) -> int:
        return self.invited - self.submitted - self.declined

    def add(self, other: TrackingRow) -> None:
        self.invited += other.invited
        self.in_progress += other.in_progress
        self.submitted += other.submitted
        self.declined += other.declined
        self.ready += other.ready


@dataclass
class Tracking:
    total: TrackingRow
    by_region: list[TrackingRow] = field(default_factory=list)
    by_type: list[TrackingRow] = field(default_factory=list)
    outstanding: list[Participant] = field(default_factory=list)
    declined: list[dict[str, Any]] = field(default_factory=list)


def _working(round_: Round) -> Exists:
    """The organisation has a draft, or one awaiting sign-off, of the round's framework."""
    return Exists(
        Assessment.objects.filter(
            organisation_id=OuterRef("organisation_id"),
            framework_id=round_.framework_id,
            status__in=[Assessment.Status.IN_PROGRESS, Assessment.Status.SUBMITTED],
        )
    )


def _ready(round_: Round) -> Exists:
    """The organisation has a signed-off assessment of the round's framework: ready to submit."""
    return Exists(
        Assessment.objects.filter(
            organisation_id=OuterRef("organisation_id"),
            framework_id=round_.framework_id,
            status=Assessment.Status.SIGNED_OFF,
        )
    )


def tracking(round_: Round, *, region: str | None = None, type_: str | None = None) -> Tracking:
    """Invited, in progress, submitted and declined, by region and by council type (two grouped
    queries), with the outstanding organisations (optionally of one region or type)."""
    invited_only = Q(status=Participant.Status.INVITED)
    counts = {
        "invited": Count("pk"),
        "ready": Count("pk", filter=invited_only & Q(_ready(round_))),
        "in_progress": Count("pk", filter=invited_only & Q(_working(round_)) & ~Q(_ready(round_))),
        "submitted": Count("pk", filter=Q(status=Participant.Status.SUBMITTED)),
        "declined": Count("pk", filter=Q(status=Participant.Status.DECLINED)),
    }
    participants = round_.participants.all()
    grouped = (
        participants.values(region=F("organisation__region"), org_type=F("organisation__type"))
        .annotate(**counts)
        .order_by()
    )
    total = TrackingRow("All invited organisations")
    regions: dict[str, TrackingRow] = {}
    types: dict[str, TrackingRow] = {}
    type_labels = dict(Organisation.Type.choices)
    for row in grouped:
        values = TrackingRow("", row["invited"], row["in_progress"], row["submitted"], row["declined"], row["ready"])
        total.add(values)
        regions.setdefault(row["region"], TrackingRow(row["region"] or gettext(NO_REGION_LABEL))).add(values)
        types.setdefault(
            row["org_type"], TrackingRow(gettext(str(type_labels.get(row["org_type"], row["org_type"]))))
        ).add(values)
    outstanding = (
        participants.filter(invited_only)
        .select_related("organisation")
        .annotate(
            working=_working(round_),
            ready=_ready(round_),
            has_users=Exists(Membership.objects.filter(organisation_id=OuterRef("organisation_id"))),
        )
    )
    if region is not None:
        outstanding = outstanding.filter(organisation__region=region)
    if type_:
        outstanding = outstanding.filter(organisation__type=type_)
    declined = [
        {
            "reason": gettext(Participant.Reason(row["decline_reason"]).label) if row["decline_reason"] else "",
            "count": row["n"],
        }
        for row in participants.filter(status=Participant.Status.DECLINED)
        .values("decline_reason")
        .annotate(n=Count("pk"))
        .order_by("-n", "decline_reason")
    ]
    return Tracking(
        total=total,
        by_region=sorted(regions.values(), key=lambda r: r.label),
        by_type=sorted(types.values(), key=lambda r: r.label),
        outstanding=list(outstanding.order_by("organisation__name")),
        declined=declined,
    )


def participant_regions(round_: Round) -> list[tuple[str, str]]:
    regions = (
        round_.participants.values_list("organisation__region", flat=True).distinct().order_by("organisation__region")
    )
    return [(r, r or gettext(NO_REGION_LABEL)) for r in regions]


def named_respondents(round_: Round) -> list[str]:
    return list(
        round_.participants.filter(status=Participant.Status.SUBMITTED, agrees_to_be_named=True)
        .values_list("organisation__name", flat=True)
        .order_by("organisation__name")
    )


# --- Benchmarks -----------------------------------------------------------------------------------


def _submitted_responses(round_: Round, area_ids: list[int]) -> QuerySet[Response]:
    """Responses of the assessments submitted to the round that are still signed off, in the
    given areas of the round's framework (a group variant's own areas are never among them)."""
    return Response.objects.filter(
        assessment__round_entries__round_id=round_.pk,
        assessment__round_entries__status=Participant.Status.SUBMITTED,
        assessment__status=Assessment.Status.SIGNED_OFF,
        area_id__in=area_ids,
        current_level__isnull=False,
        target_level__isnull=False,
    )


def _level_counts(levels: list[int]) -> dict[str, Count]:
    counts = {}
    for level in levels:
        counts[f"current_{level}"] = Count("pk", filter=Q(current_level=level))
        counts[f"target_{level}"] = Count("pk", filter=Q(target_level=level))
    return counts


class _GroupIds(Aggregate):
    """The ids of an organisation's groups, comma-separated (in any order: Python reads them as a
    set). GROUP_CONCAT on SQLite, STRING_AGG on PostgreSQL."""

    function = "GROUP_CONCAT"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            function="STRING_AGG",
            template="%(function)s(CAST(%(expressions)s AS text), ',')",
            **extra_context,
        )


def _groups_of_organisation(organisation_id: str) -> Subquery:
    """The groups of the organisation `organisation_id` refers to, as _GroupIds gives them: only
    those whose membership it accepted (a group's figures count no one who has not agreed)."""
    return Subquery(
        GroupMember.objects.filter(organisation_id=OuterRef(organisation_id), accepted_at__isnull=False)
        .order_by()
        .values("organisation_id")
        .annotate(ids=_GroupIds("group_id"))
        .values("ids")
    )


def _count_row(row: dict[str, Any], levels: list[int], keys: dict[int, str]) -> CountRow:
    return CountRow(
        area=keys[row["area_id"]],
        region=row["region"],
        type=row["org_type"],
        current=tuple(row[f"current_{level}"] for level in levels),
        target=tuple(row[f"target_{level}"] for level in levels),
        groups=frozenset(row["groups"].split(",")) if row["groups"] else frozenset(),
    )


def live_benchmark(round_: Round, *, area_key: str | None = None, over_time: bool = True) -> RoundBenchmark:
    """The round's figures computed now from the submitted responses: one GROUP BY query (by area,
    region, council type and the set of groups each respondent is in: the atoms of suppression,
    from which every population is added up), a few small ones, and the previous round's
    published figures. With `area_key`, only that area's figures (each area is suppressed on its
    own, so they are the same as in the whole round's). `over_time=False` leaves rule 5 out (only
    to tell the national team what it withholds, never to show)."""
    framework = round_.framework
    levels = framework.level_numbers
    area_rows = framework.areas.select_related("section").order_by("position")
    if area_key is not None:
        area_rows = area_rows.filter(key=area_key)
    area_rows = list(area_rows)
    keys = {a.pk: a.key for a in area_rows}
    areas = [
        AreaInfo(
            key=a.key,
            title=a.label,
            section=a.section.title,
            not_applicable_to=frozenset(a.not_applicable_to or ()),
            replaces=tuple(a.replaces or ()),
        )
        for a in area_rows
    ]
    organisation = "assessment__organisation__"
    rows = [
        _count_row(row, levels, keys)
        for row in _submitted_responses(round_, list(keys))
        .values(
            "area_id",
            region=F(organisation + "region"),
            org_type=F(organisation + "type"),
            groups=_groups_of_organisation("assessment__organisation_id"),
        )
        .annotate(**_level_counts(levels))
        .order_by()
    ]
    group_ids = {int(group) for row in rows for group in row.groups}
    labels: dict[tuple[str, str], str] = {}
    if group_ids:
        labels.update(
            {
                (aggregates.GROUP, str(pk)): name
                for pk, name in Group.objects.filter(pk__in=group_ids).values_list("pk", "name")
            }
        )
    labels.update({(aggregates.TYPE, value): label for value, label in Organisation.Type.choices})
    labels.update({(aggregates.REGION, row.region): row.region or NO_REGION_LABEL for row in rows})
    labels[(aggregates.ALL, "")] = "All respondents"
    previous = previous_published(round_)
    records, earlier, exposed = respondent_records(round_), None, frozenset()
    if over_time:
        earlier, exposed = earlier_populations()
        records = {atom: [r for r in held if r not in exposed] for atom, held in records.items()}
    return tables.build_round(
        areas=areas,
        levels=levels,
        level_names=[framework.level_names[n] for n in levels],
        rows=rows,
        labels=labels,
        previous=serialise.from_data(previous.published_results.figures) if previous else None,
        previous_name=previous.name if previous else None,
        records=records,
        earlier=earlier,
        exposed_left_out=True,
    )


def area_infos(round_: Round) -> list[AreaInfo]:
    return [
        AreaInfo(
            key=a.key,
            title=a.label,
            section=a.section.title,
            not_applicable_to=frozenset(a.not_applicable_to or ()),
            replaces=tuple(a.replaces or ()),
        )
        for a in round_.framework.areas.select_related("section").order_by("position")
    ]


def respondent_records(round_: Round) -> dict[aggregates.Atom, list[str]]:
    """The round's respondents as ledger records ("organisation:assessment:signed-off time": an
    assessment signed off again is another record), by atom (region, council type, groups): one
    small query, a row per respondent."""
    records: dict[aggregates.Atom, list[str]] = {}
    rows = (
        round_.participants.filter(status=Participant.Status.SUBMITTED, assessment__status=Assessment.Status.SIGNED_OFF)
        .values_list(
            "organisation_id",
            "assessment_id",
            "assessment__signed_off_at",
            "organisation__region",
            "organisation__type",
            _groups_of_organisation("organisation_id"),
        )
        .order_by()
    )
    for organisation, assessment, signed_off, region, type_, groups in rows:
        atom = (region, type_, frozenset(groups.split(",")) if groups else frozenset())
        records.setdefault(atom, []).append(
            ledger.record(organisation, assessment, signed_off.isoformat() if signed_off else "")
        )
    return records


def earlier_populations() -> tuple[dict[int, frozenset[str]], frozenset[str]]:
    """Every population that published rounds showed (the ledger's), rounds published before the
    ledger existed included (remembered now, from their frozen figures); less the records those
    populations already give away on their own, which are returned apart (ledger.earlier_checked)."""
    for results in PublishedResults.objects.filter(remembered=False).select_related("round__framework"):
        remember_round(results.round, serialise.from_data(results.figures))
        PublishedResults.objects.filter(pk=results.pk).update(remembered=True)
    return ledger.earlier_checked(ledger.ROUNDS)


def round_source(round_: Round) -> str:
    return f"round:{round_.pk}"


def remember_round(round_: Round, benchmark: RoundBenchmark) -> int:
    """Add what a published round shows to the ledger."""
    shown = tables.shown_records(benchmark, area_infos(round_), respondent_records(round_))
    return ledger.remember(
        ledger.ROUNDS,
        {f"{round_.name}: {label}": records for label, records in shown.items()},
        source=round_source(round_),
    )


def published_results(round_: Round) -> PublishedResults | None:
    return PublishedResults.objects.filter(round=round_).first()


def latest_published_participation(organisation: Organisation) -> Participant | None:
    """The organisation's submission to the most recent round whose results are published."""
    return (
        organisation.round_participations.filter(
            status=Participant.Status.SUBMITTED, round__status=Round.Status.PUBLISHED
        )
        .select_related("round", "round__published_results")
        .defer("round__published_results__figures", "round__published_results__named_respondents")
        .order_by("-round__closes_on", "-round__pk")
        .first()
    )
