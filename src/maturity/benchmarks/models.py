"""National diagnostic rounds: the organisations invited, their answers, the emails sent to
them, and the figures published when a round's results are made public."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models

# Choice labels are English (workbooks, the API and the CSV exports read them); N_ marks them for
# the Welsh catalogue and pages show them with gettext (docs/adr/0025-cymraeg.md).
from django.utils.translation import gettext_noop as N_

from maturity.assessments.models import Assessment
from maturity.frameworks.models import Framework
from maturity.organisations.models import Organisation


class Round(models.Model):
    """A national diagnostic campaign: draft -> open (invitations sent) -> closed -> published."""

    class Status(models.TextChoices):
        DRAFT = "draft", N_("Not opened yet")
        OPEN = "open", N_("Open")
        CLOSED = "closed", N_("Closed")
        PUBLISHED = "published", N_("Results published")

    name = models.CharField(max_length=200)
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="rounds")
    opens_on = models.DateField()
    closes_on = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    # How the invited organisations were chosen (Organisation.Type values, Nation values, and the
    # names of the English regions: every chosen organisation outside England is invited).
    organisation_types = models.JSONField(default=list, blank=True)
    nations = models.JSONField(default=list, blank=True)
    regions = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The national report's own words, set by the national team until the round is published
    # (benchmarks/report.py); blank: a title made from the round's name, no introduction.
    report_title = models.CharField(max_length=200, blank=True)
    report_introduction = models.TextField(max_length=5000, blank=True)

    class Meta:
        ordering = ["-closes_on", "-pk"]
        indexes = [models.Index(fields=["status", "closes_on"])]

    def __str__(self) -> str:
        return self.name

    def stage(self, today: datetime.date) -> str:
        """The status as it stands today: an open round past its close date counts as closed."""
        if self.status == self.Status.OPEN and today > self.closes_on:
            return self.Status.CLOSED
        return self.status

    def stage_label(self, today: datetime.date) -> str:
        from django.utils.translation import gettext

        return gettext(self.Status(self.stage(today)).label)

    def is_accepting(self, today: datetime.date) -> bool:
        """Organisations can submit or decline: the round is open and today is within its dates."""
        return self.status == self.Status.OPEN and self.opens_on <= today <= self.closes_on

    @property
    def closed_on(self) -> datetime.date | None:
        """The day it actually closed: the day the national team closed it, when that was before the
        planned close date, or else the planned close date. None while it is still open or a draft."""
        if self.status in (self.Status.DRAFT, self.Status.OPEN):
            return None
        if self.closed_at is not None:
            from django.utils import timezone

            return min(timezone.localtime(self.closed_at).date(), self.closes_on)
        return self.closes_on

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class Participant(models.Model):
    """An organisation invited to a round, and its answer: submitted (with which assessment)
    or declined (with the reason). One per organisation per round."""

    class Status(models.TextChoices):
        INVITED = "invited", N_("Not responded")
        SUBMITTED = "submitted", N_("Submitted")
        DECLINED = "declined", N_("Not taking part")

    class Reason(models.TextChoices):
        OTHER_BENCHMARK = "other-benchmark", N_("We use CCIAF or another benchmark")
        REORGANISATION = "reorganisation", N_("Local government reorganisation")
        RESOURCES = "resources", N_("Lack of resources")
        OTHER = "other", N_("Another reason")

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="participants")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="round_participations")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.INVITED)
    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, null=True, blank=True, related_name="round_entries"
    )
    # Named in the published results as a respondent (never with its figures). Default: no.
    agrees_to_be_named = models.BooleanField(default=False)
    decline_reason = models.CharField(max_length=20, choices=Reason.choices, blank=True)
    decline_detail = models.TextField(blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["round", "organisation"], name="one_participant_per_round"),
            models.CheckConstraint(
                condition=~models.Q(status="submitted") | models.Q(assessment__isnull=False),
                name="submission_has_assessment",
            ),
        ]
        indexes = [models.Index(fields=["round", "status", "assessment"])]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.round}"

    @property
    def decline_text(self) -> str:
        if self.decline_reason == self.Reason.OTHER and self.decline_detail:
            return self.decline_detail
        from django.utils.translation import gettext

        return gettext(self.get_decline_reason_display())


class RoundEmail(models.Model):
    """Every email sent about a round, so that none is sent twice: the invitation when the round
    opens, an invitation to create an account for an organisation with no users yet, and one
    reminder per reminder window (`window`: days before the close date; 0 for invitations)."""

    class Kind(models.TextChoices):
        INVITATION = "invitation", N_("Invitation to take part")
        ACCOUNT = "account", N_("Invitation to create an account")
        REMINDER = "reminder", N_("Reminder")

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="emails")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    window = models.PositiveSmallIntegerField(default=0)
    email = models.EmailField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["sent_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "organisation", "kind", "window", "email"], name="one_email_per_window"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.email} ({self.round})"


class PublishedResults(models.Model):
    """The figures of a published round, computed and suppressed once when it is published, so
    that the public pages, the downloads and the API always give the same numbers."""

    round = models.OneToOneField(Round, on_delete=models.CASCADE, related_name="published_results")
    figures = models.JSONField()
    # The medians and quartiles of all respondents, each region and each council type: the part
    # of the figures that councils' results pages compare with (small, so quick to read).
    spreads = models.JSONField(default=dict)
    named_respondents = models.JSONField(default=list)
    invited = models.PositiveIntegerField()
    computed_at = models.DateTimeField(auto_now_add=True)
    # Whether the populations these figures show are in the ledger (ShownPopulation): rounds
    # published before it existed are added the first time the ledger is read.
    remembered = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"Published results of {self.round}"


class PreviewResults(models.Model):
    """The figures of a round that is not published yet, as the national team's preview last
    computed them, with the fingerprint of everything they were computed from (previews.py). A
    request whose fingerprint is the same reads them instead of computing them again; kept in
    the database so that every app server shares them."""

    round = models.OneToOneField(Round, on_delete=models.CASCADE, related_name="preview_results")
    fingerprint = models.CharField(max_length=64)
    figures = models.JSONField()
    computed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Preview of the results of {self.round}"


class ShownPopulation(models.Model):
    """The ledger of disclosure (rule 5, ADR 0016): a population that some figure was shown or
    published for, by the records it was made of, kept for ever. `kind` names a kind of figure
    whose populations can be subtracted from one another (the rounds' benchmarks; one group's
    dashboard; one source and financial year of the open-data figures). A record is one
    organisation's data as it was shown ("organisation:assessment:signed-off time", or an
    import), so the same population shown again is one row (`digest`, the SHA-256 of its sorted
    records)."""

    kind = models.CharField(max_length=80)
    digest = models.CharField(max_length=64)
    records = models.JSONField()
    # Where it was first shown ("round:12", "group:3"), and as what, for the national team.
    source = models.CharField(max_length=80, blank=True)
    label = models.CharField(max_length=300, blank=True)
    first_shown_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "digest"], name="one_ledger_row_per_population")]
        indexes = [models.Index(fields=["source"])]

    def __str__(self) -> str:
        return f"{self.kind}: {self.label or self.digest[:12]}"
