"""An organisation's self-assessment against one framework version, one response per area."""

from __future__ import annotations

from django.conf import settings
from django.db import models

# Choice labels are English (workbooks, the API and the CSV exports read them); N_ marks them for
# the Welsh catalogue and pages show them with gettext (docs/adr/0025-cymraeg.md).
from django.utils.translation import gettext_noop as N_

from maturity.frameworks.models import Area, Framework
from maturity.organisations.models import Organisation


class MeetingKind(models.TextChoices):
    COMMITTEE = "committee", N_("A committee")
    CABINET = "cabinet", N_("Cabinet")


class Assessment(models.Model):
    """Draft -> submitted for sign-off -> signed off (read-only) -> reopened (a draft again)..."""

    class Status(models.TextChoices):
        IN_PROGRESS = "in-progress", N_("In progress")
        SUBMITTED = "submitted", N_("Awaiting sign-off")
        SIGNED_OFF = "signed-off", N_("Signed off")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="assessments")
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="assessments")
    title = models.CharField(max_length=200)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.IN_PROGRESS)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    # Who signed it off, as they wish to be named in the committee report.
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    signer_name = models.CharField(max_length=200, blank=True)
    signer_role = models.CharField(max_length=200, blank=True)
    signed_off_at = models.DateTimeField(null=True, blank=True)
    # The meeting that agreed the sign-off, if there was one (shown in the committee report).
    meeting_kind = models.CharField(max_length=20, choices=MeetingKind.choices, blank=True)
    meeting_name = models.CharField(max_length=200, blank=True)
    meeting_date = models.DateField(null=True, blank=True)
    minute_reference = models.CharField(max_length=100, blank=True)
    based_on = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The signed-off assessment whose answers were carried forward",
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.title}"

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.IN_PROGRESS

    @property
    def is_signed_off(self) -> bool:
        return self.status == self.Status.SIGNED_OFF


# The framework's own areas first, in its order, then any group's own areas (group variants
# number their areas from 1 too, so position alone would interleave them).
AREA_ORDER = (models.F("area__framework__group_id").asc(nulls_first=True), "area__position")


class Confidence(models.TextChoices):
    LOW = "low", N_("Low")
    MEDIUM = "medium", N_("Medium")
    HIGH = "high", N_("High")


class Response(models.Model):
    """Where the organisation stands in one area, where it aims to be, by when, and why it thinks so."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="responses")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="responses")
    current_level = models.PositiveSmallIntegerField(null=True, blank=True)
    target_level = models.PositiveSmallIntegerField(null=True, blank=True)
    target_year = models.PositiveSmallIntegerField(null=True, blank=True)
    evidence = models.TextField(blank=True)
    evidence_links = models.JSONField(default=list, blank=True)
    confidence = models.CharField(max_length=10, choices=Confidence.choices, blank=True)
    # Incremented on every save: a save based on an older version is refused (optimistic locking).
    version = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(null=True, blank=True)
    # Copied from the last signed-off assessment and not yet confirmed by saving it again.
    carried_over = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assessment", "area"], name="one_response_per_area")]
        ordering = ["assessment", "area__position"]

    def __str__(self) -> str:
        return f"{self.assessment} – {self.area}"


class Action(models.Model):
    """A step of the action plan in one area: what will be done, by whom, by when."""

    class Status(models.TextChoices):
        NOT_STARTED = "not-started", N_("Not started")
        IN_PROGRESS = "in-progress", N_("In progress")
        DONE = "done", N_("Done")
        BLOCKED = "blocked", N_("Blocked")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="actions")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="actions")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    # The owner is named, not necessarily a user of the product.
    owner_name = models.CharField(max_length=200)
    owner_email = models.EmailField(blank=True)
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    version = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["area__position", "due_date", "pk"]

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, today) -> bool:
        return bool(self.due_date and self.due_date < today and self.status != self.Status.DONE)


class ActionNote(models.Model):
    """A dated progress note on an action."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="notes")
    date = models.DateField()
    text = models.TextField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]


class Event(models.Model):
    """A step in an assessment's life: started, submitted, signed off, reopened, imported..."""

    class Kind(models.TextChoices):
        STARTED = "started", N_("Started")
        CARRIED_FORWARD = "carried-forward", N_("Started from the last signed-off assessment")
        SUBMITTED = "submitted", N_("Submitted for sign-off")
        SIGNED_OFF = "signed-off", N_("Signed off")
        REOPENED = "reopened", N_("Reopened")
        IMPORTED = "imported", N_("Imported from a workbook")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    user_name = models.CharField(max_length=200, blank=True)
    note = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]


class Change(models.Model):
    """One save of a response or an action: who, when, and each field's old and new value."""

    class Subject(models.TextChoices):
        RESPONSE = "response", N_("Answer")
        ACTION = "action", N_("Action")
        DOCUMENT = "document", N_("Evidence document")

    class Source(models.TextChoices):
        WEB = "web", N_("Web form")
        IMPORT = "import", N_("Workbook import")
        CARRY_FORWARD = "carry-forward", N_("Carried forward")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="changes")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    subject = models.CharField(max_length=10, choices=Subject.choices)
    subject_id = models.PositiveBigIntegerField()
    # {"field": [old, new], ...}, values as plain JSON.
    fields = models.JSONField()
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.WEB)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    user_name = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["assessment", "area", "-at"])]
