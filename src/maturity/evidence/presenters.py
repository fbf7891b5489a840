"""What the evidence pages show, and the evidence beside the self-assessment on other pages.

Evidence from open data sits beside a self-assessed level with its source, its period and a link
to the figures; it never changes the level. Which indicators speak to which area comes from
data/indicator-areas.yaml.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from maturity.evidence import areas as area_mapping
from maturity.evidence import selectors, spend
from maturity.evidence.indicators import (
    DEFINITIONS,
    MINIMUM_COUNT,
    OCDS,
    SOURCES,
    SPEND,
    period_label,
    year_label,
)
from maturity.evidence.models import EvidenceImport, SpendUpload
from maturity.evidence.selectors import YearFigures
from maturity.text import date_uk

GRANTS = "grants"


def figures_url(organisation) -> str:
    return reverse("evidence:overview", kwargs={"slug": organisation.slug})


def _latest(years: list[YearFigures]) -> YearFigures | None:
    """The year to show beside an assessment: the latest whole year, else the latest there is."""
    whole = [y for y in years if y.months == 12]
    return (whole or years or [None])[0]


def period_text(year: YearFigures) -> str:
    text = period_label(year.year)
    if year.source == SPEND and year.months < 12 and year.first_month and year.last_month:
        covered = f"{year.first_month:%B %Y}" if year.months == 1 else f"{year.first_month:%B %Y} to {year.last_month:%B %Y}"
        text += f" (the data covers {year.months} of the 12 months: {covered})"
    return text


def source_text(source: str, imported: EvidenceImport | None) -> str:
    text = SOURCES[source]
    if imported is not None:
        text += f", imported on {date_uk(imported.imported_at)}"
    return text


def _item(key: str, year: YearFigures, source: str, url: str) -> dict[str, Any]:
    figure = year.figures[key]
    definition = DEFINITIONS[key]
    return {
        "key": key,
        "title": definition.title,
        "definition": definition.definition,
        "value": figure.text,
        "enough": figure.enough,
        "note": figure.note,
        "year": year_label(year.year),
        "period": period_text(year),
        "source": source,
        "url": url,
    }


class _Evidence:
    """An organisation's figures, computed once per page."""

    def __init__(self, organisation):
        self.organisation = organisation
        self.years = selectors.organisation_years(organisation)
        self.latest = {source: _latest(years) for source, years in self.years.items()}
        self.imports = selectors.latest_imports(organisation) if any(self.latest.values()) else {}
        self.url = figures_url(organisation)

    def items(self, keys) -> list[dict[str, Any]]:
        items = []
        for key in keys:
            source = DEFINITIONS[key].source
            year = self.latest.get(source)
            if year is not None and key in year.figures:
                items.append(_item(key, year, source_text(source, self.imports.get(source)), self.url))
        return items


def _indicator_keys(area) -> tuple[str, ...]:
    framework = area.framework
    extends = framework.extends.key if framework.extends_id else None
    return area_mapping.indicators_for(framework.key, area.key, extends=extends)


def area_evidence(organisation, area) -> list[dict[str, Any]]:
    """Indicators from the organisation's published data that speak to `area` (never a level)."""
    keys = _indicator_keys(area)
    if not keys:
        return []
    return _Evidence(organisation).items(keys)


def results_evidence(organisation, areas) -> dict[str, Any]:
    """Indicators per area, for the results page: {"areas": [{"area", "items"}], "url"}; empty
    when the organisation has no evidence that speaks to any of the areas."""
    areas = list(areas)
    wanted = {area.key: _indicator_keys(area) for area in areas}
    if not any(wanted.values()):
        return {}
    evidence = _Evidence(organisation)
    rows = []
    for area in areas:
        items = evidence.items(wanted[area.key])
        if items:
            rows.append({"area": area, "title": area.label, "items": items})
    if not rows:
        return {}
    return {"areas": rows, "url": evidence.url}


def report_evidence(organisation, framework_key: str = "nps") -> list[dict[str, Any]]:
    """Every indicator with data, latest year, for the PDF report and the API. Each item: key,
    title, definition, value (text), enough (False when there is too little data to give a
    figure), note, year, period, source, url, and `areas`: the keys of the areas it speaks to."""
    evidence = _Evidence(organisation)
    items = evidence.items(DEFINITIONS)
    for item in items:
        item["areas"] = area_mapping.areas_for(framework_key, item["key"])
    return items


# --- the figures page ----------------------------------------------------------------------------

def _table(year: YearFigures) -> dict[str, Any]:
    rows = []
    for key, figure in year.figures.items():
        definition = DEFINITIONS[key]
        rows.append({"title": definition.title, "definition": definition.definition, "value": figure.text,
                     "enough": figure.enough, "note": figure.note})
    return {"year": year_label(year.year), "period": period_text(year), "rows": rows, "id": f"{year.source}-{year.year}"}


def _import_row(record: EvidenceImport) -> dict[str, Any]:
    s = record.summary or {}
    if record.kind == EvidenceImport.Kind.SPEND:
        what = (f"{s.get('payments', 0):,} payments to {s.get('suppliers', 0):,} named suppliers over {s.get('months', 0)} months; "
                f"{s.get('credit_notes', 0):,} credit notes, {s.get('under_threshold', 0):,} payments under £500, "
                f"{s.get('redacted', 0):,} to redacted recipients")
        if s.get("skipped"):
            what += f"; {s['skipped']:,} rows without a date or amount skipped"
        if s.get("replaced_lines"):
            what += "; replaced the figures an earlier file gave for the same months"
    elif record.kind == EvidenceImport.Kind.GRANTS:
        what = f"{s.get('recipients', 0):,} organisations funded"
    else:
        what = f"{s.get('stored', 0):,} notices stored, {s.get('already', 0):,} already imported before"
    period = ""
    if record.first_date and record.last_date:
        period = f"{date_uk(record.first_date)} to {date_uk(record.last_date)}"
    return {"file_name": record.file_name, "kind": record.get_kind_display(), "when": date_uk(record.imported_at),
            "by": record.imported_by.full_name if record.imported_by else "", "what": what, "period": period}


def overview(access) -> dict[str, Any]:
    organisation = access.organisation
    years = selectors.organisation_years(organisation)
    imports = list(organisation.evidence_imports.select_related("imported_by")[:20])
    vcse_list = organisation.evidence_imports.filter(kind=EvidenceImport.Kind.GRANTS).first()
    return {
        "sources": [
            {"key": OCDS, "title": "Procurement notices", "source": SOURCES[OCDS],
             "tables": [_table(y) for y in years[OCDS]]},
            {"key": SPEND, "title": "Spend", "source": SOURCES[SPEND],
             "tables": [_table(y) for y in years[SPEND]]},
        ],
        "has_figures": bool(years[OCDS] or years[SPEND]),
        "imports": [_import_row(r) for r in imports],
        "vcse_list": _import_row(vcse_list) if vcse_list else None,
        "pending": organisation.spend_uploads.filter(status=SpendUpload.Status.PENDING).first(),
        "minimum": MINIMUM_COUNT,
        "urls": {
            "upload_spend": reverse("evidence:upload-spend", kwargs={"slug": organisation.slug}),
            "columns": reverse("evidence:spend-columns", kwargs={"slug": organisation.slug}),
            "upload_notices": reverse("evidence:upload-notices", kwargs={"slug": organisation.slug}),
            "upload_grants": reverse("evidence:upload-grants", kwargs={"slug": organisation.slug}),
        },
    }


def columns_page(upload: SpendUpload) -> dict[str, Any]:
    """The columns of a pending spend upload, each with its sample values."""
    samples = upload.samples or []
    columns = []
    for index, heading in enumerate(upload.columns):
        values = [row[index] for row in samples if index < len(row) and row[index].strip()]
        columns.append({"index": index, "heading": heading or f"Column {index + 1}", "samples": values[:3]})
    labels = spend.field_labels()
    recognised = [labels[key] for key in upload.mapping if key]
    missing = [f.label for f in spend.fields() if f.required and f.key not in upload.mapping]
    return {"upload": upload, "columns": columns, "recognised": recognised, "missing": missing}


def problem_list(problems: list[str]) -> list[dict[str, str]]:
    return [{"text": p} for p in problems]


def national_page(year: int | None, group_by: str) -> dict[str, Any]:
    years = selectors.national_years()
    year = year if year in years else (years[0] if years else None)
    return {
        "years": years,
        "year": year,
        "year_label": year_label(year) if year is not None else "",
        "group_by": group_by,
        "group_title": selectors.GROUPS[group_by],
        "awards": _labelled(selectors.national_awards(year=year, group_by=group_by), group_by) if year is not None else [],
        "spend": _labelled(selectors.national_spend(year=year, group_by=group_by), group_by) if year is not None else [],
        "suppress_below": selectors.SUPPRESS_BELOW,
        "minimum": MINIMUM_COUNT,
        "unmatched": selectors.unmatched_buyers().count(),
        "imports": [_import_row(r) for r in EvidenceImport.objects.filter(organisation__isnull=True)
                    .select_related("imported_by")[:20]],
    }


def _labelled(rows: list[dict], group_by: str) -> list[dict]:
    from maturity.organisations.models import Organisation

    labels = dict(Organisation.Type.choices) if group_by == "type" else {}
    for row in rows:
        row["label"] = labels.get(row["group"], row["group"]) or "Not recorded"
    return rows
