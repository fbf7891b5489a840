"""What the framework pages show, prepared from the models so that templates stay dumb."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext as _

from maturity.frameworks import diff
from maturity.frameworks.models import Area, Framework, Section
from maturity.words import join_words, plural_of

PUBLIC_STATUSES = (Framework.Status.PUBLISHED, Framework.Status.RETIRED)
STATUS_TAG_CLASSES = {
    Framework.Status.DRAFT: "govuk-tag--yellow",
    Framework.Status.PUBLISHED: "govuk-tag--green",
    Framework.Status.RETIRED: "govuk-tag--grey",
}


@dataclass(frozen=True)
class LevelCard:
    number: int
    name: str
    descriptor: Any


def level_cards(framework: Framework, area: Area) -> list[LevelCard]:
    names = framework.level_names
    return [LevelCard(d["number"], names[d["number"]], d["descriptor"]) for d in area.descriptors]


def _detail_url(framework: Framework) -> str:
    return reverse("frameworks:detail", kwargs={"key": framework.key, "version": framework.version})


def changes_url(framework: Framework) -> str:
    return reverse("frameworks:changes", kwargs={"key": framework.key, "version": framework.version})


def status_tag(framework: Framework) -> dict[str, str]:
    return {"text": framework.get_status_display(), "classes": STATUS_TAG_CLASSES[Framework.Status(framework.status)]}


def area_url(framework: Framework, area: Area) -> str:
    return reverse("frameworks:area", kwargs={"key": framework.key, "version": framework.version, "area_key": area.key})


def sections_with_areas(framework: Framework) -> list[tuple[Section, list[Area]]]:
    areas = list(framework.areas.order_by("position"))
    return [
        (section, [area for area in areas if area.section_id == section.pk])
        for section in framework.sections.order_by("position")
    ]


def overview(framework: Framework) -> dict[str, Any]:
    sections = sections_with_areas(framework)
    return {
        "framework": framework,
        "themes": [
            {"section": s, "areas": [{"area": a, "url": area_url(framework, a)} for a in areas]}
            for s, areas in sections
            if s.kind == Section.Kind.THEME
        ],
        "enablers": [
            {"section": s, "areas": [{"area": a, "url": area_url(framework, a)} for a in areas]}
            for s, areas in sections
            if s.kind == Section.Kind.ENABLERS
        ],
        "levels": framework.levels,
        "area_count": sum(len(areas) for _, areas in sections),
        "enabler_count": sum(len(areas) for s, areas in sections if s.kind == Section.Kind.ENABLERS),
        "export_json": reverse(
            "frameworks:export", kwargs={"key": framework.key, "version": framework.version, "fmt": "json"}
        ),
        "export_yaml": reverse(
            "frameworks:export", kwargs={"key": framework.key, "version": framework.version, "fmt": "yaml"}
        ),
        "changes_url": changes_url(framework) if framework.follows_id else None,
        "follows": framework.follows,
        "other_versions": [
            {"framework": other, "url": _detail_url(other)}
            for other in Framework.objects.filter(key=framework.key, group__isnull=True, status__in=PUBLIC_STATUSES)
            .exclude(pk=framework.pk)
            .order_by("-version")
        ],
    }


def area_page(framework: Framework, area: Area) -> dict[str, Any]:
    areas = list(framework.areas.order_by("position"))
    index = next(i for i, a in enumerate(areas) if a.pk == area.pk)
    previous_area = areas[index - 1] if index > 0 else None
    next_area = areas[index + 1] if index + 1 < len(areas) else None
    return {
        "framework": framework,
        "area": area,
        "section": area.section,
        "levels": level_cards(framework, area),
        "overview_url": reverse("frameworks:detail", kwargs={"key": framework.key, "version": framework.version}),
        "previous": {"title": previous_area.label, "url": area_url(framework, previous_area)}
        if previous_area
        else None,
        "next": {"title": next_area.label, "url": area_url(framework, next_area)} if next_area else None,
    }


# --- Versions: the preview of a whole version and the changes between two ------------------------


def full_text(framework: Framework) -> list[dict[str, Any]]:
    """Every section, area and descriptor of a version, as its pages will show them."""
    return [
        {
            "section": section,
            "areas": [
                {
                    "area": area,
                    "levels": level_cards(framework, area),
                    "not_applicable_to": [_type_label(kind) for kind in area.not_applicable_to],
                    "replaces": list(area.replaces),
                }
                for area in areas
            ],
        }
        for section, areas in sections_with_areas(framework)
    ]


def _type_label(kind: str) -> str:
    from maturity.organisations.models import Organisation

    return dict(Organisation.Type.choices).get(kind, kind)


def changes_page(changes: diff.FrameworkChanges) -> dict[str, Any]:
    """The changes between two versions, for the changes page and the draft's preview."""
    return {
        "changes": changes,
        "old_version": changes.old_version,
        "new_version": changes.new_version,
        "is_empty": changes.is_empty,
        "count": len(changes.added)
        + len(changes.removed)
        + len(changes.renamed)
        + len(changes.replaced)
        + len(changes.changed)
        + len(changes.applicability),
        "applicability": [{"title": c.title, "text": applicability_text(c)} for c in changes.applicability],
    }


def applicability_text(change: diff.ApplicabilityChanged) -> str:
    """'no longer applies to district councils; applies again to combined authorities'."""
    labels = type_labels()
    parts = []
    if change.now_excluded:
        parts.append(
            _("no longer applies to %(types)s") % {"types": join_words([labels.get(k, k) for k in change.now_excluded])}
        )
    if change.now_included:
        parts.append(
            _("applies again to %(types)s") % {"types": join_words([labels.get(k, k) for k in change.now_included])}
        )
    return "; ".join(parts)


def type_labels() -> dict[str, str]:
    """Organisation types as words in a sentence: 'district councils', 'London boroughs'."""
    from maturity.organisations.models import Organisation

    def in_sentence(kind: str, label: str) -> str:
        if not translation.get_language().startswith("en"):
            return str(Organisation.TYPE_NAMES.get(kind, label))  # the type's name as the catalogue gives it
        words = str(label)
        return plural_of(words if words.startswith("London") else words[0].lower() + words[1:])

    return {kind: in_sentence(kind, label) for kind, label in Organisation.Type.choices}


def version_rows(frameworks: list[Framework]) -> list[dict[str, Any]]:
    rows = []
    for framework in frameworks:
        url = reverse("frameworks:preview", kwargs={"key": framework.key, "version": framework.version})
        if framework.group_id is not None:
            url = reverse("groups:variant", kwargs={"group_slug": framework.group.slug})
        rows.append(
            {
                "framework": framework,
                "tag": status_tag(framework),
                "url": url,
                "link": format_html('<a class="govuk-link" href="{}">{}</a>', url, framework.ref),
                "public_url": _detail_url(framework) if framework.status in PUBLIC_STATUSES else None,
            }
        )
    return rows


def preview(framework: Framework, changes: diff.FrameworkChanges | None, problems: list[str]) -> dict[str, Any]:
    kwargs = {"key": framework.key, "version": framework.version}
    return {
        "framework": framework,
        "tag": status_tag(framework),
        "sections": full_text(framework),
        "area_count": framework.areas.count(),
        "changes": changes_page(changes) if changes is not None else None,
        "problems": problems,
        "publish_url": reverse("frameworks:publish", kwargs=kwargs),
        "retire_url": reverse("frameworks:retire", kwargs=kwargs),
        "delete_url": reverse("frameworks:delete", kwargs=kwargs),
        "public_url": _detail_url(framework) if framework.status in PUBLIC_STATUSES else None,
        "export_yaml": reverse("frameworks:export", kwargs={**kwargs, "fmt": "yaml"})
        if framework.status in PUBLIC_STATUSES
        else None,
    }
