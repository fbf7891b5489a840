"""Evidence from open data: procurement notices (OCDS), spend files and grant lists.

What is stored, and why it is stored this way, is in docs/adr/0010-open-data-evidence.md. In
short: one row per procurement (its releases merged), one per notice (release) so that a release
is never imported twice, one per award; spend is stored added up per supplier and month, not per
payment, which is all the indicators need.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maturity.organisations.models import Organisation


class EvidenceImport(models.Model):
    """One file imported: what it was, who brought it in, when, and what it held."""

    class Kind(models.TextChoices):
        OCDS = "ocds", _("Procurement notices (OCDS)")
        SPEND = "spend", _("Spend file")
        GRANTS = "grants", _("Grants to VCSEs (360Giving)")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    # None for a national import of notices (every buyer in the file).
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="evidence_imports"
    )
    file_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64, db_index=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    imported_at = models.DateTimeField(default=timezone.now)
    first_date = models.DateField(null=True, blank=True)
    last_date = models.DateField(null=True, blank=True)
    # Counts for the import report: rows, payments, credit notes, releases, skipped...
    summary = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-imported_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.file_name}"


class BuyerMapping(models.Model):
    """A buyer as named in notices, and the organisation it is (or that it is none of ours).

    Buyers that match no organisation by identifier or name are recorded as unmatched for the
    national team, whose decision is remembered for every later import."""

    class Status(models.TextChoices):
        UNMATCHED = "unmatched", "Not matched yet"
        MAPPED = "mapped", "Matched to an organisation"
        IGNORED = "ignored", "Not a council in the register"

    # "name:<organisation key of the name>" or "id:<SCHEME-ID>"
    key = models.CharField(max_length=300, unique=True)
    name = models.CharField(max_length=300)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.UNMATCHED)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="buyer_mappings"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    first_seen = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Procurement(models.Model):
    """One procurement (one OCDS `ocid`): its releases merged, the latest winning field by field."""

    # Unique and indexed by Meta below, not by unique=True and db_index=True, which on PostgreSQL
    # also build a second index of each for LIKE queries that nothing makes, slowing every import.
    ocid = models.CharField(max_length=200)
    # Indexed by (organisation, first_published) below: an index of its own would only slow imports.
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="procurements", db_index=False
    )
    buyer_key = models.CharField(max_length=300)
    buyer_name = models.CharField(max_length=300, blank=True)
    first_published = models.DateTimeField()
    last_updated = models.DateTimeField()
    title = models.CharField(max_length=500, blank=True)
    tender_status = models.CharField(max_length=30, blank=True)
    procurement_method = models.CharField(max_length=30, blank=True)
    number_of_tenderers = models.PositiveIntegerField(null=True, blank=True)
    suitable_for_smes = models.BooleanField(null=True, blank=True)
    suitable_for_vcses = models.BooleanField(null=True, blank=True)
    # The merged state (maturity.evidence.ocds.merge): each field with the date of its release,
    # as JSON text. Only Python reads it, to merge later releases: a JSON column would have the
    # database parse (PostgreSQL) or check (SQLite) every one on import, for nothing.
    merged = models.TextField(default="{}")

    class Meta:
        ordering = ["-first_published"]
        # Only an organisation's procurements are ever looked up by organisation; most notices in a
        # national file are other public bodies', and indexing them would only slow the import.
        indexes = [
            models.Index(
                fields=["organisation", "first_published"],
                name="procurement_of_organisation",
                condition=models.Q(organisation__isnull=False),
            ),
            models.Index(fields=["buyer_key"], name="procurement_buyer"),
        ]
        constraints = [models.UniqueConstraint(fields=["ocid"], name="one_procurement_per_ocid")]

    def __str__(self) -> str:
        return self.title or self.ocid


class Notice(models.Model):
    """One release of a procurement. A release is its procurement's ocid, its id and its date:
    importing the same release again changes nothing."""

    # Indexed by the constraint below, which starts with it.
    procurement = models.ForeignKey(Procurement, on_delete=models.CASCADE, related_name="notices", db_index=False)
    release_id = models.CharField(max_length=200)
    date = models.DateTimeField()
    evidence_import = models.ForeignKey(
        EvidenceImport, on_delete=models.SET_NULL, null=True, blank=True, related_name="notices"
    )

    class Meta:
        ordering = ["date"]
        # Keyed by procurement first, so that an import (new procurements, ascending keys) adds to
        # the end of the index rather than all over it.
        constraints = [
            models.UniqueConstraint(fields=["procurement", "release_id", "date"], name="one_notice_per_release")
        ]


class Award(models.Model):
    """A contract awarded in a procurement (cancelled and unsuccessful awards are not kept)."""

    # Indexed by the (procurement, award_id) constraint below.
    procurement = models.ForeignKey(Procurement, on_delete=models.CASCADE, related_name="awards", db_index=False)
    award_id = models.CharField(max_length=200)
    date = models.DateField()
    status = models.CharField(max_length=30, blank=True)
    amount = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    won_by_sme = models.BooleanField(null=True, blank=True)
    won_by_vcse = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["procurement", "award_id"], name="one_award_per_id")]
        indexes = [models.Index(fields=["date"])]


class SpendUpload(models.Model):
    """A spend file a lead uploaded, kept (compressed) while the lead confirms its columns."""

    class Status(models.TextChoices):
        PENDING = "pending", "Columns to confirm"
        IMPORTED = "imported", "Imported"
        DISCARDED = "discarded", "Discarded"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="spend_uploads")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    file_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField(default=0)
    # The CSV file, gzip-compressed; emptied once the file is imported or discarded.
    content = models.BinaryField(default=b"")
    encoding = models.CharField(max_length=20, default="utf-8-sig")
    columns = models.JSONField(default=list)
    mapping = models.JSONField(default=list)
    samples = models.JSONField(default=list)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)
    evidence_import = models.ForeignKey(
        EvidenceImport, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-uploaded_at", "-pk"]


class SpendLine(models.Model):
    """What an organisation paid one supplier in one month, from one spend file."""

    class Kind(models.TextChoices):
        NAMED = "named", "Named supplier"
        REDACTED = "redacted", "Redacted recipient"
        UNNAMED = "unnamed", "No recipient given"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="spend_lines")
    evidence_import = models.ForeignKey(EvidenceImport, on_delete=models.CASCADE, related_name="spend_lines")
    month = models.DateField(help_text="The first day of the month")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.NAMED)
    supplier_key = models.CharField(max_length=200, blank=True)
    supplier_name = models.CharField(max_length=300, blank=True)
    supplier_id = models.CharField(max_length=100, blank=True)
    amount = models.DecimalField(max_digits=16, decimal_places=2)
    payments = models.PositiveIntegerField(default=0)
    credit_notes = models.PositiveIntegerField(default=0)
    vcse = models.BooleanField(null=True, blank=True)
    sme = models.BooleanField(null=True, blank=True)
    charity_number = models.CharField(max_length=20, blank=True)
    company_number = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["month", "supplier_key"]
        indexes = [
            models.Index(fields=["organisation", "month"]),
            models.Index(fields=["organisation", "supplier_key"]),
        ]


class VcseOrganisation(models.Model):
    """A voluntary, community or social enterprise the organisation funds, from its grant list."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="vcse_organisations")
    evidence_import = models.ForeignKey(EvidenceImport, on_delete=models.CASCADE, related_name="vcse_organisations")
    key = models.CharField(max_length=200)
    name = models.CharField(max_length=300)
    charity_number = models.CharField(max_length=20, blank=True)
    company_number = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["organisation", "key"])]
