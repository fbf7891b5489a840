"""A maturity framework kept as data: sections, areas, levels and their descriptors.

Nothing about the NPS 2018 model is written in code: every name and descriptor comes from a
framework file loaded through `frameworks.loader`. Framework text fields hold "blocks" (a
string, or a list of paragraphs and bullet lists) as JSON, exactly as in the file.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Framework(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        RETIRED = "retired", _("Retired")

    key = models.SlugField(max_length=50)
    version = models.CharField(max_length=30)
    title = models.CharField(max_length=300)
    source = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    # Level names, in order: [{"number": 1, "name": "Minimum"}, ...]
    levels = models.JSONField()
    loaded_at = models.DateTimeField(auto_now=True)
    # The version this one follows (for the list of changes and the crosswalk).
    follows = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="followers")
    # A group's variant adds the group's own areas to the framework it extends (`extends`).
    group = models.ForeignKey("groups.Group", on_delete=models.CASCADE, null=True, blank=True, related_name="variants")
    extends = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="variants")
    published_at = models.DateTimeField(null=True, blank=True)
    retired_at = models.DateTimeField(null=True, blank=True)
    # Optional translations of the framework's text, by language (loader: every field or none):
    # {"cy": {"title": ..., "levels": [...], "sections": {key: {...}}, "areas": {key: {...}}}}
    translations = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "version"], name="framework_key_version")]
        ordering = ["key", "version"]

    def __str__(self) -> str:
        return f"{self.title} ({self.ref})"

    @property
    def ref(self) -> str:
        """The reference operators type: `nps@2018`."""
        return f"{self.key}@{self.version}"

    @property
    def level_names(self) -> dict[int, str]:
        return {level["number"]: level["name"] for level in self.levels}

    @property
    def level_numbers(self) -> list[int]:
        return [level["number"] for level in self.levels]


class Section(models.Model):
    class Kind(models.TextChoices):
        THEME = "theme", _("Theme")
        ENABLERS = "enablers", _("Enablers")

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="sections")
    key = models.SlugField(max_length=80)
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    description = models.JSONField(null=True, blank=True)
    position = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["framework", "key"], name="section_key_per_framework")]
        ordering = ["framework", "position"]

    def __str__(self) -> str:
        return self.title


class Area(models.Model):
    """One thing assessed: a key area of a theme, or an enabler."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="areas")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="areas")
    key = models.SlugField(max_length=80)
    title = models.CharField(max_length=300)
    short_title = models.CharField(max_length=200, blank=True)
    description = models.JSONField(null=True, blank=True)
    what_it_is = models.JSONField(null=True, blank=True)
    why_it_matters = models.JSONField(null=True, blank=True)
    # One descriptor per level, in level order: [{"number": 1, "descriptor": <blocks>}, ...]
    descriptors = models.JSONField()
    position = models.PositiveSmallIntegerField()
    # Crosswalk: keys of the areas of the earlier version (`framework.follows`) this area replaces.
    replaces = models.JSONField(default=list, blank=True)
    # Organisation types this area does not apply to (Organisation.Type values).
    not_applicable_to = models.JSONField(default=list, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["framework", "key"], name="area_key_per_framework")]
        ordering = ["framework", "position"]

    def __str__(self) -> str:
        return self.title

    @property
    def label(self) -> str:
        return self.short_title or self.title

    def descriptor(self, number: int):
        for level in self.descriptors:
            if level["number"] == number:
                return level["descriptor"]
        return None
