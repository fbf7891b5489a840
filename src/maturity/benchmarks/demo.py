"""Demonstration data for rounds: the national team's sign-in, a published round whose figures are
shown (about two thirds of England's and Wales's councils responded, as in the LGA's diagnostics),
and an open round still collecting answers.

The councils are real (the register); their assessments and answers are made up, deterministic and
written with bulk_create, so `make run` loads them in seconds. Every page says the data is a
demonstration (settings.DEMO). Safe to run again: a demo round that exists is left as it is.
"""

from __future__ import annotations

import datetime
from typing import TextIO

from django.contrib.auth import get_user_model, password_validation
from django.db import transaction
from django.utils import timezone

from maturity.assessments.models import Assessment, Response
from maturity.benchmarks import selectors, services
from maturity.benchmarks.models import Participant, Round
from maturity.frameworks.models import Framework
from maturity.organisations.demo import PASSWORD
from maturity.organisations.models import COUNCIL_TYPES, Nation, Organisation
from maturity.words import counted

NATIONAL_ADMIN_EMAIL = "national.admin@example.com"
PUBLISHED_NAME = "Diagnostic review {year} (demonstration)"
OPEN_NAME = "Diagnostic review {year} (demonstration, open)"
DEMO_TITLE = "Self-assessment (demonstration)"
EVIDENCE = "Demonstration evidence: made up for the demo."
DECLINE_REASONS = [reason for reason, _ in Participant.Reason.choices if reason != Participant.Reason.OTHER]


def add_national_admin(stdout: TextIO) -> None:
    """Add the national team's demo user if missing (an existing one is left as it is)."""
    User = get_user_model()
    if User.objects.filter(email__iexact=NATIONAL_ADMIN_EMAIL).exists():
        stdout.write(f"Demo national admin {NATIONAL_ADMIN_EMAIL} already exists.\n")
        return
    user = User(email=NATIONAL_ADMIN_EMAIL, full_name="Nat Adebayo", is_national_admin=True)
    password_validation.validate_password(PASSWORD, user)
    user.set_password(PASSWORD)
    user.save()
    stdout.write(f"Demo national admin added: {NATIONAL_ADMIN_EMAIL} (runs rounds and publishes results).\n")


def answer(number: int, position: int) -> tuple[int, int]:
    """A made-up (current, target) level for the `number`th council in the area at `position`:
    spread over the levels, most councils at Developing or Mature, a few at the top."""
    mix = (number * 37 + position * 11 + (number * position) % 7) % 20
    current = 1 + (mix >= 3) + (mix >= 9) + (mix >= 16) + (mix >= 19)
    return current, min(5, current + (number + position) % 3)


def load(stdout: TextIO) -> None:
    """The published demo round and the open one, unless they exist."""
    framework = (
        Framework.objects.filter(status=Framework.Status.PUBLISHED, group__isnull=True).order_by("-loaded_at").first()
    )
    if framework is None:
        stdout.write("No published framework: demo rounds skipped (run `maturity framework load` first).\n")
        return
    today = timezone.localdate()
    published_name = PUBLISHED_NAME.format(year=today.year - 1)
    if Round.objects.filter(name=published_name).exists():
        stdout.write("Demo rounds already there.\n")
        return
    with transaction.atomic():
        councils = list(
            selectors.invitable(
                types=list(COUNCIL_TYPES),
                regions=selectors.english_regions(today),
                nations=[Nation.ENGLAND, Nation.WALES],
                today=today,
            ).order_by("gss_code", "pk")
        )
        assessments = _assessments(framework, councils)
        published = _round(
            framework,
            councils,
            assessments,
            name=published_name,
            share=(17, 3),
            today=today,
            opens_on=today - datetime.timedelta(days=400),
            closes_on=today - datetime.timedelta(days=340),
        )
        services.publish_round(round_=published, user=None, today=today)
        _round(
            framework,
            councils,
            assessments,
            name=OPEN_NAME.format(year=today.year),
            share=(4, 1),
            today=today,
            opens_on=today - datetime.timedelta(days=20),
            closes_on=today + datetime.timedelta(days=40),
        )
    submitted = published.participants.filter(status=Participant.Status.SUBMITTED).count()
    stdout.write(
        f"Demo rounds: “{published_name}” published ({submitted} of {counted(len(councils), '%(num)s council', '%(num)s councils')} responded), "
        "and an open round.\n"
    )


def _assessments(framework: Framework, councils: list[Organisation]) -> dict[int, Assessment]:
    """A signed-off assessment for each council: its own where it has one (the demo's people
    made them), a made-up one for councils nobody has joined."""
    own = {}
    for assessment in Assessment.objects.filter(
        organisation__in=councils, framework=framework, status=Assessment.Status.SIGNED_OFF
    ).order_by("signed_off_at"):
        own[assessment.organisation_id] = assessment
    with_people = set(
        Organisation.objects.filter(pk__in=[c.pk for c in councils], memberships__isnull=False).values_list(
            "pk", flat=True
        )
    )
    now = timezone.now()
    made = Assessment.objects.bulk_create(
        [
            Assessment(
                organisation=c,
                framework=framework,
                title=DEMO_TITLE,
                status=Assessment.Status.SIGNED_OFF,
                signed_off_at=now,
                signer_name="Demonstration",
                signer_role="Head of Procurement",
            )
            for c in councils
            if c.pk not in own and c.pk not in with_people
        ],
        batch_size=500,
    )
    areas = list(framework.areas.order_by("position"))
    year = timezone.localdate().year
    responses = []
    for number, assessment in enumerate(made):
        for area in areas:
            current, target = answer(number, area.position)
            responses.append(
                Response(
                    assessment=assessment,
                    area=area,
                    current_level=current,
                    target_level=target,
                    target_year=year + 1 + area.position % 3,
                    confidence="medium",
                    evidence=EVIDENCE,
                )
            )
    Response.objects.bulk_create(responses, batch_size=1000)
    return {**own, **{a.organisation_id: a for a in made}}


def _round(framework, councils, assessments, *, name, share, today, opens_on, closes_on) -> Round:
    """A round of every council: of each 25, `share[0]` submitted and `share[1]` declined."""
    submitting, declining = share
    round_ = Round.objects.create(
        name=name,
        framework=framework,
        opens_on=opens_on,
        closes_on=closes_on,
        status=Round.Status.OPEN,
        opened_at=timezone.now(),
        organisation_types=sorted(COUNCIL_TYPES),
        nations=[Nation.ENGLAND, Nation.WALES],
        regions=selectors.english_regions(today),
    )
    participants = []
    for number, council in enumerate(councils):
        slot = (number * 7) % 25
        assessment = assessments.get(council.pk)
        if slot < submitting and assessment is not None:
            participants.append(
                Participant(
                    round=round_,
                    organisation=council,
                    status=Participant.Status.SUBMITTED,
                    assessment=assessment,
                    agrees_to_be_named=number % 3 == 0,
                    responded_at=timezone.now(),
                )
            )
        elif submitting <= slot < submitting + declining:
            participants.append(
                Participant(
                    round=round_,
                    organisation=council,
                    status=Participant.Status.DECLINED,
                    decline_reason=DECLINE_REASONS[number % len(DECLINE_REASONS)],
                    responded_at=timezone.now(),
                )
            )
        else:
            participants.append(Participant(round=round_, organisation=council))
    Participant.objects.bulk_create(participants, batch_size=500)
    if closes_on < today:
        round_.status, round_.closed_at = Round.Status.CLOSED, timezone.now()
        round_.save(update_fields=["status", "closed_at"])
    return round_
