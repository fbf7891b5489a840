"""Writes for rounds: creating, opening (with its invitations), submitting or declining,
reminders, closing and publishing. Typed, keyword-only functions; each refuses what the rules do
not allow with `RoundError` before it changes anything.

Every email about a round is recorded in `RoundEmail` before it is sent, under a unique key
(round, organisation, kind, reminder window, address), so that running `maturity rounds remind`
twice, or opening a round again after a failure, never sends the same email twice.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from maturity import audit
from maturity.assessments.models import Assessment
from maturity.benchmarks import previews, selectors, serialise
from maturity.benchmarks.models import Participant, PublishedResults, Round, RoundEmail
from maturity.frameworks.models import Framework
from maturity.mail import send_email
from maturity.organisations import services as organisation_services
from maturity.organisations.models import Organisation, Role
from maturity.words import date_uk

logger = logging.getLogger(__name__)

# Reminders are sent in windows that start this many days before a round's close date: one
# reminder per window to each organisation that has not answered (ADR 0008).
REMINDER_DAYS_BEFORE_CLOSE = (14, 7, 2)


class RoundError(Exception):
    """Something the rules of rounds do not allow; the message says why, for the person."""


# --- Creating, opening, closing, publishing ------------------------------------------------------


@transaction.atomic
def create_round(
    *,
    name: str,
    framework: Framework,
    opens_on: datetime.date,
    closes_on: datetime.date,
    organisation_types: list[str],
    regions: list[str],
    user,
    today: datetime.date,
    nations: list[str] | None = None,
) -> Round:
    """A draft round inviting every current organisation of the chosen types and nations (in
    England, of the chosen regions); without `nations`, of the chosen regions whatever the nation."""
    if framework.status != Framework.Status.PUBLISHED or framework.group_id is not None:
        raise RoundError(_("A round uses a published national framework"))
    if closes_on < opens_on:
        raise RoundError(_("The close date must be on or after the open date"))
    if closes_on < today:
        raise RoundError(_("The close date must be today or in the future"))
    organisation_ids = list(
        selectors.invitable(types=organisation_types, regions=regions, nations=nations, today=today).values_list(
            "pk", flat=True
        )
    )
    if not organisation_ids:
        raise RoundError(_("No current organisation is of the types and in the nations and regions chosen"))
    round_ = Round.objects.create(
        name=name.strip(),
        framework=framework,
        opens_on=opens_on,
        closes_on=closes_on,
        organisation_types=sorted(organisation_types),
        nations=sorted(nations or []),
        regions=sorted(regions),
        created_by=user,
    )
    Participant.objects.bulk_create(
        [Participant(round=round_, organisation_id=pk) for pk in organisation_ids], batch_size=500
    )
    return round_


@dataclass
class Sent:
    invitations: int = 0
    accounts: int = 0
    reminders: int = 0
    no_contact: list[str] = field(default_factory=list)

    @property
    def emails(self) -> int:
        return self.invitations + self.accounts + self.reminders


def open_round(*, round_: Round, user, today: datetime.date) -> Sent:
    """Open a draft round and email every invited organisation."""
    with transaction.atomic():
        locked = Round.objects.select_for_update().get(pk=round_.pk)
        if locked.status != Round.Status.DRAFT:
            raise RoundError(_("This round has already been opened"))
        if locked.closes_on < today:
            raise RoundError(_("The close date has passed: change the round's dates before opening it"))
        locked.status = Round.Status.OPEN
        locked.opened_at = timezone.now()
        locked.save(update_fields=["status", "opened_at"])
    round_.status, round_.opened_at = locked.status, locked.opened_at
    return send_invitations(round_=round_, invited_by=user)


@transaction.atomic
def close_round(*, round_: Round) -> Round:
    locked = Round.objects.select_for_update().get(pk=round_.pk)
    if locked.status != Round.Status.OPEN:
        raise RoundError(_("Only an open round can be closed"))
    locked.status = Round.Status.CLOSED
    locked.closed_at = timezone.now()
    locked.save(update_fields=["status", "closed_at"])
    return locked


@transaction.atomic
def publish_round(*, round_: Round, user, today: datetime.date) -> Round:
    """Freeze the round's figures, suppressed, and make its results page public."""
    locked = Round.objects.select_for_update().select_related("framework").get(pk=round_.pk)
    if locked.stage(today) != Round.Status.CLOSED:
        raise RoundError(_("Only a closed round can be published"))
    benchmark = selectors.live_benchmark(locked)
    PublishedResults.objects.update_or_create(
        round=locked,
        defaults={
            "figures": serialise.to_data(benchmark),
            "spreads": serialise.spreads(benchmark),
            "named_respondents": selectors.named_respondents(locked),
            "invited": locked.participants.count(),
            "remembered": True,
        },
    )
    # What is published now is an earlier release for every round after it (rule 5).
    selectors.remember_round(locked, benchmark)
    previews.forget(locked)
    now = timezone.now()
    locked.status = Round.Status.PUBLISHED
    locked.closed_at = locked.closed_at or now
    locked.published_at, locked.published_by = now, user
    locked.save(update_fields=["status", "closed_at", "published_at", "published_by"])
    audit.record(
        kind="round-published",
        actor=user,
        subject=locked.name,
        details={"round": locked.pk, "framework": locked.framework.ref},
    )
    return locked


@transaction.atomic
def set_report(*, round_: Round, title: str, introduction: str, user) -> Round:
    """The national report's title and introduction: until the round is published, as the report
    is frozen with the figures then."""
    locked = Round.objects.select_for_update().get(pk=round_.pk)
    if locked.status == Round.Status.PUBLISHED:
        raise RoundError(_("The report of a published round cannot be changed: it is frozen with the round's figures"))
    locked.report_title, locked.report_introduction = title.strip(), introduction.strip()
    locked.save(update_fields=["report_title", "report_introduction"])
    audit.record(kind="round-report-changed", actor=user, subject=locked.name, details={"round": locked.pk})
    return locked


# --- An organisation's answer --------------------------------------------------------------------


def _participant(round_: Round, organisation: Organisation) -> Participant:
    participant = Participant.objects.select_for_update().filter(round=round_, organisation=organisation).first()
    if participant is None:
        raise RoundError(
            _("%(organisation)s is not invited to %(round)s")
            % {"organisation": organisation.name, "round": round_.name}
        )
    return participant


@transaction.atomic
def submit_to_round(
    *,
    round_: Round,
    organisation: Organisation,
    assessment: Assessment,
    agrees_to_be_named: bool,
    user,
    today: datetime.date,
) -> Participant:
    """Submit a signed-off assessment of the round's framework: once per organisation per round."""
    participant = _participant(round_, organisation)
    if not round_.is_accepting(today):
        raise RoundError(_("%(round)s is not open for submissions") % {"round": round_.name})
    if participant.status == Participant.Status.SUBMITTED:
        raise RoundError(
            _("%(organisation)s has already submitted an assessment to %(round)s")
            % {"organisation": organisation.name, "round": round_.name}
        )
    assessment = Assessment.objects.select_related("framework").get(pk=assessment.pk)
    if assessment.organisation_id != organisation.pk:
        raise RoundError(_("Choose one of your organisation's assessments"))
    if assessment.status != Assessment.Status.SIGNED_OFF:
        raise RoundError(_("Only a signed-off assessment can be submitted: sign it off first"))
    if round_.framework_id not in (assessment.framework_id, assessment.framework.extends_id):
        raise RoundError(
            _("This round uses %(framework)s (%(version)s): submit an assessment against that framework")
            % {"framework": round_.framework.title, "version": round_.framework.version}
        )
    participant.status = Participant.Status.SUBMITTED
    participant.assessment = assessment
    participant.agrees_to_be_named = agrees_to_be_named
    participant.decline_reason, participant.decline_detail = "", ""
    participant.responded_at, participant.responded_by = timezone.now(), user
    participant.save()
    return participant


@transaction.atomic
def decline_round(
    *, round_: Round, organisation: Organisation, reason: str, detail: str, user, today: datetime.date
) -> Participant:
    """Record why the organisation will not take part (it can still submit while the round is open)."""
    participant = _participant(round_, organisation)
    if not round_.is_accepting(today):
        raise RoundError(_("%(round)s is not open for answers") % {"round": round_.name})
    if participant.status == Participant.Status.SUBMITTED:
        raise RoundError(
            _("%(organisation)s has already submitted an assessment to %(round)s")
            % {"organisation": organisation.name, "round": round_.name}
        )
    if reason not in Participant.Reason.values:
        raise RoundError(_("Choose why your organisation will not take part"))
    detail = detail.strip()
    if reason == Participant.Reason.OTHER and not detail:
        raise RoundError(_("Say why your organisation will not take part"))
    participant.status = Participant.Status.DECLINED
    participant.decline_reason = reason
    participant.decline_detail = detail if reason == Participant.Reason.OTHER else ""
    participant.responded_at, participant.responded_by = timezone.now(), user
    participant.save()
    return participant


# --- Emails: invitations and reminders -------------------------------------------------------------


def reminder_window(
    *, today: datetime.date, closes_on: datetime.date, days: tuple[int, ...] = REMINDER_DAYS_BEFORE_CLOSE
) -> int | None:
    """The reminder window today falls in (its days before the close date), or None before the
    first window starts or after the round closes."""
    if today > closes_on:
        return None
    started = [d for d in days if closes_on - datetime.timedelta(days=d) <= today]
    return min(started) if started else None


def send_invitations(*, round_: Round, invited_by=None) -> Sent:
    """Email each invited organisation of an open round that has not been emailed yet: its leads,
    or, for an organisation with no users yet, its contact address (which is also invited to
    create an account as a lead)."""
    sent = Sent()
    if round_.status != Round.Status.OPEN:
        return sent
    participants = list(round_.participants.select_related("organisation"))
    for organisation, addresses, pending, new in _recipients(
        round_, participants, kind=RoundEmail.Kind.INVITATION, window=0
    ):
        if not addresses:
            sent.no_contact.append(organisation.name)
            continue
        if new and pending and organisation.contact_email:
            sent.accounts += _invite_to_create_account(round_, organisation, invited_by or round_.created_by)
        for email in pending:
            sent.invitations += _send_once(
                round_, organisation, RoundEmail.Kind.INVITATION, 0, email, "invitation", {"first_user": new}
            )
    return sent


def send_reminders(*, today: datetime.date) -> Sent:
    """One reminder per reminder window to each organisation of an open round that has neither
    submitted nor declined. Safe to run as often as a scheduler likes."""
    sent = Sent()
    for round_ in Round.objects.filter(status=Round.Status.OPEN, opens_on__lte=today, closes_on__gte=today):
        catch_up = send_invitations(round_=round_)
        sent.invitations += catch_up.invitations
        sent.accounts += catch_up.accounts
        window = reminder_window(today=today, closes_on=round_.closes_on)
        if window is None:
            continue
        outstanding = list(round_.participants.filter(status=Participant.Status.INVITED).select_related("organisation"))
        for organisation, _addresses, pending, new in _recipients(
            round_, outstanding, kind=RoundEmail.Kind.REMINDER, window=window
        ):
            for email in pending:
                sent.reminders += _send_once(
                    round_,
                    organisation,
                    RoundEmail.Kind.REMINDER,
                    window,
                    email,
                    "reminder",
                    {"first_user": new, "window": window},
                )
    return sent


# A reminder asked for from the round's page is recorded under a window of its own, the days
# left before the close date plus this offset, so it never takes the place of a scheduled one
# (windows 14, 7 and 2) and a second press on the same day sends nothing new.
ASKED_WINDOW_OFFSET = 1000


def remind_outstanding(*, round_: Round, user, today: datetime.date) -> Sent:
    """Remind now every organisation of an open round that has neither submitted nor declined
    (its leads, or its contacts where it has no lead yet): once a day at most."""
    if not round_.is_accepting(today):
        raise RoundError(_("%(round)s is not open for answers, so there is nobody to remind") % {"round": round_.name})
    sent = send_invitations(round_=round_, invited_by=user)  # anyone not invited yet, first
    window = ASKED_WINDOW_OFFSET + (round_.closes_on - today).days
    outstanding = list(round_.participants.filter(status=Participant.Status.INVITED).select_related("organisation"))
    for organisation, addresses, pending, new in _recipients(
        round_, outstanding, kind=RoundEmail.Kind.REMINDER, window=window
    ):
        if not addresses:
            if organisation.name not in sent.no_contact:
                sent.no_contact.append(organisation.name)
            continue
        for email in pending:
            sent.reminders += _send_once(
                round_,
                organisation,
                RoundEmail.Kind.REMINDER,
                window,
                email,
                "reminder",
                {"first_user": new, "window": (round_.closes_on - today).days},
            )
    audit.record(
        kind="round-reminded",
        actor=user,
        subject=round_.name,
        details={"round": round_.pk, "reminders": sent.reminders, "no_contact": len(sent.no_contact)},
    )
    return sent


def _recipients(round_: Round, participants: list[Participant], *, kind: str, window: int):
    """For each participant: (organisation, its addresses, those not yet sent this email, whether
    it has no users yet). The addresses are its leads', or its contact address if it has no users."""
    ids = [p.organisation_id for p in participants]
    leads = selectors.lead_emails(ids)
    contacts = selectors.invited_lead_emails(ids)
    with_users = selectors.organisations_with_users(ids)
    already = set(
        RoundEmail.objects.filter(round=round_, kind=kind, window=window).values_list("organisation_id", "email")
    )
    for participant in participants:
        organisation = participant.organisation
        new = participant.organisation_id not in with_users
        addresses = leads.get(organisation.pk, [])
        if new and organisation.contact_email:
            addresses = [organisation.contact_email.lower()]
        if not leads.get(organisation.pk):  # no lead yet: its contacts invited to be one hear too
            addresses = list(dict.fromkeys([*addresses, *contacts.get(organisation.pk, [])]))
        pending = [a for a in addresses if (organisation.pk, a) not in already]
        yield organisation, addresses, pending, new


def _send_once(
    round_: Round, organisation: Organisation, kind: str, window: int, email: str, template: str, extra: dict
) -> int:
    """Record the email and queue it, together: a second run finds the record and sends nothing."""
    try:
        with transaction.atomic():
            RoundEmail.objects.create(round=round_, organisation=organisation, kind=kind, window=window, email=email)
            # In the language the person chose (docs/adr/0025-cymraeg.md), whoever or whatever sends it.
            with translation.override(_language_of(email)):
                send_email(
                    to=email,
                    template=f"benchmarks/emails/{template}",
                    context={
                        "round": round_,
                        "organisation": organisation,
                        "closes_on": date_uk(round_.closes_on),
                        "link": f"{settings.SITE_URL}{reverse('benchmarks:organisation-rounds', kwargs={'slug': organisation.slug})}",
                        **extra,
                    },
                )
    except IntegrityError:  # sent meanwhile by another run
        return 0
    return 1


def _language_of(email: str) -> str:
    """The language of the person with this address, or the product's for an address with no account."""
    from django.contrib.auth import get_user_model

    chosen = (
        get_user_model()
        .objects.filter(email__iexact=email)
        .exclude(language="")
        .values_list("language", flat=True)
        .first()
    )
    return chosen or settings.LANGUAGE_CODE


def _invite_to_create_account(round_: Round, organisation: Organisation, invited_by) -> int:
    email = organisation.contact_email.lower()
    try:
        with transaction.atomic():
            RoundEmail.objects.create(
                round=round_, organisation=organisation, kind=RoundEmail.Kind.ACCOUNT, window=0, email=email
            )
            organisation_services.invite_colleague(
                organisation=organisation, email=email, role=Role.LEAD, invited_by=invited_by
            )
    except IntegrityError:
        return 0
    except organisation_services.Refused as refused:  # already invited, or already a member
        logger.info("No account invitation for %s: %s", organisation.name, refused.message)
        RoundEmail.objects.get_or_create(
            round=round_, organisation=organisation, kind=RoundEmail.Kind.ACCOUNT, window=0, email=email
        )
        return 0
    return 1
