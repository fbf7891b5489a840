"""Rounds, councils and signed-off assessments for the benchmark tests."""

from __future__ import annotations

import datetime
import itertools

from django.utils import timezone

from maturity.accounts.models import User
from maturity.assessments.models import Assessment, Response
from maturity.assessments.services import start_assessment
from maturity.benchmarks.models import Participant, Round
from maturity.organisations.models import Organisation
from tests.assessments.helpers import beside_the_draft
from tests.factories import make_user

_counter = itertools.count(1)
# Every council made here in this test process gets a GSS code of its own (E9 and 7 digits).
_gss_codes = itertools.count(1)
TODAY = timezone.localdate()


def national_admin(name: str = "Nat Admin") -> User:
    """A national administrator with an authenticator app (the product requires one of them)."""
    from maturity.accounts.models import TwoFactorDevice

    user = make_user(name)
    user.is_national_admin = True
    user.save(update_fields=["is_national_admin"])
    TwoFactorDevice.objects.create(user=user, secret="JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    return user


def make_round(
    framework, organisations=(), *, status=Round.Status.OPEN, name=None, opens_on=None, closes_on=None, user=None
) -> Round:
    round_ = Round.objects.create(
        name=name or f"Diagnostic review {next(_counter)}",
        framework=framework,
        opens_on=opens_on or TODAY - datetime.timedelta(days=7),
        closes_on=closes_on or TODAY + datetime.timedelta(days=30),
        status=status,
        created_by=user,
    )
    Participant.objects.bulk_create([Participant(round=round_, organisation=o) for o in organisations])
    return round_


def signed_off(
    organisation, framework, user, *, current=2, target=3, levels=None, title="Self-assessment"
) -> Assessment:
    """A signed-off assessment; `levels` maps an area key to (current, target)."""
    with beside_the_draft(organisation, framework):
        assessment = start_assessment(organisation=organisation, framework=framework, title=title, user=user)
        Assessment.objects.filter(pk=assessment.pk).update(
            status=Assessment.Status.SIGNED_OFF, signed_off_at=timezone.now()
        )
    Response.objects.filter(assessment=assessment).update(
        current_level=current,
        target_level=target,
        target_year=TODAY.year + 1,
        confidence="high",
        evidence="Minutes",
    )
    for key, (c, t) in (levels or {}).items():
        Response.objects.filter(assessment=assessment, area__key=key).update(current_level=c, target_level=t)
    Assessment.objects.filter(pk=assessment.pk).update(
        status=Assessment.Status.SIGNED_OFF, signed_off_at=timezone.now()
    )
    assessment.refresh_from_db()
    return assessment


def submit(round_: Round, organisation, assessment, *, named=False) -> Participant:
    participant, _ = Participant.objects.update_or_create(
        round=round_,
        organisation=organisation,
        defaults={
            "status": Participant.Status.SUBMITTED,
            "assessment": assessment,
            "agrees_to_be_named": named,
            "responded_at": timezone.now(),
        },
    )
    return participant


def bulk_councils(framework, count: int, *, levels=(1, 2, 2, 3, 3, 3, 4, 5), prefix="Council") -> list[Organisation]:
    """`count` councils across the regions and types, each with a signed-off assessment whose
    levels follow the pattern: everything written with bulk_create (a few queries, any count)."""
    regions = [
        "North East",
        "North West",
        "Yorkshire and The Humber",
        "East Midlands",
        "West Midlands",
        "East of England",
        "London",
        "South East",
        "South West",
    ]
    types = [t for t, _ in Organisation.Type.choices][:5]
    n0 = next(_counter) * 100_000
    organisations = Organisation.objects.bulk_create(
        [
            Organisation(
                slug=f"{prefix.lower()}-{n0 + i}",
                name=f"{prefix} {n0 + i}",
                gss_code=f"E9{next(_gss_codes):07d}",
                type=types[i % len(types)],
                region=regions[(i // 3) % len(regions)],
            )
            for i in range(count)
        ],
        batch_size=500,
    )
    now = timezone.now()
    assessments = Assessment.objects.bulk_create(
        [
            Assessment(
                organisation=o,
                framework=framework,
                title="Self-assessment",
                status=Assessment.Status.SIGNED_OFF,
                signed_off_at=now,
            )
            for o in organisations
        ],
        batch_size=500,
    )
    areas = list(framework.areas.order_by("position"))
    Response.objects.bulk_create(
        [
            Response(
                assessment=a,
                area=area,
                current_level=levels[(i + j) % len(levels)],
                target_level=min(5, levels[(i + j) % len(levels)] + 1),
                target_year=TODAY.year + 1,
                confidence="high",
                evidence="Minutes",
            )
            for i, a in enumerate(assessments)
            for j, area in enumerate(areas)
        ],
        batch_size=1000,
    )
    return organisations


def bulk_round(framework, organisations, *, status=Round.Status.OPEN, submitted_share=0.8, **kwargs) -> Round:
    round_ = make_round(framework, status=status, **kwargs)
    assessments = {a.organisation_id: a for a in Assessment.objects.filter(organisation__in=organisations)}
    participants = []
    for i, o in enumerate(organisations):
        submits = (i % 10) < submitted_share * 10
        participants.append(
            Participant(
                round=round_,
                organisation=o,
                status=Participant.Status.SUBMITTED
                if submits
                else (Participant.Status.DECLINED if i % 10 == 9 else Participant.Status.INVITED),
                decline_reason=Participant.Reason.RESOURCES if (not submits and i % 10 == 9) else "",
                assessment=assessments[o.pk] if submits else None,
                agrees_to_be_named=submits and i % 4 == 0,
            )
        )
    Participant.objects.bulk_create(participants, batch_size=500)
    return round_
